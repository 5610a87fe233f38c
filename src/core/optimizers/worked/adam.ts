// Worked steps of the Adam family: Adam, AdamW, Adamax, NAdam and RAdam, the lines of
// src/core/optimizers/{adam,adamax,nadam,radam}.ts with the numbers written out.

import { fma } from '../../pymath';
import { firstMoment, secondMoment } from '../schema';
import {
  Sheet,
  flag,
  param,
  slot,
  texArg,
  texNum,
  type WorkedInput,
  type WorkedTemplate,
} from './types';

/** m_t = β₁m + (1 − β₁)g (exp_avg). */
function firstMomentLine(s: Sheet, input: WorkedInput, g: number): number {
  const b1 = param(input, 'beta1');
  const m0 = slot(input, 'exp_avg');
  return s.line(
    'm_t',
    '\\beta_1 m_{t-1} + (1-\\beta_1)\\,g_t',
    `${texArg(b1)}\\cdot${texArg(m0)} + ${texArg(1 - b1)}\\cdot${texArg(g)}`,
    firstMoment(m0, g, b1, 1 - b1),
    { torch: 'exp_avg' },
  );
}

/** v_t = β₂v + (1 − β₂)g² (exp_avg_sq). */
function secondMomentLine(s: Sheet, input: WorkedInput, g: number): number {
  const b2 = param(input, 'beta2');
  const v0 = slot(input, 'exp_avg_sq');
  return s.line(
    'v_t',
    '\\beta_2 v_{t-1} + (1-\\beta_2)\\,g_t^2',
    `${texArg(b2)}\\cdot${texArg(v0)} + ${texArg(1 - b2)}\\cdot${texArg(g)}^2`,
    secondMoment(v0, g, b2, 1 - b2),
    { torch: 'exp_avg_sq' },
  );
}

/** 1 − βᵗ, the bias correction; `value` is the engine's step scalar. */
function biasLine(s: Sheet, input: WorkedInput, which: 1 | 2, value: number): number {
  const beta = param(input, which === 1 ? 'beta1' : 'beta2');
  return s.line(
    `1-\\beta_${which}^{\\,t}`,
    '',
    `1 - ${texArg(beta)}^{${input.t}}`,
    value,
    which === 1 ? { note: 'worked.note.biasCorrection' } : undefined,
  );
}

function adamLike(decoupled: boolean): WorkedTemplate {
  return (input) => {
    const s = new Sheet();
    const lr = input.lr;
    const wd = param(input, 'weight_decay');
    let x = input.x;
    let g = input.g;
    if (decoupled) {
      if (wd !== 0)
        x = s.line(
          "\\theta'",
          '\\theta_{t-1}(1-\\eta\\lambda)',
          `${texArg(input.x)}\\cdot(1 - ${texArg(lr)}\\cdot${texArg(wd)})`,
          input.x * (1 - lr * wd),
          { note: 'worked.note.decoupled' },
        );
    } else {
      g = s.weightDecay(input);
    }
    const m = firstMomentLine(s, input, g);
    const v = secondMomentLine(s, input, g);
    let vUsed = v;
    let vName = 'v_t';
    if (flag(input, 'amsgrad')) {
      const vm0 = slot(input, 'max_exp_avg_sq');
      vUsed = s.line(
        'v^{\\max}_t',
        '\\max(v^{\\max}_{t-1}, v_t)',
        `\\max(${texNum(vm0)}, ${texNum(v)})`,
        Math.max(vm0, v),
        { torch: 'max_exp_avg_sq', note: 'worked.note.amsgrad' },
      );
      vName = 'v^{\\max}_t';
    }
    const bc1 = biasLine(s, input, 1, input.scalars[0] ?? 1);
    const sqrtBc2 = input.scalars[1] ?? 1;
    const bc2 = biasLine(s, input, 2, sqrtBc2 * sqrtBc2);
    const mHat = s.line(
      '\\hat m_t',
      'm_t / (1-\\beta_1^{\\,t})',
      `${texArg(m)} / ${texArg(bc1)}`,
      m / bc1,
    );
    s.line(
      '\\hat v_t',
      `${vName} / (1-\\beta_2^{\\,t})`,
      `${texArg(vUsed)} / ${texArg(bc2)}`,
      vUsed / bc2,
    );
    const eps = param(input, 'eps');
    const denom = s.line(
      '\\sqrt{\\hat v_t}+\\epsilon',
      '',
      `\\sqrt{${texNum(vUsed / bc2)}} + ${texArg(eps)}`,
      Math.sqrt(vUsed) / sqrtBc2 + eps,
    );
    const next = x + (-(lr / bc1) * m) / denom;
    if (decoupled && wd !== 0) {
      const step = s.line(
        '\\Delta_{\\text{Adam}}',
        '-\\eta\\,\\hat m_t / (\\sqrt{\\hat v_t}+\\epsilon)',
        `-${texArg(lr)}\\cdot${texArg(mHat)} / ${texArg(denom)}`,
        next - x,
      );
      return s.finish(
        input,
        "\\theta' - \\theta_{t-1} + \\Delta_{\\text{Adam}}",
        `${texArg(x - input.x)} + ${texArg(step)}`,
        next,
      );
    }
    return s.finish(
      input,
      '-\\eta\\,\\hat m_t / (\\sqrt{\\hat v_t}+\\epsilon)',
      `-${texArg(lr)}\\cdot${texArg(mHat)} / ${texArg(denom)}`,
      next,
    );
  };
}

