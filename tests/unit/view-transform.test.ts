// The map's window math: pixel ↔ world round trips, pan and zoom keep the right point fixed,
// aspect fitting keeps circles round, and ticks are round numbers inside the range.

import { describe, expect, it } from 'vitest';
import {
  fitAspect,
  formatTick,
  niceTicks,
  panBy,
  pixelToWorld,
  wheelFactor,
  worldToPixel,
  zoomAt,
  MIN_SPAN,
} from '../../src/ui/map/viewTransform';
import { lighten, sliceChunks, visibleRecords } from '../../src/ui/map/scene';

const view = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
const size = { width: 400, height: 400 };

describe('pixel ↔ world', () => {
  it('maps corners and the centre', () => {
    expect(pixelToWorld(view, size, 0, 0)).toEqual([-2, 3]); // top-left is (xMin, yMax)
    expect(pixelToWorld(view, size, 400, 400)).toEqual([2, -1]);
    expect(pixelToWorld(view, size, 200, 200)).toEqual([0, 1]);
  });
  it('round-trips', () => {
    for (const [x, y] of [
      [0.3, -0.7],
      [1.99, 2.5],
      [-1.25, 0],
    ] as const) {
      const [px, py] = worldToPixel(view, size, x, y);
      const [wx, wy] = pixelToWorld(view, size, px, py);
      expect(wx).toBeCloseTo(x, 12);
      expect(wy).toBeCloseTo(y, 12);
    }
  });
});

describe('pan and zoom', () => {
  it('pans so the dragged point follows the pointer', () => {
    const before = pixelToWorld(view, size, 100, 100);
    const moved = panBy(view, size, 40, -20);
    const after = pixelToWorld(moved, size, 140, 80);
    expect(after[0]).toBeCloseTo(before[0], 12);
    expect(after[1]).toBeCloseTo(before[1], 12);
  });
  it('zooms about the cursor: the point under it stays put, the span shrinks by the factor', () => {
    const [px, py] = [300, 120];
    const under = pixelToWorld(view, size, px, py);
    const z = zoomAt(view, size, px, py, 2);
    const still = pixelToWorld(z, size, px, py);
    expect(still[0]).toBeCloseTo(under[0], 12);
    expect(still[1]).toBeCloseTo(under[1], 12);
    expect(z.xMax - z.xMin).toBeCloseTo(2, 12);
    expect(z.yMax - z.yMin).toBeCloseTo(2, 12);
  });
  it('clamps zoom to the smallest span', () => {
    const z = zoomAt(view, size, 200, 200, 1e12);
    expect(z.xMax - z.xMin).toBeCloseTo(MIN_SPAN, 12);
  });
  it('turns wheel deltas into factors: down zooms out, up zooms in, zero is identity', () => {
    expect(wheelFactor(100)).toBeLessThan(1);
    expect(wheelFactor(-100)).toBeGreaterThan(1);
    expect(wheelFactor(0)).toBe(1);
    expect(wheelFactor(100) * wheelFactor(-100)).toBeCloseTo(1, 12);
  });
});

describe('fitAspect', () => {
  it('widens the short side about the same centre so units are square', () => {
    const f = fitAspect(view, { width: 800, height: 400 });
    expect(f.yMin).toBe(-1);
    expect(f.yMax).toBe(3);
    expect(f.xMax - f.xMin).toBeCloseTo(8, 12);
    expect((f.xMin + f.xMax) / 2).toBeCloseTo(0, 12);
    // Idempotent.
    expect(fitAspect(f, { width: 800, height: 400 })).toEqual(f);
  });
});

describe('niceTicks', () => {
  it('gives round steps inside the range', () => {
    const t = niceTicks(-2, 2, 6);
    expect(t.step).toBe(1);
    expect(t.values).toEqual([-2, -1, 0, 1, 2]);
    expect(t.decimals).toBe(0);
  });
  it('handles small steps without float drift', () => {
    const t = niceTicks(0.12, 0.61, 5);
    expect(t.step).toBeCloseTo(0.1, 15);
    expect(t.values.map((v) => formatTick(v, t))).toEqual(['0.2', '0.3', '0.4', '0.5', '0.6']);
  });
  it('uses 2 and 5 multiples', () => {
    expect(niceTicks(0, 10, 5).step).toBe(2);
    expect(niceTicks(0, 25, 5).step).toBe(5);
    expect(niceTicks(0, 1000, 4).step).toBe(200);
  });
  it('writes negative labels with a minus sign and large ones with exponents', () => {
    const t = niceTicks(-3, 3, 6);
    expect(formatTick(-2, t)).toBe('−2');
    const big = niceTicks(0, 4e6, 4);
    expect(formatTick(2e6, big)).toBe('2.0e6');
  });
  it('returns nothing for an empty or invalid range', () => {
    expect(niceTicks(1, 1).values).toEqual([]);
    expect(niceTicks(Number.NaN, 1).values).toEqual([]);
  });
});

describe('scrub and record addressing', () => {
  it('counts the records reached at a step (records.ts: record k holds step k·every)', () => {
    // 10 steps, every step recorded: 11 records; step 0 shows the start only.
    expect(visibleRecords(0, 10, 1, 11)).toBe(1);
    expect(visibleRecords(4, 10, 1, 11)).toBe(5);
    expect(visibleRecords(10, 10, 1, 11)).toBe(11);
    // Every 4th of 10 steps: records at steps 0, 4, 8, 10 (4 records).
    expect(visibleRecords(7, 10, 4, 4)).toBe(2);
    expect(visibleRecords(9, 10, 4, 4)).toBe(3);
    expect(visibleRecords(10, 10, 4, 4)).toBe(4);
  });
  it('splits a run range over the engine chunks, with each chunk’s record base', () => {
    const a = {} as GPUBuffer;
    const b = {} as GPUBuffer;
    const chunks = [
      { firstRun: 0, runCount: 3, records: a, recordBase: [0, 5, 10] },
      { firstRun: 3, runCount: 2, records: b, recordBase: [0, 5] },
    ];
    const s = sliceChunks(chunks, 2, 2);
    expect(s).toEqual([
      { records: a, firstRun: 2, runCount: 1, baseRecord: 10 },
      { records: b, firstRun: 3, runCount: 1, baseRecord: 0 },
    ]);
    expect(sliceChunks(chunks, 5, 3)).toEqual([]);
  });
  it('lightens colours towards white', () => {
    expect(lighten('#000000', 0.5)).toBe('#808080');
    expect(lighten('#ff0000', 0)).toBe('#ff0000');
  });
});
