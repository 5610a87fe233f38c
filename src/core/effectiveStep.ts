// The effective step size of a run, per coordinate and step: what the optimizer's own
// `effectiveStep` (src/core/optimizers/) reads off its state after each step of the one
// float64 step (stepper.ts) that the simulator and "Explain" also use. Adam, AdaGrad,
// RMSprop… shrink or grow it per coordinate while the scheduled η stays flat; SGD's is η.

import { ColumnReducer, type ReducedSeries } from './reduce';
import { prepare, Stepper, type SurfaceLookup } from './stepper';
import type { ResolvedRun } from './types';

/**
 * The run's effective step sizes, reduced to `columns` pixel columns as reduceSeries does
 * (values[0]: x, values[1]: y; step t is the update from x_t to x_{t+1}). The run is stepped
 * in full (the state at step t depends on every step before it), but only the columns are
 * kept. Steps from a divergence on are NaN.
 */
export function effectiveStepSeries(
  run: ResolvedRun,
  columns: number,
  surfaceOf?: SurfaceLookup,
): ReducedSeries {
  const n = run.steps;
  const reducer = new ColumnReducer(2, n, columns, (v) => v > 0);
  const prepared = prepare(run, surfaceOf);
  const s = new Stepper(run, prepared);
  const before = new Float64Array(s.state.length);
  const { optimizer, constants } = prepared;
  for (let t = 0; t < n; t++) {
    if (!s.evaluate(t)) break;
    s.clip();
    before.set(s.state);
    s.update(t);
    for (let i = 0; i < 2; i++) {
      reducer.push(i, t, optimizer.effectiveStep(before, s.state, i, 2, s.step, constants));
    }
  }
  return reducer.result();
}
