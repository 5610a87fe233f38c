// Every public train case through the batched float32 training engine, compared with PyTorch
// 1.13's float32 run at docs/TRAIN-FORMAT.md's tolerances: loss and lr over the first
// f32_compare_steps, the parameters and the final loss at the end, the accuracy within one row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { parseRunSpec } from '../../src/core/spec';
import type { ModelSpec } from '../../src/core/train/types';
import { TrainEngine } from '../../src/gpu/train/engine';
import { loadTrainFixture, type TrainCaseJson } from '../train-fixture';

const cases = loadTrainFixture();

let gpu: NodeGpu;

beforeAll(async () => {
  gpu = await openNodeGpu();
});

afterAll(() => {
  gpu?.close();
});

function modelOf(c: TrainCaseJson): ModelSpec {
  const m = c.model;
  const activation = m.activation ?? 'none';
  if (m.kind === 'mlp') {
    return { kind: 'mlp', sizes: m.sizes ?? [], activation, loss: m.loss };
  }
  return {
    kind: 'cnn',
    input: m.input as [number, number, number],
    outChannels: m.out_channels ?? 0,
    kernelSize: m.kernel_size ?? 0,
    pool: m.pool ?? 0,
    activation,
    classes: m.classes ?? 0,
    loss: 'cross_entropy',
  };
}

interface Produced {
  loss: Float64Array;
  lr: Float64Array;
  params: Float32Array;
  finalLoss: number;
  finalAccuracy: number | null;
}

async function runCase(c: TrainCaseJson): Promise<Produced> {
  // The optimizer, schedule and clip specs are the 2-D run-spec's: its parser fills the defaults.
  const resolved = parseRunSpec(
    {
      id: c.id,
      surface: { name: 'quadratic' },
      start: [0, 0],
      optimizer: c.optimizer,
      ...(c.schedule ? { schedule: c.schedule } : {}),
      ...(c.clip ? { clip: c.clip } : {}),
      steps: c.steps,
    },
    0,
  );
  const rows = c.data.x.length;
  const features = c.data.x[0]?.length ?? 0;
  const engine = await TrainEngine.create(
    gpu.device,
    modelOf(c),
    {
      train: {
        rows,
        features,
        x: Float64Array.from(c.data.x.flat()),
        y: Float64Array.from(c.data.y),
      },
    },
    { maxReplicas: 1, batchCapacity: Math.max(...c.batches.map((b) => b.length)) },
  );
  try {
    await engine.setReplicas([
      {
        id: c.id,
        optimizer: resolved.optimizer,
        schedule: resolved.schedule,
        clip: resolved.clip,
        init: Float64Array.from(c.init),
        batches: c.batches.map((b) => Int32Array.from(b)),
        epochSteps: c.epoch_steps,
        steps: c.steps,
      },
    ]);
    const loss: number[] = [];
    const lr: number[] = [];
    while (engine.running) {
      const [progress] = await engine.run();
      loss.push(...(progress?.losses ?? []));
      lr.push(...(progress?.lrs ?? []));
    }
    const [final] = await engine.evaluate('train');
    return {
      loss: Float64Array.from(loss),
      lr: Float64Array.from(lr),
      params: await engine.readParams(0),
      finalLoss: final?.loss ?? NaN,
      finalAccuracy: final?.accuracy ?? null,
    };
  } finally {
    engine.destroy();
  }
}

const rel = (p: number, e: number): number => Math.abs(p - e) / (1 + Math.abs(e));

describe('float32 training engine vs PyTorch float32', () => {
  it('reads the public train cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const produced = await withErrorScopes(gpu.device, () => runCase(c));
    const e = c.expected.float32;
    const n = c.f32_compare_steps;
    expect(produced.loss.length).toBe(c.steps);
    for (let t = 0; t < n; t++) {
      const err = rel(produced.loss[t] as number, e.loss[t] as number);
      expect(err, `loss[${t}]: ${produced.loss[t]} vs ${e.loss[t]}`).toBeLessThan(1e-4);
      const lrErr =
        Math.abs((produced.lr[t] as number) - (e.lr[t] as number)) / (e.lr[t] as number);
      expect(lrErr, `lr[${t}]`).toBeLessThan(1e-6);
    }
    let worst = 0;
    e.params.forEach((v, i) => (worst = Math.max(worst, rel(produced.params[i] as number, v))));
    expect(worst, 'params').toBeLessThan(1e-4);
    expect(rel(produced.finalLoss, e.final_loss), 'final_loss').toBeLessThan(1e-4);
    if (e.final_accuracy !== undefined) {
      expect(Math.abs((produced.finalAccuracy ?? NaN) - e.final_accuracy)).toBeLessThanOrEqual(
        1 / c.data.x.length + 1e-12,
      );
    }
  });
});
