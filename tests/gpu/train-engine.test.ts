// The training engine's behaviour beyond the reference cases: replicas in one batch do not
// touch each other, one slot restarts or empties while the others keep their place, a
// diverging replica is flagged and frozen alone, tiny models report their parameter path, and
// a request over the device's limits is refused with the limit named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { parseTrainCase } from '../../src/core/train/case';
import type { TrainReplicaSetup } from '../../src/core/train/backend';
import type { TrainRun } from '../../src/core/train/types';
import { TrainEngine } from '../../src/gpu/train/engine';
import { defaultValues } from '../../src/core/params';
import { optimizerById } from '../../src/core/optimizers';
import { loadTrainFixture } from '../train-fixture';

const cases = loadTrainFixture();
const run = (id: string): TrainRun => {
  const i = cases.findIndex((c) => c.id === id);
  return parseTrainCase(cases[i], i);
};

let gpu: NodeGpu;

beforeAll(async () => {
  gpu = await openNodeGpu();
});

afterAll(() => {
  gpu?.close();
});

async function engineFor(r: TrainRun, replicas: number): Promise<TrainEngine> {
  return TrainEngine.create(
    gpu.device,
    r.model,
    { train: r.data },
    {
      maxReplicas: replicas,
      batchCapacity: Math.max(...r.batches.map((b) => b.length)),
      stepsPerSubmit: 4,
    },
  );
}

const sgdParams = (lr: number) => ({ ...defaultValues(optimizerById('sgd')!.params), lr });

const setup = (r: TrainRun, patch: Partial<TrainReplicaSetup> = {}): TrainReplicaSetup => ({
  ...r,
  ...patch,
});

async function losses(engine: TrainEngine, steps: number): Promise<number[][]> {
  const out: number[][] = engine.replicaRuns().map(() => []);
  let left = steps;
  while (left > 0) {
    const progress = await engine.run(left);
    const ran = Math.max(0, ...progress.map((p) => p?.losses.length ?? 0));
    if (ran === 0) break;
    progress.forEach((p, r) => p && out[r]?.push(...p.losses));
    left -= ran;
  }
  return out;
}

describe('training engine slots', () => {
  it('replicas train independently; one restarts while the others keep their place', async () => {
    const base = run('adam-mlp_relu-078');
    const a = setup(base, { id: 'a' });
    const b = setup(base, { id: 'b', optimizer: { id: 'sgd', params: sgdParams(0.1) } });
    await withErrorScopes(gpu.device, async () => {
      const alone = await engineFor(base, 1);
      await alone.setReplicas([a]);
      const [reference] = await losses(alone, 6);
      alone.destroy();

      const engine = await engineFor(base, 3);
      await engine.setReplicas([a, b, a]);
      const first = await losses(engine, 4);
      expect(first[0]).toEqual(reference?.slice(0, 4));
      expect(first[2]).toEqual(reference?.slice(0, 4));
      expect(first[1]).not.toEqual(first[0]);

      await engine.setReplica(1, a); // slot 1 restarts as a copy of a, from step 0
      const runs = engine.replicaRuns();
      expect(runs.map((r) => r?.t)).toEqual([4, 0, 4]);
      const next = await engine.run(2);
      expect(next.map((p) => p?.from)).toEqual([4, 0, 4]);
      expect(Array.from(next[0]?.losses ?? [])).toEqual(reference?.slice(4, 6));
      expect(Array.from(next[1]?.losses ?? [])).toEqual(reference?.slice(0, 2));

      await engine.setReplica(2, null);
      const after = await engine.run(1);
      expect(after).toHaveLength(2);
      expect(after[0]?.from).toBe(6);
      const evals = await engine.evaluate('train');
      expect(evals).toHaveLength(2);
      expect(evals[0]?.accuracy).toBeGreaterThanOrEqual(0);
      engine.destroy();
    });
  });

  it('a diverging replica is flagged at its step and the others go on', async () => {
    const base = run('sgd-mlp_tanh-009');
    const wild = setup(base, {
      id: 'wild',
      // Steps of 1e38·g overflow float32 within a step or two.
      optimizer: { id: 'sgd', params: sgdParams(1e38) },
      clip: { maxNorm: null, maxValue: null },
    });
    await withErrorScopes(gpu.device, async () => {
      const engine = await engineFor(base, 2);
      await engine.setReplicas([setup(base), wild]);
      const all = await losses(engine, base.steps);
      const [calm, blown] = engine.replicaRuns();
      expect(blown?.status).toBe('diverged');
      expect(blown?.divergedAt).toBeGreaterThanOrEqual(1);
      expect(all[1]).toHaveLength(blown?.divergedAt ?? -1);
      expect(all[1]?.every(Number.isFinite)).toBe(true);
      expect(calm?.status).toBe('done');
      expect(all[0]).toHaveLength(base.steps);
      engine.destroy();
    });
  });

  it('a tiny model reports its parameters after every step', async () => {
    const base = run('adam-line-072');
    await withErrorScopes(gpu.device, async () => {
      const engine = await engineFor(base, 1);
      await engine.setReplicas([setup(base)]);
      const [first] = await engine.run(3);
      expect(first?.trace).toHaveLength(3 * 2);
      const params = await engine.readParams(0);
      expect(Array.from(first?.trace?.subarray(4, 6) ?? [])).toEqual(Array.from(params));
      engine.destroy();
    });
  });

  it('refuses a request over the device limits, naming the buffer and the limit', async () => {
    const base = run('adam-mlp_relu-078');
    await expect(
      TrainEngine.create(
        gpu.device,
        base.model,
        { train: base.data },
        {
          maxReplicas: 8,
          batchCapacity: 16,
          limits: { maxStorageBufferBindingSize: 4096 },
        },
      ),
    ).rejects.toThrow(/need .* MiB, more than this device allows in one buffer/);
  });
});
