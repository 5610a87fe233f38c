// The effective step size of a run, per coordinate and step: what the optimizer's own
// `effectiveStep` (src/core/optimizers/) reads off its state after each step of the one
// float64 step (stepper.ts) that the simulator and "Explain" also use. Adam, AdaGrad,
// RMSprop… shrink or grow it per coordinate while the scheduled η stays flat; SGD's is η.

import { reduceSeries, type ReducedSeries } from './reduce';
import { prepare, Stepper, type SurfaceLookup } from './stepper';
import type { ResolvedRun } from './types';

/**
 * The run's effective step sizes, one per step (x: values[0], y: values[1]; step t is the
 * update from x_t to x_{t+1}). NaN from a divergence on. 16 bytes a step: the map's main runs
 * keep them beside their Trajectory, and the chart reduces them to its pixel columns.
 */
export function effectiveStepSizes(
  run: ResolvedRun,
  surfaceOf?: SurfaceLookup,
): readonly [Float64Array, Float64Array] {
  const n = run.steps;
  const out = [new Float64Array(n).fill(NaN), new Float64Array(n).fill(NaN)] as const;
  const prepared = prepare(run, surfaceOf);
  const s = new Stepper(run, prepared);
  const before = new Float64Array(s.state.length);
  const { optimizer, constants } = prepared;
  for (let t = 0; t < n; t++) {
    if (!s.evaluate(t)) break;
    s.clip();
    before.set(s.state);
    s.update(t);
    out[0][t] = optimizer.effectiveStep(before, s.state, 0, 2, s.step, constants);
    out[1][t] = optimizer.effectiveStep(before, s.state, 1, 2, s.step, constants);
  }
  return out;
}

/**
 * The run's effective step sizes reduced to `columns` pixel columns as reduceSeries does,
 * positive values only (the chart's axis is logarithmic).
 */
export function effectiveStepSeries(
  run: ResolvedRun,
  columns: number,
  surfaceOf?: SurfaceLookup,
): ReducedSeries {
  return reduceSeries(effectiveStepSizes(run, surfaceOf), run.steps, columns, (v) => v > 0);
}
