// Batch.readSummaries() (float32 WGSL, counters tracked in registers) against summarizeRuns()
// (float64): a sampled η × β₁ sweep of Adam on Rosenbrock, an lr sweep of SGD with momentum
// that diverges at its large end, and a basin grid of momentum on Himmelblau.
//
// How they are compared, and why:
// - Some cells of such sweeps are chaotic (Adam with β₁ ≤ 0.6 and η ≥ 0.06 walks Rosenbrock's
//   valley erratically): there float32 and float64 part ways after some steps, as
//   docs/TOLERANCES.md's chaotic cases do. A run counts as sensitive when the float64 path
//   itself ends elsewhere from a start and lr moved by 1e-6 (float32-sized rounding); its end
//   point is not compared, and at most a quarter of the runs may be sensitive. Measured: Adam
//   with β₁ = 0 or 0.6 at η = 0.13 also parts ways (by 0.05–0.25 in x after 300 steps) while
//   float64 is insensitive to such moves: near the valley floor float32's rounding of y − x²
//   decides the sign of a tiny gradient, which sign-like Adam (small β₁) follows. So the sweep
//   sampled here is β₁ from 0.8 (where float32 and float64 agree to 2e-6).
// - Final positions of the other runs: |p − e| / (1 + |e|) < 1e-3 (docs/TOLERANCES.md's float32
//   x measure, 10× its 1e-4 for these longer, unreferenced runs).
// - firstBelow and settledAt compare a float32 loss or step length with a threshold: where
//   that value passes the threshold within rounding (a step length that oscillates around the
//   tolerance as momentum rings down), the engines can see the crossing a step apart, or (when
//   the ringing crosses the tolerance again) half an oscillation apart: measured 3 steps for 1
//   of 120 momentum runs on Himmelblau with tolerance 1e-4. The GPU value must lie within one
//   step of the range the two float64 runs give, except for at most 1 run in 50 that may be up
//   to 10 steps away.
// - divergedAt: float32 overflows at 3.4e38, float64 at 1.8e308, so a blowing-up run leaves
//   float32 a step or two earlier. The GPU value must equal the first step at which the float64
//   trajectory leaves the float32 range (and diverged runs' counters are not compared).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { parseRunSpec } from '../../src/core/spec';
import type { ResolvedRun } from '../../src/core/types';
import { BatchEngine } from '../../src/gpu/engine';
import { DEFAULT_REGISTRY } from '../../src/gpu/registry';
import { planSweep } from '../../src/core/explore/sweep';
import { planBasins, classifyBasins } from '../../src/core/explore/basins';
import { summarizeRuns, type SummaryTable } from '../../src/core/explore/summary';
import { surfaceById } from '../../src/core/surfaces';
import { simulate } from '../../src/core/simulate';

let gpu: NodeGpu;
let engine: BatchEngine;

beforeAll(async () => {
  gpu = await openNodeGpu();
  engine = await BatchEngine.create(gpu.device, { registry: DEFAULT_REGISTRY });
});

afterAll(() => {
  gpu?.close();
});

