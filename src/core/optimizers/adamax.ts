// Adamax (torch.optim.Adamax, PyTorch 1.13), element-wise: Adam with the infinity norm.
// WGSL: shaders/optimizers/adamax.wgsl (`adamaxStep`).

import type { ElementUpdate, OptimizerDef } from '../types';
import { STEP_SCALARS } from '../types';
import { num } from '../params';
import { pyPowSeries } from '../pymath';
import {
  betaConstants,
  betaParams,
  constantsOf,
  epsParam,
  firstMoment,
  lrParam,
  weightDecayParam,
  withWeightDecay,
} from './schema';
import adamaxWgsl from '../../../shaders/optimizers/adamax.wgsl?raw';

/**
 * s0 = 1 − β₁ᵗ; c = (β₁, 1 − β₁, β₂, 1 − β₂, eps, weight_decay);
 * slots: 0 = exp_avg, 1 = exp_inf.
 */
export const adamaxStep: ElementUpdate = (x, g, state, at, stride, step, c) => {
  const d = withWeightDecay(g, x, c[5] as number);
  const m = firstMoment(state[at] as number, d, c[0] as number, c[1] as number);
  const u = Math.max(
    (state[at + stride] as number) * (c[2] as number),
    Math.abs(d) + (c[4] as number),
  );
  state[at] = m;
  state[at + stride] = u;
  const clr = step.lr / step.s0;
  return x + (-clr * m) / u;
};

export const adamax: OptimizerDef = {
  id: 'adamax',
  label: 'Adamax',
  torchClass: 'Adamax',
  params: [lrParam(0.002), ...betaParams(), epsParam(1e-8), weightDecayParam(0, false)],
  stateSlots: 2,
  stateNames: ['exp_avg', 'exp_inf'],
  formula: [
    'g ← g + λ·x',
    'm ← β₁·m + (1 − β₁)·g',
    'u ← max(β₂·u, |g| + ε)',
    'x ← x − η/(1 − β₁ᵗ) · m/u',
  ],
  stepScalars(params, steps) {
    const out = new Float64Array(steps * STEP_SCALARS);
    const p1 = pyPowSeries(num(params, 'beta1'), steps);
    for (let t = 1; t <= steps; t++) out[(t - 1) * STEP_SCALARS] = 1 - (p1[t - 1] as number);
    return out;
  },
  constants: (params) =>
    constantsOf([...betaConstants(params), num(params, 'eps'), num(params, 'weight_decay')]),
  update: adamaxStep,
  // η/u along m̂ = m/(1 − β₁ᵗ): the update is x − η/(1 − β₁ᵗ)·m/u, u = exp_inf after the step.
  effectiveStep: (_before, after, at, stride, step) => step.lr / (after[at + stride] as number),
  wgsl: adamaxWgsl,
  examples: [
    {
      // g = −2: m = −0.2, u = 2 + 1e-8, η/(1 − β₁) = 0.02 → x = 0.02·0.2/(2 + 1e-8) ≈ 0.002
      name: 'first steps',
      params: {},
      x0: 0,
      gradients: [-2, 1, 3],
      expected: [0.00199999999, 0.0024214740935772617, 0.0018605884865907918],
    },
    {
      // g' = 0 + 0.5·1 = 0.5: m = 0.05, u = 0.5 + 1e-8 → x = 1 − 1·0.05/u·… = 0.900000002
      name: 'weight decay',
      params: { lr: 0.1, weight_decay: 0.5 },
      x0: 1,
      gradients: [0, 0],
      expected: [0.900000002, 0.8051683300122227],
    },
  ],
};
