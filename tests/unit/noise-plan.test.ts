// How a noisy lane becomes runs (src/ui/runs.ts): N runs from the start point with seeds
// 0..N−1, capped on the CPU fallback; Gaussian noise on a plain surface, mini-batches on a
// data surface.
import { describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../../src/core/config';
import { planRuns } from '../../src/ui/runs';

function noisyConfig(surface: string, runs: number): Config {
  const base = defaultConfig();
  return {
    ...base,
    surface: { id: surface, params: {} },
    lanes: [
      base.lanes[0]!,
      { ...base.lanes[3]!, noise: { sigma: 0.2, relative: true, runs, batch: 5 } },
    ],
  };
}

describe('planning a noisy lane', () => {
  it('runs N seeds from the start point after the other lanes', () => {
    const plan = planRuns(noisyConfig('rosenbrock', 300), Infinity);
    expect(plan.lanes[1]).toEqual({ laneId: 'l4', firstRun: 1, runCount: 300 });
    const runs = plan.runs.slice(1);
    expect(runs.map((r) => r.noise?.seed)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    for (const r of runs) {
      expect(r.start).toEqual(defaultConfig().start);
      expect(r.noise).toMatchObject({ sigma: 0.2, relative: true, batch: 0 });
    }
    expect(runs[0]!.id).toBe('l4'); // seed 0 is the lane's main run (Explain, exports)
    expect(plan.runs[0]!.noise).toBeUndefined();
  });

  it('caps the runs on the CPU fallback', () => {
    expect(planRuns(noisyConfig('rosenbrock', 10_000), 400).lanes[1]!.runCount).toBe(400);
  });

  it('takes mini-batches instead of Gaussian noise on a data surface', () => {
    const plan = planRuns(noisyConfig('logistic_regression', 3), Infinity);
    expect(plan.runs.slice(1).map((r) => r.noise)).toEqual(
      [0, 1, 2].map((seed) => ({
        seed,
        sigma: 0,
        relative: false,
        batch: 5,
      })),
    );
  });
});