async function gpuSummaries(runs: readonly ResolvedRun[]): Promise<SummaryTable<Float32Array>> {
  const steps = runs[0]?.steps ?? 1;
  return withErrorScopes(gpu.device, async () => {
    const batch = engine.prepare(runs, { recordEvery: steps });
    try {
      await batch.run();
      return await batch.readSummaries();
    } finally {
      batch.destroy();
    }
  });
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** The first step at which the float64 trajectory leaves float32's range; −1 if it never does. */
function float32DivergedAt(run: ResolvedRun): number {
  const tr = simulate(run);
  for (let t = 0; t <= run.steps; t++) {
    const values = [tr.loss[t], tr.x[2 * t], tr.x[2 * t + 1]];
    if (!values.every((v) => v !== undefined && Math.abs(v) <= FLOAT32_MAX)) return t;
  }
  return -1;
}

function moved(run: ResolvedRun): ResolvedRun {
  const [x, y] = run.start;
  const lr = run.optimizer.params['lr'];
  return {
    ...run,
    start: [x + 1e-6 * (1 + Math.abs(x)), y + 1e-6 * (1 + Math.abs(y))],
    optimizer: {
      id: run.optimizer.id,
      params:
        typeof lr === 'number'
          ? { ...run.optimizer.params, lr: lr * (1 + 1e-6) }
          : run.optimizer.params,
    },
  };
}

/** Compares the GPU table with the float64 one as the header explains; returns counts. */
function expectAgree(
  runs: readonly ResolvedRun[],
  got: SummaryTable,
): { sensitive: number; offByOne: number; ringing: number; diverged: number } {
  const cpu = summarizeRuns(runs);
  const near = summarizeRuns(runs.map(moved));
  expect(got.count).toBe(cpu.count);
  let sensitive = 0;
  let offByOne = 0;
  let ringing = 0;
  let diverged = 0;
  runs.forEach((run, k) => {
    const where = `run ${k} (${run.id})`;
    if ((cpu.divergedAt[k] as number) >= 0 || (got.divergedAt[k] as number) >= 0) {
      diverged++;
      expect(got.divergedAt[k], where).toBe(float32DivergedAt(run));
      expect(got.finalX[k], where).toBeNaN();
      return;
    }
    const rel = (a: number, b: number): number => Math.abs(a - b) / (1 + Math.abs(b));
    const isSensitive = (['finalX', 'finalY'] as const).some(
      (key) => !(rel(near[key][k] as number, cpu[key][k] as number) < 1e-4),
    );
    if (isSensitive) {
      sensitive++;
    } else {
      for (const key of ['finalX', 'finalY'] as const) {
        const e = cpu[key][k] as number;
        const p = got[key][k] as number;
        expect(rel(p, e), `${where} ${key}: ${p} vs ${e}`).toBeLessThan(1e-3);
      }
    }
    for (const key of ['firstBelow', 'settledAt'] as const) {
      const a = cpu[key][k] as number;
      const b = near[key][k] as number;
      const p = got[key][k] as number;
      if (isSensitive) continue;
      const off = Math.max(Math.min(a, b) - p, p - Math.max(a, b), 0);
      if (off > 1) ringing++;
      else if (p !== a) offByOne++;
      expect(off, `${where} ${key}: ${p} vs ${a} / ${b}`).toBeLessThanOrEqual(10);
    }
  });
  expect(sensitive, 'sensitive runs').toBeLessThanOrEqual(runs.length / 4);
  expect(ringing, 'counters more than a step apart').toBeLessThanOrEqual(runs.length / 50);
  return { sensitive, offByOne, ringing, diverged };
}

describe('readSummaries vs summarizeRuns', () => {
  it('an η × β₁ sweep of Adam on Rosenbrock', async () => {
    const base: ResolvedRun = {
      ...parseRunSpec(
        {
          id: 'sweep',
          surface: { name: 'rosenbrock' },
          start: [-1.2, 1],
          optimizer: { name: 'adam' },
          steps: 300,
        },
        0,
      ),
      track: { lossThreshold: 1e-2, settleTolerance: 1e-3 },
    };
    const runs = planSweep(base, [
      { target: 'optimizer', key: 'lr', min: 1e-3, max: 0.3, cells: 8, scale: 'log' },
      { target: 'optimizer', key: 'beta1', min: 0.8, max: 0.99, cells: 6, scale: 'log1m' },
    ]);
    const got = await gpuSummaries(runs);
    const counts = expectAgree(runs, got);
    // The sweep shows something: some runs reach the threshold, some do not.
    const reached = Array.from(got.firstBelow).filter((t) => t >= 0).length;
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(runs.length);
    console.info('Adam sweep', { runs: runs.length, reached, ...counts });
  });

  it('an lr sweep of SGD with momentum on Rosenbrock that diverges at its large end', async () => {
    const base: ResolvedRun = {
      ...parseRunSpec(
        {
          id: 'lr',
          surface: { name: 'rosenbrock' },
          start: [-1.2, 1],
          optimizer: { name: 'sgd', lr: 0.001, momentum: 0.5 },
          steps: 100,
        },
        0,
      ),
      track: { lossThreshold: 1e-1, settleTolerance: 1e-4 },
    };
    const runs = planSweep(base, [
      { target: 'optimizer', key: 'lr', min: 1e-4, max: 1, cells: 16, scale: 'log' },
    ]);
    const got = await gpuSummaries(runs);
    const counts = expectAgree(runs, got);
    expect(counts.diverged).toBeGreaterThan(4);
    expect(counts.diverged).toBeLessThan(16);
    console.info('SGD lr sweep', counts);
  });

  it('a basin grid of momentum on Himmelblau: same basins', async () => {
    const surface = surfaceById('himmelblau');
    if (!surface) throw new Error('no himmelblau');
    const base: ResolvedRun = {
      ...parseRunSpec(
        {
          id: 'basins',
          surface: { name: 'himmelblau' },
          start: [0, 0],
          optimizer: { name: 'sgd', lr: 0.01, momentum: 0.9 },
          steps: 300,
        },
        0,
      ),
      track: { lossThreshold: 1e-4, settleTolerance: 1e-3 },
    };
    const runs = planBasins(base, surface.view, 12, 10);
    const cpu = summarizeRuns(runs);
    const got = await gpuSummaries(runs);
    console.info('Himmelblau basins', expectAgree(runs, got));
    const minima = surface.minima({});
    const a = classifyBasins(cpu, minima, 0.05);
    const b = classifyBasins(got, minima, 0.05);
    expect(Array.from(b)).toEqual(Array.from(a));
    // All four minima catch some starts.
    expect(new Set(a).size).toBeGreaterThanOrEqual(4);
  });

  it('runs without track: firstBelow −1, settledAt 0, final points as with track', async () => {
    const run = parseRunSpec(
      {
        id: 'plain',
        surface: { name: 'rosenbrock' },
        start: [-1.2, 1],
        optimizer: { name: 'adam', lr: 0.05 },
        steps: 100,
      },
      0,
    );
    const plain = await gpuSummaries([run, { ...run, start: [0, 0] }]);
    const tracked = await gpuSummaries([
      { ...run, track: { lossThreshold: 5, settleTolerance: 1e-3 } },
      { ...run, start: [0, 0], track: { lossThreshold: 5, settleTolerance: 1e-3 } },
    ]);
    expect(Array.from(plain.firstBelow)).toEqual([-1, -1]);
    expect(Array.from(plain.settledAt)).toEqual([0, 0]);
    expect(Array.from(plain.finalX)).toEqual(Array.from(tracked.finalX));
    expect(Array.from(plain.finalLoss)).toEqual(Array.from(tracked.finalLoss));
    // Rosenbrock at (−1.2, 1) is 24.2: Adam reaches the valley (loss ≤ 5) after some steps
    const cpu = summarizeRuns([{ ...run, track: { lossThreshold: 5, settleTolerance: 1e-3 } }]);
    expect(tracked.firstBelow[0]).toBeGreaterThan(0);
    expect(tracked.firstBelow[0]).toBe(cpu.firstBelow[0]);
    expect(tracked.settledAt[0]).toBe(cpu.settledAt[0]);
  });
});
