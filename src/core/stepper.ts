// One step of docs/FORMAT.md's loop in float64 (evaluate, clip, optimizer step, schedule step),
// the single definition that the reference simulator (simulate.ts), "Explain this step" and the
// lean per-run summaries (explore/summary.ts) all step with.

import type {
  OptimizerDef,
  ResolvedRun,
  ScheduleFeedback,
  StepInputs,
  SurfaceData,
  SurfaceDef,
} from './types';
import {
  createOptimizerState,
  createStepInputs,
  optimizerById,
  setStepInputs,
  updateAll,
} from './optimizers';
import { scheduleById } from './schedules';
import { addGradientNoise, batchIndex } from './noise';
import { surfaceOfRef } from './surfaceRef';
import { clipGradient } from './clip';

export interface Prepared {
  readonly surface: SurfaceDef;
  readonly optimizer: OptimizerDef;
  /** lr_t for a table schedule or a constant lr; null for a feedback schedule. */
  readonly lrTable: Float64Array | null;
  readonly feedback: ScheduleFeedback | null;
  readonly scalars: Float64Array;
  readonly constants: Float64Array;
}

/** Finds a run's surface: the built-in registry, or one that also knows a typed surface. */
/** Finds a run's surface by id, in place of the run's own reference (tests, other registries). */
export type SurfaceLookup = (id: string) => SurfaceDef | undefined;

export function prepare(run: ResolvedRun, surfaceOf: SurfaceLookup | undefined): Prepared {
  // The run's own reference (a built-in id, or 'custom' and its formula) unless told otherwise.
  const surface = surfaceOf ? surfaceOf(run.surface.id) : surfaceOfRef(run.surface);
  if (!surface) throw new Error(`unknown surface ${run.surface.id}`);
  const optimizer = optimizerById(run.optimizer.id);
  if (!optimizer) throw new Error(`unknown optimizer ${run.optimizer.id}`);
  const baseLr = run.optimizer.params['lr'];
  if (typeof baseLr !== 'number') throw new Error('optimizer lr is not a number');
  let lrTable: Float64Array | null = null;
  let feedback: ScheduleFeedback | null = null;
  if (run.schedule) {
    const schedule = scheduleById(run.schedule.id);
    if (!schedule) throw new Error(`unknown schedule ${run.schedule.id}`);
    if (schedule.kind === 'table' && schedule.lrTable) {
      lrTable = schedule.lrTable(baseLr, run.schedule.params, run.steps);
    } else if (schedule.createFeedback) {
      feedback = schedule.createFeedback(baseLr, run.schedule.params);
    } else {
      throw new Error(`schedule ${schedule.id} has neither lrTable nor createFeedback`);
    }
  } else {
    lrTable = new Float64Array(run.steps).fill(baseLr);
  }
  return {
    surface,
    optimizer,
    lrTable,
    feedback,
    scalars: optimizer.stepScalars(run.optimizer.params, run.steps),
    constants: optimizer.constants(run.optimizer.params),
  };
}

/** Everything one step needs, reused across steps (no per-step allocation). */
export class Stepper {
  readonly pos = new Float64Array(2);
  readonly eval = new Float64Array(3);
  readonly grad = new Float64Array(2);
  /** Slot-major: slot k of coordinate i at 2k + i. */
  readonly state: Float64Array;
  readonly step: StepInputs = createStepInputs();
  /** The lr step t used (set by `evaluate`). */
  lr = NaN;
  /** Step t of the last `evaluate` (the noise of its gradient is drawn for it). */
  private t = 0;
  private readonly z = new Float64Array(2);
  /** A mini-batch run's sampled points, refilled each step (src/core/noise.ts). */
  private readonly batch: { u: number[]; v: number[]; w: number[]; c: number[] } | null;

  constructor(
    private readonly run: ResolvedRun,
    private readonly p: Prepared,
  ) {
    this.state = createOptimizerState(p.optimizer, run.optimizer.params, 2);
    this.pos[0] = run.start[0];
    this.pos[1] = run.start[1];
    const size = run.noise?.batch ?? 0;
    this.batch =
      size > 0 && run.surface.data
        ? { u: new Array(size), v: new Array(size), w: new Array(size), c: new Array(size) }
        : null;
  }

  /** The data this step evaluates on: the whole set, or step t's mini-batch. */
  private dataAt(t: number): SurfaceData | undefined {
    const data = this.run.surface.data;
    const b = this.batch;
    if (!b || !data || !this.run.noise) return data;
    const n = data.u.length;
    for (let i = 0; i < b.u.length; i++) {
      const k = batchIndex(this.run.noise.seed, t, i, n);
      b.u[i] = data.u[k] as number;
      b.v[i] = data.v?.[k] as number;
      b.w[i] = data.w?.[k] as number;
      b.c[i] = data.c?.[k] as number;
    }
    return b;
  }

  /** Loss and raw gradient at the current position, and this step's lr; false if not finite. */
  evaluate(t: number): boolean {
    const { surface } = this.p;
    this.t = t;
    surface.evaluate(
      this.pos[0] as number,
      this.pos[1] as number,
      this.run.surface.params,
      this.eval,
      this.dataAt(t),
    );
    this.lr = this.p.lrTable
      ? (this.p.lrTable[t] as number)
      : (this.p.feedback as ScheduleFeedback).lr;
    const e = this.eval;
    if (!(
      Number.isFinite(this.pos[0]) &&
      Number.isFinite(this.pos[1]) &&
      Number.isFinite(e[0]) &&
      Number.isFinite(e[1]) &&
      Number.isFinite(e[2])
    ))
      return false;
    // An update that left the optimizer state non-finite counts too (as on the GPU).
    for (let k = 0; k < this.state.length; k++) if (!Number.isFinite(this.state[k])) return false;
    return true;
  }

  /** The gradient step t uses, in `grad`: raw, plus its noise, then clipped. */
  clip(): void {
    this.grad[0] = this.eval[1] as number;
    this.grad[1] = this.eval[2] as number;
    if (this.run.noise) addGradientNoise(this.grad, this.run.noise, this.t, this.z);
    clipGradient(this.grad, this.run.clip.maxNorm, this.run.clip.maxValue);
  }

  /** Optimizer step t (0-based loop index; PyTorch's step count is t + 1), then schedule step. */
  update(t: number): void {
    setStepInputs(this.step, this.lr, t, this.p.scalars);
    updateAll(this.p.optimizer, this.pos, this.grad, this.state, this.step, this.p.constants);
    this.p.feedback?.step(this.eval[0] as number);
  }
}
