// One step of docs/FORMAT.md's loop in float64 (evaluate, clip, optimizer step, schedule step),
// the single definition that the reference simulator (simulate.ts), "Explain this step" and the
// lean per-run summaries (explore/summary.ts) all step with.

import type { OptimizerDef, ResolvedRun, ScheduleFeedback, StepInputs, SurfaceDef } from './types';
import {
  createOptimizerState,
  createStepInputs,
  optimizerById,
  setStepInputs,
  updateAll,
} from './optimizers';
import { scheduleById } from './schedules';
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

  constructor(
    private readonly run: ResolvedRun,
    private readonly p: Prepared,
  ) {
    this.state = createOptimizerState(p.optimizer, run.optimizer.params, 2);
    this.pos[0] = run.start[0];
    this.pos[1] = run.start[1];
  }

  /** Loss and raw gradient at the current position, and this step's lr; false if not finite. */
  evaluate(t: number): boolean {
    const { surface } = this.p;
    surface.evaluate(
      this.pos[0] as number,
      this.pos[1] as number,
      this.run.surface.params,
      this.eval,
      this.run.surface.data,
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

  /** Clips the gradient into `grad`. */
  clip(): void {
    this.grad[0] = this.eval[1] as number;
    this.grad[1] = this.eval[2] as number;
    clipGradient(this.grad, this.run.clip.maxNorm, this.run.clip.maxValue);
  }

  /** Optimizer step t (0-based loop index; PyTorch's step count is t + 1), then schedule step. */
  update(t: number): void {
    setStepInputs(this.step, this.lr, t, this.p.scalars);
    updateAll(this.p.optimizer, this.pos, this.grad, this.state, this.step, this.p.constants);
    this.p.feedback?.step(this.eval[0] as number);
  }
}
