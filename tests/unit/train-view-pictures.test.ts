// The Train view's pictures as numbers: confusion-matrix row shares, the line fit's contour
// mask and least-squares minimum (checked against the MSE grid it is drawn on), the colour
// ramp and the digits' grey pixels.
import { describe, expect, it } from 'vitest';
import {
  confusionShares,
  contourMask,
  digitPixels,
  leastSquares,
  mseGrid,
  ramp,
} from '../../src/ui/train/components/pictures';

describe('confusionShares', () => {
  it("divides each row by that true class's count; an empty row stays zero", () => {
    // 3 classes: true 0 → predicted (3, 1, 0); true 1 → none; true 2 → (1, 1, 2).
    const { shares, totals } = confusionShares([3, 1, 0, 0, 0, 0, 1, 1, 2], 3);
    expect(Array.from(totals)).toEqual([4, 0, 4]);
    expect(Array.from(shares)).toEqual([0.75, 0.25, 0, 0, 0, 0, 0.25, 0.25, 0.5]);
  });

  it('the diagonal is each class recall, every non-empty row sums to 1', () => {
    const classes = 10;
    const counts = Uint32Array.from({ length: classes * classes }, (_, i) => (i * 7919) % 13);
    const { shares } = confusionShares(counts, classes);
    for (let t = 0; t < classes; t++) {
      let sum = 0;
      for (let p = 0; p < classes; p++) sum += shares[t * classes + p]!;
      expect(sum).toBeCloseTo(1, 12);
    }
  });
});

describe('the line fit surface', () => {
  // y = 2x + 1 exactly at x = 0, 0.25, …, 1: the least-squares line is w = 2, b = 1.
  const x = [0, 0.25, 0.5, 0.75, 1];
  const y = x.map((v) => 2 * v + 1);

  it('leastSquares finds the exact line, and null when every x is the same', () => {
    const best = leastSquares(x, y)!;
    expect(best.w).toBeCloseTo(2, 12);
    expect(best.b).toBeCloseTo(1, 12);
    expect(leastSquares([0.5, 0.5], [1, 2])).toBeNull();
  });

  it('no cell of the MSE grid is lower than the least-squares point, and the lowest is near it', () => {
    // Noisy points: the minimum is no longer on a round number.
    const xs = [0.1, 0.4, 0.35, 0.8, 0.9, 0.6];
    const ys = [1.3, 2.1, 1.6, 2.9, 3.1, 2.0];
    const best = leastSquares(xs, ys)!;
    const window = { wMin: -1, wMax: 4, bMin: -1, bMax: 3 };
    const [width, height] = [200, 160];
    const grid = mseGrid(xs, ys, window, width, height);
    const mseAt = (w: number, b: number) =>
      xs.reduce((s, xi, i) => s + (w * xi + b - ys[i]!) ** 2, 0) / xs.length;
    let lowest = 0;
    for (let i = 1; i < grid.length; i++) if (grid[i]! < grid[lowest]!) lowest = i;
    expect(grid[lowest]!).toBeGreaterThanOrEqual(mseAt(best.w, best.b) - 1e-12);
    const w = window.wMin + (((lowest % width) + 0.5) / width) * 5;
    const b = window.bMax - ((Math.floor(lowest / width) + 0.5) / height) * 4;
    // Within two cells (5/200 in w, 4/160 in b): the valley is narrow and tilted.
    expect(Math.abs(w - best.w)).toBeLessThanOrEqual(2 * (5 / 200));
    expect(Math.abs(b - best.b)).toBeLessThanOrEqual(2 * (4 / 160));
  });

  it('contourMask marks where the band changes and nothing inside a band', () => {
    // One row rising 0 … 0.9 in steps of 0.1 with 4 bands: bands 0,0,0,1,1,2,2,2,3,3.
    const row = Array.from({ length: 10 }, (_, i) => i / 10);
    const mask = contourMask(row, 10, 1, (v) => v, 4);
    expect(Array.from(mask)).toEqual([0, 0, 1, 0, 1, 0, 0, 1, 0, 0]);
    // A flat grid has no contour; the lower neighbour counts as well as the right one.
    expect(contourMask([5, 5, 5, 5], 2, 2, () => 0.5, 8).every((v) => v === 0)).toBe(true);
    expect(Array.from(contourMask([0, 0, 0.9, 0.9], 2, 2, (v) => v, 2))).toEqual([1, 1, 0, 0]);
  });

  it('the contours of the MSE bowl surround its minimum', () => {
    const window = { wMin: -1, wMax: 4, bMin: -1, bMax: 3 };
    const [width, height] = [50, 40];
    const noisy = y.map((v, i) => v + 0.3 * Math.sin(7 * i));
    const grid = mseGrid(x, noisy, window, width, height);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of grid) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    const level = (v: number) => (Math.log(v) - Math.log(lo)) / Math.log(hi / lo);
    const mask = contourMask(grid, width, height, level, 12);
    const marked = mask.reduce((n, v) => n + v, 0);
    // Some lines, not a filled picture.
    expect(marked).toBeGreaterThan(50);
    expect(marked).toBeLessThan(0.5 * width * height);
    // On the minimum's row, lines on both sides of it.
    const at = grid.indexOf(lo);
    const row = Math.floor(at / width);
    const line = Array.from(mask.subarray(row * width, (row + 1) * width));
    expect(line.slice(0, (at % width) - 1).includes(1)).toBe(true);
    expect(line.slice((at % width) + 1).includes(1)).toBe(true);
  });
});

describe('colours and digits', () => {
  it('ramp runs from dark purple to yellow and clamps outside [0, 1]', () => {
    expect(ramp(0)).toEqual([68, 1, 84]);
    expect(ramp(1)).toEqual([253, 231, 37]);
    expect(ramp(-3)).toEqual(ramp(0));
    expect(ramp(7)).toEqual(ramp(1));
    // Halfway is the middle stop; brightness rises along the ramp.
    expect(ramp(0.5)).toEqual([33, 145, 140]);
    const luma = (c: number[]) => 0.3 * c[0]! + 0.59 * c[1]! + 0.11 * c[2]!;
    for (let i = 0; i < 10; i++)
      expect(luma(ramp((i + 1) / 10))).toBeGreaterThan(luma(ramp(i / 10)));
  });

  it('digitPixels draws ink dark on white, opaque, from its offset', () => {
    const values = [9, 9, 0, 1, 0.5, 2];
    const px = digitPixels(values, 2, 2);
    expect(Array.from(px)).toEqual([
      255, 255, 255, 255, 0, 0, 0, 255, 127, 127, 127, 255, 0, 0, 0, 255,
    ]);
  });
});
