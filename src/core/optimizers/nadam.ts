// NAdam (torch.optim.NAdam, PyTorch 1.13), element-wise.
// WGSL: shaders/optimizers/nadam.wgsl (`nadamStep`).

import type { ElementUpdate, OptimizerDef, StepInputs } from '../types';
import { STEP_SCALARS } from '../types';
import { num } from '../params';
import { pyPowScaledSeries, pyPowSeries } from '../pymath';
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
import nadamWgsl from '../../../shaders/optimizers/nadam.wgsl?raw';

/** μₜ = β₁·(1 − ½·0.96^(t·ψ)) for t = 1..steps + 1 (index t − 1). */
function nadamMus(beta1: number, psi: number, steps: number): Float64Array {
  const decay = pyPowScaledSeries(0.96, psi, steps + 1);
  return decay.map((d) => beta1 * (1 - 0.5 * d));
}

/**
 * PyTorch's running `mu_product` Πₜ after t = 0..steps steps (Π₀ = 1): a float32 tensor even
 * in a float64 run, Πₜ = fl32(Πₜ₋₁·fl32(μₜ)).
 */
export function nadamMuProducts(beta1: number, psi: number, steps: number): Float64Array {
  const f = Math.fround;
  const mus = nadamMus(beta1, psi, steps);
  const out = new Float64Array(steps + 1);
  out[0] = 1;
  for (let t = 1; t <= steps; t++) out[t] = f((out[t - 1] as number) * f(mus[t - 1] as number));
  return out;
}

/**
 * Rows t − 1: (1 − μₜ)/(1 − Πₜ), μₜ₊₁/(1 − Π′ₜ) and 1 − β₂ᵗ, with Πₜ the `mu_product` above
 * and 1.13's next product Π′ₜ = fl32(fl32(Πₜ·μₜ)·μₜ₊₁) (μₜ twice). The product depends on t
 * alone, so it is a step scalar, not per-element state.
 */
export function nadamScalars(
  beta1: number,
  beta2: number,
  psi: number,
  steps: number,
): Float64Array {
  const f = Math.fround;
  const out = new Float64Array(steps * STEP_SCALARS);
  const mus = nadamMus(beta1, psi, steps);
  const products = nadamMuProducts(beta1, psi, steps);
  const p2 = pyPowSeries(beta2, steps);
  for (let t = 1; t <= steps; t++) {
    const mu = mus[t - 1] as number;
    const muNext = mus[t] as number;
    const product = products[t] as number;
    const productNext = f(f(product * f(mu)) * f(muNext));
    const row = (t - 1) * STEP_SCALARS;
    out[row] = (1 - mu) / (1 - product);
    out[row + 1] = muNext / (1 - productNext);
    out[row + 2] = 1 - (p2[t - 1] as number);
  }
  return out;
}

/** √(v/(1 − β₂ᵗ)) + ε. */
function nadamDenominator(v: number, step: StepInputs, c: Float64Array): number {
  return Math.sqrt(v / step.s2) + (c[4] as number);
}

/** c = (β₁, 1 − β₁, β₂, 1 − β₂, eps, weight_decay); slots: 0 = exp_avg, 1 = exp_avg_sq. */
export const nadamStep: ElementUpdate = (x, g, state, at, stride, step, c) => {
  const d = withWeightDecay(g, x, c[5] as number);
  updateMoments(state, at, stride, d, c);
  const m = state[at] as number;
  const v = state[at + stride] as number;
  const denom = nadamDenominator(v, step, c);
  // param.addcdiv_(grad, denom, value=−η(1 − μₜ)/(1 − Πₜ)), then the same with exp_avg.
  const afterGrad = x + (-step.lr * step.s0 * d) / denom;
  return afterGrad + (-step.lr * step.s1 * m) / denom;
};

export const nadam: OptimizerDef = {
  id: 'nadam',
  label: 'NAdam',
  torchClass: 'NAdam',
  params: [
    lrParam(0.002),
    ...betaParams(),
    epsParam(1e-8),
    weightDecayParam(0, false),
    {
      kind: 'number',
      key: 'momentum_decay',
      label: 'momentum decay',
      symbol: 'ψ',
      help: 'How fast the momentum schedule μ_t = β₁·(1 − ½·0.96^(t·ψ)) warms up.',
      default: 0.004,
      min: 0,
      max: 1,
      scale: 'log',
      slider: [1e-4, 0.1],
    },
  ],
  stateSlots: 2,
  stateNames: ['exp_avg', 'exp_avg_sq'],
  scalarState: {
    name: 'mu_product',
    values: (params, steps) =>
      nadamMuProducts(num(params, 'beta1'), num(params, 'momentum_decay'), steps),
  },
  formula: [
    'g ← g + λ·x',
    'μₜ = β₁·(1 − ½·0.96^(t·ψ)),  Π ← Π·μₜ (float32)',
    'm ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²',
    'd = √(v / (1 − β₂ᵗ)) + ε',
    'x ← x − η(1 − μₜ)/(1 − Π)·g/d − η·μₜ₊₁/(1 − Π·μₜ·μₜ₊₁)·m/d',
  ],
  stepScalars: (params, steps) =>
    nadamScalars(num(params, 'beta1'), num(params, 'beta2'), num(params, 'momentum_decay'), steps),
  constants: (params) =>
    constantsOf([...betaConstants(params), num(params, 'eps'), num(params, 'weight_decay')]),
  update: nadamStep,
  // η/(√v̂ + ε): the step along the blend of g and m the update takes.
  effectiveStep: (_before, after, at, stride, step, c) =>
    step.lr / nadamDenominator(after[at + stride] as number, step, c),
  wgsl: nadamWgsl,
  examples: [
    {
      // μ₁ = 0.9·(1 − ½·0.96^0.004), μ₂ = 0.9·(1 − ½·0.96^0.008), Π₁ = fl32(μ₁),
      // Π′₁ = fl32(fl32(Π₁·μ₁)·μ₂); m = 0.3, v = 0.009, d = √(v/0.001) + ε = 3 + ε;
      // x = −η(1 − μ₁)/(1 − Π₁)·3/d − η·μ₂/(1 − Π′₁)·0.3/d = −0.0020990…
      name: 'first steps',
      params: {},
      x0: 0,
      gradients: [3, 3, -1],
      expected: [-0.002099062358099069, -0.003656584948379766, -0.0033263209366896983],
    },
    {
      // ψ = 0.1 warms μ up faster; weight decay adds 0.01·x to g
      name: 'momentum decay and weight decay',
      params: { lr: 0.01, momentum_decay: 0.1, weight_decay: 0.01 },
      x0: 1,
      gradients: [1, 2],
      expected: [0.9895000364098697, 0.9799448804229289],
    },
  ],
};
