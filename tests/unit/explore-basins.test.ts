// Basin planning and classification, distances, and the sweep/basin colourings.
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../src/core/spec';
import type { Vec2 } from '../../src/core/types';
import {
  BASIN_DIVERGED,
  BASIN_NONE,
  classifyBasins,
  distanceToNearest,
  planBasins,
} from '../../src/core/explore/basins';
import { emptySummaryTable, type SummaryTable } from '../../src/core/explore/summary';
import {
  BASIN_DIVERGED_RGB,
  BASIN_NONE_RGB,
  BASIN_PALETTE,
  DIVERGED_RGB,
  MISSING_RGB,
  basinColours,
  imageOrder,
  sweepColours,
  viridis,
} from '../../src/core/explore/colours';

const base = parseRunSpec(
  {
    id: 'b',
    surface: { name: 'himmelblau' },
    start: [0, 0],
    optimizer: { name: 'sgd', lr: 0.01, momentum: 0.9 },
    steps: 100,
  },
  0,
);

/** A table of the given rows: [x, y, loss, firstBelow, settledAt, divergedAt]. */
function tableOf(rows: readonly (readonly number[])[]): SummaryTable {
  const t = emptySummaryTable(rows.length);
  rows.forEach(([x, y, loss, below, settled, diverged], k) => {
    t.finalX[k] = x ?? NaN;
    t.finalY[k] = y ?? NaN;
    t.finalLoss[k] = loss ?? NaN;
    t.firstBelow[k] = below ?? -1;
    t.settledAt[k] = settled ?? 0;
    t.divergedAt[k] = diverged ?? -1;
  });
  return t;
}

function pixel(rgba: Uint8ClampedArray, k: number): number[] {
  return Array.from(rgba.subarray(4 * k, 4 * k + 4));
}

describe('planBasins', () => {
  it('starts at cell centres, row-major with y outer, row 0 at yMin', () => {
    const runs = planBasins(base, { xMin: -4, xMax: 4, yMin: 0, yMax: 2 }, 4, 2);
    expect(runs).toHaveLength(8);
    // cells 2 wide and 1 high: centres x = −3, −1, 1, 3 and y = 0.5, 1.5
    expect(runs.map((r) => r.start)).toEqual([
      [-3, 0.5],
      [-1, 0.5],
      [1, 0.5],
      [3, 0.5],
      [-3, 1.5],
      [-1, 1.5],
      [1, 1.5],
      [3, 1.5],
    ]);
    // Everything but the start (and id) is base's, by identity.
    for (const r of runs) {
      expect(r.optimizer).toBe(base.optimizer);
      expect(r.surface).toBe(base.surface);
    }
  });

  it('plans 512 × 512 and refuses larger grids or bad windows', () => {
    const view = { xMin: -5, xMax: 5, yMin: -5, yMax: 5 };
    expect(planBasins(base, view, 512, 512)).toHaveLength(262144);
    expect(() => planBasins(base, view, 513, 2)).toThrow(/1 to 512 cells/);
    expect(() => planBasins(base, view, 0, 2)).toThrow(/cellsX = 0/);
    expect(() => planBasins(base, { ...view, xMax: -6 }, 2, 2)).toThrow(/xMin < xMax/);
    expect(() => planBasins(base, { ...view, yMin: NaN }, 2, 2)).toThrow(/finite/);
  });
});

const minima: Vec2[] = [
  [3, 2],
  [-2.805118, 3.131312],
];

describe('classifyBasins and distanceToNearest', () => {
  const table = tableOf([
    [3.0001, 2, 0, 5, 10, -1], // at minimum 0
    [-2.8, 3.13, 0, 5, 10, -1], // near minimum 1
    [0, 0, 170, -1, 10, -1], // far from both
    [NaN, NaN, NaN, -1, 3, 3], // diverged
    [Infinity, 0, 1, -1, 0, -1], // non-finite end without a divergence flag
    [0.5, 1, 0, -1, 0, -1], // nearer minimum 0 (distance 2.69) than 1 (3.78), beyond radius 0.1
  ]);

  it('names the nearest minimum within the radius, −1 for none, −2 for diverged', () => {
    expect(Array.from(classifyBasins(table, minima, 0.1))).toEqual([
      0,
      1,
      BASIN_NONE,
      BASIN_DIVERGED,
      BASIN_DIVERGED,
      BASIN_NONE,
    ]);
    // With a radius of 3, the last row is in basin 0 (its nearest), not 1.
    expect(classifyBasins(table, minima, 3)[5]).toBe(0);
    expect(Array.from(classifyBasins(table, [], 1))).toEqual([-1, -1, -1, -2, -2, -1]);
  });

  it('distance to the nearest minimum; NaN when diverged, ∞ without minima', () => {
    const d = distanceToNearest(table, minima);
    expect(d[0]).toBeCloseTo(1e-4, 12);
    // (−2.8, 3.13) − (−2.805118, 3.131312) = (0.005118, −0.001312)
    expect(d[1]).toBeCloseTo(Math.hypot(0.005118, 0.001312), 12);
    expect(d[2]).toBeCloseTo(Math.hypot(3, 2), 12);
    expect(d[3]).toBeNaN();
    expect(d[4]).toBeNaN();
    expect(distanceToNearest(table, [])[0]).toBe(Infinity);
  });
});

