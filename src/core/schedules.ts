// The learning-rate schedule registry: torch.optim.lr_scheduler (1.13) in float64. Table
// schedules follow PyTorch's recursive get_lr (lr ← lr·factor each step) so that chained
// rounding matches; reduce_lr_on_plateau is a feedback state machine driven by the loss.

import type { ScheduleDef, ScheduleFeedback } from './types';
import type { NumberParam, ParamValues } from './params';
import { bool, choice, list, num } from './params';
import { pyCos, pyPow } from './pymath';
import { MAX_STEPS } from './limits';

import plateauWgsl from '../../shaders/schedules/reduce_lr_on_plateau.wgsl?raw';

// ---- parameter helpers ------------------------------------------------------------------

function intParam(
  key: string,
  label: string,
  help: string,
  def: number,
  min: number,
  required: boolean,
  slider: readonly [number, number] = [Math.max(min, 1), 1000],
): NumberParam {
  return {
    kind: 'number',
    key,
    label,
    help,
    default: def,
    ...(required ? { required: true } : {}),
    min,
    max: MAX_STEPS,
    integer: true,
    scale: 'linear',
    slider,
  };
}

function gammaParam(def: number, required: boolean, help: string): NumberParam {
  return {
    kind: 'number',
    key: 'gamma',
    label: 'decay factor',
    symbol: 'γ',
    help,
    default: def,
    ...(required ? { required: true } : {}),
    min: 0,
    max: 10,
    scale: 'linear',
    slider: [0, 1],
  };
}

function etaMinParam(): NumberParam {
  return {
    kind: 'number',
    key: 'eta_min',
    label: 'minimum lr',
    symbol: 'η_min',
    help: 'The learning rate at the bottom of the cosine.',
    default: 0,
    min: 0,
    max: 1000,
    scale: 'linear',
    slider: [0, 0.1],
  };
}

function table(
  steps: number,
  fill: (t: number, prev: number) => number,
  lr0: number,
): Float64Array {
  const out = new Float64Array(steps);
  let lr = lr0;
  for (let t = 0; t < steps; t++) {
    if (t > 0) lr = fill(t, lr);
    out[t] = lr;
  }
  return out;
}

/** Python's % (the result takes the divisor's sign). */
function pyMod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

// ---- table schedules --------------------------------------------------------------------

const stepLr: ScheduleDef = {
  id: 'step_lr',
  label: 'Step',
  torchClass: 'StepLR',
  kind: 'table',
  params: [
    intParam('step_size', 'step size', 'Multiply the lr by γ every this many steps.', 100, 1, true),
    gammaParam(0.1, false, 'Factor applied to the lr every step_size steps.'),
  ],
  lrTable(baseLr, params, steps) {
    const size = num(params, 'step_size');
    const gamma = num(params, 'gamma');
    return table(steps, (t, lr) => (t % size === 0 ? lr * gamma : lr), baseLr);
  },
};

const multiStepLr: ScheduleDef = {
  id: 'multi_step_lr',
  label: 'Multi-step',
  torchClass: 'MultiStepLR',
  kind: 'table',
  params: [
    {
      kind: 'list',
      key: 'milestones',
      label: 'milestones',
      help: 'Steps at which the lr is multiplied by γ (a repeated milestone applies γ twice).',
      default: [100, 200],
      required: true,
      min: 0,
      max: MAX_STEPS,
      integer: true,
    },
    gammaParam(0.1, false, 'Factor applied at each milestone.'),
  ],
  lrTable(baseLr, params, steps) {
    const counts = new Map<number, number>();
    for (const m of list(params, 'milestones')) counts.set(m, (counts.get(m) ?? 0) + 1);
    const gamma = num(params, 'gamma');
    return table(
      steps,
      (t, lr) => {
        const n = counts.get(t);
        return n === undefined ? lr : lr * pyPow(gamma, n);
      },
      baseLr,
    );
  },
};

const exponentialLr: ScheduleDef = {
  id: 'exponential_lr',
  label: 'Exponential',
  torchClass: 'ExponentialLR',
  kind: 'table',
  params: [
    {
      ...gammaParam(0.99, true, 'Factor applied to the lr after every step.'),
      scale: 'log1m',
      slider: [0.5, 0.9999],
    },
  ],
  lrTable(baseLr, params, steps) {
    const gamma = num(params, 'gamma');
    return table(steps, (_t, lr) => lr * gamma, baseLr);
  },
};

