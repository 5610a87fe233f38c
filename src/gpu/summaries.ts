// Reads per-run summaries (src/core/explore/summary.ts) out of a batch's buffers: the final
// point and loss from each run's last record, the counters from its state words
// (shaders/engine/step.wgsl tracks them for runs with `track`).

import type { SummaryTable } from '../core/explore/summary';
import { RunStatus, STATE_LAYOUT } from './layout';
import { RECORD_FLOATS, recordsPerRun } from './records';

/** One chunk's read-back buffers and where its runs sit in them. */
export interface ChunkReadback {
  readonly runCount: number;
  /** The state slot of each of the chunk's runs, in run order. */
  readonly slotOf: Uint32Array;
  readonly recordBase: readonly number[];
  readonly runSteps: readonly number[];
  readonly records: ArrayBuffer;
  readonly state: ArrayBuffer;
}

function offsetOf(name: string): number {
  const field = STATE_LAYOUT.byName.get(name);
  if (!field) throw new Error(`STATE has no field ${name}`);
  return field.offset;
}

/**
 * The summary table of the chunks' runs, in run order. A run still running has NaN final
 * values and divergedAt −1; a diverged run NaN final values (its records are NaN from then on).
 */
export function summariesOf(
  chunks: readonly ChunkReadback[],
  recordEvery: number,
): SummaryTable<Float32Array> {
  const count = chunks.reduce((n, c) => n + c.runCount, 0);
  const table = {
    count,
    finalX: new Float32Array(count),
    finalY: new Float32Array(count),
    finalLoss: new Float32Array(count),
    firstBelow: new Int32Array(count),
    settledAt: new Int32Array(count),
    divergedAt: new Int32Array(count),
  };
  const STATUS = offsetOf('status');
  const DIVERGED_AT = offsetOf('divergedAt');
  const FIRST_BELOW = offsetOf('firstBelow');
  const SETTLED_AT = offsetOf('settledAt');
  const stride = STATE_LAYOUT.strideWords;
  let row = 0;
  for (const chunk of chunks) {
    const records = new Float32Array(chunk.records);
    const words = new Uint32Array(chunk.state);
    // firstBelow's "none" (0xffffffff) reads as −1.
    const signed = new Int32Array(chunk.state);
    for (let i = 0; i < chunk.runCount; i++, row++) {
      const base = (chunk.slotOf[i] ?? 0) * stride;
      const status = words[base + STATUS];
      const steps = chunk.runSteps[i] ?? 0;
      const last = (chunk.recordBase[i] ?? 0) + recordsPerRun(steps, recordEvery) - 1;
      const at = last * RECORD_FLOATS;
      const done = status === RunStatus.done;
      table.finalX[row] = done ? (records[at] ?? NaN) : NaN;
      table.finalY[row] = done ? (records[at + 1] ?? NaN) : NaN;
      table.finalLoss[row] = done ? (records[at + 2] ?? NaN) : NaN;
      table.firstBelow[row] = signed[base + FIRST_BELOW] ?? -1;
      table.settledAt[row] = signed[base + SETTLED_AT] ?? 0;
      table.divergedAt[row] =
        status === RunStatus.diverged ? (signed[base + DIVERGED_AT] ?? -1) : -1;
    }
  }
  return table;
}
