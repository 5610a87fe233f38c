// The webgpu backend of the train-cases CLI (scripts/train-cases.ts): runs parsed train cases
// on the batched float32 training engine (src/gpu/train) and returns one TrainResult per run,
// in order. The CLI imports this module only for --backend webgpu, so the CPU path never
// loads Dawn; import scripts/node-webgpu.ts dynamically from inside the function as well.
//
// NOT BUILT YET: the GPU engine's author wires this (tests/gpu/train-cases.test.ts's
// runCase shows the engine calls). Until then the CLI exits 2 with the message below.

import type { TrainResult, TrainRun } from '../src/core/train/types';

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
  void runs;
  throw new TrainBackendUnavailable('the webgpu backend for train cases is not built yet');
}
