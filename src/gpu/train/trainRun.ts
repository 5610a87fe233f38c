// One docs/TRAIN-FORMAT.md run on the float32 training engine, start to end: the train-cases
// command line's webgpu backend and the GPU tests call this, so they run the engine exactly
// as the Train view does (one replica here).

import type { TrainResult, TrainRun } from '../../core/train/types';
import { TrainEngine } from './engine';

/** Trains `run` on `device` and returns what PyTorch's loop would report. */
export async function trainOnGpu(device: GPUDevice, run: TrainRun): Promise<TrainResult> {
  const batchCapacity = Math.max(1, ...run.batches.slice(0, run.steps).map((b) => b.length));
  const engine = await TrainEngine.create(
    device,
    run.model,
    { train: run.data },
    {
      maxReplicas: 1,
      batchCapacity,
    },
  );
  try {
    await engine.setReplicas([{ ...run, init: run.init }]);
    const loss = new Float64Array(run.steps).fill(NaN);
    const lr = new Float64Array(run.steps).fill(NaN);
    let divergedAt: number | null = null;
    while (engine.running) {
      for (const progress of await engine.run()) {
        if (!progress) continue;
        loss.set(progress.losses, progress.from);
        lr.set(progress.lrs, progress.from);
        divergedAt = progress.divergedAt;
      }
    }
    const [final] = await engine.evaluate('train');
    return {
      id: run.id,
      loss,
      lr,
      params: Float64Array.from(await engine.readParams(0)),
      finalLoss: final?.loss ?? NaN,
      finalAccuracy: final?.accuracy ?? null,
      divergedAt,
    };
  } finally {
    engine.destroy();
  }
}
