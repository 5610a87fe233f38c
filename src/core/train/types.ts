// The shapes every part of training shares: the model, the data, one replica's run and what it
// produced. The float64 TypeScript loop (src/core/train), the batched WGSL engine
// (src/gpu/train), the train-cases command line and the Train view all read these, as
// docs/TRAIN-FORMAT.md defines them.

import type { ParamValues } from '../params';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'none';

/**
 * Per-sample loss; a batch's loss is the mean over its samples.
 * - cross_entropy: log Σ exp(z) − z_y, y an integer class (F.cross_entropy)
 * - bce: max(z, 0) − z·y + log(1 + exp(−|z|)), one output, y ∈ {0, 1}
 *   (F.binary_cross_entropy_with_logits)
 * - mse: (z − y)², one output (F.mse_loss)
 */
export type LossKind = 'cross_entropy' | 'bce' | 'mse';

/** Linear layers; `activation` follows every layer but the last. */
export interface MlpSpec {
  readonly kind: 'mlp';
  /** [inputs, hidden…, outputs]; [1, 1] is the line fit, [20, 1] logistic regression. */
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly loss: LossKind;
}

/** Conv2d (stride 1, no padding) → activation → MaxPool2d(pool) → flatten → Linear. */
export interface CnnSpec {
  readonly kind: 'cnn';
  /** [channels, height, width] of one input image. */
  readonly input: readonly [number, number, number];
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly pool: number;
  readonly activation: Activation;
  readonly classes: number;
  readonly loss: 'cross_entropy';
}

export type ModelSpec = MlpSpec | CnnSpec;

/**
 * Samples as rows: `x` holds rows × features values row-major (an image flattened in
 * (channel, row, column) order), `y` one target per row: a class index for cross_entropy,
 * 0 or 1 for bce, a real value for mse.
 */
export interface Dataset {
  readonly rows: number;
  readonly features: number;
  readonly x: Float64Array | Float32Array;
  readonly y: Float64Array | Float32Array;
}

/** Training and held-out data of one task. */
export interface DataSplit {
  readonly train: Dataset;
  readonly test: Dataset;
}

/** The optimizer, schedule and clipping of one replica, as a run spec names them. */
export interface TrainOptimizerSetup {
  readonly optimizer: { readonly id: string; readonly params: ParamValues };
  /** Stepped once per epoch (ReduceLROnPlateau on the epoch's mean training loss). */
  readonly schedule: { readonly id: string; readonly params: ParamValues } | null;
  readonly clip: { readonly maxNorm: number | null; readonly maxValue: number | null };
}

/**
 * One replica's complete training run, as docs/TRAIN-FORMAT.md's loop runs it: for
 * t = 0..steps−1 the batch `batches[t]` (row indices into `data`), loss and gradient at the
 * current parameters, clip, optimizer step, and a schedule step after every `epochSteps`.
 */
export interface TrainRun extends TrainOptimizerSetup {
  readonly id: string;
  readonly model: ModelSpec;
  readonly data: Dataset;
  /** Every parameter, flat, in PyTorch's order (docs/TRAIN-FORMAT.md, parameter layout). */
  readonly init: Float64Array;
  readonly batches: readonly Int32Array[];
  readonly epochSteps: number;
  readonly steps: number;
}

/** What one run produced: docs/TRAIN-FORMAT.md's result object, in typed arrays. */
export interface TrainResult {
  readonly id: string;
  /** loss_t of every step's batch (before the step). */
  readonly loss: Float64Array;
  /** The lr step t used. */
  readonly lr: Float64Array;
  /** The parameters after the last step. */
  readonly params: Float64Array;
  /** Mean loss over every row of `data` at the final parameters. */
  readonly finalLoss: number;
  /** Share of rows predicted right; null for mse. */
  readonly finalAccuracy: number | null;
  /** The first step whose loss, gradient or parameters were not finite; null if none. */
  readonly divergedAt: number | null;
}
