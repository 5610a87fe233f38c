// The mini-batch order of a training run, as a DataLoader with shuffle=True and
// drop_last=False gives it: every epoch a fresh permutation of the rows (from the seed),
// cut into batches of `batchSize`, the last one shorter when the rows do not divide evenly.
// Replicas that share the seed share the order (the Train view's fair default).

import { mulberry32 } from '../rng';

export interface BatchPlan {
  /** Row indices of every step's batch, epoch after epoch. */
  readonly batches: Int32Array[];
  /** Steps per epoch: ⌈rows / batchSize⌉. */
  readonly epochSteps: number;
}

/** `epochs` shuffled passes over `rows` rows in batches of `batchSize`. */
export function shuffledBatches(
  rows: number,
  batchSize: number,
  epochs: number,
  seed: number,
): BatchPlan {
  if (!(rows >= 1 && batchSize >= 1 && epochs >= 0))
    throw new Error(`shuffledBatches: needs rows ≥ 1 and batchSize ≥ 1, got ${rows}, ${batchSize}`);
  const rand = mulberry32(seed);
  const order = new Int32Array(rows);
  const epochSteps = Math.ceil(rows / batchSize);
  const batches: Int32Array[] = [];
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < rows; i++) order[i] = i;
    // Fisher–Yates from the last index down.
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = order[i] as number;
      order[i] = order[j] as number;
      order[j] = tmp;
    }
    for (let s = 0; s < rows; s += batchSize)
      batches.push(order.slice(s, Math.min(rows, s + batchSize)));
  }
  return { batches, epochSteps };
}
