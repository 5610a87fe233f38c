// The layout of the engine's trajectory record buffer, shared by the engine that writes it
// and the renderers that draw from it without reading it back.
//
// One record is a vec4<f32>: (x, y, loss, lr), 16 bytes. A batch's record buffer holds
// `recordsPerRun` records for each run, run-major: record k of run r is element
// r·recordsPerRun + k. Record k is the state before step k·recordEvery (record 0 is the
// start); the last record is the state after the final step, with lr NaN (no step follows).
// A run that diverged at step d (Trajectory.divergedAt) has NaN in all four components of
// every record from the one of step d on; the run's status says where it stopped. Runs of a
// batch may have different step counts: src/gpu/engine.ts gives each run's first record
// (RecordChunk.recordBase), which is r·recordsPerRun when the counts are equal.

/** Bytes per record: vec4<f32>. */
export const RECORD_BYTES = 16;
/** Floats per record. */
export const RECORD_FLOATS = 4;

/** How many records a run of `steps` steps writes when recording every `recordEvery`-th step. */
export function recordsPerRun(steps: number, recordEvery: number): number {
  return Math.floor(steps / recordEvery) + 1 + (steps % recordEvery === 0 ? 0 : 1);
}

/** The step whose state record k holds, for a run of `steps` steps. */
export function recordStep(k: number, steps: number, recordEvery: number): number {
  return Math.min(k * recordEvery, steps);
}
