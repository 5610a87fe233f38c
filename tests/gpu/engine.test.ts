// The batched engine's behaviour beyond plain parity: divergence is flagged per run, runs in a
// mixed batch do not influence each other, chunk splitting is invisible, runs that cannot fit
// are refused with a message, sparse recording, buffer reuse, partial stepping, device loss.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { defaultValues, type ParamValues } from '../../src/core/params';
import type { ResolvedRun, SurfaceData, Trajectory } from '../../src/core/types';
import { simulate } from '../../src/core/simulate';
import { GpuOwner, acquireGpu } from '../../src/gpu/device';
import {
  BatchEngine,
  DEFAULT_GROUP_THRESHOLD,
  type Batch,
  type EngineOptions,
} from '../../src/gpu/engine';
import { recordStep, recordsPerRun } from '../../src/gpu/records';
import { DEFAULT_REGISTRY } from '../../src/gpu/registry';

const { surfaces, optimizers } = DEFAULT_REGISTRY;

let gpu: NodeGpu;
let engine: BatchEngine;

beforeAll(async () => {
  gpu = await openNodeGpu();
  engine = await BatchEngine.create(gpu.device, { registry: DEFAULT_REGISTRY });
});

afterAll(() => {
  gpu?.close();
});

interface RunOptions {
  surfaceParams?: ParamValues;
  data?: SurfaceData;
  optimizerParams?: ParamValues;
  schedule?: { id: string; params: ParamValues };
  clip?: { maxNorm: number | null; maxValue: number | null };
  start?: readonly [number, number];
  steps?: number;
}

function makeRun(
  id: string,
  surfaceId: string,
  optimizerId: string,
  o: RunOptions = {},
): ResolvedRun {
  const surface = surfaces.find((s) => s.id === surfaceId)!;
  const optimizer = optimizers.find((p) => p.id === optimizerId)!;
  const schedule = o.schedule
    ? DEFAULT_REGISTRY.schedules.find((s) => s.id === o.schedule!.id)!
    : null;
  return {
    id,
    surface: {
      id: surfaceId,
      params: { ...defaultValues(surface.params), ...o.surfaceParams },
      ...(o.data ? { data: o.data } : {}),
    },
    start: o.start ?? surface.defaultStart,
    optimizer: {
      id: optimizerId,
      params: { ...defaultValues(optimizer.params), ...o.optimizerParams },
    },
    schedule:
      o.schedule && schedule
        ? { id: o.schedule.id, params: { ...defaultValues(schedule.params), ...o.schedule.params } }
        : null,
    clip: o.clip ?? { maxNorm: null, maxValue: null },
    steps: o.steps ?? 40,
  };
}

/** A small deterministic data set (the seed articles' line fit / logistic regression). */
function dataSet(kind: 'linear' | 'logistic', n = 8): SurfaceData {
  const u = Array.from({ length: n }, (_, i) => ((i * 37) % 17) / 17);
  if (kind === 'linear') return { u, v: u.map((x, i) => 2 * x + 1 + 0.05 * Math.sin(i)) };
  const w = Array.from({ length: n }, (_, i) => Math.cos(i * 1.3));
  return { u, w, c: u.map((x, i) => (2 * x - (w[i] ?? 0) > 0.3 ? 1 : 0)) };
}

async function runBatch(
  runs: ResolvedRun[],
  e: BatchEngine = engine,
  recordEvery = 1,
): Promise<Trajectory[]> {
  return withErrorScopes(gpu.device, async () => {
    const batch = e.prepare(runs, { recordEvery });
    try {
      await batch.run(16);
      return await batch.readBack();
    } finally {
      batch.destroy();
    }
  });
}

