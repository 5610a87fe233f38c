// The optimizer registry: PyTorch 1.13's torch.optim update rules in float64, their per-step
// scalars and constants for the WGSL path, and the parameter schemas the UI, URL codec and
// run-spec parser read. Every update mirrors PyTorch's operation order (FORMAT.md) so that the
// float64 path matches the reference to 1e-9 and the WGSL snippets can follow the same lines.

import type { OptimizerDef } from './types';
import { STEP_SCALARS } from './types';
import type { NumberParam, ParamSchema, ParamValues } from './params';
import { bool, num } from './params';
import { fma, pyPowScaledSeries, pyPowSeries } from './pymath';

import sgdWgsl from '../../shaders/optimizers/sgd.wgsl?raw';
import adagradWgsl from '../../shaders/optimizers/adagrad.wgsl?raw';
import rmspropWgsl from '../../shaders/optimizers/rmsprop.wgsl?raw';
import adadeltaWgsl from '../../shaders/optimizers/adadelta.wgsl?raw';
import adamWgsl from '../../shaders/optimizers/adam.wgsl?raw';
import adamwWgsl from '../../shaders/optimizers/adamw.wgsl?raw';
import adamaxWgsl from '../../shaders/optimizers/adamax.wgsl?raw';
import nadamWgsl from '../../shaders/optimizers/nadam.wgsl?raw';
import radamWgsl from '../../shaders/optimizers/radam.wgsl?raw';

/** Largest β/ρ/α accepted: PyTorch wants β < 1, and 1 − β must stay a usable float. */
const BETA_MAX = 0.999999999;

// ---- parameter schema helpers ------------------------------------------------------------

