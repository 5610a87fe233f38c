// What the Train view's session asks of a training backend, whichever runs the replicas: the
// batched WGSL engine (src/gpu/train/engine.ts) or the float64 loop in a Web Worker
// (src/ui/train/cpuBackend.ts). Replicas sit in numbered slots; an empty slot is null, so one
// lane can be added, removed or restarted while the others keep training.

import type { TrainOptimizerSetup } from './types';

/** One replica's run, as a backend takes it. */
export interface TrainReplicaSetup extends TrainOptimizerSetup {
  readonly id: string;
  /** Every parameter at step 0, in docs/TRAIN-FORMAT.md's flat order. */
  readonly init: Float64Array;
  /**
   * The rows of each step's batch (indices into the training rows). Replicas that share the
   * same array object share one copy (the fair default: the same batch order).
   */
  readonly batches: readonly Int32Array[];
  readonly epochSteps: number;
  /** Steps to run (at most batches.length). */
  readonly steps: number;
}

export type ReplicaStatus = 'running' | 'paused' | 'done' | 'diverged';

/** What one replica did in one `run` call. */
export interface ReplicaProgress {
  readonly id: string;
  /** The first step of `losses`. */
  readonly from: number;
  readonly losses: Float64Array;
  readonly lrs: Float64Array;
  readonly status: ReplicaStatus;
  readonly divergedAt: number | null;
  /**
   * Models with at most TRACE_LIMIT parameters: the parameters after each step of `losses`,
   * step-major, in the flat order (the line fit's (w, b) path). Null for larger models.
   */
  readonly trace: Float32Array | null;
}

/** Models this small report their parameters after every step. */
export const TRACE_LIMIT = 8;

export interface EvalResult {
  readonly id: string;
  /** Mean loss over the rows. */
  readonly loss: number;
  /** Share of rows predicted right; null for mse. */
  readonly accuracy: number | null;
  /** The predicted class of every row (cross_entropy, bce); null for mse. */
  readonly predictions: Uint32Array | Int32Array | null;
}

export interface TrainBackend {
  readonly kind: 'webgpu' | 'cpu';
  /** Replaces every slot: parameters from `init`, optimizer state at its start, step 0. */
  setReplicas(setups: readonly (TrainReplicaSetup | null)[]): Promise<void>;
  /** Restarts (or empties, or fills one past the last) slot `index`; the others keep going. */
  setReplica(index: number, setup: TrainReplicaSetup | null): Promise<void>;
  /** Whether any slot still has steps to run. */
  readonly running: boolean;
  /** Runs up to `maxSteps` steps of every running replica; null for empty slots. */
  run(maxSteps?: number): Promise<(ReplicaProgress | null)[]>;
  /** Every replica's loss, accuracy and predictions on the training or held-out rows. */
  evaluate(set: 'train' | 'test'): Promise<(EvalResult | null)[]>;
  /** Slot `index`'s current parameters in the flat order. */
  readParams(index: number): Promise<Float32Array | Float64Array>;
  destroy(): void;
}
