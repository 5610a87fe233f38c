// The per-kernel profile the training benchmark prints: each dispatch of one training step of
// the batched engine, alone (src/gpu/train/engine.ts, profileStep).
import type { NodeGpu } from '../scripts/node-webgpu';
import type { TrainReplicaSetup } from '../src/core/train/backend';
import type { DataSplit, ModelSpec } from '../src/core/train/types';
import { TrainEngine } from '../src/gpu/train/engine';

export async function profileTrainStep(
  gpu: NodeGpu,
  model: ModelSpec,
  split: DataSplit,
  setups: readonly TrainReplicaSetup[],
): Promise<{ label: string; ms: number }[]> {
  const engine = await TrainEngine.create(gpu.device, model, split, {
    maxReplicas: setups.length,
    batchCapacity: 32,
  });
  try {
    await engine.setReplicas(setups);
    await engine.run(2);
    // Pipeline labels carry every constant; keep the kernel and its layer sizes.
    return (await engine.profileStep(20)).map(({ label, ms }) => ({
      label: label.replace(/\(.*?(K_STRIDE=\d+).*?(N_STRIDE=\d+).*\)/, '($1, $2)').slice(0, 40),
      ms,
    }));
  } finally {
    engine.destroy();
  }
}
