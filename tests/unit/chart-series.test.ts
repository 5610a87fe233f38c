// The charts' pure data helpers (src/ui/charts/): rows merged from per-lane reduced series,
// and the SVG paths drawn from them (broken at gaps, bands closed per stretch).
import { describe, expect, it } from 'vitest';
import { domainOf, mergeRows, reduced } from '../../src/ui/charts/series';
import { bandPath, linePath } from '../../src/ui/charts/SeriesPaths';

describe('mergeRows', () => {
  it('puts each lane under its key, null where a value is missing or not kept', () => {
    const a = new Float64Array([4, 2, NaN, 1]);
    const b = new Float64Array([1, 0, 3, 5]);
    const rows = mergeRows([
      { key: 'a', reduced: reduced(a, 4, 100, true), index: 0 },
      { key: 'b', reduced: reduced(b, 4, 100, true), index: 0 },
    ]);
    expect(rows).toEqual([
      { step: 0, a: 4, b: 1 },
      { step: 1, a: 2, b: null },
      { step: 2, a: null, b: 3 },
      { step: 3, a: 1, b: 5 },
    ]);
  });

  it('reduces a long series to min and max per column, memoised per series', () => {
    const s = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    const r = reduced(s, 1000, 10, true);
    expect(r).toBe(reduced(s, 1000, 10, true));
    expect(r.steps).toHaveLength(20);
    expect(Array.from(r.values[0]!.slice(0, 2))).toEqual([1, 100]);
  });
});

describe('paths', () => {
  const x = (v: number) => v * 10;
  const y = (v: number) => 100 - v;
  it('breaks a line where a value is missing', () => {
    const rows = [
      { step: 0, a: 1 },
      { step: 1, a: 2 },
      { step: 2, a: null },
      { step: 3, a: 4 },
      { step: 4, a: 5 },
    ];
    expect(linePath(rows, 'a', x, y)).toBe('M0.0 99.0L10.0 98.0M30.0 96.0L40.0 95.0');
  });

  it('writes plain SVG numbers for huge, tiny and non-finite values (no exponent notation, no NaN)', () => {
    const values = [
      1e300,
      -1e300,
      1e21,
      -5e-324,
      Number.NaN,
      Infinity,
      -Infinity,
      1.7976931348623157e308,
    ];
    const rows = values.map((a, step) => ({ step, a, lo: -a, hi: a }));
    const plain = /^([MLZ]|-?\d+\.\d |-?\d+\.\d(?=[MLZ]|$))*$/;
    const line = linePath(rows, 'a', x, y);
    const band = bandPath(rows, 'lo', 'hi', x, y);
    for (const d of [line, band]) {
      expect(d).not.toMatch(/e|NaN|Infinity/);
      expect(d).toMatch(plain);
    }
    // The finite points are kept (drawn far outside the plot, where the clip path hides them).
    expect(line.match(/[ML]/g)?.length).toBe(5);
  });

  it('closes a band: along hi, back along lo', () => {
    const rows = [
      { step: 0, lo: 1, hi: 3 },
      { step: 1, lo: 2, hi: 4 },
    ];
    expect(bandPath(rows, 'lo', 'hi', x, y)).toBe('M0.0 97.0L10.0 96.0L10.0 98.0L0.0 99.0Z');
  });

  it('domainOf stays finite for values near the float64 limit', () => {
    const max = Number.MAX_VALUE;
    for (const log of [false, true]) {
      const d = domainOf([[-max, max, 1, Infinity, Number.NaN]], log)!;
      expect(d.every(Number.isFinite), `log ${log}: ${d.join(', ')}`).toBe(true);
      expect(d[1]).toBeGreaterThan(d[0]);
    }
  });

  it('domainOf pads a log range by a factor and skips non-positive values', () => {
    expect(domainOf([[0, 1, 100, NaN]], true)).toEqual([1 / 1.25, 125]);
    expect(domainOf([[NaN]], true)).toBeUndefined();
  });
});
