// SGD with momentum, dampening and Nesterov (torch.optim.SGD, PyTorch 1.13), element-wise.
// WGSL: shaders/optimizers/sgd.wgsl (`sgdStep`, the same lines in float32).

import type { ElementUpdate, OptimizerDef } from '../types';
import { bool, num } from '../params';
import { fma } from '../pymath';
import {
  boolParam,
  constantsOf,
  lrParam,
  momentumParam,
  weightDecayParam,
  withWeightDecay,
  zeroScalars,
} from './schema';
import sgdWgsl from '../../../shaders/optimizers/sgd.wgsl?raw';

/** c = (momentum, 1 − dampening, weight_decay, nesterov ? 1 : 0); slot 0 = momentum_buffer. */
export const sgdStep: ElementUpdate = (x, g, state, at, _stride, step, c) => {
  const momentum = c[0] as number;
  let d = withWeightDecay(g, x, c[2] as number);
  if (momentum !== 0) {
    // The buffer starts as a clone of the first gradient: no dampening on step 1.
    const buf = step.t === 1 ? d : fma(c[1] as number, d, (state[at] as number) * momentum);
    state[at] = buf;
    d = c[3] !== 0 ? fma(momentum, buf, d) : buf;
  }
  // param.add_(d, alpha=-lr): one fused multiply-add in PyTorch's CPU kernel.
  return fma(-step.lr, d, x);
};

export const sgd: OptimizerDef = {
  id: 'sgd',
  label: 'SGD',
  torchClass: 'SGD',
  params: [
    lrParam(null),
    momentumParam,
    {
      kind: 'number',
      key: 'dampening',
      label: 'dampening',
      symbol: 'τ',
      help: 'Scales down the gradient added to the momentum buffer (not on the first step).',
      default: 0,
      min: 0,
      max: 1,
      scale: 'linear',
      slider: [0, 1],
    },
    boolParam(
      'nesterov',
      'Nesterov',
      'Look ahead: step along g + μ·buf instead of buf (needs momentum, no dampening).',
    ),
    weightDecayParam(0, false),
  ],
  stateSlots: 1,
  stateNames: ['momentum_buffer'],
  // PyTorch stores momentum_buffer = None when momentum is 0.
  stateKept: (params) => (num(params, 'momentum') !== 0 ? ['momentum_buffer'] : []),
  formula: [
    'g ← g + λ·x',
    'b ← μ·b + (1 − τ)·g   (b₁ = g)',
    'd ← nesterov ? g + μ·b : b   (μ = 0: d = g)',
    'x ← x − η·d',
  ],
  stepScalars: (_params, steps) => zeroScalars(steps),
  constants: (params) =>
    constantsOf([
      num(params, 'momentum'),
      1 - num(params, 'dampening'),
      num(params, 'weight_decay'),
      bool(params, 'nesterov') ? 1 : 0,
    ]),
  update: sgdStep,
  // η along the (momentum) direction: SGD does not rescale per coordinate.
  effectiveStep: (_before, _after, _at, _stride, step) => step.lr,
  wgsl: sgdWgsl,
  examples: [
    // x ← x − η·g: 1 − 0.1·4 = 0.6, then 0.6 + 0.1·2 = 0.8
    { name: 'plain', params: { lr: 0.1 }, x0: 1, gradients: [4, -2], expected: [0.6, 0.8] },
    {
      // μ = 0.9, τ = 0.5, η = 1. b₁ = g = 1 (no dampening on step 1) → x = −1;
      // b₂ = 0.9·1 + 0.5·1 = 1.4 → x = −2.4; b₃ = 0.9·1.4 + 0.5·(−0.5) = 1.01 → x = −3.41
      name: 'momentum with dampening',
      params: { lr: 1, momentum: 0.9, dampening: 0.5 },
      x0: 0,
      gradients: [1, 1, -0.5],
      expected: [-1, -2.4, -3.41],
    },
    {
      // b₁ = 1, d = 1 + 0.9·1 = 1.9 → x = −0.19; b₂ = 0.9 + 1 = 1.9, d = 1 + 0.9·1.9 = 2.71
      // → x = −0.19 − 0.271 = −0.461
      name: 'nesterov',
      params: { lr: 0.1, momentum: 0.9, nesterov: true },
      x0: 0,
      gradients: [1, 1],
      expected: [-0.19, -0.461],
    },
    {
      // g' = g + λx = 0.5·2 = 1 → x = 2 − 0.1 = 1.9; then g' = 0.95 → x = 1.9 − 0.095 = 1.805
      name: 'weight decay',
      params: { lr: 0.1, weight_decay: 0.5 },
      x0: 2,
      gradients: [0, 0],
      expected: [1.9, 1.805],
    },
  ],
};
