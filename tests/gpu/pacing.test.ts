// Paced runs on the GPU (Batch.run with budgetMs, src/gpu/pacing.ts): an abort or a newer
// batch stops a run at its next submission, nothing more is submitted; work estimated over
// the limit is refused before it starts; an engine that compiles its whole-registry pipeline
// later steps the same numbers as one that compiled it first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, type NodeGpu } from '../../scripts/node-webgpu';
import { defaultValues } from '../../src/core/params';
import type { ResolvedRun } from '../../src/core/types';
import { BatchEngine } from '../../src/gpu/engine';
import { DEFAULT_REGISTRY } from '../../src/gpu/registry';

let gpu: NodeGpu;
let engine: BatchEngine;

beforeAll(async () => {
  gpu = await openNodeGpu();
  engine = await BatchEngine.create(gpu.device, { registry: DEFAULT_REGISTRY });
});

afterAll(() => {
  gpu?.close();
});

function makeRun(i: number, optimizerId: string, steps: number): ResolvedRun {
  const surface = DEFAULT_REGISTRY.surfaces.find((s) => s.id === 'rosenbrock')!;
  const optimizer = DEFAULT_REGISTRY.optimizers.find((o) => o.id === optimizerId)!;
  return {
    id: `run${i}`,
    surface: { id: surface.id, params: defaultValues(surface.params) },
    start: [-1.5 + (i % 97) * 0.01, 1 + Math.floor(i / 97) * 0.001],
    optimizer: { id: optimizer.id, params: defaultValues(optimizer.params) },
    schedule: null,
    clip: { maxNorm: null, maxValue: null },
    steps,
  };
}

function runs(n: number, steps: number, optimizerId = 'adam'): ResolvedRun[] {
  return Array.from({ length: n }, (_, i) => makeRun(i, optimizerId, steps));
}

describe('paced runs', () => {
  it('an abort stops the run after the submission in flight: nothing more is submitted', async () => {
    const batch = engine.prepare(runs(256, 200_000), { recordEvery: 1000 });
    try {
      const controller = new AbortController();
      const fractions: number[] = [];
      const outcome = await batch.run(undefined, {
        budgetMs: 5,
        signal: controller.signal,
        onProgress: (f) => {
          fractions.push(f);
          if (fractions.length === 2) controller.abort();
        },
      });
      expect(outcome).toEqual({ status: 'stopped' });
      // onProgress follows each submission: exactly two went out.
      expect(fractions).toHaveLength(2);
      expect(fractions[1]).toBeLessThan(1);
      const status = await batch.readStatus();
      const done = Math.round((fractions[1] ?? 0) * batch.iterations);
      for (const s of status) {
        expect(s.status).toBe('running');
        expect(s.step).toBe(done);
      }
    } finally {
      batch.destroy();
    }
  });

  it('a batch replaced mid-run stops at its next submission', async () => {
    const first = engine.prepare(runs(64, 200_000), { recordEvery: 1000 });
    let progress = 0;
    let second: ReturnType<BatchEngine['prepare']> | null = null;
    const outcome = await first.run(undefined, {
      budgetMs: 5,
      onProgress: () => {
        progress++;
        // The UI's next config reuses the buffers: the old batch is retired.
        if (progress === 1) second = engine.prepare(runs(64, 10), { reuse: first });
      },
    });
    expect(outcome).toEqual({ status: 'stopped' });
    expect(progress).toBe(1);
    const next = second as ReturnType<BatchEngine['prepare']> | null;
    expect(next).not.toBeNull();
    expect(await next!.run(undefined, { budgetMs: 5 })).toEqual({ status: 'done' });
    next!.destroy();
  });

  it('an aborted run submits nothing, even while it waits for its pipelines', async () => {
    const controller = new AbortController();
    controller.abort();
    // A new combination: its specialized pipeline is compiling when run() starts.
    const batch = engine.prepare(runs(4096, 100, 'rmsprop'), { recordEvery: 100 });
    try {
      let progress = 0;
      const outcome = await batch.run(undefined, {
        budgetMs: 5,
        signal: controller.signal,
        onProgress: () => progress++,
      });
      expect(outcome).toEqual({ status: 'stopped' });
      expect(progress).toBe(0);
      expect((await batch.readStatus()).every((s) => s.step === 0)).toBe(true);
    } finally {
      batch.destroy();
    }
  });

  it('refuses work estimated over the limit before the first submission, naming both', async () => {
    // The device measures something first (the UI's first batches do the same).
    const warm = engine.prepare(runs(256, 500), { recordEvery: 500 });
    expect(await warm.run(undefined, { budgetMs: 10 })).toEqual({ status: 'done' });
    warm.destroy();
    expect(engine.throughput.measured).toBe(true);
    const batch = engine.prepare(runs(256, 100_000), { recordEvery: 1000 });
    try {
      let progress = 0;
      const limitMs = 50;
      const outcome = await batch.run(undefined, {
        budgetMs: 10,
        limitMs,
        onProgress: () => progress++,
      });
      expect(outcome.status).toBe('refused');
      if (outcome.status !== 'refused') return;
      expect(outcome.limitMs).toBe(limitMs);
      expect(outcome.estimateMs).toBeGreaterThan(limitMs);
      expect(outcome.estimateMs).toBeCloseTo(
        engine.throughput.estimateMs(256, batch.iterations),
        6,
      );
      expect(progress).toBe(0);
      expect((await batch.readStatus()).every((s) => s.step === 0)).toBe(true);
    } finally {
      batch.destroy();
    }
  });
});

describe("an engine that compiles the whole registry's pipeline later", () => {
  it('is usable at once and steps the same numbers', async () => {
    const later = await BatchEngine.create(gpu.device, {
      registry: DEFAULT_REGISTRY,
      compileFull: 'later',
      // A workgroup size of its own: no pipeline from the first engine's cache is shared.
      workgroupSize: 32,
    });
    expect(later.fullPipeline).toBeNull();
    const mixed = [...runs(3, 300, 'adam'), makeRun(7, 'sgd', 300), makeRun(8, 'nadam', 250)];
    const a = later.prepare(mixed);
    const b = engine.prepare(mixed);
    try {
      expect(await a.run(undefined, { budgetMs: 10 })).toEqual({ status: 'done' });
      expect(a.encodable).toBe(true);
      await b.run();
      const [ta, tb] = [await a.readBack(), await b.readBack()];
      ta.forEach((t, i) => {
        expect(Array.from(t.x)).toEqual(Array.from(tb[i]!.x));
        expect(Array.from(t.loss)).toEqual(Array.from(tb[i]!.loss));
      });
      // Only the small pipeline this batch needed was compiled, not the whole registry's.
      expect(later.fullPipeline).toBeNull();
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});
