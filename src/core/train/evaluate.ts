// A model's loss and accuracy on a whole data set in float64, in chunks of the network's
// capacity: the held-out evaluation of the Train view (with per-row predictions for its
// confusion matrix and digit grid) and the final loss of a train case.

import { lossSum, predictClasses } from './loss';
import type { Network } from './network';
import type { Dataset, LossKind } from './types';

export interface Evaluation {
  /** Mean loss over every row. */
  readonly loss: number;
  /** Share of rows predicted right; null for mse. */
  readonly accuracy: number | null;
  /** Predicted class per row (cross_entropy: first largest output; bce: output > 0); null for mse. */
  readonly predictions: Int32Array | null;
  /** Rows per (true class, predicted class) at `true · classes + predicted`; null for mse. */
  readonly confusion: Int32Array | null;
  /** Classes of the confusion matrix (2 for bce). */
  readonly classes: number;
}

/** Evaluates `network` at `params` on every row of `data`. */
export function evaluateNetwork(
  network: Network,
  loss: LossKind,
  params: Float64Array,
  data: Dataset,
): Evaluation {
  const outputs = network.layout.outputs;
  const classes = loss === 'bce' ? 2 : outputs;
  const chunk = network.capacity;
  const rows = new Int32Array(chunk);
  const predictions = loss === 'mse' ? null : new Int32Array(data.rows);
  let sum = 0;
  for (let start = 0; start < data.rows; start += chunk) {
    const count = Math.min(chunk, data.rows - start);
    for (let n = 0; n < count; n++) rows[n] = start + n;
    network.forward(params, { x: data.x, features: data.features, rows, count });
    // Per-row losses summed in row order over all chunks, then divided once by the row count:
    // the mean PyTorch forms for the whole data set in one batch.
    sum += lossSum(loss, network.logits, outputs, count, { y: data.y, rows }, null);
    if (predictions && loss !== 'mse')
      predictClasses(loss, network.logits, outputs, count, predictions, start);
  }
  if (!predictions) {
    return { loss: sum / data.rows, accuracy: null, predictions: null, confusion: null, classes };
  }
  const confusion = new Int32Array(classes * classes);
  let right = 0;
  for (let r = 0; r < data.rows; r++) {
    const truth = data.y[r] as number;
    const predicted = predictions[r] as number;
    if (truth === predicted) right++;
    if (truth >= 0 && truth < classes) {
      const cell = truth * classes + predicted;
      confusion[cell] = (confusion[cell] as number) + 1;
    }
  }
  return {
    loss: sum / data.rows,
    accuracy: right / data.rows,
    predictions,
    confusion,
    classes,
  };
}