export const adamWorked = adamLike(false);
export const adamwWorked = adamLike(true);

export const adamaxWorked: WorkedTemplate = (input) => {
  const s = new Sheet();
  const g = s.weightDecay(input);
  const m = firstMomentLine(s, input, g);
  const b2 = param(input, 'beta2');
  const eps = param(input, 'eps');
  const u0 = slot(input, 'exp_inf');
  const u = s.line(
    'u_t',
    '\\max(\\beta_2 u_{t-1},\\ |g_t| + \\epsilon)',
    `\\max(${texArg(b2)}\\cdot${texArg(u0)},\\ ${texNum(Math.abs(g))} + ${texArg(eps)})`,
    Math.max(u0 * b2, Math.abs(g) + eps),
    { torch: 'exp_inf' },
  );
  const bc1 = biasLine(s, input, 1, input.scalars[0] ?? 1);
  return s.finish(
    input,
    '-\\frac{\\eta}{1-\\beta_1^{\\,t}}\\,m_t / u_t',
    `-\\frac{${texNum(input.lr)}}{${texNum(bc1)}}\\cdot${texArg(m)} / ${texArg(u)}`,
    input.x + (-(input.lr / bc1) * m) / u,
  );
};

export const nadamWorked: WorkedTemplate = (input) => {
  const s = new Sheet();
  const g = s.weightDecay(input);
  const b1 = param(input, 'beta1');
  const psi = param(input, 'momentum_decay');
  const t = input.t;
  const m = firstMomentLine(s, input, g);
  const v = secondMomentLine(s, input, g);
  const mu = s.line(
    '\\mu_t',
    '\\beta_1\\left(1 - \\tfrac12\\,0.96^{\\,t\\psi}\\right)',
    `${texArg(b1)}\\left(1 - \\tfrac12\\,0.96^{${t}\\cdot${texArg(psi)}}\\right)`,
    b1 * (1 - 0.5 * Math.pow(0.96, t * psi)),
  );
  const muNext = s.line(
    '\\mu_{t+1}',
    '\\beta_1\\left(1 - \\tfrac12\\,0.96^{\\,(t+1)\\psi}\\right)',
    `${texArg(b1)}\\left(1 - \\tfrac12\\,0.96^{${t + 1}\\cdot${texArg(psi)}}\\right)`,
    b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi)),
  );
  // The engine's coefficients use PyTorch's float32 running product Π_t = μ₁⋯μ_t (mu_product).
  const cg = s.line(
    'c^{g}_t',
    '(1-\\mu_t) / (1-\\Pi_t)',
    `(1 - ${texArg(mu)}) / (1 - \\Pi_{${t}})`,
    input.scalars[0] ?? 0,
    { note: 'worked.note.muProduct' },
  );
  const cm = s.line(
    'c^{m}_t',
    '\\mu_{t+1} / (1-\\Pi_t\\,\\mu_{t+1})',
    `${texArg(muNext)} / (1 - \\Pi_{${t}}\\cdot${texArg(muNext)})`,
    input.scalars[1] ?? 0,
  );
  const bc2 = biasLine(s, input, 2, input.scalars[2] ?? 1);
  const eps = param(input, 'eps');
  const denom = s.line(
    'd_t',
    '\\sqrt{v_t / (1-\\beta_2^{\\,t})} + \\epsilon',
    `\\sqrt{${texNum(v)} / ${texArg(bc2)}} + ${texArg(eps)}`,
    Math.sqrt(v / bc2) + eps,
  );
  const lr = input.lr;
  const afterGrad = input.x + (-lr * cg * g) / denom;
  return s.finish(
    input,
    '-\\eta\\,c^{g}_t\\,g_t / d_t - \\eta\\,c^{m}_t\\,m_t / d_t',
    `-${texArg(lr)}\\cdot${texArg(cg)}\\cdot${texArg(g)} / ${texArg(denom)} - ${texArg(lr)}\\cdot${texArg(cm)}\\cdot${texArg(m)} / ${texArg(denom)}`,
    afterGrad + (-lr * cm * m) / denom,
  );
};