/** Equal including NaN positions (Object.is per entry, so 0 and −0 differ too). */
function expectSameArray(a: Float64Array, b: Float64Array, what: string): void {
  expect(a.length, what).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

function expectSameTrajectory(a: Trajectory, b: Trajectory, what: string): void {
  expectSameArray(a.x, b.x, `${what}.x`);
  expectSameArray(a.loss, b.loss, `${what}.loss`);
  expectSameArray(a.lr, b.lr, `${what}.lr`);
  expect(a.divergedAt, `${what}.divergedAt`).toBe(b.divergedAt);
}

/**
 * SGD on rosenbrock in float32, operation for operation as rosenbrock.wgsl and sgd.wgsl do it:
 * the step whose loss or gradient first overflows.
 */
function float32DivergenceStep(
  start: readonly [number, number],
  lr: number,
  steps: number,
): number | null {
  const f = Math.fround;
  let x = f(start[0]);
  let y = f(start[1]);
  const a = 1;
  const b = 100;
  const rate = f(lr);
  for (let t = 0; t <= steps; t++) {
    const d = f(a - x);
    const s = f(y - f(x * x));
    const loss = f(f(d * d) + f(b * f(s * s)));
    const gt = f(b * f(2 * s));
    const gx = f(f(-2 * d) - f(gt * f(2 * x)));
    const gy = gt;
    if (![loss, gx, gy, x, y].every(Number.isFinite)) return t;
    if (t === steps) return null;
    x = f(x + f(-rate * gx));
    y = f(y + f(-rate * gy));
  }
  return null;
}

describe('divergence', () => {
  it('freezes and flags a run at the step its loss overflows; its neighbour goes on', async () => {
    const steps = 60;
    const start = [-1.5, 2] as const;
    const lr = 0.02;
    const expectedStep = float32DivergenceStep(start, lr, steps);
    expect(expectedStep).not.toBeNull();
    expect(expectedStep!).toBeGreaterThan(1);
    expect(expectedStep!).toBeLessThan(steps);

    const wild = makeRun('wild', 'rosenbrock', 'sgd', { optimizerParams: { lr }, start, steps });
    const calm = makeRun('calm', 'rosenbrock', 'adam', {
      optimizerParams: { lr: 0.01 },
      start,
      steps,
    });
    const [calmInBatch, wildInBatch] = await runBatch([calm, wild]);
    const [calmAlone] = await runBatch([calm]);

    expect(wildInBatch!.divergedAt).toBe(expectedStep);
    const k = expectedStep!;
    expect(Number.isFinite(wildInBatch!.loss[k - 1])).toBe(true);
    for (let t = k; t <= steps; t++) {
      expect(wildInBatch!.loss[t]).toBeNaN();
      expect(wildInBatch!.x[2 * t]).toBeNaN();
    }
    expect(wildInBatch!.lr[k - 1]).toBeCloseTo(lr, 9);
    expect(wildInBatch!.lr[k]).toBeNaN();

    expectSameTrajectory(calmInBatch!, calmAlone!, 'calm');
    expect(calmInBatch!.divergedAt).toBeNull();
    const cpu = simulate(calm);
    for (let i = 0; i < cpu.x.length; i++) {
      expect(Math.abs(calmInBatch!.x[i]! - cpu.x[i]!) / (1 + Math.abs(cpu.x[i]!))).toBeLessThan(
        1e-4,
      );
    }
  });

  it('flags a non-finite start at step 0', async () => {
    const run = makeRun('inf', 'quadratic', 'sgd', { start: [Infinity, 0], steps: 5 });
    const [trajectory] = await runBatch([run]);
    expect(trajectory!.divergedAt).toBe(0);
    expect(Array.from(trajectory!.loss).every(Number.isNaN)).toBe(true);
  });
});

describe('mixed batch', () => {
  it('gives every run the result it gets alone', async () => {
    const plan: [string, string, RunOptions][] = [
      ['quadratic', 'sgd', { optimizerParams: { lr: 0.05, momentum: 0.9, nesterov: true } }],
      [
        'rosenbrock',
        'adam',
        {
          optimizerParams: { lr: 0.01, amsgrad: true },
          schedule: { id: 'step_lr', params: { step_size: 10, gamma: 0.5 } },
          steps: 55,
        },
      ],
      [
        'beale',
        'adagrad',
        { optimizerParams: { lr: 0.1, initial_accumulator_value: 0.5 }, steps: 33 },
      ],
      [
        'himmelblau',
        'rmsprop',
        {
          optimizerParams: { momentum: 0.5, centered: true },
          clip: { maxNorm: 1, maxValue: null },
          schedule: {
            id: 'reduce_lr_on_plateau',
            params: { patience: 2, factor: 0.5, threshold: 0.2 },
          },
        },
      ],
      ['rastrigin', 'adadelta', { clip: { maxNorm: null, maxValue: 0.5 }, steps: 47 }],
      [
        'linear_regression',
        'adamw',
        {
          data: dataSet('linear'),
          optimizerParams: { lr: 0.05 },
          schedule: { id: 'one_cycle_lr', params: { max_lr: 0.1, total_steps: 40 } },
        },
      ],
      ['logistic_regression', 'adamax', { data: dataSet('logistic', 11), steps: 21 }],
      [
        'ackley',
        'nadam',
        {
          optimizerParams: { lr: 0.01 },
          schedule: { id: 'cosine_annealing_warm_restarts', params: { T_0: 7, T_mult: 2 } },
          steps: 30,
        },
      ],
      ['styblinski_tang', 'radam', { optimizerParams: { lr: 0.05 }, steps: 50 }],
      [
        'linear_regression',
        'sgd',
        {
          data: dataSet('linear', 5),
          optimizerParams: { lr: 0.1 },
          clip: { maxNorm: 0.5, maxValue: 0.2 },
          schedule: { id: 'multi_step_lr', params: { milestones: [5, 5, 12] } },
        },
      ],
    ];
    const runs = plan.map(([s, o, opts], i) => makeRun(`mixed-${i}`, s, o, opts));
    const together = await runBatch(runs);
    for (let i = 0; i < runs.length; i++) {
      const [alone] = await runBatch([runs[i]!]);
      expectSameTrajectory(together[i]!, alone!, runs[i]!.id);
      expect(together[i]!.divergedAt, runs[i]!.id).toBeNull();
      expect(together[i]!.x.length).toBe(2 * (runs[i]!.steps + 1));
      expect(together[i]!.lr.length).toBe(runs[i]!.steps);
    }
    // And near their float64 counterparts: same schedule, same clipping, float32 rounding only.
    runs.forEach((run, i) => {
      const cpu = simulate(run);
      const got = together[i]!;
      const worstX = Math.max(
        ...Array.from(cpu.x, (e, j) => Math.abs(got.x[j]! - e) / (1 + Math.abs(e))),
      );
      const worstLr = Math.max(
        ...Array.from(cpu.lr, (e, j) => Math.abs(got.lr[j]! - e) / Math.abs(e)),
      );
      expect(worstX, run.id).toBeLessThan(1e-3);
      expect(worstLr, run.id).toBeLessThan(1e-6);
      // Every schedule here changes the lr within the run (the plateau one included).
      if (run.schedule) expect(new Set(got.lr).size, run.id).toBeGreaterThan(1);
    });
  });
});

describe('specialization groups', () => {
  const keyed = (): { runs: ResolvedRun[]; keys: number; wildLr: number } => {
    const start = [-1.5, 2] as const;
    const wildLr = 0.02;
    const plateau = {
      id: 'reduce_lr_on_plateau',
      params: { patience: 2, factor: 0.5, threshold: 0.2 },
    };
    const clip = { maxNorm: 1, maxValue: null };
    // Six keys (surface, optimizer, clip used, feedback schedule), interleaved.
    const a = (i: number): ResolvedRun =>
      makeRun(`a${i}`, 'rosenbrock', 'adam', {
        optimizerParams: { lr: 0.01 * (i + 1) },
        start: [-1 + 0.1 * i, 1],
        steps: 30 + i,
      });
    const runs = [
      a(0),
      makeRun('b0', 'rosenbrock', 'sgd', { optimizerParams: { lr: 0.001 }, steps: 25 }),
      makeRun('c0', 'himmelblau', 'rmsprop', { clip, schedule: plateau, steps: 40 }),
      a(1),
      makeRun('d', 'rosenbrock', 'adam', { clip, steps: 20 }),
      makeRun('wild', 'rosenbrock', 'sgd', { optimizerParams: { lr: wildLr }, start, steps: 60 }),
      makeRun('e', 'linear_regression', 'adamw', {
        data: dataSet('linear'),
        schedule: { id: 'one_cycle_lr', params: { max_lr: 0.1, total_steps: 40 } },
      }),
      a(2),
      makeRun('c1', 'himmelblau', 'rmsprop', {
        clip,
        schedule: plateau,
        start: [1, 1],
        steps: 33,
      }),
      makeRun('f', 'rosenbrock', 'adam', { schedule: plateau, steps: 35 }),
    ];
    return { runs, keys: 6, wildLr };
  };

  it('steps each key with its own pipeline, run for run as alone, one compile per key', async () => {
    const { runs, keys, wildLr } = keyed();
    // Its own workgroup size keeps this engine's shaders out of the other engines' cache.
    const grouped = await BatchEngine.create(gpu.device, {
      registry: DEFAULT_REGISTRY,
      workgroupSize: 16,
      groupThreshold: { runs: 1, work: 0 },
    });
    const before = grouped.pipelinesCompiled;
    await withErrorScopes(gpu.device, async () => {
      const batch = grouped.prepare(runs);
      expect(batch.pipelineCount).toBe(keys);
      expect(grouped.pipelinesCompiled - before).toBe(keys);
      await batch.specialized;
      await batch.run(16);
      const together = await batch.readBack();
      const status = await batch.readStatus();
      // Records stay in the caller's order, whatever the slots.
      const chunk = batch.chunks[0]!;
      let base = 0;
      runs.forEach((run, i) => {
        expect(chunk.recordBase[i], run.id).toBe(base);
        base += run.steps + 1;
      });
      batch.destroy();
      for (let i = 0; i < runs.length; i++) {
        const run = runs[i]!;
        const [alone] = await runBatch([run]);
        expectSameTrajectory(together[i]!, alone!, run.id);
        expect(status[i]!.status, run.id).toBe(run.id === 'wild' ? 'diverged' : 'done');
      }
      const wild = runs.findIndex((r) => r.id === 'wild');
      const expected = float32DivergenceStep([-1.5, 2], wildLr, 60);
      expect(expected).not.toBeNull();
      expect(together[wild]!.divergedAt).toBe(expected);
      expect(status[wild]!.divergedAt).toBe(expected);
      // Preparing the same keys again compiles nothing.
      const again = grouped.prepare(runs);
      expect(grouped.pipelinesCompiled - before).toBe(keys);
      again.destroy();
    });
  });

  it('steps with the whole-registry pipeline while a group compiles, with the same records', async () => {
    const { runs } = keyed();
    const want = await runBatch(runs);
    const fresh = await BatchEngine.create(gpu.device, {
      registry: DEFAULT_REGISTRY,
      workgroupSize: 32,
      groupThreshold: { runs: 1, work: 0 },
    });
    await withErrorScopes(gpu.device, async () => {
      const batch = fresh.prepare(runs);
      // Encoded at once: the groups' pipelines have not compiled yet (asynchronous).
      const encoder = gpu.device.createCommandEncoder();
      batch.encodeSteps(encoder, batch.iterations, 7);
      gpu.device.queue.submit([encoder.finish()]);
      const got = await batch.readBack();
      runs.forEach((run, i) => expectSameTrajectory(got[i]!, want[i]!, run.id));
      await batch.specialized;
      batch.destroy();
    });
  });

  it('gives a key its own dispatch only with enough work; the rest share one', async () => {
    const { runs } = keyed();
    const { runs: n, work } = DEFAULT_GROUP_THRESHOLD;
    const steps = Math.ceil(work / n);
    const big = Array.from({ length: n }, (_, i) =>
      makeRun(`big${i}`, 'beale', 'nadam', { start: [1 + 0.1 * i, 1], steps }),
    );
    const small = big.slice(1).map((r) => ({ ...r, steps: steps - 2 }));
    const full = await BatchEngine.create(gpu.device, {
      registry: DEFAULT_REGISTRY,
      specialize: false,
    });
    await withErrorScopes(gpu.device, async () => {
      const mixed = [...runs.slice(0, 5), ...big, ...runs.slice(5)];
      const batch = engine.prepare(mixed);
      expect(batch.pipelineCount).toBe(2);
      batch.destroy();
      // One run short of the threshold: everything in one dispatch.
      const under = engine.prepare([...runs, ...small]);
      expect(under.pipelineCount).toBe(1);
      under.destroy();
      const got = await runBatch(mixed);
      const want = await runBatch(mixed, full);
      mixed.forEach((run, i) => expectSameTrajectory(got[i]!, want[i]!, run.id));
    });
  });
});

describe('limits', () => {
  const tenRuns = (steps: number): ResolvedRun[] =>
    Array.from({ length: 10 }, (_, i) =>
      makeRun(`chunk-${i}`, i % 2 ? 'rosenbrock' : 'booth', i % 3 ? 'adam' : 'sgd', {
        optimizerParams: { lr: 0.001 * (i + 1) },
        steps: steps + i,
      }),
    );

  it('splits a batch into chunks (and a 2-D grid) without changing any result', async () => {
    const options: EngineOptions = {
      registry: DEFAULT_REGISTRY,
      limits: { maxStorageBufferBindingSize: 1024, maxComputeWorkgroupsPerDimension: 2 },
      workgroupSize: 1,
    };
    const small = await BatchEngine.create(gpu.device, options);
    const runs = tenRuns(15);
    const batch = small.prepare(runs);
    // ≤ 4 runs per chunk (2 × 2 workgroups of 1) and ≤ 1024 bytes of records (64 records).
    expect(batch.chunks.length).toBeGreaterThanOrEqual(4);
    expect(batch.chunks.reduce((n, c) => n + c.runCount, 0)).toBe(runs.length);
    for (const chunk of batch.chunks) {
      expect(chunk.runCount).toBeLessThanOrEqual(4);
    }
    batch.destroy();
    const split = await runBatch(runs, small);
    const whole = await runBatch(runs);
    runs.forEach((run, i) => expectSameTrajectory(split[i]!, whole[i]!, run.id));
  });

  it('refuses a run whose records exceed one buffer, naming the limit and the excess', () => {
    const small = new BatchEngine(gpu.device, {
      registry: DEFAULT_REGISTRY,
      limits: { maxStorageBufferBindingSize: 4096 },
    });
    const run = makeRun('long', 'quadratic', 'sgd', { steps: 1000 });
    // 1001 records × 16 bytes = 16,016 bytes, 11,920 over the 4,096-byte limit.
    expect(() => small.prepare([run])).toThrow(
      /Run "long".*trajectory records need 16,016 bytes.*11,920 bytes more than the device's maxStorageBufferBindingSize of 4,096 bytes/,
    );
    // The same run fits when recorded sparsely (its table still fits: 16,000 > 4,096 does not).
    expect(() => small.prepare([run], { recordEvery: 8 })).toThrow(/table need 16,000 bytes/);
  });

  it('shares one step table across an lr sweep, not across lr schedules', () => {
    const sweep = (schedule?: RunOptions['schedule']): ResolvedRun[] =>
      [0.001, 0.01, 0.1, 0.3].map((lr, i) =>
        makeRun(`sweep-${i}`, 'rosenbrock', 'adam', {
          optimizerParams: { lr },
          steps: 50,
          ...(schedule ? { schedule } : {}),
        }),
      );
    const plain = engine.prepare(sweep());
    expect(plain.bytes.table).toBe(50 * 16);
    plain.destroy();
    const plateau = engine.prepare(sweep({ id: 'reduce_lr_on_plateau', params: {} }));
    expect(plateau.bytes.table).toBe(50 * 16);
    plateau.destroy();
    const stepped = engine.prepare(sweep({ id: 'step_lr', params: { step_size: 10 } }));
    expect(stepped.bytes.table).toBe(4 * 50 * 16);
    stepped.destroy();
  });

  it('rejects invalid recordEvery and unknown registry ids', () => {
    const run = makeRun('r', 'quadratic', 'sgd', { steps: 3 });
    expect(() => engine.prepare([run], { recordEvery: 0 })).toThrow(/recordEvery/);
    expect(() => engine.prepare([{ ...run, optimizer: { id: 'lbfgs', params: {} } }])).toThrow(
      /unknown optimizer lbfgs/,
    );
  });
});

describe('recording and stepping', () => {
  it('records every n-th step and the final point', async () => {
    const runs = [
      makeRun('a', 'rosenbrock', 'adam', { optimizerParams: { lr: 0.02 }, steps: 30 }),
      makeRun('b', 'booth', 'rmsprop', { steps: 31 }),
      // Diverges mid-run (see above): its sparse records turn NaN from that step on.
      makeRun('c', 'rosenbrock', 'sgd', {
        optimizerParams: { lr: 0.02 },
        start: [-1.5, 2],
        steps: 60,
      }),
    ];
    const full = await runBatch(runs);
    expect(full[2]!.divergedAt).not.toBeNull();
    const every = 4;
    const sparse = await withErrorScopes(gpu.device, async () => {
      const batch = engine.prepare(runs, { recordEvery: every });
      await batch.run(7);
      await expect(batch.readBack()).rejects.toThrow(/every 4th step/);
      const records = await batch.readRecords();
      batch.destroy();
      return records;
    });
    runs.forEach((run, i) => {
      const r = sparse[i]!;
      const f = full[i]!;
      expect(r.divergedAt).toBe(f.divergedAt);
      const count = recordsPerRun(run.steps, every);
      expect(r.steps.length).toBe(count);
      for (let k = 0; k < count; k++) {
        const step = recordStep(k, run.steps, every);
        expect(r.steps[k]).toBe(step);
        expect(r.x[2 * k]).toBe(f.x[2 * step]);
        expect(r.x[2 * k + 1]).toBe(f.x[2 * step + 1]);
        expect(r.loss[k]).toBe(f.loss[step]);
        if (step < run.steps) expect(r.lr[k]).toBe(f.lr[step]);
        else expect(r.lr[k]).toBeNaN();
      }
    });
  });

  it('advances step by step through encodeSteps, and reset starts over', async () => {
    const run = makeRun('p', 'himmelblau', 'adam', { optimizerParams: { lr: 0.05 }, steps: 25 });
    const [full] = await runBatch([run]);
    await withErrorScopes(gpu.device, async () => {
      const batch = engine.prepare([run]);
      const encoder = gpu.device.createCommandEncoder();
      batch.encodeSteps(encoder, 10, 3);
      gpu.device.queue.submit([encoder.finish()]);
      const [status] = await batch.readStatus();
      expect(status).toMatchObject({ status: 'running', step: 10, divergedAt: null });
      // The run's position now (what the 'ran away' check reads): the tenth point.
      expect(status!.pos).toEqual([full!.x[20], full!.x[21]]);
      const [partial] = await batch.readBack();
      expectSameArray(partial!.x.slice(0, 20), full!.x.slice(0, 20), 'first ten points');
      expect(partial!.x[20]).toBeNaN();
      await batch.run();
      expect((await batch.readStatus())[0]!.status).toBe('done');
      batch.reset();
      expect((await batch.readStatus())[0]).toMatchObject({
        status: 'running',
        step: 0,
        divergedAt: null,
      });
      await batch.run(100);
      expectSameTrajectory((await batch.readBack())[0]!, full!, 'after reset');
      batch.destroy();
    });
  });

  it('reuses the previous batch buffers when re-preparing', async () => {
    const first = [makeRun('u', 'quadratic', 'sgd', { steps: 30 })];
    const second = [makeRun('v', 'matyas', 'adam', { optimizerParams: { lr: 0.1 }, steps: 20 })];
    const [expected] = await runBatch(second);
    await withErrorScopes(gpu.device, async () => {
      const a: Batch = engine.prepare(first);
      await a.run();
      const records = a.chunks[0]!.records;
      a.reset();
      // Replaced while running: its run() ends quietly instead of failing.
      const running = a.run(1);
      const b = engine.prepare(second, { reuse: a });
      await expect(running).resolves.toBeUndefined();
      expect(b.chunks[0]!.records).toBe(records);
      expect(() => a.reset()).toThrow(/destroyed or replaced/);
      await b.run();
      expectSameTrajectory((await b.readBack())[0]!, expected!, 'reused');
      b.destroy();
    });
  });
});

describe('device owner', () => {
  // The reason in English (logs, tests) and as a coded message the interface translates.
  it('says why there is no device', async () => {
    expect(await acquireGpu({ gpu: undefined, isSecureContext: true })).toEqual({
      ok: false,
      reason: expect.stringMatching(/no WebGPU \(navigator.gpu is missing\)/),
      problem: expect.objectContaining({ code: 'gpu.noWebGpu' }),
    });
    expect(await acquireGpu({ gpu: undefined, isSecureContext: false })).toEqual({
      ok: false,
      reason: expect.stringMatching(/secure context/),
      problem: expect.objectContaining({ code: 'gpu.insecure' }),
    });
    const noAdapter = { requestAdapter: async () => null } as unknown as GPU;
    expect(await acquireGpu({ gpu: noAdapter, isSecureContext: true })).toEqual({
      ok: false,
      reason: expect.stringMatching(/No WebGPU adapter/),
      problem: expect.objectContaining({ code: 'gpu.noAdapter' }),
    });
  });

  it('destroys a device that arrives after the owner was disposed (StrictMode)', async () => {
    let release: () => void = () => undefined;
    const destroy = vi.fn();
    const fakeDevice = {
      destroy,
      lost: new Promise(() => undefined),
      addEventListener: () => undefined,
    } as unknown as GPUDevice;
    const fakeAdapter = {
      limits: gpu.adapter.limits,
      requestDevice: () =>
        new Promise<GPUDevice>((resolve) => (release = () => resolve(fakeDevice))),
    } as unknown as GPUAdapter;
    const fakeGpu = { requestAdapter: async () => fakeAdapter } as unknown as GPU;
    const owner = new GpuOwner({}, () => ({ gpu: fakeGpu, isSecureContext: true }));
    const pending = owner.acquire();
    await new Promise((r) => setTimeout(r, 0));
    owner.dispose();
    release();
    expect((await pending).ok).toBe(false);
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(owner.current).toBeNull();
  });

  it('reports a real loss, not its own dispose, and recreates a device', async () => {
    const lost: string[] = [];
    const owner = new GpuOwner({ onLost: (message) => lost.push(message) }, () => ({
      gpu: gpu.gpu,
      isSecureContext: true,
    }));
    const first = await owner.acquire();
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.device.limits.maxStorageBufferBindingSize).toBe(
      gpu.adapter.limits.maxStorageBufferBindingSize,
    );
    first.device.destroy(); // as if the driver had reset
    await first.device.lost;
    await new Promise((r) => setTimeout(r, 0));
    expect(lost).toEqual([expect.stringMatching(/GPU device was lost \(destroyed\)/)]);
    const second = await owner.recreate();
    expect(second.ok).toBe(true);
    owner.dispose();
    if (second.ok) await second.device.lost;
    await new Promise((r) => setTimeout(r, 0));
    expect(lost).toHaveLength(1);
  });
});

describe('device loss', () => {
  // Last: it destroys the shared device.
  it('turns a lost device into a message', async () => {
    const batch = engine.prepare([makeRun('lost', 'quadratic', 'sgd', { steps: 10 })]);
    gpu.device.destroy();
    await expect(batch.run()).rejects.toThrow(/GPU device was lost \(destroyed\)/);
    expect(() => engine.prepare([makeRun('after', 'quadratic', 'sgd', { steps: 10 })])).toThrow(
      /GPU device was lost/,
    );
  });
});
