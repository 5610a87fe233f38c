// The shapes every layer shares: registry entries (surfaces, optimizers, schedules) and runs.
// A registry entry holds everything about one thing: its name, its parameter schema, its
// float64 TypeScript implementation and its WGSL snippet. The UI, the URL codec, the shader
// composition and the tests all read the registries, never a copy of them.

import type { NumberParam, ParamSchema, ParamValues } from './params';

export type Vec2 = readonly [number, number];

/** The data a data surface trains on, as in FORMAT.md (`u`/`v`, or `u`/`w`/`c`). */
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
   * WGSL source defining `fn <camelId>Surface(p: vec2<f32>, sp: vec4<f32>, data: vec2<u32>) -> vec3<f32>`
   * returning (loss, ∂f/∂x, ∂f/∂y) in float32. `sp` holds `params` in schema order; `data` is
   * (offset, count) of the points in the `surfaceData` storage array (data surfaces only).
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

export interface OptimizerDef {
  readonly id: string;
  readonly label: string;
  /** PyTorch class name, for "Copy as PyTorch": 'SGD', 'Adam', 'NAdam', ... */
  readonly torchClass: string;
  readonly params: readonly ParamSchema[];
  /** Number of state values per coordinate (Adam: m, v and with amsgrad v_max → 3). At most 4. */
  readonly stateSlots: number;
  /** A name per state slot for "Explain this step", e.g. ['m', 'v', 'v_max']. */
  readonly stateNames: readonly string[];
  /** The update rule as text for the UI, one line per equation. */
  readonly formula: readonly string[];
  /**
   * The trajectory-independent per-step numbers of steps t = 1..steps (bias corrections,
   * NAdam's float32 μ-product, RAdam's rectification...), computed in float64 exactly as
   * PyTorch computes them in Python floats: a Float64Array of steps·STEP_SCALARS values,
   * row t−1 for step t. The CPU step and the GPU table read the same rows.
   */
  stepScalars(params: ParamValues, steps: number): Float64Array;
  /**
   * Constants the WGSL step reads (at most 8, as two vec4<f32>): each computed in float64
   * and rounded to float32 once, as PyTorch rounds a Python float where it meets a float32
   * tensor (so `1 − β₁` is computed in float64, not as 1 − fl32(β₁)).
   */
  gpuConstants(params: ParamValues): readonly number[];
  /**
   * One float64 update of both coordinates, in place.
   * @param x      position [x, y], updated
   * @param g      gradient after clipping (weight decay not yet added)
   * @param lr     this step's learning rate
   * @param t      optimizer step count, 1-based
   * @param state  stateSlots·2 values, slot-major: state[2·slot + coordinate]; zero at t = 1
   *               except where `initState` says otherwise
   * @param scalars  row t−1 of `stepScalars`, STEP_SCALARS values
   */
  step(
    x: Float64Array,
    g: Float64Array,
    lr: number,
    t: number,
    state: Float64Array,
    params: ParamValues,
    scalars: Float64Array,
  ): void;
  /** Initial state values (Adagrad's initial_accumulator_value); zeros when absent. */
  initState?(params: ParamValues, state: Float64Array): void;
  /**
   * WGSL source defining
   * `fn <camelId>Step(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>)`
   * that updates the private `pos: vec2<f32>` and `opt: array<vec2<f32>, 4>` (slot i holds
   * both coordinates) in float32; `s` is the step-scalar row, `c0`/`c1` the gpuConstants.
   */
  readonly wgsl: string;
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

/** A run after parsing: names resolved to registry entries, defaults filled in. */
export interface ResolvedRun {
  readonly id: string;
  readonly surface: {
    readonly id: string;
    readonly params: ParamValues;
    readonly data?: SurfaceData;
  };
  readonly start: Vec2;
  readonly optimizer: { readonly id: string; readonly params: ParamValues };
  readonly schedule: { readonly id: string; readonly params: ParamValues } | null;
  readonly clip: { readonly maxNorm: number | null; readonly maxValue: number | null };
  readonly steps: number;
}

/** What one run produced, in the shape of FORMAT.md's `expected.float64`, flattened. */
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
}
