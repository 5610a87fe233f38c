// English and 中文: a link with lang=zh opens in Chinese (toolbar, lanes, Explain), a hash
// change and the toolbar switch back to English, and the link carries the choice. The Explain
// panel's worked example is typeset by KaTeX with the step's numbers, and the Learn panel opens
// and its button loads the setup it describes. And nothing is left in English: every view in
// Chinese, read word by word (tests/e2e/untranslated.ts says what may stay in English and why).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_MODES } from '../../src/core/config';
import { startApp, type App, type AppPage, type OpenOptions } from './harness';
import { untranslatedWords } from './untranslated';

let app: App;
const POLL_MS = 60_000;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const hashOf = (p: AppPage) => p.page.evaluate(() => window.location.hash);
const config = (p: AppPage) =>
  p.page.evaluate(() => {
    const hook = (window as unknown as { __descentLab: { getState(): { config: unknown } } })
      .__descentLab;
    return hook.getState().config as {
      lang: string;
      surface: { id: string };
      lanes: { optimizer: { id: string; params: Record<string, unknown> } }[];
    };
  });

describe('languages', () => {
  it('opens a lang=zh link in Chinese and switches back through the link and the toolbar', async () => {
    const p = await app.open('#steps=50&step=10&lang=zh');
    const page = p.page;
    // Toolbar, lanes and Explain in Chinese.
    await expect
      .poll(() => page.getByRole('button', { name: '复制链接' }).count(), { timeout: POLL_MS })
      .toBe(1);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const lanes = page.getByRole('region', { name: '对比通道' });
    await expect.poll(() => lanes.getByRole('button', { name: '删除 Adam' }).count()).toBe(1);
    const explain = page.getByRole('region', { name: '讲解这一步' });
    await expect
      .poll(() => explain.locator('h2').innerText(), { timeout: POLL_MS })
      .toBe('讲解第 11 步');
    await expect.poll(() => explain.innerText(), { timeout: POLL_MS }).toContain('全文统一编号');
    await p.screenshot('i18n-zh-page');

    // Back to English through the link (a hash change).
    await page.evaluate(() => {
      window.location.hash = window.location.hash.replace('lang=zh', 'lang=en');
    });
    await expect
      .poll(() => page.getByRole('button', { name: 'Copy link' }).count(), { timeout: POLL_MS })
      .toBe(1);
    expect(await page.getByRole('region', { name: 'Explain this step' }).count()).toBe(1);
    expect((await config(p)).lang).toBe('en');

    // To Chinese through the toolbar: the link carries lang=zh.
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('button', { name: '复制链接' }).count()).toBe(1);
    await expect.poll(() => hashOf(p), { timeout: POLL_MS }).toMatch(/(^#|&)lang=zh(&|$)/);
    // The Learn panel in Chinese: headings and prose from the zh texts.
    await page.getByRole('button', { name: '学习' }).click();
    const learn = page.getByRole('complementary', { name: '学习' });
    await expect.poll(() => learn.innerText(), { timeout: POLL_MS }).toContain('核心思想');
    await expect
      .poll(() => learn.locator('.katex').count(), { timeout: POLL_MS })
      .toBeGreaterThan(0);
    await p.screenshot('learn-panel-zh');
    await learn.getByRole('button', { name: '关闭' }).click();

    // And back to English through the toolbar: lang leaves the link.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Copy link' }).count()).toBe(1);
    await expect.poll(() => hashOf(p), { timeout: POLL_MS }).not.toContain('lang=');
    p.assertClean();
  });

  it('explains a bad lang value and stays in English', async () => {
    const p = await app.open('#lang=klingon');
    await expect
      .poll(() => p.page.getByTestId('message').first().innerText(), { timeout: POLL_MS })
      .toContain('lang: must be one of en, zh, got "klingon"; using English');
    expect(await p.page.getByRole('button', { name: 'Copy link' }).count()).toBe(1);
    p.assertClean();
  });
});

describe('worked example and Learn', () => {
  it('typesets the Adam step with its numbers in KaTeX, opening on the first adaptive lane', async () => {
    const p = await app.open('#steps=50&step=3');
    const explain = p.page.getByRole('region', { name: 'Explain this step' });
    const worked = explain.getByTestId('worked-example');
    // Default lanes: SGD, Momentum, RMSprop, Adam; the first adaptive one is RMSprop.
    await expect
      .poll(() => explain.getByRole('combobox', { name: 'Lane to explain' }).inputValue(), {
        timeout: POLL_MS,
      })
      .toBe('l3');
    await explain.getByRole('combobox', { name: 'Lane to explain' }).selectOption('l4');
    await expect
      .poll(() => worked.locator('.katex').count(), { timeout: POLL_MS })
      .toBeGreaterThan(8);
    const text = await worked.innerText();
    // Math names beside PyTorch's, the bias corrections of step t = 4 and the numbers.
    for (const s of ['exp_avg', 'exp_avg_sq', 'state["step"]', 'bias correction'])
      expect(text).toContain(s);
    const tex = await worked.locator('annotation[encoding="application/x-tex"]').allTextContents();
    expect(tex.some((t) => t.includes('1 - 0.9^{4}'))).toBe(true);
    expect(tex.some((t) => t.startsWith('\\Delta\\theta = -\\eta\\,\\hat m_t'))).toBe(true);
    expect(tex.some((t) => /\\hat m_t = m_t .* = -?\d/.test(t))).toBe(true);
    // The KaTeX stylesheet and fonts come from the page's own origin.
    expect(p.offOrigin).toEqual([]);
    await p.screenshot('explain-worked-example', explain);
    p.assertClean();
  });

  it('opens the Learn panel, and its button loads the setup it describes', async () => {
    const p = await app.open('#steps=50');
    await p.page.getByRole('button', { name: 'Learn' }).click();
    const learn = p.page.getByRole('complementary', { name: 'Learn' });
    await expect
      .poll(() => learn.locator('.katex').count(), { timeout: POLL_MS })
      .toBeGreaterThan(0);
    await learn.getByRole('combobox', { name: 'Topic' }).selectOption('adamw');
    await expect.poll(() => learn.innerText()).toContain('decouples weight decay');
    await learn.getByRole('button', { name: 'Show AdamW on the map' }).click();
    await expect
      .poll(async () => (await config(p)).lanes.map((l) => l.optimizer.id).join(','), {
        timeout: POLL_MS,
      })
      .toBe('adam,adamw');
    await p.screenshot('learn-panel');
    // The schedule topics load a run with that schedule.
    await learn.getByRole('combobox', { name: 'Topic' }).selectOption('cosine_annealing_lr');
    await learn.getByRole('button', { name: 'Show CosineAnnealingLR on the map' }).click();
    await expect
      .poll(async () => (await config(p)).surface.id, { timeout: POLL_MS })
      .toBe('quadratic');
    p.assertClean();
  });
});

describe('nothing left in English', () => {
  type Page = AppPage['page'];
  const selectIn = (label: string, value: string) => async (page: Page) => {
    await page.getByRole('combobox', { name: label, exact: true }).selectOption(value);
  };
  // Every view of the registry (the link's view modes), the first-visit hint and the embed,
  // then states with more text: presets that diverge and schedule, the typed surface, the
  // Learn panel and a finished training run. Every <details> is opened before reading.
  // The link's message is shown, in Chinese.
  const expectLinkMessage = async (page: Page) => {
    await expect
      .poll(() => page.getByTestId('message').first().innerText(), { timeout: POLL_MS })
      .toContain('此链接有问题');
  };
  const pages: {
    name: string;
    hash: string;
    options?: OpenOptions;
    act?: (page: Page) => Promise<void>;
  }[] = [
    ...VIEW_MODES.map((mode) => ({ name: `${mode} view`, hash: `#mode=${mode}&steps=60&lang=zh` })),
    { name: 'first visit', hash: '#steps=60&lang=zh', options: { firstVisit: true } },
    { name: 'embed', hash: '#steps=60&embed=1&lang=zh' },
    { name: 'clipping preset', hash: '#lang=zh', act: selectIn('预设', 'clip-cliff') },
    { name: 'step-decay preset', hash: '#lang=zh', act: selectIn('预设', 'momentum-step-decay') },
    { name: 'typed surface', hash: '#lang=zh', act: selectIn('损失曲面', 'custom') },
    // Core's messages: a link with several problems (the values typed in it are kept short, so
    // that only the app's own words are read), a typed formula that does not parse, and a page
    // without WebGPU (the fallback's reason).
    {
      name: 'bad link',
      hash:
        '#lang=zh&surface=s9&sp=1&sp=2&lanes=' +
        encodeURIComponent(
          '[{"optimizer":{"name":"adam","lr":99}},{"q9":1,"optimizer":{"name":"sgd"}}]',
        ),
      act: expectLinkMessage,
    },
    {
      name: 'bad formula link',
      hash: `#lang=zh&surface=custom&f=${encodeURIComponent('x+*y')}`,
      act: expectLinkMessage,
    },
    {
      name: 'no WebGPU',
      hash: '#steps=60&lang=zh',
      options: { withoutWebGpu: true },
      act: async (page) => {
        await expect
          .poll(() => page.getByTestId('cpu-fallback').count(), { timeout: POLL_MS })
          .toBe(1);
      },
    },
    {
      name: 'Learn panel',
      hash: '#steps=60&lang=zh',
      act: (page) => page.getByRole('button', { name: '学习' }).click(),
    },
    {
      name: 'finished training',
      hash: '#mode=train&task=line_fit&autostart=1&epochs=3&lang=zh',
      act: async (page) => {
        const status = page.locator('.train-lane-status');
        await expect
          .poll(
            async () =>
              (await status.count()) > 0 &&
              (await status.count()) === (await page.locator('.train-lane-status.done').count()),
            { timeout: POLL_MS },
          )
          .toBe(true);
      },
    },
  ];
  for (const { name, hash, options, act } of pages)
    it(`shows no untranslated word in Chinese: ${name}`, async () => {
      const p = await app.open(hash, options);
      const page = p.page;
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await act?.(page);
      // The lazy parts have loaded (no fallback left) and the work has settled.
      await expect
        .poll(() => page.locator('.view-loading, .charts-loading').count(), { timeout: POLL_MS })
        .toBe(0);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1500);
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
      if (name === 'bad link' || name === 'no WebGPU')
        await p.screenshot(`i18n-zh-${name.replace(/ /g, '-')}`);
      if (name === 'single view' || name === 'finished training')
        await p.screenshot(`i18n-zh-${name === 'single view' ? 'surface' : 'train'}-view`);
      const words = await untranslatedWords(page);
      expect(words.map((w) => `${w.word} (${w.where})`)).toEqual([]);
      p.assertClean();
    });
});
