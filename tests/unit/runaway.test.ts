// "Ran away" (src/core/runaway.ts): a run that stays finite but goes beyond a million view
// extents is flagged beside, never instead of, docs/FORMAT.md's divergence (issue 9 #11).
import { describe, expect, it } from 'vitest';
import { isRunaway, laneStop, ranAwayAt, runawayRadius } from '../../src/core/runaway';
import { simulate } from '../../src/core/simulate';
import { parseRunSpec } from '../../src/core/spec';
import { surfaceById } from '../../src/core/surfaces';
import { sweepColours } from '../../src/core/explore/colours';
import { emptySummaryTable } from '../../src/core/explore/summary';

const quadratic = surfaceById('quadratic')!; // view [−5, 5]², start (4.5, 0.5), a = 1, b = 10

const sgdRun = (lr: number, steps = 500) =>
  parseRunSpec(
    {
      id: `sgd-${lr}`,
      surface: { name: 'quadratic' },
      start: [4.5, 0.5],
      optimizer: { name: 'sgd', lr },
      steps,
    },
    0,
  );

describe('ran away', () => {
  it('the bound is a million view extents around the view centre', () => {
    const view = { xMin: -2, xMax: 2, yMin: 0, yMax: 1 };
    expect(runawayRadius(view)).toBe(4e6); // 1e6 · max(4, 1)
    expect(isRunaway(4e6, 0.5, view)).toBe(false);
    expect(isRunaway(4e6 + 1, 0.5, view)).toBe(true);
    expect(isRunaway(0, 0.5 - 4.1e6, view)).toBe(true);
    // Non-finite is a divergence, not this flag.
    expect(isRunaway(NaN, 0, view)).toBe(false);
    expect(isRunaway(Infinity, 0, view)).toBe(false);
  });

  it('SGD at η = 0.3 on the quadratic blows up to 1e150 without a divergence: ran away at step 25', () => {
    // y_k = 0.5·(1 − 0.3·10)^k = 0.5·(−2)^k; the bound is 1e6 · 10 = 1e7 from (0, 0):
    // 0.5·2^k > 1e7 first at k = 25 (2^24 = 1.7e7 < 2e7 < 2^25). After 500 steps |y| ≈ 1.6e150
    // and the loss ≈ 1.3e301: finite, so divergedAt stays null (docs/FORMAT.md).
    const t = simulate(sgdRun(0.3));
    expect(t.divergedAt).toBeNull();
    expect(Math.abs(t.x[1001]!)).toBeGreaterThan(1e150);
    expect(ranAwayAt(t.x, quadratic.view)).toBe(25);
    expect(laneStop(t, quadratic.view)).toEqual({ kind: 'ranAway', step: 25 });
  });

  it('a divergence stays a divergence; a run that stays near the view is neither', () => {
    const hot = simulate(sgdRun(1000, 100)); // |y| grows ×9999 a step: ∞ by step 78
    expect(hot.divergedAt).not.toBeNull();
    expect(laneStop(hot, quadratic.view)).toEqual({ kind: 'diverged', step: hot.divergedAt });
    const calm = simulate(sgdRun(0.05));
    expect(calm.divergedAt).toBeNull();
    expect(ranAwayAt(calm.x, quadratic.view)).toBeNull();
    expect(laneStop(calm, quadratic.view)).toBeNull();
  });

  it('the sweep counts runs that end beyond the bound with the diverged ones', () => {
    const table = emptySummaryTable(3);
    // run 0 fine, run 1 ended at y = 1e40 (finite), run 2 diverged at step 3
    table.finalX.set([1, 0, NaN]);
    table.finalY.set([1, 1e40, NaN]);
    table.finalLoss.set([1, 1e80, NaN]);
    table.divergedAt.set([-1, -1, 3]);
    const image = sweepColours(table, { by: 'loss', view: quadratic.view });
    expect(image.diverged).toBe(2);
    expect(image.ranAway).toBe(1);
    expect(sweepColours(table, { by: 'loss' }).ranAway).toBe(0);
  });
});
