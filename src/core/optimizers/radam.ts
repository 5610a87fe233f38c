// RAdam (torch.optim.RAdam, PyTorch 1.13), element-wise.
// WGSL: shaders/optimizers/radam.wgsl (`radamStep`).

import type { ElementUpdate, OptimizerDef, StepInputs } from '../types';
import { STEP_SCALARS } from '../types';
import { num } from '../params';
import { fma, pyPowSeries } from '../pymath';
import {
  betaConstants,
  betaParams,
  constantsOf,
  epsParam,
  lrParam,
  weightDecayParam,
  updateMoments,
  withWeightDecay,
} from './schema';
import radamWgsl from '../../../shaders/optimizers/radam.wgsl?raw';

/** √(1 − β₂ᵗ)/(√v + ε), PyTorch's adaptive_lr (float / tensor is reciprocal() * float). */
function radamAdaptive(v: number, step: StepInputs, c: Float64Array): number {
  return (1 / (Math.sqrt(v) + (c[4] as number))) * step.s2;
}

/**
 * s0 = 1 − β₁ᵗ, s1 = the rectification r (0 while ρₜ ≤ 5: no adaptive step), s2 = √(1 − β₂ᵗ);
 * c = (β₁, 1 − β₁, β₂, 1 − β₂, eps, weight_decay); slots: 0 = exp_avg, 1 = exp_avg_sq.
 */
export const radamStep: ElementUpdate = (x, g, state, at, stride, step, c) => {
  const d = withWeightDecay(g, x, c[5] as number);
  updateMoments(state, at, stride, d, c);
  const m = state[at] as number;
  const v = state[at + stride] as number;
  const mHat = m / step.s0;
  if (step.s1 > 0) {
    const adaptive = radamAdaptive(v, step, c);
    return fma(-1, mHat * step.lr * adaptive * step.s1, x);
  }
  return fma(-1, mHat * step.lr, x);
};

export const radam: OptimizerDef = {
  id: 'radam',
  label: 'RAdam',
  torchClass: 'RAdam',
  params: [lrParam(0.001), ...betaParams(), epsParam(1e-8), weightDecayParam(0, false)],
  stateSlots: 2,
  stateNames: ['exp_avg', 'exp_avg_sq'],
  formula: [
    'g ← g + λ·x',
    'm ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²,  m̂ = m/(1 − β₁ᵗ)',
    'ρ∞ = 2/(1 − β₂) − 1,  ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)',
    'ρₜ > 5: r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ)),  x ← x − η·m̂·√(1 − β₂ᵗ)/(√v + ε)·r',
    'ρₜ ≤ 5: x ← x − η·m̂',
  ],
  stepScalars(params, steps) {
    const beta1 = num(params, 'beta1');
    const beta2 = num(params, 'beta2');
    const rhoInf = 2 / (1 - beta2) - 1;
    const out = new Float64Array(steps * STEP_SCALARS);
    const p1 = pyPowSeries(beta1, steps);
    const p2 = pyPowSeries(beta2, steps);
    for (let t = 1; t <= steps; t++) {
      const row = (t - 1) * STEP_SCALARS;
      const pow2 = p2[t - 1] as number;
      const bc2 = 1 - pow2;
      const rhoT = rhoInf - (2 * t * pow2) / bc2;
      out[row] = 1 - (p1[t - 1] as number);
      out[row + 1] =
        rhoT > 5
          ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT))
          : 0;
      out[row + 2] = Math.sqrt(bc2);
    }
    return out;
  },
  constants: (params) =>
    constantsOf([...betaConstants(params), num(params, 'eps'), num(params, 'weight_decay')]),
  update: radamStep,
  // Along m̂: η·r·√(1 − β₂ᵗ)/(√v + ε) once rectified, plain η while ρₜ ≤ 5.
  effectiveStep: (_before, after, at, stride, step, c) =>
    step.s1 > 0
      ? step.lr * radamAdaptive(after[at + stride] as number, step, c) * step.s1
      : step.lr,
  wgsl: radamWgsl,
  examples: [
    {
      // ρ∞ = 1999, ρ₁ = 1999 − 2·0.999/0.001 = 1 ≤ 5 → x = −η·m̂ = −η·g = −0.3, then −0.6
      name: 'no adaptive step while ρₜ ≤ 5',
      params: { lr: 0.1 },
      x0: 0,
      gradients: [3, 3],
      expected: [-0.30000000000000004, -0.6000000000000001],
    },
    {
      // β₂ = 0.9: ρ∞ = 19, ρₜ first exceeds 5 at t = 6 (ρ₆ = 19 − 12·0.9⁶/(1 − 0.9⁶) ≈ 5.39):
      // five SGD-like steps of −0.1 (m̂ = 1), then rectified adaptive steps
      name: 'rectified steps from t = 6 with β₂ = 0.9',
      params: { lr: 0.1, beta2: 0.9 },
      x0: 0,
      gradients: [1, 1, 1, 1, 1, 1, 1],
      expected: [
        -0.1, -0.2, -0.30000000000000004, -0.4, -0.5, -0.5255176802818832, -0.5585283817309236,
      ],
    },
  ],
};