describe('colours', () => {
  it('viridis runs from dark purple to yellow, clamped', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(0.125)).toEqual([63.5, 41.5, 111.5]);
  });

  it('sweep by loss: log-scaled, low loss bright, diverged red and counted', () => {
    const t = tableOf([
      [0, 0, 1e-6, -1, 0, -1],
      [0, 0, 1e-3, -1, 0, -1],
      [0, 0, 1, -1, 0, -1],
      [NaN, NaN, NaN, -1, 0, 7],
    ]);
    const img = sweepColours(t, { by: 'loss' });
    expect(img.range).toEqual([-6, 0]);
    expect(img.diverged).toBe(1);
    expect(pixel(img.rgba, 0)).toEqual([253, 231, 37, 255]);
    // 1e-3 is halfway in log between 1e-6 and 1: viridis(0.5)
    expect(pixel(img.rgba, 1)).toEqual([33, 145, 140, 255]);
    expect(pixel(img.rgba, 2)).toEqual([68, 1, 84, 255]);
    expect(pixel(img.rgba, 3)).toEqual([...DIVERGED_RGB, 255]);
    // A fixed range overrides the data's
    expect(sweepColours(t, { by: 'loss', range: [-3, 0] }).range).toEqual([-3, 0]);
  });

  it('sweep by loss: the default range leaves the wildest 1 % at each end out', () => {
    // 200 cells at 1e-k for k = 0..199 → log10 −199..0, plus one at 1e9
    const rows = Array.from({ length: 200 }, (_, k) => [0, 0, 10 ** -k, -1, 0, -1]);
    rows.push([0, 0, 1e9, -1, 0, -1]);
    const img = sweepColours(tableOf(rows), { by: 'loss' });
    // log10 clamped at −12: 188 cells at −12, then −11..0, then 9 (201 values, indices 0..200);
    // nearest rank: sorted[floor(0.01·200)] = sorted[2] = −12, sorted[ceil(0.99·200)] = sorted[198] = −1
    expect(img.range).toEqual([-12, -1]);
    // the 1e9 cell is clamped to the dark end
    expect(pixel(img.rgba, 200)).toEqual([68, 1, 84, 255]);
  });

  it('sweep by steps to threshold: fewer steps brighter, never reached grey', () => {
    const t = tableOf([
      [0, 0, 0, 0, 0, -1],
      [0, 0, 0, 50, 0, -1],
      [0, 0, 0, -1, 0, -1],
    ]);
    const img = sweepColours(t, { by: 'steps', steps: 100 });
    expect(img.range).toEqual([0, 100]);
    expect(pixel(img.rgba, 0)).toEqual([253, 231, 37, 255]);
    expect(pixel(img.rgba, 1)).toEqual([33, 145, 140, 255]);
    expect(pixel(img.rgba, 2)).toEqual([...MISSING_RGB, 255]);
    expect(img.missing).toBe(1);
  });

  it('sweep by distance: log10 of the distance to the nearest minimum', () => {
    const t = tableOf([
      [3.01, 2, 0, -1, 0, -1], // 0.01 from (3, 2)
      [4, 2, 0, -1, 0, -1], // 1 from (3, 2)
    ]);
    const img = sweepColours(t, { by: 'distance', minima });
    expect(img.range[0]).toBeCloseTo(-2, 10);
    expect(img.range[1]).toBeCloseTo(0, 10);
    expect(pixel(img.rgba, 0)).toEqual([253, 231, 37, 255]);
    expect(pixel(img.rgba, 1)).toEqual([68, 1, 84, 255]);
  });

  it('basins: palette per minimum, darker for later settling, black diverged, grey none', () => {
    const t = tableOf([
      [3, 2, 0, 0, 0, -1],
      [3, 2, 0, 0, 100, -1],
      [-2.8, 3.13, 0, 0, 0, -1],
      [0, 0, 0, 0, 0, -1],
      [NaN, NaN, NaN, -1, 0, 4],
    ]);
    const rgba = basinColours(t, classifyBasins(t, minima, 0.1), 100);
    const p0 = BASIN_PALETTE[0] ?? [0, 0, 0];
    expect(pixel(rgba, 0)).toEqual([...p0, 255]);
    // settled at the last step: 35 % of the colour
    expect(pixel(rgba, 1)).toEqual([...p0.map((c) => Math.round(c * 0.35)), 255]);
    expect(pixel(rgba, 2)).toEqual([...(BASIN_PALETTE[1] ?? []), 255]);
    expect(pixel(rgba, 3)).toEqual([...BASIN_NONE_RGB, 255]);
    expect(pixel(rgba, 4)).toEqual([...BASIN_DIVERGED_RGB, 255]);
  });

  it('imageOrder puts row 0 (yMin) at the bottom of the image', () => {
    // 1 × 2 image: run 0 (bottom) red, run 1 (top) blue
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]);
    expect(Array.from(imageOrder(rgba, 1, 2))).toEqual([0, 0, 255, 255, 255, 0, 0, 255]);
    expect(() => imageOrder(rgba, 2, 2)).toThrow(/2 × 2/);
  });
});
