// A typed surface runs in the batched WGSL engine like a built-in one: its generated WGSL is
// composed into the engine's shader beside the built-in surfaces, and its float32 runs track
// the float64 path's runs of the same surface, and the GPU runs of the hand-written surface of
// the same formula.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { customSurface } from '../../src/core/customSurface';
import { defaultValues } from '../../src/core/params';
import { simulate } from '../../src/core/simulate';
import { SURFACES, surfaceById } from '../../src/core/surfaces';
import { surfaceOfRef } from '../../src/core/surfaceRef';
import type { ResolvedRun, SurfaceDef, Trajectory } from '../../src/core/types';
import { BatchEngine } from '../../src/gpu/engine';
import { DEFAULT_REGISTRY } from '../../src/gpu/registry';

let gpu: NodeGpu;

beforeAll(async () => {
  gpu = await openNodeGpu();
});

afterAll(() => {
  gpu?.close();
});

function typed(text: string): SurfaceDef {
  const outcome = customSurface(text);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.def;
}

function adamRun(id: string, surface: SurfaceDef, start: readonly [number, number]): ResolvedRun {
  const adam = DEFAULT_REGISTRY.optimizers.find((o) => o.id === 'adam')!;
  return {
    id,
    surface: { id: surface.id, params: defaultValues(surface.params) },
    start,
    optimizer: { id: 'adam', params: { ...defaultValues(adam.params), lr: 0.02 } },
    schedule: null,
    clip: { maxNorm: null, maxValue: null },
    steps: 200,
  };
}

/** Largest |a − b| / (1 + |b|) over the first `upTo` entries. */
function worst(a: Float64Array, b: Float64Array, upTo: number): number {
  let w = 0;
  for (let i = 0; i < upTo; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!)));
  return w;
}

describe('a typed surface in the WGSL engine', () => {
  it('tracks the float64 path and the built-in surface of the same formula', async () => {
    const cases: [string, string, [number, number]][] = [
      ['rosenbrock', '(1 - x)^2 + 100*(y - x^2)^2', [-1.5, 2]],
      ['himmelblau', '(x^2 + y - 11)^2 + (x + y^2 - 7)^2', [0.5, -0.5]],
      ['three_hump_camel', '2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2', [1.5, -1.2]],
    ];
    for (const [builtInId, text, start] of cases) {
      const def = typed(text);
      const registry = { ...DEFAULT_REGISTRY, surfaces: [...DEFAULT_REGISTRY.surfaces, def] };
      const engine = await BatchEngine.create(gpu.device, { registry });
      const builtIn = surfaceById(builtInId)!;
      const runs = [adamRun('typed', def, start), adamRun('built-in', builtIn, start)];
      const [mine, theirs] = await withErrorScopes(gpu.device, async () => {
        const batch = engine.prepare(runs, { recordEvery: 1 });
        try {
          await batch.run(50);
          return (await batch.readBack()) as [Trajectory, Trajectory];
        } finally {
          batch.destroy();
        }
      });
      const reference = simulate(runs[0]!, (id) => (id === def.id ? def : surfaceById(id)));
      // The first 100 steps: float32 runs of a chaotic walk part ways later (docs/TOLERANCES.md).
      expect(mine.divergedAt, text).toBeNull();
      expect(worst(mine.x, reference.x, 2 * 101), `${text}: x vs float64`).toBeLessThan(1e-4);
      expect(worst(mine.loss, reference.loss, 101), `${text}: loss vs float64`).toBeLessThan(1e-3);
      expect(worst(mine.x, theirs.x, 2 * 101), `${text}: x vs built-in`).toBeLessThan(1e-4);
      engine.destroy();
    }
  });
});

/** A run on the typed surface as the app plans it: named by its text, not in any registry. */
function textRun(id: string, text: string, start: readonly [number, number]): ResolvedRun {
  const def = typed(text);
  const base = adamRun(id, def, start);
  return { ...base, surface: { ...base.surface, expression: text } };
}

