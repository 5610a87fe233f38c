// A run stepped in float64 keeping only every n-th state, written straight into a record
// layout (src/gpu/records.ts: x, y, loss, lr per record; the stride is the caller's). The CPU
// fallback's swarms use it: a whole Trajectory per run (32 bytes a step, 3.2 MB for 100,000
// steps) would be allocated only to be dropped again, and a lane's runs share one Prepared
// (the per-step scalars and lr table of 100,000 steps) instead of building it per run.

import { prepare, Stepper, type Prepared, type SurfaceLookup } from './stepper';
import type { ResolvedRun } from './types';

/**
 * What runs differing only in their start point can share: everything but a feedback
 * schedule, which keeps per-run state (null then: prepare per run).
 */
export function sharedPrepared(run: ResolvedRun, surfaceOf?: SurfaceLookup): Prepared | null {
  const p = prepare(run, surfaceOf);
  return p.feedback ? null : p;
}

export interface RecordTarget {
  readonly records: Float32Array;
  /** Index of the run's first record's first float. */
  readonly offset: number;
  /** Floats per record (x, y, loss, lr first). */
  readonly stride: number;
  readonly recordEvery: number;
}

/**
 * Steps `run` as simulate() does (the same Stepper) and writes the state before step
 * k·recordEvery into record k, and the state after the last step into the last record (lr
 * NaN: no step follows). From a divergence on nothing is written: the caller's records
 * hold NaN there already.
 */
export function simulateRecords(
  run: ResolvedRun,
  target: RecordTarget,
  prepared: Prepared | null = null,
  surfaceOf?: SurfaceLookup,
): void {
  const { records, offset, stride, recordEvery } = target;
  const n = run.steps;
  const s = new Stepper(run, prepared ?? prepare(run, surfaceOf));
  const last = Math.ceil(n / recordEvery);
  for (let t = 0; t <= n; t++) {
    if (!s.evaluate(t)) return;
    if (t % recordEvery === 0 || t === n) {
      const at = offset + (t === n ? last : t / recordEvery) * stride;
      records[at] = s.pos[0] as number;
      records[at + 1] = s.pos[1] as number;
      records[at + 2] = s.eval[0] as number;
      records[at + 3] = t === n ? NaN : s.lr;
    }
    if (t === n) return;
    s.clip();
    s.update(t);
  }
}
