// Adam and AdamW (torch.optim.Adam / AdamW, PyTorch 1.13), element-wise. They share every line
// but where weight decay acts: Adam adds λ·x to the gradient (L2), AdamW shrinks x by
// (1 − η·λ) before the step (decoupled). WGSL: shaders/optimizers/adam.wgsl (`adamStep`,
// `adamwStep`).

import type { EffectiveStep, ElementUpdate, OptimizerDef, StepInputs } from '../types';
import { bool, num } from '../params';
import type { ParamValues } from '../params';
import {
  betaConstants,
  betaParams,
  biasCorrections,
  boolParam,
  constantsOf,
  epsParam,
  lrParam,
  weightDecayParam,
  updateMoments,
  withWeightDecay,
} from './schema';
import adamWgsl from '../../../shaders/optimizers/adam.wgsl?raw';

/** √v̂ + ε = √v/√(1 − β₂ᵗ) + ε, with v the (AMSGrad: largest) second moment in `state`. */
function adamDenominator(
  state: Float64Array,
  at: number,
  stride: number,
  step: StepInputs,
  c: Float64Array,
): number {
  const vUsed = state[at + (c[6] !== 0 ? 2 : 1) * stride] as number;
  return Math.sqrt(vUsed) / step.s1 + (c[4] as number);
}

/** η/(√v̂ + ε): the step along m̂ = m/(1 − β₁ᵗ). */
const adamEffectiveStep: EffectiveStep = (_before, after, at, stride, step, c) =>
  step.lr / adamDenominator(after, at, stride, step, c);

/**
 * The Adam update after weight decay. s0 = 1 − β₁ᵗ, s1 = √(1 − β₂ᵗ);
 * c = (β₁, 1 − β₁, β₂, 1 − β₂, eps, weight_decay, amsgrad ? 1 : 0);
 * slots: 0 = exp_avg, 1 = exp_avg_sq, 2 = max_exp_avg_sq.
 */
const adamMoments: ElementUpdate = (x, d, state, at, stride, step, c) => {
  updateMoments(state, at, stride, d, c);
  const m = state[at] as number;
  if (c[6] !== 0) {
    state[at + 2 * stride] = Math.max(
      state[at + 2 * stride] as number,
      state[at + stride] as number,
    );
  }
  const stepSize = step.lr / step.s0;
  const denom = adamDenominator(state, at, stride, step, c);
  return x + (-stepSize * m) / denom;
};

export const adamStep: ElementUpdate = (x, g, state, at, stride, step, c) => {
  return adamMoments(x, withWeightDecay(g, x, c[5] as number), state, at, stride, step, c);
};

export const adamwStep: ElementUpdate = (x, g, state, at, stride, step, c) => {
  // param.mul_(1 - lr * weight_decay) before the Adam update.
  const decayed = x * (1 - step.lr * (c[5] as number));
  return adamMoments(decayed, g, state, at, stride, step, c);
};

function adamConstants(params: ParamValues): Float64Array {
  return constantsOf([
    ...betaConstants(params),
    num(params, 'eps'),
    num(params, 'weight_decay'),
    bool(params, 'amsgrad') ? 1 : 0,
  ]);
}

/** max_exp_avg_sq exists in PyTorch's state only with amsgrad. */
const adamStateKept = (params: ParamValues): readonly string[] =>
  bool(params, 'amsgrad') ? ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'] : ['exp_avg', 'exp_avg_sq'];

const adamFormula = (decoupled: boolean): string[] => [
  decoupled ? 'x ← x·(1 − η·λ)' : 'g ← g + λ·x',
  'm ← β₁·m + (1 − β₁)·g',
  'v ← β₂·v + (1 − β₂)·g²   (amsgrad: v̂ ← max(v̂, v))',
  'x ← x − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)',
];

const amsgradParam = boolParam(
  'amsgrad',
  'AMSGrad',
  'Divide by the largest second moment seen so far.',
);

export const adam: OptimizerDef = {
  id: 'adam',
  label: 'Adam',
  torchClass: 'Adam',
  params: [
    lrParam(0.001),
    ...betaParams(),
    epsParam(1e-8),
    weightDecayParam(0, false),
    amsgradParam,
  ],
  stateSlots: 3,
  stateNames: ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'],
  stateKept: adamStateKept,
  formula: adamFormula(false),
  stepScalars: biasCorrections,
  constants: adamConstants,
  update: adamStep,
  effectiveStep: adamEffectiveStep,
  wgsl: adamWgsl,
  examples: [
    {
      // Step 1 moves by η·sign(g): m = 0.5, v = 0.025, m̂ = 5, √v̂ = 5 → x = 1 − 0.01·5/(5 + 1e-8);
      // then g = 4: m = 0.85, v = 0.040975 (bias corrections 0.19 and √0.001999) → 0.9801187…;
      // g = −1 → 0.9735586…
      name: 'first steps',
      params: { lr: 0.01 },
      x0: 1,
      gradients: [5, 4, -1],
      expected: [0.99000000002, 0.9801187420005946, 0.9735586108439397],
    },
    {
      // v₁ = 0.001·16 = 0.016 is the largest second moment; with g = 0 afterwards v decays
      // but the denominator keeps √0.016/√(1 − β₂ᵗ)
      name: 'amsgrad',
      params: { lr: 0.1, amsgrad: true },
      x0: 0,
      gradients: [4, 0, 0],
      expected: [-0.09999999975000001, -0.1669723136343047, -0.21871621496163882],
    },
    {
      // L2: g' = 0.5 + 0.1·2 = 0.7, step 1 → 2 − 0.1·0.7/(0.7 + 1e-8) = 1.9000000014…
      name: 'weight decay (L2)',
      params: { lr: 0.1, weight_decay: 0.1 },
      x0: 2,
      gradients: [0.5, 0.5],
      expected: [1.9000000014285714, 1.8000400943590456],
    },
  ],
};

export const adamw: OptimizerDef = {
  id: 'adamw',
  label: 'AdamW',
  torchClass: 'AdamW',
  params: [
    lrParam(0.001),
    ...betaParams(),
    epsParam(1e-8),
    weightDecayParam(0.01, true),
    amsgradParam,
  ],
  stateSlots: 3,
  stateNames: ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'],
  stateKept: adamStateKept,
  formula: adamFormula(true),
  stepScalars: biasCorrections,
  constants: adamConstants,
  update: adamwStep,
  effectiveStep: adamEffectiveStep,
  wgsl: adamWgsl,
  examples: [
    {
      // g = 0: the Adam part is 0/(0 + ε) = 0, so x = 10·(1 − 0.1·0.5) = 9.5, then 9.025
      name: 'decoupled decay alone',
      params: { lr: 0.1, weight_decay: 0.5 },
      x0: 10,
      gradients: [0, 0],
      expected: [9.5, 9.025],
    },
    {
      // x = 1·(1 − 0.001) = 0.999, then the Adam step of g = 2: − 0.1·2/(2 + 1e-8) → 0.8990000005
      name: 'decay then Adam',
      params: { lr: 0.1, weight_decay: 0.01 },
      x0: 1,
      gradients: [2, 1],
      expected: [0.8990000005, 0.8048830372080104],
    },
  ],
};
