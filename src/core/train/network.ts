// The float64 forward and backward pass of a model, with every buffer allocated once for a
// largest batch size: the training loop calls forward/backward once per step and must not
// allocate. Rows are gathered from the data set by index, so a batch is never copied.

import { CnnNetwork } from './cnn';
import { MlpNetwork } from './mlp';
import type { ParamLayout } from './layout';
import type { ModelSpec } from './types';
import type { BatchInput } from './batch';

export type { BatchInput } from './batch';

export interface Network {
  readonly layout: ParamLayout;
  /** Most rows one pass takes. */
  readonly capacity: number;
  /** The last forward pass's outputs: count × layout.outputs, row-major. */
  readonly logits: Float64Array;
  /** Computes `logits` for the batch at `params`. */
  forward(params: Float64Array, input: BatchInput): void;
  /**
   * After `forward` on the same batch and params: the gradient of Σ dLogits·logits with
   * respect to every parameter, written over `grad` (flat layout).
   */
  backward(
    params: Float64Array,
    input: BatchInput,
    dLogits: Float64Array,
    grad: Float64Array,
  ): void;
}

/** A network for `model` that takes up to `capacity` rows per pass. */
export function createNetwork(model: ModelSpec, capacity: number): Network {
  const cap = Math.max(1, capacity);
  return model.kind === 'mlp' ? new MlpNetwork(model, cap) : new CnnNetwork(model, cap);
}