const cosineAnnealingLr: ScheduleDef = {
  id: 'cosine_annealing_lr',
  label: 'Cosine annealing',
  torchClass: 'CosineAnnealingLR',
  kind: 'table',
  params: [
    intParam(
      'T_max',
      'half period',
      'Steps from the base lr down to η_min (then it rises again).',
      100,
      1,
      true,
    ),
    etaMinParam(),
  ],
  lrTable(baseLr, params, steps) {
    const tMax = num(params, 'T_max');
    const etaMin = num(params, 'eta_min');
    return table(
      steps,
      (e, lr) => {
        if (pyMod(e - 1 - tMax, 2 * tMax) === 0)
          return lr + ((baseLr - etaMin) * (1 - pyCos(Math.PI / tMax))) / 2;
        return (
          ((1 + pyCos((Math.PI * e) / tMax)) / (1 + pyCos((Math.PI * (e - 1)) / tMax))) *
            (lr - etaMin) +
          etaMin
        );
      },
      baseLr,
    );
  },
};

const cosineAnnealingWarmRestarts: ScheduleDef = {
  id: 'cosine_annealing_warm_restarts',
  label: 'Cosine with warm restarts',
  torchClass: 'CosineAnnealingWarmRestarts',
  kind: 'table',
  params: [
    intParam('T_0', 'first period', 'Steps until the first restart.', 50, 1, true),
    intParam(
      'T_mult',
      'period factor',
      'Each period is this many times longer than the last.',
      1,
      1,
      false,
      [1, 4],
    ),
    etaMinParam(),
  ],
  lrTable(baseLr, params, steps) {
    const t0 = num(params, 'T_0');
    const tMult = num(params, 'T_mult');
    const etaMin = num(params, 'eta_min');
    const out = new Float64Array(steps);
    let tCur = 0;
    let tI = t0;
    for (let t = 0; t < steps; t++) {
      if (t > 0) {
        tCur += 1;
        if (tCur >= tI) {
          tCur -= tI;
          tI *= tMult;
        }
      }
      out[t] = etaMin + ((baseLr - etaMin) * (1 + pyCos((Math.PI * tCur) / tI))) / 2;
    }
    return out;
  },
};

const linearLr: ScheduleDef = {
  id: 'linear_lr',
  label: 'Linear',
  torchClass: 'LinearLR',
  kind: 'table',
  params: [
    {
      kind: 'number',
      key: 'start_factor',
      label: 'start factor',
      help: 'The first step uses lr·start_factor.',
      default: 1 / 3,
      min: 0,
      exclusiveMin: true,
      max: 1,
      scale: 'linear',
      slider: [0.01, 1],
    },
    {
      kind: 'number',
      key: 'end_factor',
      label: 'end factor',
      help: 'After total_iters steps the lr is lr·end_factor.',
      default: 1,
      min: 0,
      max: 1,
      scale: 'linear',
      slider: [0, 1],
    },
    intParam(
      'total_iters',
      'steps',
      'Steps over which the factor moves from start to end.',
      5,
      0,
      false,
      [1, 1000],
    ),
  ],
  lrTable(baseLr, params, steps) {
    const start = num(params, 'start_factor');
    const end = num(params, 'end_factor');
    const total = num(params, 'total_iters');
    return table(
      steps,
      (e, lr) =>
        e > total ? lr : lr * (1 + (end - start) / (total * start + (e - 1) * (end - start))),
      baseLr * start,
    );
  },
};

const polynomialLr: ScheduleDef = {
  id: 'polynomial_lr',
  label: 'Polynomial',
  torchClass: 'PolynomialLR',
  kind: 'table',
  params: [
    intParam(
      'total_iters',
      'steps',
      'Steps until the lr reaches 0 (it stays 0 after).',
      5,
      0,
      false,
      [1, 1000],
    ),
    {
      kind: 'number',
      key: 'power',
      label: 'power',
      symbol: 'p',
      help: 'Shape of the decay: 1 is a straight line down to 0.',
      default: 1,
      min: 0,
      max: 100,
      scale: 'linear',
      slider: [0.1, 5],
    },
  ],
  lrTable(baseLr, params, steps) {
    const total = num(params, 'total_iters');
    const power = num(params, 'power');
    return table(
      steps,
      (e, lr) => (e > total ? lr : lr * pyPow((1 - e / total) / (1 - (e - 1) / total), power)),
      baseLr,
    );
  },
};

interface CyclePhase {
  readonly end: number;
  readonly startLr: number;
  readonly endLr: number;
}

function oneCyclePhases(params: ParamValues): CyclePhase[] {
  const maxLr = num(params, 'max_lr');
  const total = num(params, 'total_steps');
  const pct = num(params, 'pct_start');
  const initial = maxLr / num(params, 'div_factor');
  const minLr = initial / num(params, 'final_div_factor');
  if (bool(params, 'three_phase'))
    return [
      { end: pct * total - 1, startLr: initial, endLr: maxLr },
      { end: 2 * pct * total - 2, startLr: maxLr, endLr: initial },
      { end: total - 1, startLr: initial, endLr: minLr },
    ];
  return [
    { end: pct * total - 1, startLr: initial, endLr: maxLr },
    { end: total - 1, startLr: maxLr, endLr: minLr },
  ];
}

