// The three losses of docs/TRAIN-FORMAT.md in float64, forward and the gradient of the batch
// mean with respect to the logits, in the order PyTorch 1.13's CPU kernels compute them.

import type { LossKind } from './types';

/** Targets of a batch: y[rows[n]] is the target of the batch's row n. */
export interface BatchTargets {
  readonly y: ArrayLike<number>;
  readonly rows: ArrayLike<number>;
}

/**
 * The loss of each of `count` rows, summed (the caller divides by the row count: PyTorch's
 * mean is the sum over the batch divided by its size). `logits` holds count × outputs values.
 * With `dLogits`, also writes the gradient of the *mean* over the `meanOver` rows there.
 */
export function lossSum(
  kind: LossKind,
  logits: Float64Array,
  outputs: number,
  count: number,
  targets: BatchTargets,
  dLogits: Float64Array | null,
  meanOver = count,
): number {
  const { y, rows } = targets;
  let sum = 0;
  if (kind === 'cross_entropy') {
    // F.log_softmax: lp = (z − max) − log Σ exp(z − max); nll_loss sums −lp[y]. Backward:
    // nll gives gy = −1/N at the target, log_softmax_backward gy_j − exp(lp_j)·Σ gy.
    const s = -1 / meanOver;
    for (let n = 0; n < count; n++) {
      const base = n * outputs;
      let max = -Infinity;
      for (let j = 0; j < outputs; j++) {
        const z = logits[base + j] as number;
        if (z > max || z !== z) max = z;
      }
      let expSum = 0;
      for (let j = 0; j < outputs; j++) expSum += Math.exp((logits[base + j] as number) - max);
      const logSum = Math.log(expSum);
      const target = y[rows[n] as number] as number;
      sum += -((logits[base + target] as number) - max - logSum);
      if (dLogits) {
        for (let j = 0; j < outputs; j++) {
          const lp = (logits[base + j] as number) - max - logSum;
          dLogits[base + j] = (j === target ? s : 0) - Math.exp(lp) * s;
        }
      }
    }
  } else if (kind === 'bce') {
    // binary_cross_entropy_with_logits: (1 − y)·z + m + log(e^(−m) + e^(−z−m)), m = max(−z, 0);
    // backward (σ(z) − y)/N.
    for (let n = 0; n < count; n++) {
      const z = logits[n] as number;
      const target = y[rows[n] as number] as number;
      const m = Math.max(-z, 0);
      sum += (1 - target) * z + m + Math.log(Math.exp(-m) + Math.exp(-z - m));
      if (dLogits) dLogits[n] = (1 / (1 + Math.exp(-z)) - target) / meanOver;
    }
  } else {
    // mse_loss: (z − y)²; backward (2/N)·(z − y).
    const norm = 2 / meanOver;
    for (let n = 0; n < count; n++) {
      const diff = (logits[n] as number) - (y[rows[n] as number] as number);
      sum += diff * diff;
      if (dLogits) dLogits[n] = norm * diff;
    }
  }
  return sum;
}

/**
 * The predicted class of each of `count` rows into `out`: the first largest logit for
 * cross_entropy (torch.argmax), output > 0 for bce. Not defined for mse.
 */
export function predictClasses(
  kind: 'cross_entropy' | 'bce',
  logits: Float64Array,
  outputs: number,
  count: number,
  out: Int32Array,
  outOffset = 0,
): void {
  for (let n = 0; n < count; n++) {
    if (kind === 'bce') {
      out[outOffset + n] = (logits[n] as number) > 0 ? 1 : 0;
      continue;
    }
    const base = n * outputs;
    let best = 0;
    let max = logits[base] as number;
    for (let j = 1; j < outputs; j++) {
      const z = logits[base + j] as number;
      if (z > max) {
        max = z;
        best = j;
      }
    }
    out[outOffset + n] = best;
  }
}
