// The shapes every layer shares: registry entries (surfaces, optimizers, schedules) and runs.
// A registry entry holds everything about one thing: its name, its parameter schema, its
// float64 TypeScript implementation and its WGSL snippet. The UI, the URL codec, the shader
// composition and the tests all read the registries, never a copy of them.

import type { NumberParam, ParamSchema, ParamValues } from './params';

export type Vec2 = readonly [number, number];

/** The data a data surface trains on, as in docs/FORMAT.md (`u`/`v`, or `u`/`w`/`c`). */
export interface SurfaceData {
  readonly u: readonly number[];
  readonly v?: readonly number[];
  readonly w?: readonly number[];
  readonly c?: readonly number[];
}

/** A rectangle of the (x, y) plane. */
export interface ViewWindow {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export interface SurfaceDef {
  readonly id: string;
  readonly label: string;
  /** f(x, y) as text for the UI, e.g. '(a − x)² + b·(y − x²)²'. */
  readonly formula: string;
  /** Numeric parameters (rosenbrock's a and b); at most 4, in the order the WGSL reads them. */
  readonly params: readonly NumberParam[];
  /** Which data set shape the surface needs, if any. */
  readonly data?: 'linear' | 'logistic';
  /**
   * Loss and analytic gradient in float64, written into `out` as [loss, ∂f/∂x, ∂f/∂y]
   * (an out-parameter: the simulator calls this once per step and must not allocate).
   */
  evaluate(x: number, y: number, params: ParamValues, out: Float64Array, data?: SurfaceData): void;
  /**
   * WGSL source defining `fn <camelId>Surface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32>`
   * returning (loss, ∂f/∂x, ∂f/∂y) in float32. `sp` holds `params` in schema order; `data` is
   * (offset, count, batch, step key) of the points in the `surfaceData` storage array (data
   * surfaces only): batch > 0 means the mean over `batch` points drawn with `batchPoint`
   * (shaders/common/math.wgsl, src/core/noise.ts), 0 the mean over all `count`.
   */
  readonly wgsl: string;
  /** The window the map opens on. */
  readonly view: ViewWindow;
  /** A start point that makes for an instructive run. */
  readonly defaultStart: Vec2;
  /** Known global (and notable local) minima for the parameters and data given. */
  minima(params: ParamValues, data?: SurfaceData): Vec2[];
}

/** Per-step scalars that depend only on the step count and the hyperparameters. */
export const STEP_SCALARS = 3;

/**
 * What is the same for every element of one step of one run: set once per step, then the
 * update runs over every element (a reused, mutable object: the hot loop must not allocate).
 */
export interface StepInputs {
  /** This step's learning rate. */
  lr: number;
  /** PyTorch's step count, 1-based. */
  t: number;
  /** Row t − 1 of the optimizer's stepScalars. */
  s0: number;
  s1: number;
  s2: number;
}

/** The element-wise update's signature (OptimizerDef.update), for the optimizer files. */
export type ElementUpdate = (
  x: number,
  g: number,
  state: Float64Array,
  at: number,
  stride: number,
  step: StepInputs,
  c: Float64Array,
) => number;

/**
 * The step size an update just applied to one element (OptimizerDef.effectiveStep): the
 * factor its direction (the gradient, or the bias-corrected momentum m̂) was multiplied by.
 * `before` and `after` hold the state before and after the update, in the update's layout;
 * `step` and `c` are what the update got.
 */
export type EffectiveStep = (
  before: Float64Array,
  after: Float64Array,
  at: number,
  stride: number,
  step: StepInputs,
  c: Float64Array,
) => number;

/**
 * A worked example the tests run on every engine (the float64 update and the WGSL update):
 * from x0, the given gradients one per step; x after each step is worked out independently of
 * the code, from the textbook formula, with the arithmetic beside the example.
 */
export interface OptimizerExample {
  readonly name: string;
  /** Hyperparameters that differ from the defaults. */
  readonly params: Readonly<Record<string, number | boolean>>;
  readonly x0: number;
  readonly gradients: readonly number[];
  readonly expected: readonly number[];
}

/**
 * One torch.optim optimizer, element-wise: the same update moves a point on a 2-D surface (once
 * per coordinate), a run of a swarm and every weight of a network, in TypeScript (float64) and
 * in WGSL (float32). A coordinate or weight is an element; its state is `stateSlots` values.
 */
export interface OptimizerDef {
  readonly id: string;
  readonly label: string;
  /** PyTorch class name, for "Copy as PyTorch": 'SGD', 'Adam', 'NAdam', ... */
  readonly torchClass: string;
  readonly params: readonly ParamSchema[];
  /** Number of state values per element (Adam: m, v and with amsgrad v_max → 3). At most 4. */
  readonly stateSlots: number;
  /** PyTorch's name per state slot, for "Explain this step", e.g. ['exp_avg', 'exp_avg_sq']. */
  readonly stateNames: readonly string[];
  /** The update rule as text for the UI, one line per equation. */
  readonly formula: readonly string[];
  /**
   * The trajectory-independent per-step numbers of steps t = 1..steps (bias corrections,
   * NAdam's coefficients with its float32 μ-product, RAdam's rectification...), computed in
   * float64 exactly as PyTorch computes them in Python floats: a Float64Array of
   * steps·STEP_SCALARS values, row t−1 for step t. The TS update and the GPU table read the
   * same rows.
   */
  stepScalars(params: ParamValues, steps: number): Float64Array;
  /**
   * The run's constants (at most 8), each computed once in float64 from the hyperparameters:
   * the TS update reads them as they are, the WGSL update gets them rounded to float32 once as
   * c0 = [0..3] and c1 = [4..7], as PyTorch rounds a Python float where it meets a float32
   * tensor (so `1 − β₁` is computed in float64, not as 1 − fl32(β₁)).
   */
  constants(params: ParamValues): Float64Array;
  /**
   * The slots of `stateNames` that PyTorch keeps in `optimizer.state` with these
   * hyperparameters (SGD without momentum keeps no buffer, Adam keeps max_exp_avg_sq only with
   * amsgrad...); absent: every slot. The CSV export writes these and no others.
   */
  stateKept?(params: ParamValues): readonly string[];
  /**
   * State PyTorch keeps per parameter that depends on the step count alone (NAdam's
   * `mu_product`): its value after 0..steps optimizer steps (steps + 1 values).
   */
  readonly scalarState?: {
    readonly name: string;
    values(params: ParamValues, steps: number): Float64Array;
  };
  /** The start value of each state slot (Adagrad's initial accumulator); zeros when absent. */
  initialState?(params: ParamValues): readonly number[];
  /**
   * The float64 update of one element, as PyTorch 1.13 orders its operations.
   * @param x      the element's value
   * @param g      its gradient after clipping (weight decay is added here, when it applies)
   * @param state  slot k of this element is state[at + k·stride]; updated in place
   * @param step   lr, step count and step scalars of this step
   * @param c      `constants(params)`
   * @returns the new value of the element
   */
  readonly update: ElementUpdate;
  /**
   * The per-element step size of the update just taken, from the same arithmetic as `update`
   * (shared helpers in the optimizer's file): Adam η/(√v̂ + ε), AdaGrad ηₜ/(√s + ε), RMSprop
   * η/(√v + ε), Adadelta η·√(u + ε)/√(v + ε), SGD η. With momentum off and no weight decay,
   * x_{t+1} − x_t = −effectiveStep·g (tests/unit/effective-step.test.ts checks this).
   */
  readonly effectiveStep: EffectiveStep;
  /**
   * WGSL source defining the same update, float32, with the same name as the TS function
   * (`adamStep`):
   * `fn <camelId>Step(x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>,
   *                   c1: vec4<f32>, state: ptr<function, vec4<f32>>) -> f32`
   * `state` holds the element's slots (x = slot 0, ...), `s` the step-scalar row.
   */
  readonly wgsl: string;
  /** Worked examples every engine must reproduce (tests/unit, tests/gpu). */
  readonly examples: readonly OptimizerExample[];
}

export interface ScheduleDef {
  readonly id: string;
  readonly label: string;
  /** PyTorch class name under torch.optim.lr_scheduler. */
  readonly torchClass: string;
  readonly params: readonly ParamSchema[];
  /**
   * 'table': lr_t depends only on t, precomputed in float64 by `lrTable`.
   * 'feedback': lr_t depends on the losses seen (reduce_lr_on_plateau), stepped per run.
   */
  readonly kind: 'table' | 'feedback';
  /** lr_t for t = 0..steps−1 in float64 (kind 'table'). `baseLr` is the optimizer's lr. */
  lrTable?(baseLr: number, params: ParamValues, steps: number): Float64Array;
  /** Checks that need the run (one_cycle_lr's total_steps ≥ steps); null when fine. */
  validateRun?(params: ParamValues, steps: number): string | null;
  /** kind 'feedback': a float64 state machine, stepped once per optimizer step on loss_t. */
  createFeedback?(baseLr: number, params: ParamValues): ScheduleFeedback;
  /**
   * kind 'feedback': WGSL defining `fn <camelId>Step(loss: f32, c0: vec4<f32>, c1: vec4<f32>)`
   * that updates the private `sched: vec4<f32>` (lr, best, bad epochs, cooldown counter) in
   * float32; c0/c1 are `gpuConstants`, the start value of `sched` is `gpuInitialState`.
   */
  readonly wgsl?: string;
  gpuConstants?(params: ParamValues): readonly number[];
  gpuInitialState?(baseLr: number, params: ParamValues): readonly [number, number, number, number];
}

/** A feedback schedule's float64 state: `lr` is the rate the next optimizer step uses. */
export interface ScheduleFeedback {
  readonly lr: number;
  /** Like PyTorch's `scheduler.step(loss)`, called after each optimizer step. */
  step(loss: number): void;
}

/**
 * What a run tracks for its summary (src/core/explore/summary.ts) while it runs: the first step
 * whose loss is at most `lossThreshold`, and the last step that moved the point by more than
 * `settleTolerance`. Both engines track it without recording the trajectory.
 */
export interface RunTracking {
  readonly lossThreshold: number;
  readonly settleTolerance: number;
}

/** A run after parsing: names resolved to registry entries, defaults filled in. */
export interface ResolvedRun {
  readonly id: string;
  readonly surface: {
    readonly id: string;
    readonly params: ParamValues;
    readonly data?: SurfaceData;
    /** The typed f(x, y) when id is 'custom' (src/core/surfaceRef.ts). */
    readonly expression?: string;
  };
  readonly start: Vec2;
  readonly optimizer: { readonly id: string; readonly params: ParamValues };
  readonly schedule: { readonly id: string; readonly params: ParamValues } | null;
  readonly clip: { readonly maxNorm: number | null; readonly maxValue: number | null };
  readonly steps: number;
  /** Per-run summary tracking (sweeps, basin maps); absent: the run tracks nothing. */
  readonly track?: RunTracking;
  /** Stochastic gradients (src/core/noise.ts); absent: the exact gradient. */
  readonly noise?: GradientNoise;
}

/** One run's gradient noise (src/core/noise.ts). */
export interface GradientNoise {
  /** The run's seed of the counter-based generator. */
  readonly seed: number;
  /** σ of the Gaussian added to the raw gradient; 0: none. */
  readonly sigma: number;
  /** σ scales with |∇f|. */
  readonly relative: boolean;
  /** Data surfaces: points per mini-batch, drawn with replacement; 0: the whole data set. */
  readonly batch: number;
}

/** What one run produced, in the shape of docs/FORMAT.md's `expected.float64`, flattened. */
export interface Trajectory {
  /** steps + 1 points, interleaved [x0, y0, x1, y1, ...]. */
  readonly x: Float64Array;
  /** steps + 1 losses. */
  readonly loss: Float64Array;
  /** steps learning rates. */
  readonly lr: Float64Array;
  /**
   * The first step t whose loss, gradient or update was not finite; the run stopped there
   * and the arrays hold NaN from that entry on. Null when the run stayed finite.
   */
  readonly divergedAt: number | null;
  /**
   * Only when simulate() was asked to record it: the optimizer state after 0..steps steps,
   * (steps + 1) rows of 2·stateSlots values in the Stepper's layout (slot k of coordinate i at
   * 2k + i), NaN from `divergedAt` on.
   */
  readonly state?: Float64Array;
}