const oneCycleLr: ScheduleDef = {
  id: 'one_cycle_lr',
  label: 'One cycle',
  torchClass: 'OneCycleLR',
  kind: 'table',
  params: [
    {
      kind: 'number',
      key: 'max_lr',
      label: 'peak lr',
      symbol: 'η_max',
      help: 'The highest learning rate of the cycle; it replaces the optimizer lr.',
      default: 0.01,
      required: true,
      min: 0,
      exclusiveMin: true,
      max: 1000,
      scale: 'log',
      slider: [1e-5, 10],
    },
    intParam(
      'total_steps',
      'cycle length',
      'Steps in the whole cycle (at least the run length).',
      1000,
      1,
      true,
      [2, 10000],
    ),
    {
      kind: 'number',
      key: 'pct_start',
      label: 'warm-up fraction',
      help: 'Fraction of the cycle spent rising to the peak lr.',
      default: 0.3,
      min: 0,
      max: 1,
      scale: 'linear',
      slider: [0.05, 0.95],
    },
    {
      kind: 'choice',
      key: 'anneal_strategy',
      label: 'annealing',
      help: 'Cosine or straight-line moves between the phase end points.',
      default: 'cos',
      options: ['cos', 'linear'],
    },
    {
      kind: 'number',
      key: 'div_factor',
      label: 'start divisor',
      help: 'The cycle starts at max_lr / div_factor.',
      default: 25,
      min: 0,
      exclusiveMin: true,
      max: 1e12,
      scale: 'log',
      slider: [1, 1000],
    },
    {
      kind: 'number',
      key: 'final_div_factor',
      label: 'final divisor',
      help: 'The cycle ends at (max_lr / div_factor) / final_div_factor.',
      default: 1e4,
      min: 0,
      exclusiveMin: true,
      max: 1e12,
      scale: 'log',
      slider: [1, 1e6],
    },
    {
      kind: 'boolean',
      key: 'three_phase',
      label: 'three phases',
      help: 'Rise, fall back to the start lr, then anneal to the minimum.',
      default: false,
    },
  ],
  lrTable(_baseLr, params, steps) {
    const phases = oneCyclePhases(params);
    const cos = choice(params, 'anneal_strategy') === 'cos';
    const out = new Float64Array(steps);
    for (let t = 0; t < steps; t++) {
      let start = 0;
      for (let i = 0; i < phases.length; i++) {
        const phase = phases[i] as CyclePhase;
        if (t <= phase.end || i === phases.length - 1) {
          const pct = (t - start) / (phase.end - start);
          out[t] = cos
            ? phase.endLr + ((phase.startLr - phase.endLr) / 2) * (pyCos(Math.PI * pct) + 1)
            : (phase.endLr - phase.startLr) * pct + phase.startLr;
          break;
        }
        start = phase.end;
      }
    }
    return out;
  },
  validateRun(params, steps) {
    const total = num(params, 'total_steps');
    if (total < steps)
      return `total_steps (${total}) must be at least the number of steps (${steps}): PyTorch's OneCycleLR raises when stepped past total_steps`;
    // PyTorch divides by (phase end − phase start); an empty phase is a ZeroDivisionError.
    let start = 0;
    for (const phase of oneCyclePhases(params)) {
      if (!(phase.end > start))
        return `pct_start (${num(params, 'pct_start')}) leaves a phase of the cycle empty for total_steps ${total}`;
      start = phase.end;
    }
    return null;
  },
};

// ---- reduce_lr_on_plateau ---------------------------------------------------------------

/** sched.y starts at ±this: WGSL may assume no infinities, so the "no best yet" mark is finite. */
export const PLATEAU_NO_BEST = 3.4028234663852886e38;

function plateauModeFlags(params: ParamValues): { max: boolean; abs: boolean } {
  return { max: choice(params, 'mode') === 'max', abs: choice(params, 'threshold_mode') === 'abs' };
}

class PlateauFeedback implements ScheduleFeedback {
  lr: number;
  best: number;
  numBad = 0;
  cooldownCounter = 0;
  private readonly max: boolean;
  private readonly abs: boolean;
  private readonly factor: number;
  private readonly patience: number;
  private readonly threshold: number;
  private readonly cooldown: number;
  private readonly minLr: number;
  private readonly eps: number;

