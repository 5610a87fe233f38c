// A noisy lane's cloud summarised for the charts and the map: the mean path, the mean loss and
// its 10–90 % band per step, over the lane's first SUMMARY_RUNS runs (seeds 0..K−1), simulated
// in float64 on the CPU. These are exactly the cloud's first K runs (the generator is the same
// on both engines: src/core/noise.ts), but only K of N: the UI says so wherever it shows them.

import type { Config, LaneConfig } from '../core/config';
import { noisyRun } from '../core/noise';
import { simulate } from '../core/simulate';
import type { Trajectory, ViewWindow } from '../core/types';
import { getResults, type LaneResult } from './results';
import { surfaceDef } from './registry';
import { laneStop } from '../core/runaway';

/** Runs the summary averages over (fewer when the lane has fewer). */
export const SUMMARY_RUNS = 128;
/** The band's quantiles. */
export const BAND = [0.1, 0.9] as const;

export interface NoiseSummary {
  /** Mean x, y and loss per step, lr of run 0 (the same for every run without feedback). */
  readonly mean: Trajectory;
  readonly lossLo: Float64Array;
  readonly lossHi: Float64Array;
  /** Runs summarised, and runs the lane draws. */
  readonly runs: number;
  readonly of: number;
  /** Runs of the summary that diverged (left out of the means from that step on). */
  readonly diverged: number;
  /** Runs that stayed finite but ran away (src/ui/runaway.ts); kept in the means. */
  readonly ranAway: number;
}

/**
 * Per lane: the summary and the main run it was computed from. A lane keeps its summary while
 * its main run is the same object (src/ui/compute/mainKind.ts keeps unchanged lanes' runs), so
 * moving one lane's slider, or the GPU batch landing, does not re-simulate every noisy lane.
 */
const cache = new Map<
  string,
  { run: Trajectory | null; runCount: number; noise: unknown; summary: NoiseSummary | null }
>();

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const i = Math.floor(at);
  const a = sorted[i]!;
  const b = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return a + (b - a) * (at - i);
}

function summarise(lane: LaneConfig, result: LaneResult, view: ViewWindow): NoiseSummary | null {
  const noise = lane.noise;
  const base = result.resolved;
  const first = result.run;
  if (!noise || !base || !first) return null;
  const k = Math.min(SUMMARY_RUNS, noise.runs, result.runCount);
  const runs: Trajectory[] = [first];
  for (let s = 1; s < k; s++) runs.push(simulate(noisyRun(base, noise, s, `${lane.id}-n${s}`)));
  const n = first.loss.length;
  const x = new Float64Array(2 * n).fill(NaN);
  const loss = new Float64Array(n).fill(NaN);
  const lossLo = new Float64Array(n).fill(NaN);
  const lossHi = new Float64Array(n).fill(NaN);
  const column = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    let m = 0;
    let sx = 0;
    let sy = 0;
    let sl = 0;
    for (const r of runs) {
      const l = r.loss[t]!;
      if (!Number.isFinite(l)) continue;
      sx += r.x[2 * t]!;
      sy += r.x[2 * t + 1]!;
      sl += l;
      column[m++] = l;
    }
    if (m === 0) continue;
    x[2 * t] = sx / m;
    x[2 * t + 1] = sy / m;
    loss[t] = sl / m;
    const sorted = column.subarray(0, m).sort();
    lossLo[t] = quantile(sorted, BAND[0]);
    lossHi[t] = quantile(sorted, BAND[1]);
  }
  const diverged = runs.filter((r) => r.divergedAt !== null).length;
  const ranAway = runs.filter((r) => laneStop(r, view)?.kind === 'ranAway').length;
  return {
    mean: { x, loss, lr: first.lr, divergedAt: diverged === k ? first.divergedAt : null },
    lossLo,
    lossHi,
    runs: k,
    of: result.runCount,
    diverged,
    ranAway,
  };
}

/** The summary of a noisy lane of the current results; null for a lane without noise. */
export function noiseSummary(config: Config, laneId: string): NoiseSummary | null {
  const lane = config.lanes.find((l) => l.id === laneId);
  const result = getResults().lanes.find((l) => l.laneId === laneId);
  if (!lane || !result) return null;
  const hit = cache.get(laneId);
  if (
    hit &&
    hit.run === result.run &&
    hit.runCount === result.runCount &&
    hit.noise === lane.noise
  ) {
    return hit.summary;
  }
  const summary = summarise(lane, result, surfaceDef(config.surface).view);
  cache.set(laneId, { run: result.run, runCount: result.runCount, noise: lane.noise, summary });
  return summary;
}
