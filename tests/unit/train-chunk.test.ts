// The Train view's loop over a scripted backend (no GPU): a lane of several seeds shows their
// mean and range, the lanes are evaluated exactly at their epochs' ends, a stopping rule ends
// a lane and empties its backend slots, a seed that diverges leaves the mean and is named.
import { describe, expect, it } from 'vitest';
import type {
  EvalResult,
  ReplicaProgress,
  TrainBackend,
  TrainReplicaSetup,
} from '../../src/core/train/backend';
import type { ModelSpec } from '../../src/core/train/types';
import { runOneChunk } from '../../src/ui/train/trainChunk';
import type { LaneSlots, Prepared } from '../../src/ui/train/session';
import { emptyLaneResult } from '../../src/ui/train/trainResults';
import { SeedCache } from '../../src/ui/train/taskData';
import { trainConfigForTask } from '../../src/core/train/trainConfig';
import { taskById } from '../../src/core/train/tasks';

const MODEL: ModelSpec = { kind: 'mlp', sizes: [2, 2], activation: 'none', loss: 'cross_entropy' };
const EPOCH = 5;
const TOTAL = 20;

/** Slot i's loss at step t is (i + 1) + t / 100; accuracy per slot as scripted. */
class ScriptedBackend implements TrainBackend {
  readonly kind = 'cpu' as const;
  t = [0, 0, 0];
  diverges: Record<number, number> = {};
  accuracy = [0.5, 0.7, 0.2];
  emptied: number[] = [];
  get running() {
    return true;
  }
  async setReplicas(): Promise<void> {}
  async setReplica(index: number, setup: TrainReplicaSetup | null): Promise<void> {
    if (!setup) this.emptied.push(index);
  }
  async run(maxSteps = 1): Promise<(ReplicaProgress | null)[]> {
    return this.t.map((from, i) => {
      const at = this.diverges[i];
      const to = Math.min(TOTAL, from + maxSteps, at ?? Infinity);
      this.t[i] = to;
      const losses = Float64Array.from({ length: to - from }, (_, k) => i + 1 + (from + k) / 100);
      return {
        id: `s${i}`,
        from,
        losses,
        lrs: new Float64Array(losses.length).fill(0.1),
        status: at !== undefined && to === at ? 'diverged' : to === TOTAL ? 'done' : 'running',
        divergedAt: at !== undefined && to === at ? at : null,
        trace: null,
      };
    });
  }
  async evaluate(): Promise<(EvalResult | null)[]> {
    return this.accuracy.map((accuracy, i) => ({
      id: `s${i}`,
      loss: 1 - accuracy,
      accuracy,
      predictions: Uint32Array.from([i % 2, 1]),
    }));
  }
  async readParams(): Promise<Float64Array> {
    return new Float64Array(6);
  }
  destroy(): void {}
}

function prepared(backend: ScriptedBackend): Prepared {
  const slots = (indices: number[]): LaneSlots => ({
    indices,
    key: '',
    losses: indices.map(() => new Float32Array(TOTAL)),
    divergedAt: indices.map(() => null),
    ended: false,
    bestLoss: Infinity,
    sinceBest: 0,
  });
  const two = emptyLaneResult('two', TOTAL, EPOCH, 0, 2);
  const one = emptyLaneResult('one', TOTAL, EPOCH, 0, 1);
  two.status = 'running';
  one.status = 'running';
  return {
    key: 'test',
    device: null,
    backend,
    data: {
      split: {
        train: { rows: 2, features: 2, x: new Float32Array(4), y: new Float32Array(2) },
        test: { rows: 2, features: 2, x: new Float32Array(4), y: Float32Array.from([0, 1]) },
      },
      imageSide: null,
    },
    model: MODEL,
    planKey: '',
    seeds: new SeedCache(MODEL, 2, 1, 1),
    resetCount: 0,
    slots: new Map([
      ['two', slots([0, 1])],
      ['one', slots([2])],
    ]),
    results: {
      key: 'test',
      task: taskById('mnist_mlp')!,
      model: MODEL,
      test: { rows: 2, features: 2, x: new Float32Array(4), y: Float32Array.from([0, 1]) },
      imageSide: null,
      dataSeed: null,
      classes: 2,
      paramCount: 6,
      firstLayer: null,
      lanes: [two, one],
      engine: 'cpu',
      samplesPerSecond: 0,
      stepsPerSecond: 0,
      preparing: null,
      error: null,
    },
    msPerStep: 1000, // one step per chunk at first
    recent: [],
  };
}

const train = {
  ...trainConfigForTask(taskById('mnist_mlp')!),
  stop: { accuracy: 0.65, patience: null },
};

describe('the Train view loop', () => {
  it('a lane of two seeds shows their mean and range; evaluation lands at the epoch end', async () => {
    const backend = new ScriptedBackend();
    const p = prepared(backend);
    p.msPerStep = 100; // 5 steps per chunk (500 ms)
    const landed = await runOneChunk(p, train);
    const [two, one] = p.results.lanes;
    expect(two?.step).toBe(5);
    // seeds 1 and 2 lose 1 + t/100 and 2 + t/100: mean 1.5 + t/100, range [1, 2] + t/100
    expect(two?.loss[3]).toBeCloseTo(1.53, 6);
    expect(two?.lossMin?.[3]).toBeCloseTo(1.03, 6);
    expect(two?.lossMax?.[3]).toBeCloseTo(2.03, 6);
    expect(landed).toBe(true);
    // accuracies 0.5 and 0.7: mean 0.6 with range [0.5, 0.7] — under the 0.65 target
    expect(two?.evals).toEqual([
      {
        epoch: 1,
        step: 5,
        loss: 0.4,
        accuracy: 0.6,
        lossRange: [0.30000000000000004, 0.5],
        accuracyRange: [0.5, 0.7],
      },
    ]);
    expect(two?.status).toBe('running');
    expect(one?.evals[0]?.accuracy).toBe(0.2);
    expect(two?.confusion && Array.from(two.confusion)).toEqual([1, 0, 0, 1]);
  });

  it('a stopping rule ends the lane and empties its slots', async () => {
    const backend = new ScriptedBackend();
    backend.accuracy = [0.9, 0.8, 0.2];
    const p = prepared(backend);
    p.msPerStep = 100;
    await runOneChunk(p, train);
    const [two, one] = p.results.lanes;
    expect(two?.status).toBe('stopped');
    expect(two?.note).toBe('early stop after epoch 1: held-out accuracy 85.0 % > 65.0 %');
    expect(backend.emptied).toEqual([0, 1]);
    expect(one?.status).toBe('running');
  });

  it('a diverging seed leaves the mean; the lane diverges only with all of its seeds', async () => {
    const backend = new ScriptedBackend();
    backend.diverges = { 1: 3, 2: 2 };
    const p = prepared(backend);
    p.msPerStep = 100;
    await runOneChunk(p, train);
    const [two, one] = p.results.lanes;
    expect(two?.status).toBe('running');
    expect(two?.note).toMatch(/1 of 2 seeds diverged \(first at step 3\)/);
    expect(two?.loss[4]).toBeCloseTo(1.04, 6); // seed 1 alone from step 3 on
    expect(one?.status).toBe('diverged');
    expect(one?.divergedAt).toBe(2);
    expect(one?.step).toBe(2);
  });
});