  constructor(baseLr: number, params: ParamValues) {
    const flags = plateauModeFlags(params);
    this.max = flags.max;
    this.abs = flags.abs;
    this.factor = num(params, 'factor');
    this.patience = num(params, 'patience');
    this.threshold = num(params, 'threshold');
    this.cooldown = num(params, 'cooldown');
    this.minLr = num(params, 'min_lr');
    this.eps = num(params, 'eps');
    this.lr = baseLr;
    this.best = this.max ? -Infinity : Infinity;
  }

  private isBetter(a: number): boolean {
    const best = this.best;
    if (!this.max) return this.abs ? a < best - this.threshold : a < best * (1 - this.threshold);
    return this.abs ? a > best + this.threshold : a > best * (this.threshold + 1);
  }

  step(loss: number): void {
    if (this.isBetter(loss)) {
      this.best = loss;
      this.numBad = 0;
    } else {
      this.numBad += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBad = 0;
    }
    if (this.numBad > this.patience) {
      const newLr = Math.max(this.lr * this.factor, this.minLr);
      if (this.lr - newLr > this.eps) this.lr = newLr;
      this.cooldownCounter = this.cooldown;
      this.numBad = 0;
    }
  }
}

const reduceLrOnPlateau: ScheduleDef = {
  id: 'reduce_lr_on_plateau',
  label: 'Reduce on plateau',
  torchClass: 'ReduceLROnPlateau',
  kind: 'feedback',
  params: [
    {
      kind: 'choice',
      key: 'mode',
      label: 'mode',
      help: 'min: the loss should fall; max: the watched value should rise.',
      default: 'min',
      options: ['min', 'max'],
    },
    {
      kind: 'number',
      key: 'factor',
      label: 'factor',
      symbol: 'γ',
      help: 'The lr is multiplied by this when the loss stops improving.',
      default: 0.1,
      min: 0,
      max: 1,
      scale: 'linear',
      slider: [0.01, 0.99],
    },
    intParam(
      'patience',
      'patience',
      'Steps without improvement tolerated before the lr drops.',
      10,
      0,
      false,
      [0, 100],
    ),
    {
      kind: 'number',
      key: 'threshold',
      label: 'threshold',
      help: 'How much better the loss must be to count as an improvement.',
      default: 1e-4,
      min: 0,
      max: 1e6,
      scale: 'log',
      slider: [1e-8, 1],
    },
    {
      kind: 'choice',
      key: 'threshold_mode',
      label: 'threshold mode',
      help: 'rel: better by a fraction of the best loss; abs: by a fixed amount.',
      default: 'rel',
      options: ['rel', 'abs'],
    },
    intParam(
      'cooldown',
      'cooldown',
      'Steps after a drop during which bad steps are not counted.',
      0,
      0,
      false,
      [0, 100],
    ),
    {
      kind: 'number',
      key: 'min_lr',
      label: 'minimum lr',
      help: 'The lr never drops below this.',
      default: 0,
      min: 0,
      max: 1000,
      scale: 'linear',
      slider: [0, 0.01],
    },
    {
      kind: 'number',
      key: 'eps',
      label: 'epsilon',
      symbol: 'ε',
      help: 'A drop smaller than this is skipped.',
      default: 1e-8,
      min: 0,
      max: 1,
      scale: 'log',
      slider: [1e-12, 1e-2],
    },
  ],
  createFeedback: (baseLr, params) => new PlateauFeedback(baseLr, params),
  wgsl: plateauWgsl,
  /**
   * c0 = (factor, min_lr, eps, better-factor: 1 − threshold (min) or 1 + threshold (max),
   * computed in float64); c1 = (threshold, patience, cooldown, mode: 0 min-rel, 1 min-abs,
   * 2 max-rel, 3 max-abs).
   */
  gpuConstants(params) {
    const { max, abs } = plateauModeFlags(params);
    const threshold = num(params, 'threshold');
    return [
      num(params, 'factor'),
      num(params, 'min_lr'),
      num(params, 'eps'),
      max ? threshold + 1 : 1 - threshold,
      threshold,
      num(params, 'patience'),
      num(params, 'cooldown'),
      (max ? 2 : 0) + (abs ? 1 : 0),
    ];
  },
  gpuInitialState(baseLr, params) {
    return [baseLr, plateauModeFlags(params).max ? -PLATEAU_NO_BEST : PLATEAU_NO_BEST, 0, 0];
  },
};

export const SCHEDULES: readonly ScheduleDef[] = [
  stepLr,
  multiStepLr,
  exponentialLr,
  cosineAnnealingLr,
  cosineAnnealingWarmRestarts,
  linearLr,
  polynomialLr,
  oneCycleLr,
  reduceLrOnPlateau,
];

export function scheduleById(id: string): ScheduleDef | undefined {
  return SCHEDULES.find((def) => def.id === id);
}
