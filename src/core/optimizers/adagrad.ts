// Adagrad (torch.optim.Adagrad, PyTorch 1.13), element-wise.
// WGSL: shaders/optimizers/adagrad.wgsl (`adagradStep`).

import type { EffectiveStep, ElementUpdate, OptimizerDef } from '../types';
import { num } from '../params';
import { fma } from '../pymath';
import { STEP_SCALARS } from '../types';
import { constantsOf, epsParam, lrParam, weightDecayParam, withWeightDecay } from './schema';
import adagradWgsl from '../../../shaders/optimizers/adagrad.wgsl?raw';

/** √s + ε, with s the sum of squared gradients. */
function adagradDenominator(sum: number, c: Float64Array): number {
  return Math.sqrt(sum) + (c[0] as number);
}

/** ηₜ/(√s + ε), ηₜ = η/(1 + (t − 1)·lr_decay). */
const adagradEffectiveStep: EffectiveStep = (_before, after, at, _stride, step, c) =>
  step.lr / step.s0 / adagradDenominator(after[at] as number, c);

/** s0 = 1 + (t − 1)·lr_decay; c = (eps, weight_decay); slot 0 = sum. */
export const adagradStep: ElementUpdate = (x, g, state, at, _stride, step, c) => {
  const d = withWeightDecay(g, x, c[1] as number);
  const clr = step.lr / step.s0;
  const sum = fma(d, d, state[at] as number);
  state[at] = sum;
  return x + (-clr * d) / adagradDenominator(sum, c);
};

export const adagrad: OptimizerDef = {
  id: 'adagrad',
  label: 'Adagrad',
  torchClass: 'Adagrad',
  params: [
    lrParam(0.01),
    {
      kind: 'number',
      key: 'lr_decay',
      label: 'lr decay',
      help: 'Divides the learning rate by 1 + (t − 1)·lr_decay at step t.',
      default: 0,
      min: 0,
      max: 10,
      scale: 'log',
      slider: [1e-6, 1],
    },
    weightDecayParam(0, false),
    {
      kind: 'number',
      key: 'initial_accumulator_value',
      label: 'initial accumulator',
      symbol: 's₀',
      help: 'Start value of the sum of squared gradients; larger values damp the first steps.',
      default: 0,
      min: 0,
      max: 1000,
      scale: 'linear',
      slider: [0, 1],
    },
    epsParam(1e-10),
  ],
  stateSlots: 1,
  stateNames: ['sum'],
  formula: [
    'g ← g + λ·x',
    'ηₜ = η / (1 + (t − 1)·lr_decay)',
    's ← s + g²',
    'x ← x − ηₜ·g / (√s + ε)',
  ],
  stepScalars(params, steps) {
    const lrDecay = num(params, 'lr_decay');
    const out = new Float64Array(steps * STEP_SCALARS);
    for (let t = 1; t <= steps; t++) out[(t - 1) * STEP_SCALARS] = 1 + (t - 1) * lrDecay;
    return out;
  },
  constants: (params) => constantsOf([num(params, 'eps'), num(params, 'weight_decay')]),
  initialState: (params) => [num(params, 'initial_accumulator_value')],
  update: adagradStep,
  effectiveStep: adagradEffectiveStep,
  wgsl: adagradWgsl,
  examples: [
    {
      // s₀ = 1, g = 3, ε = 0: s = 10, η₁ = 0.1 → x = −0.3/√10 = −0.0948683…;
      // s = 19, η₂ = 0.1/(1 + 0.5) → x −= (0.1/1.5)·3/√19 → −0.1407514…
      name: 'lr decay and initial accumulator',
      params: { lr: 0.1, lr_decay: 0.5, initial_accumulator_value: 1, eps: 0 },
      x0: 0,
      gradients: [3, 3],
      expected: [-0.09486832980505139, -0.14075147657916373],
    },
    {
      // g' = 1 + 0.1·2 = 1.2, s = 1.44 → x = 2 − 0.5·1.2/(1.2 + 1e-10) = 1.5000000000416…;
      // g' = −1 + 0.15 = −0.85, s = 2.1625 → x += 0.5·0.85/(√2.1625 + 1e-10) = 1.7890086…
      name: 'weight decay',
      params: { lr: 0.5, weight_decay: 0.1 },
      x0: 2,
      gradients: [1, -1],
      expected: [1.5000000000416667, 1.7890086704112396],
    },
  ],
};
