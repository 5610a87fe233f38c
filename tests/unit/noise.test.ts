// The counter-based generator of src/core/noise.ts and the noisy float64 path: values fixed by
// the definition, statistics of the Gaussian and of the mini-batch indices, determinism.
import { describe, expect, it } from 'vitest';
import {
  batchIndex,
  gaussianPair,
  noiseDraw,
  noiseProblem,
  noisyRun,
  pcgHash,
  stepKey,
  uniformOf,
  DEFAULT_NOISE,
} from '../../src/core/noise';
import { simulate, explainStep } from '../../src/core/simulate';
import { defaultValues } from '../../src/core/params';
import { surfaceById } from '../../src/core/surfaces';
import { optimizerById } from '../../src/core/optimizers';
import { generateData } from '../../src/core/surfaceData';
import type { ResolvedRun } from '../../src/core/types';

/** pcg written out with BigInt, independently of the Math.imul version. */
function pcgBig(x: number): number {
  const M = 0xffffffffn;
  const s = (BigInt(x) * 747796405n + 2891336453n) & M;
  const w = (((s >> ((s >> 28n) + 4n)) ^ s) * 277803737n) & M;
  return Number((w >> 22n) ^ w);
}

function run(surfaceId: string, optimizerId: string, steps = 100): ResolvedRun {
  const s = surfaceById(surfaceId)!;
  const o = optimizerById(optimizerId)!;
  return {
    id: 'r',
    surface: s.data
      ? { id: s.id, params: defaultValues(s.params), data: generateData(s.data, 1) }
      : { id: s.id, params: defaultValues(s.params) },
    start: s.defaultStart,
    optimizer: { id: o.id, params: defaultValues(o.params) },
    schedule: null,
    clip: { maxNorm: null, maxValue: null },
    steps,
  };
}

describe('the counter-based generator', () => {
  it('is the PCG hash of its definition', () => {
    for (const x of [0, 1, 2, 12345, 0x7fffffff, 0x80000000, 0xffffffff, 0xdeadbeef]) {
      expect(pcgHash(x)).toBe(pcgBig(x));
    }
    // pcg(0): s = 2891336453; s >> 28 = 10, so w = ((s >> 14) ^ s)·277803737 mod 2³².
    expect(pcgHash(0)).toBe(129708002);
    expect(stepKey(3, 7)).toBe(pcgBig((pcgBig(3) + 7) >>> 0));
    expect(noiseDraw(0xffffffff, 2)).toBe(pcgBig(1)); // the counter wraps mod 2³²
  });

  it('gives uniforms in (0, 1) on the 2⁻²³ grid, never 0 or 1, exact in float32', () => {
    expect(uniformOf(0)).toBe(0.5 / 2 ** 23);
    expect(uniformOf(0xffffffff)).toBe(1 - 0.5 / 2 ** 23);
    for (let i = 0; i < 1000; i++) {
      const u = uniformOf(noiseDraw(stepKey(i, 0), 0));
      expect(Math.fround(u)).toBe(u);
    }
  });

  it('draws standard normals: mean ≈ 0, variance ≈ 1, uncorrelated coordinates (1e5 pairs)', () => {
    const z = new Float64Array(2);
    let n = 0;
    const sum = [0, 0];
    const sq = [0, 0];
    let cross = 0;
    let beyond3 = 0;
    for (let seed = 0; seed < 100; seed++) {
      for (let t = 0; t < 1000; t++) {
        gaussianPair(seed, t, z);
        for (let k = 0; k < 2; k++) {
          const v = z[k]!;
          sum[k]! += v;
          sq[k]! += v * v;
          if (Math.abs(v) > 3) beyond3++;
        }
        cross += z[0]! * z[1]!;
        n++;
      }
    }
    for (let k = 0; k < 2; k++) {
      const mean = sum[k]! / n;
      // Standard error of the mean 1/√1e5 ≈ 0.0032, of the variance √(2/1e5) ≈ 0.0045.
      expect(Math.abs(mean)).toBeLessThan(0.015);
      expect(Math.abs(sq[k]! / n - mean * mean - 1)).toBeLessThan(0.02);
    }
    expect(Math.abs(cross / n)).toBeLessThan(0.015);
    // P(|z| > 3) = 0.0027: 540 expected in 2e5 draws.
    expect(beyond3).toBeGreaterThan(430);
    expect(beyond3).toBeLessThan(650);
  });

  it('samples batch indices uniformly in [0, n)', () => {
    const counts = new Array(10).fill(0);
    for (let t = 0; t < 10_000; t++) for (let i = 0; i < 10; i++) counts[batchIndex(5, t, i, 10)]++;
    // 1e5 draws over 10 bins: 1e4 each, standard deviation ≈ 95.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('validates the ranges of a noise config', () => {
    expect(noiseProblem(DEFAULT_NOISE)).toBeNull();
    expect(noiseProblem({ ...DEFAULT_NOISE, sigma: 0 })?.template).toMatch(/sigma/);
    expect(noiseProblem({ ...DEFAULT_NOISE, sigma: NaN })?.template).toMatch(/sigma/);
    expect(noiseProblem({ ...DEFAULT_NOISE, runs: 10_001 })?.template).toMatch(/runs/);
    expect(noiseProblem({ ...DEFAULT_NOISE, runs: 1.5 })?.template).toMatch(/runs/);
    expect(noiseProblem({ ...DEFAULT_NOISE, batch: 0 })?.template).toMatch(/batch/);
  });
});