export const radamWorked: WorkedTemplate = (input) => {
  const s = new Sheet();
  const g = s.weightDecay(input);
  const b2 = param(input, 'beta2');
  const t = input.t;
  const m = firstMomentLine(s, input, g);
  const v = secondMomentLine(s, input, g);
  const bc1 = biasLine(s, input, 1, input.scalars[0] ?? 1);
  const mHat = s.line(
    '\\hat m_t',
    'm_t / (1-\\beta_1^{\\,t})',
    `${texArg(m)} / ${texArg(bc1)}`,
    m / bc1,
  );
  const rhoInf = s.line(
    '\\rho_\\infty',
    '2/(1-\\beta_2) - 1',
    `2/(1 - ${texArg(b2)}) - 1`,
    2 / (1 - b2) - 1,
  );
  const pow2 = Math.pow(b2, t);
  const rhoT = s.line(
    '\\rho_t',
    '\\rho_\\infty - 2t\\,\\beta_2^{\\,t}/(1-\\beta_2^{\\,t})',
    `${texNum(rhoInf)} - 2\\cdot${t}\\cdot${texArg(pow2)}/(1 - ${texArg(pow2)})`,
    rhoInf - (2 * t * pow2) / (1 - pow2),
    { note: rhoT5(input) ? 'worked.note.rectified' : 'worked.note.unrectified' },
  );
  const lr = input.lr;
  const r = input.scalars[1] ?? 0;
  if (r > 0) {
    const rr = s.line(
      'r_t',
      '\\sqrt{\\frac{(\\rho_t-4)(\\rho_t-2)\\rho_\\infty}{(\\rho_\\infty-4)(\\rho_\\infty-2)\\rho_t}}',
      `\\sqrt{\\frac{(${texNum(rhoT)}-4)(${texNum(rhoT)}-2)\\cdot${texNum(rhoInf)}}{(${texNum(rhoInf)}-4)(${texNum(rhoInf)}-2)\\cdot${texNum(rhoT)}}}`,
      r,
    );
    const sqrtBc2 = input.scalars[2] ?? 1;
    const eps = param(input, 'eps');
    const adaptive = s.line(
      'l_t',
      '\\sqrt{1-\\beta_2^{\\,t}} / (\\sqrt{v_t}+\\epsilon)',
      `${texNum(sqrtBc2)} / (\\sqrt{${texNum(v)}} + ${texArg(eps)})`,
      (1 / (Math.sqrt(v) + eps)) * sqrtBc2,
    );
    return s.finish(
      input,
      '-\\eta\\,\\hat m_t\\,l_t\\,r_t',
      `-${texArg(lr)}\\cdot${texArg(mHat)}\\cdot${texArg(adaptive)}\\cdot${texArg(rr)}`,
      fma(-1, mHat * lr * adaptive * r, input.x),
    );
  }
  return s.finish(
    input,
    '-\\eta\\,\\hat m_t',
    `-${texArg(lr)}\\cdot${texArg(mHat)}`,
    fma(-1, mHat * lr, input.x),
  );
};

/** Whether RAdam takes its adaptive (rectified) step: the engine's r is 0 while ρ_t ≤ 5. */
function rhoT5(input: WorkedInput): boolean {
  return (input.scalars[1] ?? 0) > 0;
}
