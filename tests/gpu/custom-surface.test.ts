// A typed surface runs in the batched WGSL engine like a built-in one: its generated WGSL is
// composed into the engine's shader beside the built-in surfaces, and its float32 runs track
// the float64 path's runs of the same surface, and the GPU runs of the hand-written surface of
// the same formula.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { customSurface } from '../../src/core/customSurface';
import { defaultValues } from '../../src/core/params';
import { simulate } from '../../src/core/simulate';
import { surfaceById } from '../../src/core/surfaces';
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
