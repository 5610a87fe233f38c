// Min/max per pixel column: the envelope of a long series survives, NaN never comes out.
import { describe, expect, it } from 'vitest';
import { reduceSeries } from '../../src/core/reduce';
import { mulberry32 } from '../../src/core/rng';

describe('reduceSeries', () => {
  it('keeps short series as they are, non-finite values as NaN', () => {
    const r = reduceSeries([[1, NaN, 3, Infinity]], 4, 10);
    expect(r.steps).toEqual([0, 1, 2, 3]);
    expect(Array.from(r.values[0]!)).toEqual([1, NaN, 3, NaN]);
  });

  it('reduces to two rows per column holding each column’s min and max', () => {
    const n = 10_001;
    const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50) + (i === 5000 ? 10 : 0));
    const b = Float64Array.from({ length: n }, (_, i) => -i);
    const cols = 100;
    const r = reduceSeries([a, b], n, cols);
    expect(r.steps.length).toBeLessThanOrEqual(2 * cols);
    expect(r.steps[0]).toBe(0);
    expect(r.steps[r.steps.length - 1]).toBe(n - 1);
    // Steps increase (each column: first step, last step).
    for (let i = 1; i < r.steps.length; i++)
      expect(r.steps[i]!).toBeGreaterThanOrEqual(r.steps[i - 1]!);
    // The spike at step 5000 and the global extremes survive.
    expect(Math.max(...r.values[0]!)).toBe(Math.max(...a));
    expect(Math.min(...r.values[0]!)).toBe(Math.min(...a));
    expect(Math.min(...r.values[1]!)).toBe(-(n - 1));
    // Each row pair brackets the column.
    for (let k = 0; k < r.steps.length; k += 2) {
      const lo = r.steps[k]!;
      const hi = r.steps[k + 1]!;
      const col = Array.from(a.subarray(lo, hi + 1));
      expect(r.values[0]![k]).toBe(Math.min(...col));
      expect(r.values[0]![k + 1]).toBe(Math.max(...col));
    }
  });

  it('drops values the axis cannot show and never emits non-finite ones', () => {
    const rand = mulberry32(3);
    const n = 5000;
    const s = Float64Array.from({ length: n }, () => {
      const u = rand();
      return u < 0.1 ? NaN : u < 0.2 ? -u : u < 0.25 ? Infinity : u;
    });
    const r = reduceSeries([s], n, 64, (v) => v > 0);
    for (const v of r.values[0]!)
      expect(Number.isNaN(v) || (Number.isFinite(v) && v > 0)).toBe(true);
  });

  it('a series that diverged is NaN-free up to its last finite column', () => {
    const n = 1000;
    const s = Float64Array.from({ length: n }, (_, i) => (i < 300 ? 1 + i : NaN));
    const r = reduceSeries([s], n, 50);
    const finite = r.steps.filter((_, k) => Number.isFinite(r.values[0]![k]!));
    expect(Math.max(...finite)).toBeLessThan(300);
    expect(Math.max(...finite)).toBeGreaterThan(250);
  });
});
