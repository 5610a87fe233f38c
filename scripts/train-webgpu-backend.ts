// The webgpu backend of the train-cases CLI (scripts/train-cases.ts): runs parsed train cases
// on the batched float32 training engine (src/gpu/train), one after another on one device,
// and returns one TrainResult per run, in order. The CLI imports this module only for
// --backend webgpu, so the CPU path never loads Dawn.

import type { TrainResult, TrainRun } from '../src/core/train/types';
import { messageOf } from '../src/core/errors';

/** Thrown when this backend cannot run at all; the CLI prints the message and exits 2. */
export class TrainBackendUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainBackendUnavailable';
  }
}

/**
 * Every run on the float32 engine: `loss` and `lr` per step, the final parameters, and the
 * final loss and accuracy over the run's data (accuracy null for mse), divergedAt when a
 * step went non-finite.
 */
export async function runTrainCasesOnWebGpu(runs: readonly TrainRun[]): Promise<TrainResult[]> {
  const { openNodeGpu, withErrorScopes } = await import('./node-webgpu');
  const { trainOnGpu } = await import('../src/gpu/train/trainRun');
  let gpu;
  try {
    gpu = await openNodeGpu();
  } catch (error) {
    throw new TrainBackendUnavailable(messageOf(error));
  }
  try {
    const results: TrainResult[] = [];
    for (const run of runs) {
      results.push(await withErrorScopes(gpu.device, () => trainOnGpu(gpu.device, run)));
    }
    return results;
  } finally {
    gpu.close();
  }
}