describe('noisy runs in float64', () => {
  it('are deterministic per seed and differ between seeds', () => {
    const base = run('booth', 'adam');
    const noise = { ...DEFAULT_NOISE, sigma: 0.5 };
    const a = simulate(noisyRun(base, noise, 3, 'a'));
    const b = simulate(noisyRun(base, noise, 3, 'b'));
    const c = simulate(noisyRun(base, noise, 4, 'c'));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(Array.from(a.x)).not.toEqual(Array.from(simulate(base).x));
  });

  it('add σ·z (absolute) or σ·|∇f|·z (relative) to the raw gradient, as Explain shows', () => {
    const base = run('booth', 'sgd', 20);
    const z = new Float64Array(2);
    for (const relative of [false, true]) {
      const r = noisyRun(base, { ...DEFAULT_NOISE, sigma: 0.3, relative }, 9, 'n');
      const e = explainStep(r, 5)!;
      gaussianPair(9, 5, z);
      const norm = Math.hypot(...e.gradient);
      const scale = relative ? 0.3 * norm : 0.3;
      expect(e.clippedGradient[0]).toBe(e.gradient[0] + scale * z[0]!);
      expect(e.clippedGradient[1]).toBe(e.gradient[1] + scale * z[1]!);
      // The replay and the full run agree on where step 5 starts.
      const full = simulate(r);
      expect(e.x).toEqual([full.x[10], full.x[11]]);
    }
  });

  it('on a data surface take the mean over the sampled mini-batch', () => {
    const base = run('linear_regression', 'sgd', 10);
    const r = noisyRun(base, { ...DEFAULT_NOISE, batch: 4 }, 2, 'b');
    expect(r.noise).toEqual({ seed: 2, sigma: 0, relative: false, batch: 4 });
    const e = explainStep(r, 3)!;
    const data = base.surface.data!;
    const n = data.u.length;
    let sq = 0;
    let gx = 0;
    let gy = 0;
    for (let i = 0; i < 4; i++) {
      const k = batchIndex(2, 3, i, n);
      const res = e.x[0] * data.u[k]! + e.x[1] - data.v![k]!;
      sq += res * res;
      gx += 2 * res * data.u[k]!;
      gy += 2 * res;
    }
    expect(e.loss).toBe(sq / 4);
    expect(e.gradient).toEqual([gx / 4, gy / 4]);
    // Without noise the same step sees the full data set: a different loss.
    expect(explainStep(base, 3)!.loss).not.toBe(e.loss);
  });
});
