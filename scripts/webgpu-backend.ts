// Runs resolved runs on WebGPU in Node (Dawn on SwiftShader, or a real GPU's Vulkan driver),
// for the cases CLI and the benchmark: one batch (split into chunks only where a buffer limit
// requires it), every step recorded, read back, device closed.
import type { ResolvedRun, Trajectory } from '../src/core/types';
import { BatchEngine } from '../src/gpu/engine';
import { DEFAULT_REGISTRY } from '../src/gpu/registry';
import { openNodeGpu, withErrorScopes } from './node-webgpu';

export async function runOnWebGpu(runs: readonly ResolvedRun[]): Promise<Trajectory[]> {
  const gpu = await openNodeGpu();
  try {
    const engine = await BatchEngine.create(gpu.device, { registry: DEFAULT_REGISTRY });
    return await withErrorScopes(gpu.device, async () => {
      const batch = engine.prepare(runs, { recordEvery: 1 });
      try {
        await batch.run();
        return await batch.readBack();
      } finally {
        batch.destroy();
      }
    });
  } finally {
    gpu.close();
  }
}
