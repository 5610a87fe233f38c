// RMSprop, plain or centered, with momentum (torch.optim.RMSprop, PyTorch 1.13), element-wise.
// WGSL: shaders/optimizers/rmsprop.wgsl (`rmspropStep`).

import type { EffectiveStep, ElementUpdate, OptimizerDef } from '../types';
import { bool, num } from '../params';
import { fma } from '../pymath';
import {
  boolParam,
  constantsOf,
  epsParam,
  firstMoment,
  lrParam,
  momentumParam,
  rateParam,
  secondMoment,
  weightDecayParam,
  withWeightDecay,
  zeroScalars,
} from './schema';
import rmspropWgsl from '../../../shaders/optimizers/rmsprop.wgsl?raw';

/** √v + ε, or centered √(v − ḡ²) + ε, from the updated square_avg and grad_avg in `state`. */
function rmspropDenominator(
  state: Float64Array,
  at: number,
  stride: number,
  c: Float64Array,
): number {
  const sq = state[at] as number;
  if (c[5] === 0) return Math.sqrt(sq) + (c[2] as number);
  const ga = state[at + 2 * stride] as number;
  // square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
  return Math.sqrt(fma(-1 * ga, ga, sq)) + (c[2] as number);
}

/** η/(√v + ε) (centered: η/(√(v − ḡ²) + ε)). */
const rmspropEffectiveStep: EffectiveStep = (_before, after, at, stride, step, c) =>
  step.lr / rmspropDenominator(after, at, stride, c);

/**
 * c = (α, 1 − α, eps, weight_decay, momentum, centered ? 1 : 0);
 * slots: 0 = square_avg, 1 = momentum_buffer, 2 = grad_avg.
 */
export const rmspropStep: ElementUpdate = (x, g, state, at, stride, step, c) => {
  const alpha = c[0] as number;
  const alpha1 = c[1] as number;
  const momentum = c[4] as number;
  const d = withWeightDecay(g, x, c[3] as number);
  const sq = secondMoment(state[at] as number, d, alpha, alpha1);
  state[at] = sq;
  if (c[5] !== 0) {
    const slot = at + 2 * stride;
    state[slot] = firstMoment(state[slot] as number, d, alpha, alpha1);
  }
  const avg = rmspropDenominator(state, at, stride, c);
  if (momentum > 0) {
    const slot = at + stride;
    const buf = (state[slot] as number) * momentum + d / avg;
    state[slot] = buf;
    return fma(-step.lr, buf, x);
  }
  return x + (-step.lr * d) / avg;
};

export const rmsprop: OptimizerDef = {
  id: 'rmsprop',
  label: 'RMSprop',
  torchClass: 'RMSprop',
  params: [
    lrParam(0.01),
    rateParam(
      'alpha',
      'smoothing',
      'α',
      'Decay of the running mean of squared gradients.',
      0.99,
      0.9999,
    ),
    epsParam(1e-8),
    weightDecayParam(0, false),
    momentumParam,
    boolParam(
      'centered',
      'centered',
      'Divide by an estimate of the gradient variance (subtracting the squared mean) instead of the raw second moment.',
    ),
  ],
  stateSlots: 3,
  stateNames: ['square_avg', 'momentum_buffer', 'grad_avg'],
  // PyTorch adds momentum_buffer only with momentum > 0 and grad_avg only when centered.
  stateKept: (params) => [
    'square_avg',
    ...(num(params, 'momentum') > 0 ? ['momentum_buffer'] : []),
    ...(bool(params, 'centered') ? ['grad_avg'] : []),
  ],
  formula: [
    'g ← g + λ·x',
    'v ← α·v + (1 − α)·g²',
    'centered: ḡ ← α·ḡ + (1 − α)·g,  a = √(v − ḡ²) + ε;  else a = √v + ε',
    'momentum: b ← μ·b + g/a,  x ← x − η·b;  else x ← x − η·g/a',
  ],
  stepScalars: (_params, steps) => zeroScalars(steps),
  constants: (params) => {
    const alpha = num(params, 'alpha');
    return constantsOf([
      alpha,
      1 - alpha,
      num(params, 'eps'),
      num(params, 'weight_decay'),
      num(params, 'momentum'),
      bool(params, 'centered') ? 1 : 0,
    ]);
  },
  update: rmspropStep,
  effectiveStep: rmspropEffectiveStep,
  wgsl: rmspropWgsl,
  examples: [
    {
      // α = 0.5, ε = 0, g = 2: v = 0.5·4 = 2, ḡ = 0.5·2 = 1 → a = √(2 − 1) = 1 → x = −0.02;
      // g = 1: v = 1 + 0.5 = 1.5, ḡ = 0.5 + 0.5 = 1 → a = √0.5 → x = −0.02 − 0.01/√0.5
      name: 'centered',
      params: { lr: 0.01, alpha: 0.5, centered: true, eps: 0 },
      x0: 0,
      gradients: [2, 1],
      expected: [-0.02, -0.034142135623730946],
    },
    {
      // α = 0.75, μ = 0.5, g = 2: v = 0.25·4 = 1, b = 2/1 = 2 → x = −0.2;
      // v = 0.75 + 1 = 1.75, b = 0.5·2 + 2/√1.75 → x = −0.2 − 0.1·b = −0.4511857…
      name: 'momentum',
      params: { lr: 0.1, alpha: 0.75, momentum: 0.5, eps: 0 },
      x0: 0,
      gradients: [2, 2],
      expected: [-0.2, -0.4511857892036909],
    },
    {
      // g' = 0.5 + 0.2·1 = 0.7, v = 0.01·0.49 → a = 0.07 + 1e-8 → x = 1 − 0.01·0.7/a = 0.9000000142…;
      // g' = 0.5 + 0.18 = 0.68, v = 0.99·0.0049 + 0.01·0.4624 → x = 0.8301415…
      name: 'weight decay',
      params: { lr: 0.01, weight_decay: 0.2 },
      x0: 1,
      gradients: [0.5, 0.5],
      expected: [0.9000000142857123, 0.830141513728713],
    },
  ],
};
