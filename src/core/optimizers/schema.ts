// What the optimizer files share: their hyperparameter schemas (the UI sliders, the URL codec
// and the run-spec parser read them) and the few lines of arithmetic several updates repeat.

import type { NumberParam, ParamSchema, ParamValues } from '../params';
import { num } from '../params';
import { fma, pyPowSeries } from '../pymath';
import { STEP_SCALARS } from '../types';

/** Largest β/ρ/α accepted: PyTorch wants β < 1, and 1 − β must stay a usable float. */
const BETA_MAX = 0.999999999;

export function lrParam(def: number | null): NumberParam {
  return {
    kind: 'number',
    key: 'lr',
    label: 'learning rate',
    symbol: 'η',
    help: 'How far each step moves along the (transformed) gradient.',
    default: def ?? 0.01,
    ...(def === null ? { required: true } : {}),
    // PyTorch accepts lr = 0 (a frozen run) and rejects only negative values.
    min: 0,
    max: 1000,
    scale: 'log',
    slider: [1e-5, 10],
  };
}

export function epsParam(def: number): NumberParam {
  return {
    kind: 'number',
    key: 'eps',
    label: 'epsilon',
    symbol: 'ε',
    help: 'Added to the denominator so that a tiny second moment cannot blow the step up.',
    default: def,
    min: 0,
    max: 10,
    scale: 'log',
    slider: [1e-12, 1],
  };
}

export function weightDecayParam(def: number, decoupled: boolean): NumberParam {
  return {
    kind: 'number',
    key: 'weight_decay',
    label: 'weight decay',
    symbol: 'λ',
    help: decoupled
      ? 'Shrinks the parameters toward 0 by lr·λ each step, apart from the gradient (AdamW).'
      : 'L2 penalty: adds λ·x to the gradient before the update.',
    default: def,
    min: 0,
    max: 10,
    scale: 'log',
    slider: [1e-6, 1],
  };
}

/** A decay rate in [0, 1): log1m slider from 0, so 0 is representable and 0.9/0.99/0.999 are evenly spaced. */
export function rateParam(
  key: string,
  label: string,
  symbol: string,
  help: string,
  def: number,
  sliderMax: number,
  specKey?: { key: string; index: number },
): NumberParam {
  return {
    kind: 'number',
    key,
    label,
    symbol,
    help,
    default: def,
    min: 0,
    max: BETA_MAX,
    scale: 'log1m',
    slider: [0, sliderMax],
    ...(specKey ? { specKey } : {}),
  };
}

export function betaParams(): NumberParam[] {
  return [
    rateParam(
      'beta1',
      'beta 1',
      'β₁',
      'Decay of the running mean of gradients (momentum); 0 turns it off.',
      0.9,
      0.999,
      { key: 'betas', index: 0 },
    ),
    rateParam(
      'beta2',
      'beta 2',
      'β₂',
      'Decay of the running mean of squared gradients; closer to 1 averages over more steps.',
      0.999,
      0.9999,
      { key: 'betas', index: 1 },
    ),
  ];
}

export function boolParam(key: string, label: string, help: string): ParamSchema {
  return { kind: 'boolean', key, label, help, default: false };
}

export const momentumParam: NumberParam = {
  kind: 'number',
  key: 'momentum',
  label: 'momentum',
  symbol: 'μ',
  help: 'Fraction of the previous step kept in the next one; 0 is plain gradient descent.',
  default: 0,
  min: 0,
  max: 1,
  // log1m from 0: position 0 is exactly 0, then 0.9, 0.99 and 0.999 at 1/3, 2/3 and 1.
  scale: 'log1m',
  slider: [0, 0.999],
};

/** A table of `steps` rows of STEP_SCALARS zeros (optimizers without per-step numbers). */
export function zeroScalars(steps: number): Float64Array {
  return new Float64Array(steps * STEP_SCALARS);
}

/** The 8 constants, zero-padded, as Float64Array. */
export function constantsOf(values: readonly number[]): Float64Array {
  const out = new Float64Array(8);
  out.set(values);
  return out;
}

/** β₁, 1 − β₁, β₂, 1 − β₂, computed in float64 (rounded to float32 once for the GPU). */
export function betaConstants(params: ParamValues): number[] {
  const beta1 = num(params, 'beta1');
  const beta2 = num(params, 'beta2');
  return [beta1, 1 - beta1, beta2, 1 - beta2];
}

/** Rows t−1 of 1 − β₁ᵗ and √(1 − β₂ᵗ), as Python computes them (`beta ** step`, math.sqrt). */
export function biasCorrections(params: ParamValues, steps: number): Float64Array {
  const out = zeroScalars(steps);
  const p1 = pyPowSeries(num(params, 'beta1'), steps);
  const p2 = pyPowSeries(num(params, 'beta2'), steps);
  for (let t = 1; t <= steps; t++) {
    const row = (t - 1) * STEP_SCALARS;
    out[row] = 1 - (p1[t - 1] as number);
    out[row + 1] = Math.sqrt(1 - (p2[t - 1] as number));
  }
  return out;
}

/** g + λ·x: PyTorch's grad.add(param, alpha=weight_decay), one fused multiply-add. */
export function withWeightDecay(g: number, x: number, weightDecay: number): number {
  return weightDecay === 0 ? g : fma(weightDecay, x, g);
}

/** β·s + (1 − β)·g: exp_avg.mul_(β).add_(g, alpha=1 − β), fused as PyTorch's CPU kernel does. */
export function firstMoment(s: number, g: number, beta: number, oneMinusBeta: number): number {
  return fma(oneMinusBeta, g, s * beta);
}

/** β·s + (1 − β)·g²: exp_avg_sq.mul_(β).addcmul_(g, g, value=1 − β), fused the same way. */
export function secondMoment(s: number, g: number, beta: number, oneMinusBeta: number): number {
  return fma(oneMinusBeta * g, g, s * beta);
}

/**
 * The Adam family's running moments of the (decayed) gradient d, in slots 0 and 1:
 * m ← β₁·m + (1 − β₁)·d and v ← β₂·v + (1 − β₂)·d², with c = (β₁, 1 − β₁, β₂, 1 − β₂, …).
 */
export function updateMoments(
  state: Float64Array,
  at: number,
  stride: number,
  d: number,
  c: Float64Array,
): void {
  state[at] = firstMoment(state[at] as number, d, c[0] as number, c[1] as number);
  state[at + stride] = secondMoment(
    state[at + stride] as number,
    d,
    c[2] as number,
    c[3] as number,
  );
}
