// What the last recompute produced, kept outside the store (typed arrays and GPU buffers
// change every frame; the store only carries `view.resultsVersion`, bumped by src/ui/compute/mainKind.ts).
// Readers (charts, explain panel, map) subscribe to resultsVersion and read `results` here.

import type { ResolvedRun, Trajectory } from '../core/types';
import type { RecordChunk } from '../gpu/engine';

export interface LaneResult {
  readonly laneId: string;
  /** The lane's single run (the lane's own start point), in float64 arrays. */
  readonly run: Trajectory | null;
  /** The main run as executed (defaults filled in), for Explain and the exports. */
  readonly resolved: ResolvedRun | null;
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
  /** Records per run of `records` (every step recorded: steps + 1). */
  readonly recordsPerRun: number;
  readonly recordEvery: number;
  /**
   * The GPU batch's record buffers (vec4 x, y, loss, lr per record, src/gpu/records.ts), for
   * the map to draw without a read-back: run r of chunk c starts at record
   * `chunk.recordBase[r - chunk.firstRun]`, with `recordsPerRun` records every `recordEvery`
   * steps. Null on the CPU fallback. May lag the CPU results by a frame or two.
   */
  readonly gpu: {
    readonly chunks: readonly RecordChunk[];
    readonly recordEvery: number;
    readonly recordsPerRun: number;
  } | null;
  /**
   * True from a config change until the GPU batch of that config landed in `gpu` (until then
   * `gpu` holds the previous batch). Always false on the CPU fallback.
   */
  readonly gpuPending: boolean;
  /**
   * On the CPU fallback, every run's records in the same layout (run-major, `recordsPerRun`
   * records each, recordEvery 1); null with WebGPU.
   */
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
  gpu: null,
  gpuPending: false,
  records: null,
  surfaceId: '',
  version: 0,
};

let current: Results = EMPTY;

/** The latest results (stable object until the next publish). */
export function getResults(): Results {
  return current;
}

/** src/ui/compute/mainKind.ts only. */
export function publishResults(next: Results): void {
  current = next;
}

/** The result of one lane, by id. */
export function laneResult(laneId: string): LaneResult | undefined {
  return current.lanes.find((l) => l.laneId === laneId);
}
