// Per-run summaries for the views that show many runs as one picture (sweeps, basin maps):
// where a run ended, when its loss first reached a threshold and when it settled, without
// keeping its trajectory. The float64 loop here steps with the simulator's own Stepper; the
// WGSL engine tracks the same numbers in registers (shaders/engine/step.wgsl, `track`).

import type { ResolvedRun, RunTracking } from '../types';
import { prepare, Stepper, type Prepared, type SurfaceLookup } from '../stepper';

export type FloatColumn = Float32Array | Float64Array;

/**
 * One row per run, in run order: float32 columns from the GPU, float64 from the TS path.
 * - finalX/finalY/finalLoss: the point after the last step and its loss (NaN once diverged).
 * - firstBelow: the first step t with loss_t ≤ track.lossThreshold, −1 if never (or no track).
 * - settledAt: 1 + the last step whose update moved the point by more than
 *   track.settleTolerance (Euclidean), 0 if none did: from step settledAt on, every step moved
 *   at most the tolerance.
 * - divergedAt: the first step whose position, loss, gradient or state was not finite, −1 if
 *   none. firstBelow and settledAt then count only the steps before it.
 */
export interface SummaryTable<F extends FloatColumn = FloatColumn> {
  readonly count: number;
  readonly finalX: F;
  readonly finalY: F;
  readonly finalLoss: F;
  readonly firstBelow: Int32Array;
  readonly settledAt: Int32Array;
  readonly divergedAt: Int32Array;
}

/** One run's row of a SummaryTable. */
export interface RunSummary {
  readonly finalX: number;
  readonly finalY: number;
  readonly finalLoss: number;
  readonly firstBelow: number;
  readonly settledAt: number;
  readonly divergedAt: number;
}

/**
 * The squared settle tolerance both engines compare a step's squared length with (no square
 * root per step); +∞ when the run is not tracked, so that no step counts as a move.
 */
export function settleToleranceSquared(track: RunTracking | undefined): number {
  return track ? track.settleTolerance * track.settleTolerance : Infinity;
}

/** The loss threshold both engines compare with; −∞ when the run is not tracked. */
export function lossThresholdOf(track: RunTracking | undefined): number {
  return track ? track.lossThreshold : -Infinity;
}

function summarizePrepared(run: ResolvedRun, p: Prepared): RunSummary {
  const s = new Stepper(run, p);
  const threshold = lossThresholdOf(run.track);
  const tol2 = settleToleranceSquared(run.track);
  const pos = s.pos;
  const n = run.steps;
  let firstBelow = -1;
  let settledAt = 0;
  for (let t = 0; ; t++) {
    if (!s.evaluate(t)) {
      return { finalX: NaN, finalY: NaN, finalLoss: NaN, firstBelow, settledAt, divergedAt: t };
    }
    const loss = s.eval[0] as number;
    if (firstBelow < 0 && loss <= threshold) firstBelow = t;
    const x = pos[0] as number;
    const y = pos[1] as number;
    if (t === n)
      return { finalX: x, finalY: y, finalLoss: loss, firstBelow, settledAt, divergedAt: -1 };
    s.clip();
    s.update(t);
    const dx = (pos[0] as number) - x;
    const dy = (pos[1] as number) - y;
    // A NaN move compares false; an overflow to ∞ counts as a move.
    if (dx * dx + dy * dy > tol2) settledAt = t + 1;
  }
}

/** One run's summary in float64, stepping like simulate() but keeping no trajectory. */
export function summarizeRun(run: ResolvedRun, surfaceOf?: SurfaceLookup): RunSummary {
  return summarizePrepared(run, prepare(run, surfaceOf));
}

/** Whether two runs share everything prepare() reads (the objects, as plans share them). */
function samePreparation(a: ResolvedRun, b: ResolvedRun): boolean {
  return (
    a.surface.id === b.surface.id &&
    a.surface.expression === b.surface.expression &&
    a.optimizer.id === b.optimizer.id &&
    a.optimizer.params === b.optimizer.params &&
    a.schedule?.id === b.schedule?.id &&
    a.schedule?.params === b.schedule?.params &&
    a.steps === b.steps
  );
}

/** An empty table with float64 columns, for callers that fill it in slices (summarizeRange). */
export function emptySummaryTable(count: number): SummaryTable<Float64Array> {
  return {
    count,
    finalX: new Float64Array(count),
    finalY: new Float64Array(count),
    finalLoss: new Float64Array(count),
    firstBelow: new Int32Array(count),
    settledAt: new Int32Array(count),
    divergedAt: new Int32Array(count),
  };
}

/**
 * Summarizes runs[from..to) into the same rows of `into`, in float64: a CPU fallback can do a
 * slice at a time (progress, cancel between slices). Consecutive runs that share their
 * optimizer and schedule objects (a basin map: all of them) share one prepared lr and
 * step-scalar table; a feedback schedule keeps state, so its runs are prepared one by one.
 */
export function summarizeRange(
  runs: readonly ResolvedRun[],
  from: number,
  to: number,
  into: SummaryTable<Float64Array>,
  surfaceOf?: SurfaceLookup,
): void {
  let last: { run: ResolvedRun; p: Prepared } | null = null;
  for (let i = from; i < to; i++) {
    const run = runs[i];
    if (!run) break;
    let p: Prepared;
    if (last && last.p.feedback === null && samePreparation(last.run, run)) {
      p = last.p;
    } else {
      p = prepare(run, surfaceOf);
      last = { run, p };
    }
    const r = summarizePrepared(run, p);
    into.finalX[i] = r.finalX;
    into.finalY[i] = r.finalY;
    into.finalLoss[i] = r.finalLoss;
    into.firstBelow[i] = r.firstBelow;
    into.settledAt[i] = r.settledAt;
    into.divergedAt[i] = r.divergedAt;
  }
}

/** Every run's summary in float64, in run order (the CPU fallback and the bench's baseline). */
export function summarizeRuns(
  runs: readonly ResolvedRun[],
  surfaceOf?: SurfaceLookup,
): SummaryTable<Float64Array> {
  const table = emptySummaryTable(runs.length);
  summarizeRange(runs, 0, runs.length, table, surfaceOf);
  return table;
}
