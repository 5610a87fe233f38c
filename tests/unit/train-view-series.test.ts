// The Train view's pure helpers: chart series (column means, min/max reduction, per-epoch
// rows, axis domains that never hold a non-finite value), the pictures' pixels (the line fit's
// MSE surface against a direct sum, the diverging colour map) and the hidden-layer field.
import { describe, expect, it } from 'vitest';
import {
  domainOf,
  epochRows,
  meanSeries,
  stepRows,
  type ChartLane,
} from '../../src/ui/train/components/trainSeries';
import { diverging, mseGrid, weightPixels } from '../../src/ui/train/components/pictures';
import { parseHidden } from '../../src/ui/train/components/TrainSettings';
import { emptyLaneResult } from '../../src/ui/train/trainResults';

function lane(id: string, losses: number[]): ChartLane {
  const result = emptyLaneResult(id, 100, 10, 0);
  result.loss.set(losses);
  result.step = losses.length;
  return { id, name: id, color: '#000000', result };
}

describe('Train view chart series', () => {
  it('column means smooth the per-step loss and skip what a log axis cannot show', () => {
    // 6 steps in 3 columns: (1, 3) → 2, (NaN, 5) → 5, (−1, 8) → 8 on a log axis
    const r = meanSeries([[1, 3, NaN, 5, -1, 8]], 6, 3, (v) => v > 0);
    expect(r.steps).toEqual([0, 2, 4]);
    expect(Array.from(r.values[0]!)).toEqual([2, 5, 8]);
  });

  it('rows never carry a non-finite value', () => {
    const rows = stepRows(
      [lane('a', [1, Infinity, NaN, 0.5]), lane('b', [2, 2])],
      (r) => r.loss,
      10,
      true,
    );
    for (const row of rows)
      for (const v of Object.values(row)) expect(v === null || Number.isFinite(v)).toBe(true);
    expect(rows.map((r) => r['a'])).toEqual([1, null, null, 0.5]);
    expect(domainOf(rows, (k) => k !== 'step', true)).toEqual([0.5 / 1.3, 2 * 1.3]);
  });

  it('one row per evaluated epoch, a lane without that epoch gets null', () => {
    const a = lane('a', []);
    a.result.evals.push(
      { epoch: 1, step: 10, loss: 0.5, accuracy: 0.8, lossRange: null, accuracyRange: null },
      { epoch: 2, step: 20, loss: 0.4, accuracy: 0.9, lossRange: null, accuracyRange: null },
    );
    const b = lane('b', []);
    b.result.evals.push({
      epoch: 1,
      step: 10,
      loss: 0.7,
      accuracy: NaN,
      lossRange: null,
      accuracyRange: null,
    });
    expect(epochRows([a, b], (e) => e.accuracy)).toEqual([
      { epoch: 1, a: 0.8, b: null },
      { epoch: 2, a: 0.9, b: null },
    ]);
  });
});

describe('Train view pictures', () => {
  it('the MSE surface matches the direct mean over the points', () => {
    const x = [0.1, 0.5, 0.9, 0.3];
    const y = [1.2, 2.1, 2.7, 1.9];
    const window = { wMin: -1, wMax: 4, bMin: -1, bMax: 3 };
    const grid = mseGrid(x, y, window, 5, 4);
    // cell (row 1, column 3): w = −1 + 3.5/5·5 = 2.5, b = 3 − 1.5/4·4 = 1.5
    const direct = x.reduce((s, xi, i) => s + (2.5 * xi + 1.5 - y[i]!) ** 2, 0) / x.length;
    expect(grid[1 * 5 + 3]).toBeCloseTo(direct, 12);
  });

  it('the diverging map is white at 0, red above and blue below', () => {
    expect(diverging(0)).toEqual([255, 255, 255]);
    expect(diverging(1)[0]).toBe(255);
    expect(diverging(1)[2]).toBe(0);
    expect(diverging(-1)[2]).toBe(255);
    expect(diverging(-1)[0]).toBe(0);
    expect(diverging(NaN)).toEqual([255, 255, 255]);
    // each image is scaled by its own largest |w|: the largest weight is full red
    const px = weightPixels([0, 0.5, -0.25, 0], 0, 2);
    expect(Array.from(px.subarray(4, 8))).toEqual([255, 38, 0, 255]);
  });

  it('reads hidden layer sizes and says what is wrong', () => {
    expect(parseHidden('128, 64')).toEqual([128, 64]);
    expect(parseHidden('')).toEqual([]);
    expect(parseHidden('128, x')).toMatch(/1 to 1024 units/);
    expect(parseHidden('1,1,1,1,1,1,1,1')).toMatch(/at most 7 hidden layers/);
  });
});
