// What the Train view draws, outside the store (per-step curves are long typed arrays): the
// session (src/ui/train/session.ts) writes here and bumps the store's view.trainVersion; the
// components read with getTrainResults() when that version changes.

import type { Dataset, ModelSpec } from '../../core/train/types';
import type { TaskDef } from '../../core/train/tasks';
import type { Vec2 } from '../../core/types';

/** One held-out evaluation of a lane, at the end of an epoch. */
export interface LaneEval {
  /** Epochs completed (1 after the first). */
  readonly epoch: number;
  /** Steps run when it was taken. */
  readonly step: number;
  readonly loss: number;
  /** Share of held-out rows right; null for mse. */
  readonly accuracy: number | null;
  /** A lane of several seeds: the mean above, and the lowest and highest seed here. */
  readonly lossRange: readonly [number, number] | null;
  readonly accuracyRange: readonly [number, number] | null;
}

export type LaneTrainStatus =
  | 'waiting' // not started yet
  | 'running'
  | 'paused'
  | 'done' // ran every epoch
  | 'stopped' // an early-stopping rule fired
  | 'diverged';

export interface LaneTrainResult {
  readonly laneId: string;
  status: LaneTrainStatus;
  /** Why the lane stopped, for the UI: "validation accuracy 95.3 % > 95 % after epoch 7". */
  note: string | null;
  /** Steps run so far, of totalSteps. */
  step: number;
  readonly totalSteps: number;
  readonly epochSteps: number;
  /**
   * Training loss and lr of every step run so far: entries 0..step−1. A lane of several seeds
   * (`seeds` > 1): the mean over its seeds that did not diverge, with the lowest and highest
   * seed's loss in lossMin / lossMax (null for one seed).
   */
  readonly loss: Float32Array;
  readonly lr: Float32Array;
  readonly seeds: number;
  readonly lossMin: Float32Array | null;
  readonly lossMax: Float32Array | null;
  /** Held-out loss and accuracy after each epoch. */
  readonly evals: LaneEval[];
  /**
   * The held-out rows' predicted classes at the last evaluation (classification tasks); with
   * several seeds, the first seed's (so are the confusion matrix and the first layer).
   */
  predictions: Uint8Array | null;
  /** classes × classes counts at the last evaluation: row = true class, column = predicted. */
  confusion: Uint32Array | null;
  /**
   * The model's first weight tensor at the last evaluation, row-major as PyTorch holds it: an
   * MLP's [units][inputs], the CNN's conv kernels [outChannels][channels·k·k]. How to draw it:
   * TrainResults.firstLayer.
   */
  firstLayer: Float32Array | null;
  /**
   * Models with at most TRACE_LIMIT parameters (the line fit): the parameters after every step
   * run so far, step-major ([w, b] per step for the line), else null.
   */
  readonly path: Float32Array | null;
  /** With `path`: the traced parameters before the first step (the lane's initial weights). */
  readonly pathStart: Float32Array | null;
  /** The first step with a non-finite loss or parameter. */
  divergedAt: number | null;
}

export interface TrainResults {
  /** The config key (src/ui/train/session.ts) these results belong to. */
  readonly key: string;
  readonly task: TaskDef;
  readonly model: ModelSpec;
  /** The held-out rows (what predictions and confusion refer to). */
  readonly test: Dataset;
  /** Side of the square images of an image task (28 or 10), null for other data. */
  readonly imageSide: number | null;
  /** The seed the data was generated from (line, classification); null for MNIST. */
  readonly dataSeed: number | null;
  /** Classes of the predictions and confusion matrices (0 for mse). */
  readonly classes: number;
  /** Parameters per lane (PyTorch's flat count). */
  readonly paramCount: number;
  /**
   * How LaneTrainResult.firstLayer splits: `rows` rows (hidden units, conv channels), each a
   * `side`×`side` image when the inputs are square images (MNIST pixels, 1-channel kernels),
   * else side null.
   */
  readonly firstLayer: { readonly rows: number; readonly side: number | null } | null;
  lanes: LaneTrainResult[];
  /** Where the replicas train: the batched WGSL engine, or the float64 CPU path in a worker. */
  engine: 'webgpu' | 'cpu' | null;
  /** Training samples per second over the last second, all lanes counted. */
  samplesPerSecond: number;
  /** Optimizer steps per second of one lane (every lane steps together), same window. */
  stepsPerSecond: number;
  /** A sentence while the data loads or the engine starts; null once training can run. */
  preparing: string | null;
  /** Why training cannot run (the data file is missing, the model is too big for the device). */
  error: string | null;
}

let current: TrainResults | null = null;

export function getTrainResults(): TrainResults | null {
  return current;
}

export function publishTrainResults(results: TrainResults | null): void {
  current = results;
}

/**
 * A two-parameter lane's (w, b) path as drawn: the initial weights (when known), then the
 * weights after each step run, up to the first non-finite point.
 */
export function tracedPath(result: LaneTrainResult): Vec2[] {
  const { path, pathStart } = result;
  const points: Vec2[] = pathStart ? [[pathStart[0] as number, pathStart[1] as number]] : [];
  if (!path) return points;
  for (let t = 0; t < result.step; t++) {
    const w = path[2 * t] as number;
    const b = path[2 * t + 1] as number;
    if (!Number.isFinite(w) || !Number.isFinite(b)) break;
    points.push([w, b]);
  }
  return points;
}

/** A lane's results before its first step. */
export function emptyLaneResult(
  laneId: string,
  totalSteps: number,
  epochSteps: number,
  tracedParams: number,
  seeds = 1,
  initialParams: Float64Array | null = null,
): LaneTrainResult {
  return {
    laneId,
    status: 'waiting',
    note: null,
    step: 0,
    totalSteps,
    epochSteps,
    loss: new Float32Array(totalSteps),
    lr: new Float32Array(totalSteps),
    seeds,
    lossMin: seeds > 1 ? new Float32Array(totalSteps) : null,
    lossMax: seeds > 1 ? new Float32Array(totalSteps) : null,
    evals: [],
    predictions: null,
    confusion: null,
    firstLayer: null,
    path: tracedParams > 0 ? new Float32Array(totalSteps * tracedParams) : null,
    pathStart:
      tracedParams > 0 && initialParams
        ? Float32Array.from(initialParams.subarray(0, tracedParams))
        : null,
    divergedAt: null,
  };
}