/** Steps the batch as compute.ts's direct path does: everything in one submission. */
async function submitAll(engine: BatchEngine, runs: ResolvedRun[]): Promise<Trajectory[]> {
  return withErrorScopes(gpu.device, async () => {
    const batch = engine.prepare(runs, { recordEvery: 1 });
    try {
      const encoder = gpu.device.createCommandEncoder();
      batch.encodeSteps(encoder, batch.iterations);
      gpu.device.queue.submit([encoder.finish()]);
      return await batch.readBack();
    } finally {
      batch.destroy();
    }
  });
}

describe('typed surfaces named by their text, on one engine', () => {
  it('follows a new formula between two prepares (no stale pipeline)', async () => {
    // Same subset indices (one typed surface, Adam), different formulas: a pipeline keyed by
    // indices alone would step the second batch with the first formula.
    const engine = await BatchEngine.create(gpu.device);
    const formulas = ['(x^2 - 1)^2 + y^2 + 0.3*x', '(x - 1)^2 + 3*(y + 0.5)^2'];
    const ends: number[][] = [];
    for (const text of formulas) {
      for (const path of ['run', 'direct'] as const) {
        const run = textRun('typed', text, [-2, 2]);
        const [mine] =
          path === 'direct'
            ? await submitAll(engine, [run])
            : await withErrorScopes(gpu.device, async () => {
                const batch = engine.prepare([run], { recordEvery: 1 });
                try {
                  await batch.run();
                  return await batch.readBack();
                } finally {
                  batch.destroy();
                }
              });
        const reference = simulate(run);
        expect(mine!.divergedAt, `${text} (${path})`).toBeNull();
        expect(worst(mine!.x, reference.x, 2 * 101), `${text} (${path}): x`).toBeLessThan(1e-4);
        ends.push([mine!.x[400]!, mine!.x[401]!]);
      }
    }
    // The two formulas end in different places: (−1.04, 0) vs (1, −0.5).
    expect(Math.hypot(ends[0]![0]! - ends[2]![0]!, ends[0]![1]! - ends[2]![1]!)).toBeGreaterThan(1);
    engine.destroy();
  });

  it('runs a typed surface beside every built-in one in the shared dispatch', async () => {
    // One run per surface and optimizer: no key has the work for a dispatch of its own, so all
    // of them share the mixed group, whose shader must hold the typed surface too.
    const engine = await BatchEngine.create(gpu.device);
    const text = 'a*(x^2 - 1)^2 + y^2 + 0.3*x';
    const runs: ResolvedRun[] = [textRun('typed', text, [-2, 2])];
    for (const def of SURFACES) {
      const run = adamRun(def.id, def, def.defaultStart);
      if (def.data) continue; // data surfaces need a data set; covered by tests/gpu/parity
      runs.push({ ...run, steps: 60 });
    }
    runs.push({
      ...textRun('typed-sgd', text, [1.5, -1]),
      optimizer: {
        id: 'sgd',
        params: {
          ...defaultValues(DEFAULT_REGISTRY.optimizers.find((o) => o.id === 'sgd')!.params),
          lr: 0.01,
        },
      },
    });
    const out = await submitAll(engine, runs);
    runs.forEach((run, i) => {
      const reference = simulate(run);
      const got = out[i]!;
      const upTo = Math.min(run.steps, 40) + 1;
      expect(got.divergedAt === null, run.id).toBe(reference.divergedAt === null);
      expect(worst(got.x, reference.x, 2 * upTo), `${run.id}: x`).toBeLessThan(1e-3);
    });
    expect(surfaceOfRef(runs[0]!.surface)?.params.map((p) => p.key)).toEqual(['a']);
    engine.destroy();
  });

  it('refuses a batch with two different formulas', async () => {
    const engine = await BatchEngine.create(gpu.device);
    expect(() =>
      engine.prepare([textRun('one', 'x^2 + y^2', [1, 1]), textRun('two', 'x^2 + 2*y^2', [1, 1])]),
    ).toThrow(/one typed surface/);
    engine.destroy();
  });
});
