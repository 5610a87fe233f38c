// What the last recompute produced, kept outside the store (typed arrays and GPU buffers
// change every frame; the store only carries `view.resultsVersion`, bumped by compute.ts).
// Readers (charts, explain panel, map) subscribe to resultsVersion and read `results` here.

import type { Trajectory } from '../core/types';

export interface LaneResult {
  readonly laneId: string;
  /** The lane's single run (the lane's own start point), in float64 arrays. */
  readonly run: Trajectory | null;
  /** The lane's runs in the batch record layout: run indices [firstRun, firstRun + runCount). */
  readonly firstRun: number;
  readonly runCount: number;
}

export interface Results {
  /** One entry per lane of the config the results were computed from, same order. */
  readonly lanes: readonly LaneResult[];
  /** Steps per run of that config. */
  readonly steps: number;
  /** Runs in the batch (all lanes, swarms included). */
  readonly runCount: number;
  /** Records per run and recording stride (src/gpu/records.ts layout). */
  readonly recordsPerRun: number;
  readonly recordEvery: number;
  /**
   * The engine's record buffer (vec4 x, y, loss, lr per record, run-major) on the GPU, for the
   * map to draw from without a read-back. Null on the CPU fallback.
   */
  readonly recordBuffer: GPUBuffer | null;
  /** The same records on the CPU (the CPU fallback), or null when only on the GPU. */
  readonly records: Float32Array | null;
  /** The surface id and params these runs were computed on. */
  readonly surfaceId: string;
  /** Incremented per recompute; equals the store's view.resultsVersion once published. */
  readonly version: number;
}

const EMPTY: Results = {
  lanes: [],
  steps: 0,
  runCount: 0,
  recordsPerRun: 0,
  recordEvery: 1,
  recordBuffer: null,
  records: null,
  surfaceId: '',
  version: 0,
};

let current: Results = EMPTY;

/** The latest results (stable object until the next publish). */
export function getResults(): Results {
  return current;
}

/** compute.ts only. */
export function publishResults(next: Results): void {
  current = next;
}

/** The result of one lane, by id. */
export function laneResult(laneId: string): LaneResult | undefined {
  return current.lanes.find((l) => l.laneId === laneId);
}
