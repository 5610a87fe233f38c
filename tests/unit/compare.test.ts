// compareTrajectory implements docs/TOLERANCES.md: the error measures, the compare window, lengths
// and the float32 reading of expected values.
import { describe, expect, it } from 'vitest';
import { compareTrajectory, FLOAT32_TOLERANCE, FLOAT64_TOLERANCE } from '../../src/core/compare';
import type { Trajectory } from '../../src/core/types';

function traj(x: number[][], loss: number[], lr: number[]): Trajectory {
  return {
    x: Float64Array.from(x.flat()),
    loss: Float64Array.from(loss),
    lr: Float64Array.from(lr),
    divergedAt: null,
  };
}

const expected = {
  x: [
    [1, 2],
    [0.5, 1],
    [0.25, 0.5],
  ],
  loss: [5, 1.25, 0.3125],
  lr: [0.1, 0],
};

describe('compareTrajectory', () => {
  it('passes an identical trajectory with zero error', () => {
    const r = compareTrajectory(
      traj(expected.x, expected.loss, expected.lr),
      expected,
      FLOAT64_TOLERANCE,
      2,
    );
    expect(r).toEqual({ ok: true, worst: { x: 0, loss: 0, lr: 0 } });
  });

  it('measures x and loss as |p − e|/(1 + |e|)', () => {
    // x[1][0]: |0.5 + 3e-9 − 0.5|/1.5 = 2e-9 > 1e-9
    const r = compareTrajectory(
      traj(
        [
          [1, 2],
          [0.5 + 3e-9, 1],
          [0.25, 0.5],
        ],
        expected.loss,
        expected.lr,
      ),
      expected,
      FLOAT64_TOLERANCE,
      2,
    );
    expect(r.ok).toBe(false);
    expect(r.worst.x).toBeCloseTo(2e-9, 15);
    expect(r.firstFailure).toMatch(/^x\[1\]\[0\]/);
    // loss[0]: 6e-9/6 = 1e-9 is within tolerance
    const ok = compareTrajectory(
      traj(expected.x, [5 + 5.9e-9, 1.25, 0.3125], expected.lr),
      expected,
      FLOAT64_TOLERANCE,
      2,
    );
    expect(ok.ok).toBe(true);
  });

  it('lr is relative to |e|, and an expected 0 must be exactly 0', () => {
    const near = compareTrajectory(
      traj(expected.x, expected.loss, [0.1 * (1 + 5e-10), 0]),
      expected,
      FLOAT64_TOLERANCE,
      2,
    );
    expect(near.ok).toBe(true);
    const nonzero = compareTrajectory(
      traj(expected.x, expected.loss, [0.1, 1e-300]),
      expected,
      FLOAT64_TOLERANCE,
      2,
    );
    expect(nonzero.ok).toBe(false);
    expect(nonzero.firstFailure).toMatch(/^lr\[1\]/);
  });

  it('compares only the first compareSteps steps (x, loss 0..n, lr 0..n−1)', () => {
    const bad = traj(
      [
        [1, 2],
        [0.5, 1],
        [9, 9],
      ],
      [5, 1.25, 99],
      [0.1, 7],
    );
    expect(compareTrajectory(bad, expected, FLOAT64_TOLERANCE, 1).ok).toBe(true);
    expect(compareTrajectory(bad, expected, FLOAT64_TOLERANCE, 2).ok).toBe(false);
  });

  it('fails on wrong lengths and on NaN', () => {
    const short = traj(expected.x.slice(0, 2), expected.loss.slice(0, 2), [0.1]);
    expect(compareTrajectory(short, expected, FLOAT64_TOLERANCE, 2).firstFailure).toMatch(/length/);
    const nan = traj(
      [
        [1, 2],
        [NaN, 1],
        [0.25, 0.5],
      ],
      expected.loss,
      expected.lr,
    );
    const r = compareTrajectory(nan, expected, FLOAT64_TOLERANCE, 2);
    expect(r.ok).toBe(false);
    expect(r.worst.x).toBe(Infinity);
  });

  it('float32 reads expected values rounded to float32', () => {
    // 0.1 as a float32 decimal: the produced float32 value 0.10000000149011612 matches exactly
    const e = { x: [[0.1, 0.2]], loss: [0.3], lr: [] };
    const p = traj([[Math.fround(0.1), Math.fround(0.2)]], [Math.fround(0.3)], []);
    const r = compareTrajectory(p, e, { x: 0, loss: 0, lr: 0 }, 0, { float32: true });
    expect(r.ok).toBe(true);
    expect(compareTrajectory(p, e, { x: 0, loss: 0, lr: 0 }, 0).ok).toBe(false);
    expect(FLOAT32_TOLERANCE).toEqual({ x: 1e-4, loss: 1e-3, lr: 1e-6 });
  });
});
