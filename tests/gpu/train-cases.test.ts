// Every public train case through the batched float32 training engine, compared with PyTorch
// 1.13's float32 run at docs/TRAIN-FORMAT.md's tolerances (loss and lr over the first
// f32_compare_steps, the parameters and the final loss at the end, the accuracy within one
// row). Each case runs inside an error scope: any validation error fails it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { parseTrainCase } from '../../src/core/train/case';
import { compareTrainRun } from '../../src/core/train/compare';
import { trainOnGpu } from '../../src/gpu/train/trainRun';
import { loadTrainFixture } from '../train-fixture';

const cases = loadTrainFixture();

let gpu: NodeGpu;

beforeAll(async () => {
  gpu = await openNodeGpu();
});

afterAll(() => {
  gpu?.close();
});

describe('float32 training engine vs PyTorch float32', () => {
  it('reads the public train cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c, i) => [c.id, c, i] as const))('%s', async (_id, c, i) => {
    const run = parseTrainCase(c, i);
    const produced = await withErrorScopes(gpu.device, () => trainOnGpu(gpu.device, run));
    expect(produced.divergedAt).toBeNull();
    const result = compareTrainRun(produced, c.expected.float32, 'float32', {
      compareSteps: c.f32_compare_steps,
      rows: c.data.x.length,
    });
    expect(result.firstFailure ?? 'ok').toBe('ok');
    expect(result.ok).toBe(true);
  });
});