function lrParam(def: number | null): NumberParam {
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

function epsParam(def: number): NumberParam {
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

function weightDecayParam(def: number, decoupled: boolean): NumberParam {
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
function rateParam(
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

function betaParams(): NumberParam[] {
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

function boolParam(key: string, label: string, help: string): ParamSchema {
  return { kind: 'boolean', key, label, help, default: false };
}

const momentumParam: NumberParam = {
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

// ---- small helpers ----------------------------------------------------------------------

function zeroScalars(steps: number): Float64Array {
  return new Float64Array(steps * STEP_SCALARS);
}

/** Row t−1 holds 1 − β₁ᵗ and √(1 − β₂ᵗ), as Python computes them (`beta ** step`, math.sqrt). */
// Adam and AdamW read the same constants; they differ only in where weight decay acts.
function adamGpuConstants(params: ParamValues): number[] {
  return [
    ...betaConstants(params),
    num(params, 'eps'),
    num(params, 'weight_decay'),
    bool(params, 'amsgrad') ? 1 : 0,
  ];
}

function amsgradParam(): ParamSchema {
  return boolParam('amsgrad', 'AMSGrad', 'Divide by the largest second moment seen so far.');
}

function adamScalars(params: ParamValues, steps: number): Float64Array {
  const beta1 = num(params, 'beta1');
  const beta2 = num(params, 'beta2');
  const out = zeroScalars(steps);
  const p1 = pyPowSeries(beta1, steps);
  const p2 = pyPowSeries(beta2, steps);
  for (let t = 1; t <= steps; t++) {
    const row = (t - 1) * STEP_SCALARS;
    out[row] = 1 - (p1[t - 1] as number);
    out[row + 1] = Math.sqrt(1 - (p2[t - 1] as number));
  }
  return out;
}

function at(a: Float64Array, i: number): number {
  return a[i] as number;
}

/** Scratch for the decayed gradient: steps must not allocate, nor change the caller's g. */
const DECAYED = new Float64Array(2);

/** g + weight_decay·x (PyTorch's grad.add(param, alpha=weight_decay), one fused multiply-add). */
function withWeightDecay(g: Float64Array, x: Float64Array, wd: number): Float64Array {
  if (wd === 0) return g;
  DECAYED[0] = fma(wd, at(x, 0), at(g, 0));
  DECAYED[1] = fma(wd, at(x, 1), at(g, 1));
  return DECAYED;
}

/** β₁ and 1 − β₁ computed in float64 (rounded to float32 once by the engine). */
function betaConstants(params: ParamValues): number[] {
  const beta1 = num(params, 'beta1');
  const beta2 = num(params, 'beta2');
  return [beta1, 1 - beta1, beta2, 1 - beta2];
}

// ---- the optimizers ---------------------------------------------------------------------
// `step` leaves the caller's gradient as it is (weight decay goes into a scratch array).

const sgd: OptimizerDef = {
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
  formula: [
    'g ← g + λ·x',
    'b ← μ·b + (1 − τ)·g   (b₁ = g)',
    'd ← nesterov ? g + μ·b : b   (μ = 0: d = g)',
    'x ← x − η·d',
  ],
  stepScalars: (_params, steps) => zeroScalars(steps),
  gpuConstants: (params) => [
    num(params, 'momentum'),
    1 - num(params, 'dampening'),
    num(params, 'weight_decay'),
    bool(params, 'nesterov') ? 1 : 0,
  ],
  step(x, g, lr, t, state, params) {
    const momentum = num(params, 'momentum');
    const damp1 = 1 - num(params, 'dampening');
    const nesterov = bool(params, 'nesterov');
    g = withWeightDecay(g, x, num(params, 'weight_decay'));
    for (let i = 0; i < 2; i++) {
      let d = at(g, i);
      if (momentum !== 0) {
        // The buffer starts as a clone of the first gradient: no dampening on step 1.
        const buf = t === 1 ? d : fma(damp1, d, at(state, i) * momentum);
        state[i] = buf;
        d = nesterov ? fma(momentum, buf, d) : buf;
      }
      x[i] = fma(-lr, d, at(x, i));
    }
  },
  wgsl: sgdWgsl,
};

const adagrad: OptimizerDef = {
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
    const out = zeroScalars(steps);
    for (let t = 1; t <= steps; t++) out[(t - 1) * STEP_SCALARS] = 1 + (t - 1) * lrDecay;
    return out;
  },
  gpuConstants: (params) => [num(params, 'eps'), num(params, 'weight_decay')],
  initState(params, state) {
    const init = num(params, 'initial_accumulator_value');
    state[0] = init;
    state[1] = init;
  },
  step(x, g, lr, _t, state, params, scalars) {
    const eps = num(params, 'eps');
    g = withWeightDecay(g, x, num(params, 'weight_decay'));
    const clr = lr / at(scalars, 0);
    for (let i = 0; i < 2; i++) {
      const gi = at(g, i);
      const sum = fma(gi, gi, at(state, i));
      state[i] = sum;
      x[i] = at(x, i) + (-clr * gi) / (Math.sqrt(sum) + eps);
    }
  },
  wgsl: adagradWgsl,
};

const rmsprop: OptimizerDef = {
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
  formula: [
    'g ← g + λ·x',
    'v ← α·v + (1 − α)·g²',
    'centered: ḡ ← α·ḡ + (1 − α)·g,  a = √(v − ḡ²) + ε;  else a = √v + ε',
    'momentum: b ← μ·b + g/a,  x ← x − η·b;  else x ← x − η·g/a',
  ],
  stepScalars: (_params, steps) => zeroScalars(steps),
  gpuConstants: (params) => {
    const alpha = num(params, 'alpha');
    return [
      alpha,
      1 - alpha,
      num(params, 'eps'),
      num(params, 'weight_decay'),
      num(params, 'momentum'),
      bool(params, 'centered') ? 1 : 0,
    ];
  },
  step(x, g, lr, _t, state, params) {
    const alpha = num(params, 'alpha');
    const alpha1 = 1 - alpha;
    const eps = num(params, 'eps');
    const momentum = num(params, 'momentum');
    const centered = bool(params, 'centered');
    g = withWeightDecay(g, x, num(params, 'weight_decay'));
    for (let i = 0; i < 2; i++) {
      const gi = at(g, i);
      const sq = fma(alpha1 * gi, gi, at(state, i) * alpha);
      state[i] = sq;
      let avg: number;
      if (centered) {
        const ga = fma(alpha1, gi, at(state, 4 + i) * alpha);
        state[4 + i] = ga;
        avg = Math.sqrt(fma(-1 * ga, ga, sq));
      } else {
        avg = Math.sqrt(sq);
      }
      avg = avg + eps;
      if (momentum > 0) {
        const buf = at(state, 2 + i) * momentum + gi / avg;
        state[2 + i] = buf;
        x[i] = fma(-lr, buf, at(x, i));
      } else {
        x[i] = at(x, i) + (-lr * gi) / avg;
      }
    }
  },
  wgsl: rmspropWgsl,
};

const adadelta: OptimizerDef = {
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
  gpuConstants: (params) => {
    const rho = num(params, 'rho');
    return [rho, 1 - rho, num(params, 'eps'), num(params, 'weight_decay')];
  },
  step(x, g, lr, _t, state, params) {
    const rho = num(params, 'rho');
    const rho1 = 1 - rho;
    const eps = num(params, 'eps');
    g = withWeightDecay(g, x, num(params, 'weight_decay'));
    for (let i = 0; i < 2; i++) {
      const gi = at(g, i);
      const sq = fma(rho1 * gi, gi, at(state, i) * rho);
      state[i] = sq;
      const std = Math.sqrt(sq + eps);
      const delta = (Math.sqrt(at(state, 2 + i) + eps) / std) * gi;
      state[2 + i] = fma(rho1 * delta, delta, at(state, 2 + i) * rho);
      x[i] = fma(-lr, delta, at(x, i));
    }
  },
  wgsl: adadeltaWgsl,
};

/** Adam and AdamW share everything but where weight decay enters. */
function adamStep(
  x: Float64Array,
  g: Float64Array,
  lr: number,
  state: Float64Array,
  params: ParamValues,
  scalars: Float64Array,
): void {
  const beta1 = num(params, 'beta1');
  const beta2 = num(params, 'beta2');
  const eps = num(params, 'eps');
  const amsgrad = bool(params, 'amsgrad');
  const stepSize = lr / at(scalars, 0);
  const bc2Sqrt = at(scalars, 1);
  for (let i = 0; i < 2; i++) {
    const gi = at(g, i);
    const m = fma(1 - beta1, gi, at(state, i) * beta1);
    const v = fma((1 - beta2) * gi, gi, at(state, 2 + i) * beta2);
    state[i] = m;
    state[2 + i] = v;
    let vUsed = v;
    if (amsgrad) {
      vUsed = Math.max(at(state, 4 + i), v);
      state[4 + i] = vUsed;
    }
    const denom = Math.sqrt(vUsed) / bc2Sqrt + eps;
    x[i] = at(x, i) + (-stepSize * m) / denom;
  }
}

const adamFormula = (decoupled: boolean): string[] => [
  decoupled ? 'x ← x·(1 − η·λ)' : 'g ← g + λ·x',
  'm ← β₁·m + (1 − β₁)·g',
  'v ← β₂·v + (1 − β₂)·g²   (amsgrad: v̂ ← max(v̂, v))',
  'x ← x − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)',
];

const adam: OptimizerDef = {
  id: 'adam',
  label: 'Adam',
  torchClass: 'Adam',
  params: [
    lrParam(0.001),
    ...betaParams(),
    epsParam(1e-8),
    weightDecayParam(0, false),
    amsgradParam(),
  ],
  stateSlots: 3,
  stateNames: ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'],
  formula: adamFormula(false),
  stepScalars: adamScalars,
  gpuConstants: adamGpuConstants,
  step(x, g, lr, _t, state, params, scalars) {
    g = withWeightDecay(g, x, num(params, 'weight_decay'));
    adamStep(x, g, lr, state, params, scalars);
  },
  wgsl: adamWgsl,
};

const adamw: OptimizerDef = {
  id: 'adamw',
  label: 'AdamW',
  torchClass: 'AdamW',
  params: [
    lrParam(0.001),
    ...betaParams(),
    epsParam(1e-8),
    weightDecayParam(0.01, true),
    amsgradParam(),
  ],
  stateSlots: 3,
  stateNames: ['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq'],
  formula: adamFormula(true),
  stepScalars: adamScalars,
  gpuConstants: adamGpuConstants,
  step(x, g, lr, _t, state, params, scalars) {
    // Decoupled decay: param.mul_(1 - lr * weight_decay) before the Adam update.
    const decay = 1 - lr * num(params, 'weight_decay');
    x[0] = at(x, 0) * decay;
    x[1] = at(x, 1) * decay;
    adamStep(x, g, lr, state, params, scalars);
  },
  wgsl: adamwWgsl,
};

const adamax: OptimizerDef = {
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
    const beta1 = num(params, 'beta1');
    const out = zeroScalars(steps);
    const p1 = pyPowSeries(beta1, steps);
    for (let t = 1; t <= steps; t++) out[(t - 1) * STEP_SCALARS] = 1 - (p1[t - 1] as number);
    return out;
  },
  gpuConstants: (params) => [
    ...betaConstants(params),
    num(params, 'eps'),
    num(params, 'weight_decay'),
  ],
  step(x, g, lr, _t, state, params, scalars) {
    const beta1 = num(params, 'beta1');
    const beta2 = num(params, 'beta2');
    const eps = num(params, 'eps');
    g = withWeightDecay(g, x, num(params, 'weight_decay'));
    const clr = lr / at(scalars, 0);
    for (let i = 0; i < 2; i++) {
      const gi = at(g, i);
      const m = fma(1 - beta1, gi, at(state, i) * beta1);
      const u = Math.max(at(state, 2 + i) * beta2, Math.abs(gi) + eps);
      state[i] = m;
      state[2 + i] = u;
      x[i] = at(x, i) + (-clr * m) / u;
    }
  },
  wgsl: adamaxWgsl,
};

/** μ_t = β₁·(1 − 0.5·0.96^(t·momentum_decay)) as Python computes it, from 0.96^(t·ψ). */
function nadamMu(beta1: number, decayPow: number): number {
  return beta1 * (1 - 0.5 * decayPow);
}

/**
 * One NAdam step coefficient, `(-lr * ...) / (1. - mu_product)`: the running product is a
 * float32 value (PyTorch keeps it in a float32 tensor) but the division happens in float64,
 * which is what matches the reference trajectories (a float32 coefficient misses by ~1e-9).
 */
export function nadamCoefficient(numerator: number, muProduct32: number): number {
  return numerator / (1 - muProduct32);
}

const nadam: OptimizerDef = {
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
  // The running product Π lives in the state, as in PyTorch (a float32 tensor, both slots).
  stateSlots: 3,
  stateNames: ['exp_avg', 'exp_avg_sq', 'mu_product'],
  formula: [
    'g ← g + λ·x',
    'μₜ = β₁·(1 − ½·0.96^(t·ψ)),  Π ← Π·μₜ (float32)',
    'm ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²',
    'd = √(v / (1 − β₂ᵗ)) + ε',
    'x ← x − η(1 − μₜ)/(1 − Π)·g/d − η·μₜ₊₁/(1 − Π·μₜ·μₜ₊₁)·m/d',
  ],
  // Row t−1: μ_t, μ_{t+1} and 1 − β₂ᵗ, all Python floats.
  stepScalars(params, steps) {
    const beta1 = num(params, 'beta1');
    const beta2 = num(params, 'beta2');
    const psi = num(params, 'momentum_decay');
    const out = zeroScalars(steps);
    const decay = pyPowScaledSeries(0.96, psi, steps + 1);
    const p2 = pyPowSeries(beta2, steps);
    for (let t = 1; t <= steps; t++) {
      const row = (t - 1) * STEP_SCALARS;
      out[row] = nadamMu(beta1, decay[t - 1] as number);
      out[row + 1] = nadamMu(beta1, decay[t] as number);
      out[row + 2] = 1 - (p2[t - 1] as number);
    }
    return out;
  },
  gpuConstants: (params) => [
    ...betaConstants(params),
    num(params, 'eps'),
    num(params, 'weight_decay'),
  ],
  initState(_params, state) {
    state[4] = 1;
    state[5] = 1;
  },
  step(x, g, lr, _t, state, params, scalars) {
    const f = Math.fround;
    const beta1 = num(params, 'beta1');
    const beta2 = num(params, 'beta2');
    const eps = num(params, 'eps');
    const mu = at(scalars, 0);
    const muNext = at(scalars, 1);
    const bc2 = at(scalars, 2);
    g = withWeightDecay(g, x, num(params, 'weight_decay'));
    // mu_product *= mu and mu_product * mu * mu_next: float32 tensor times Python floats.
    const muProduct = f(at(state, 4) * f(mu));
    const muProductNext = f(f(muProduct * f(mu)) * f(muNext));
    state[4] = muProduct;
    state[5] = muProduct;
    const cg = nadamCoefficient(-lr * (1 - mu), muProduct);
    const cm = nadamCoefficient(-lr * muNext, muProductNext);
    for (let i = 0; i < 2; i++) {
      const gi = at(g, i);
      const m = fma(1 - beta1, gi, at(state, i) * beta1);
      const v = fma((1 - beta2) * gi, gi, at(state, 2 + i) * beta2);
      state[i] = m;
      state[2 + i] = v;
      const denom = Math.sqrt(v / bc2) + eps;
      const xi = at(x, i) + (cg * gi) / denom;
      x[i] = xi + (cm * m) / denom;
    }
  },
  wgsl: nadamWgsl,
};

const radam: OptimizerDef = {
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
  // Row t−1: 1 − β₁ᵗ, the rectification r (0 when ρ_t ≤ 5: no adaptive step) and √(1 − β₂ᵗ).
  stepScalars(params, steps) {
    const beta1 = num(params, 'beta1');
    const beta2 = num(params, 'beta2');
    const rhoInf = 2 / (1 - beta2) - 1;
    const out = zeroScalars(steps);
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
  gpuConstants: (params) => [
    ...betaConstants(params),
    num(params, 'eps'),
    num(params, 'weight_decay'),
  ],
  step(x, g, lr, _t, state, params, scalars) {
    const beta1 = num(params, 'beta1');
    const beta2 = num(params, 'beta2');
    const eps = num(params, 'eps');
    const bc1 = at(scalars, 0);
    const rect = at(scalars, 1);
    const bc2Sqrt = at(scalars, 2);
    g = withWeightDecay(g, x, num(params, 'weight_decay'));
    for (let i = 0; i < 2; i++) {
      const gi = at(g, i);
      const m = fma(1 - beta1, gi, at(state, i) * beta1);
      const v = fma((1 - beta2) * gi, gi, at(state, 2 + i) * beta2);
      state[i] = m;
      state[2 + i] = v;
      const mHat = m / bc1;
      if (rect > 0) {
        // adaptive_lr = math.sqrt(bc2) / (√v + ε): float / tensor is reciprocal() * float.
        const adaptive = (1 / (Math.sqrt(v) + eps)) * bc2Sqrt;
        x[i] = fma(-1, mHat * lr * adaptive * rect, at(x, i));
      } else {
        x[i] = fma(-1, mHat * lr, at(x, i));
      }
    }
  },
  wgsl: radamWgsl,
};

export const OPTIMIZERS: readonly OptimizerDef[] = [
  sgd,
  adagrad,
  rmsprop,
  adadelta,
  adam,
  adamw,
  adamax,
  nadam,
  radam,
];

export function optimizerById(id: string): OptimizerDef | undefined {
  return OPTIMIZERS.find((def) => def.id === id);
}
