// Adadelta (torch.optim.Adadelta, PyTorch 1.13), element-wise.
// WGSL: shaders/optimizers/adadelta.wgsl (`adadeltaStep`).

import type { EffectiveStep, ElementUpdate, OptimizerDef } from '../types';
import { num } from '../params';
import { fma } from '../pymath';
import {
  constantsOf,
  epsParam,
  lrParam,
  rateParam,
  secondMoment,
  weightDecayParam,
  withWeightDecay,
  zeroScalars,
} from './schema';
import adadeltaWgsl from '../../../shaders/optimizers/adadelta.wgsl?raw';

/** √(u + ε)/√(v + ε): the unit-correcting ratio δ = ratio·g, from acc_delta u and square_avg v. */
function adadeltaRatio(acc: number, sq: number, eps: number): number {
  return Math.sqrt(acc + eps) / Math.sqrt(sq + eps);
}

/** η·√(u + ε)/√(v + ε), with u before the step (the step used it) and v after. */
const adadeltaEffectiveStep: EffectiveStep = (before, after, at, stride, step, c) =>
  step.lr * adadeltaRatio(before[at + stride] as number, after[at] as number, c[2] as number);

/** c = (ρ, 1 − ρ, eps, weight_decay); slots: 0 = square_avg, 1 = acc_delta. */
export const adadeltaStep: ElementUpdate = (x, g, state, at, stride, step, c) => {
  const rho = c[0] as number;
  const rho1 = c[1] as number;
  const eps = c[2] as number;
  const d = withWeightDecay(g, x, c[3] as number);
  const sq = secondMoment(state[at] as number, d, rho, rho1);
  state[at] = sq;
  const acc = state[at + stride] as number;
  const delta = adadeltaRatio(acc, sq, eps) * d;
  state[at + stride] = secondMoment(acc, delta, rho, rho1);
  return fma(-step.lr, delta, x);
};

export const adadelta: OptimizerDef = {
  id: 'adadelta',
  label: 'Adadelta',
  torchClass: 'Adadelta',
  params: [
    lrParam(1.0),
    rateParam(
      'rho',
      'decay',
      'ρ',
      'Decay of the running means of squared gradients and squared updates.',
      0.9,
      0.9999,
    ),
    epsParam(1e-6),
    weightDecayParam(0, false),
  ],
  stateSlots: 2,
  stateNames: ['square_avg', 'acc_delta'],
  formula: [
    'g ← g + λ·x',
    'v ← ρ·v + (1 − ρ)·g²',
    'δ = √(u + ε) / √(v + ε) · g',
    'u ← ρ·u + (1 − ρ)·δ²',
    'x ← x − η·δ',
  ],
  stepScalars: (_params, steps) => zeroScalars(steps),
  constants: (params) => {
    const rho = num(params, 'rho');
    return constantsOf([rho, 1 - rho, num(params, 'eps'), num(params, 'weight_decay')]);
  },
  update: adadeltaStep,
  effectiveStep: adadeltaEffectiveStep,
  wgsl: adadeltaWgsl,
  examples: [
    {
      // ρ = 0.9, ε = 1e-6, g = 1: v = 0.1, δ = √1e-6/√0.100001 = 0.0031622…, x = −2δ;
      // u = 0.1·δ²; v = 0.19, δ₂ = √(u + ε)/√(0.190001) → x = −0.0128133…
      name: 'lr scales only the step',
      params: { lr: 2 },
      x0: 0,
      gradients: [1, 1],
      expected: [-0.006324523697797327, -0.012813347245198687],
    },
    {
      // ρ = 0.5, g' = 0 + 0.1·3 = 0.3: v = 0.045, δ = √1e-6/√0.045001·0.3 → x = 2.9985858…
      name: 'weight decay',
      params: { lr: 1, rho: 0.5, weight_decay: 0.1 },
      x0: 3,
      gradients: [0, 0],
      expected: [2.998585802150849, 2.996953086879595],
    },
  ],
};
