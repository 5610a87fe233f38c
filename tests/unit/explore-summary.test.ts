// summarizeRun / summarizeRuns: the lean float64 loop against simulate()'s trajectory, from
// which firstBelow, settledAt and divergedAt are worked out independently here.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/simulate';
import { parseRunSpec } from '../../src/core/spec';
import type { ResolvedRun, RunTracking, Trajectory } from '../../src/core/types';
import { summarizeRun, summarizeRuns } from '../../src/core/explore/summary';
import { planBasins } from '../../src/core/explore/basins';

function run(spec: Record<string, unknown>, track?: RunTracking): ResolvedRun {
  const r = parseRunSpec({ id: 'r', ...spec }, 0);
  return track ? { ...r, track } : r;
}

/** The summary the definitions give, read off a full trajectory. */
function fromTrajectory(tr: Trajectory, steps: number, track: RunTracking) {
  const end = tr.divergedAt ?? steps + 1; // entries 0..end−1 are finite
  let firstBelow = -1;
  for (let t = 0; t < end; t++) {
    if ((tr.loss[t] as number) <= track.lossThreshold) {
      firstBelow = t;
      break;
    }
  }
  let settledAt = 0;
  for (let t = 0; t + 1 < end; t++) {
    const d = Math.hypot(
      (tr.x[2 * t + 2] as number) - (tr.x[2 * t] as number),
      (tr.x[2 * t + 3] as number) - (tr.x[2 * t + 1] as number),
    );
    if (d > track.settleTolerance) settledAt = t + 1;
  }
  return {
    finalX: tr.x[2 * steps] as number,
    finalY: tr.x[2 * steps + 1] as number,
    finalLoss: tr.loss[steps] as number,
    firstBelow,
    settledAt,
    divergedAt: tr.divergedAt ?? -1,
  };
}

const track: RunTracking = { lossThreshold: 1e-3, settleTolerance: 1e-4 };

const specs: [string, Record<string, unknown>][] = [
  [
    'sgd',
    {
      surface: { name: 'quadratic' },
      start: [1, 1],
      optimizer: { name: 'sgd', lr: 0.1 },
      steps: 200,
    },
  ],
  [
    'momentum',
    {
      surface: { name: 'himmelblau' },
      start: [0, 0],
      optimizer: { name: 'sgd', lr: 0.01, momentum: 0.9 },
      steps: 300,
    },
  ],
  [
    'adam',
    {
      surface: { name: 'rosenbrock' },
      start: [-1.2, 1],
      optimizer: { name: 'adam', lr: 0.05 },
      steps: 500,
    },
  ],
  [
    'rmsprop',
    {
      surface: { name: 'rosenbrock' },
      start: [-1, 2],
      optimizer: { name: 'rmsprop', lr: 0.01 },
      steps: 400,
    },
  ],
  [
    'nadam + step_lr + clip',
    {
      surface: { name: 'himmelblau' },
      start: [-4, 4],
      optimizer: { name: 'nadam', lr: 0.1 },
      schedule: { name: 'step_lr', step_size: 50, gamma: 0.5 },
      clip: { max_norm: 1 },
      steps: 300,
    },
  ],
  [
    'adagrad + plateau',
    {
      surface: { name: 'rosenbrock' },
      start: [0, 0],
      optimizer: { name: 'adagrad', lr: 0.5 },
      schedule: { name: 'reduce_lr_on_plateau', patience: 5 },
      steps: 300,
    },
  ],
];

describe('summarizeRun', () => {
  it.each(specs)('%s: agrees with simulate()', (_name, spec) => {
    const r = run(spec, track);
    const expected = fromTrajectory(simulate(r), r.steps, track);
    const got = summarizeRun(r);
    expect(got).toEqual(expected);
    // The cases are chosen so that every counter has something to count.
    expect(got.settledAt).toBeGreaterThan(0);
    expect(got.divergedAt).toBe(-1);
  });

  it('reaches the threshold and settles on a convex bowl', () => {
    // quadratic with sgd lr 0.1 contracts by a constant factor: reaches 1e-3 and settles well before 200 steps
    const r = run(specs[0]?.[1] ?? {}, track);
    const s = summarizeRun(r);
    expect(s.firstBelow).toBeGreaterThan(0);
    expect(s.firstBelow).toBeLessThan(200);
    expect(s.settledAt).toBeLessThan(200);
  });

  it('a diverging run: divergedAt as simulate(), NaN final values, counts before it', () => {
    const r = run(
      {
        surface: { name: 'quadratic' },
        start: [1, 1],
        optimizer: { name: 'sgd', lr: 100 },
        steps: 500,
      },
      { lossThreshold: 1e-3, settleTolerance: 1 },
    );
    const tr = simulate(r);
    const s = summarizeRun(r);
    expect(tr.divergedAt).not.toBeNull();
    expect(s.divergedAt).toBe(tr.divergedAt);
    expect(s.finalX).toBeNaN();
    expect(s.finalLoss).toBeNaN();
    expect(s.firstBelow).toBe(-1);
    // Every step grows: the moves before divergence all count, and the step into the
    // non-finite point counts too when its length overflowed to ∞.
    const expected = fromTrajectory(tr, r.steps, { lossThreshold: 1e-3, settleTolerance: 1 });
    expect([expected.settledAt, tr.divergedAt]).toContain(s.settledAt);
  });

  it('without track: firstBelow −1 and settledAt 0', () => {
    const s = summarizeRun(run(specs[2]?.[1] ?? {}));
    expect(s.firstBelow).toBe(-1);
    expect(s.settledAt).toBe(0);
    expect(s.divergedAt).toBe(-1);
  });
});

describe('summarizeRuns', () => {
  it('rows in run order equal summarizeRun, with preparation shared and not shared', () => {
    const base = run(specs[1]?.[1] ?? {}, track);
    const plateau = run(specs[5]?.[1] ?? {}, track);
    const runs = [
      ...planBasins(base, { xMin: -5, xMax: 5, yMin: -5, yMax: 5 }, 3, 2),
      plateau,
      { ...plateau, start: [1, -1] as const },
      run(specs[2]?.[1] ?? {}, track),
    ];
    const table = summarizeRuns(runs);
    expect(table.count).toBe(runs.length);
    runs.forEach((r, i) => {
      const s = summarizeRun(r);
      expect([
        table.finalX[i],
        table.finalY[i],
        table.finalLoss[i],
        table.firstBelow[i],
        table.settledAt[i],
        table.divergedAt[i],
      ]).toEqual([s.finalX, s.finalY, s.finalLoss, s.firstBelow, s.settledAt, s.divergedAt]);
    });
  });
});
