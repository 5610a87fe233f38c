// What a page in Chinese still shows in English: every visible text node and every
// aria-label, title, placeholder and alt, cut into words; a word with a run of 3+ ASCII
// letters that is not on the allowlist below counts as untranslated. Math typeset by KaTeX
// and code shown as code (<code>, <pre>) are skipped: they are formulas and programs, not
// prose; so is what the page marks as not to be translated (translate="no": the GPU adapter's
// name as the browser reports it) or as English on purpose (lang="en": the "English" button).
import type { Page } from 'playwright-core';
import { FN_NAMES } from '../../src/core/expr/types';

/**
 * Words that stay as they are in a Chinese interface, each for a reason.
 */
export const KEEP_IN_ENGLISH: readonly string[] = [
  // A key on the keyboard.
  'Shift',
  // The app's name.
  'Descent',
  'Lab',
  // Optimizer names (the registry's labels), and the default lane names built from them.
  'SGD',
  'Momentum',
  'AdaDelta',
  'Nesterov',
  'Adagrad',
  'AdaGrad',
  'RMSprop',
  'Adadelta',
  'Adam',
  'AdamW',
  'Adamax',
  'NAdam',
  'RAdam',
  'AMSGrad',
  // PyTorch's scheduler classes and parameter/function names, as a PyTorch user types them.
  'StepLR',
  'MultiStepLR',
  'ExponentialLR',
  'CosineAnnealingLR',
  'CosineAnnealingWarmRestarts',
  'LinearLR',
  'PolynomialLR',
  'OneCycleLR',
  'ReduceLROnPlateau',
  // PyTorch parameter names and state names, shown as a PyTorch user types them (the lane
  // summaries, the sweep's axis choices, the worked example's state table), and the link's
  // parameter keys (sx=beta1).
  'lr',
  'betas',
  'beta1',
  'beta2',
  'eps',
  'weight_decay',
  'momentum',
  'dampening',
  'nesterov',
  'amsgrad',
  'centered',
  'alpha',
  'rho',
  'square_avg',
  'momentum_buffer',
  'step_size',
  'total_iters',
  'start_factor',
  'end_factor',
  'max_lr',
  'div_factor',
  'final_div_factor',
  'buf',
  'acc_delta',
  // Activation names as Keras and PyTorch spell them.
  'relu',
  'tanh',
  'sigmoid',
  'lr_decay',
  'initial_accumulator_value',
  'momentum_decay',
  'max_norm',
  'max_value',
  'clip_grad_norm_',
  'clip_grad_value_',
  'exp_avg',
  'exp_avg_sq',
  'mu_product',
  // Frameworks, formats and technologies, which Chinese writing names in English.
  'PyTorch',
  'Keras',
  'optax',
  'WebGPU',
  'WGSL',
  'float32',
  'float64',
  'GPU',
  'CPU',
  'CSV',
  'PNG',
  'JSON',
  'WebM',
  'MNIST',
  'MLP',
  'CNN',
  'ReLU',
  'Softmax',
  // Test functions named after people (Chinese texts keep the Latin names).
  'Rosenbrock',
  'Beale',
  'Himmelblau',
  'Booth',
  'Matyas',
  'Goldstein',
  'Price',
  'Rastrigin',
  'Ackley',
  'Styblinski',
  'Tang',
  // The typed surface's function names, as the formula must spell them.
  ...FN_NAMES,
  // Browsers, named as their makers name them (the advice when there is no WebGPU).
  'Chrome',
  'Edge',
  // Numbers that are not finite, as JavaScript prints them.
  'NaN',
  'Infinity',
];

export interface Untranslated {
  readonly word: string;
  readonly where: string;
}

/** The untranslated words the page shows now, each with the text it sits in. */
export async function untranslatedWords(page: Page): Promise<Untranslated[]> {
  const texts = await page.evaluate(() => {
    const skip = (el: Element | null): boolean =>
      !!el?.closest('.katex, code, pre, script, style, noscript, [translate="no"], [lang="en"]');
    const shown = (el: Element): boolean =>
      el.closest('option') !== null
        ? (el.closest('select')?.checkVisibility() ?? false)
        : el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
    const out: { text: string; where: string }[] = [];
    const describe = (el: Element) =>
      el.tagName.toLowerCase() +
      (el.id ? `#${el.id}` : '') +
      (el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : '');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!el || !text || skip(el) || !shown(el)) continue;
      out.push({ text, where: describe(el) });
    }
    for (const el of document.querySelectorAll(
      '[aria-label], [title], [placeholder], [alt], [aria-valuetext], [aria-roledescription]',
    )) {
      if (skip(el)) continue;
      for (const a of [
        'aria-label',
        'title',
        'placeholder',
        'alt',
        'aria-valuetext',
        'aria-roledescription',
      ]) {
        const v = el.getAttribute(a);
        if (v) out.push({ text: v, where: `${describe(el)}[${a}]` });
      }
    }
    return out;
  });
  const keep = new Set(KEEP_IN_ENGLISH);
  const found = new Map<string, Untranslated>();
  for (const { text, where } of texts)
    for (const m of text.matchAll(/[\p{Script=Greek}A-Za-z_][\p{Script=Greek}A-Za-z0-9_]*/gu)) {
      const word = m[0];
      // A Greek letter makes it a math symbol (λ_max, θ_t).
      if (!/[A-Za-z]{3,}/.test(word) || keep.has(word) || /\p{Script=Greek}/u.test(word)) continue;
      const key = `${word} @ ${where}`;
      if (!found.has(key)) found.set(key, { word, where: `${where}: "${text.slice(0, 80)}"` });
    }
  return [...found.values()];
}
