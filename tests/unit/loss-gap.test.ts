// loss − f* for the loss chart (core/lossGap.ts): the known optimum value, the lowest loss seen
// where none is known or a run went below it, and the floor that keeps exact zeros on a log axis.
import { describe, expect, it } from 'vitest';
import { knownOptimumValue, lossGap, lowestFinite, optimumValue } from '../../src/core/lossGap';
import { surfaceById } from '../../src/core/surfaces';
import { defaultValues } from '../../src/core/params';

describe('knownOptimumValue', () => {
  it('is the lowest loss at the known minima', () => {
    const beale = surfaceById('beale')!;
    const params = defaultValues(beale.params);
    expect(knownOptimumValue(beale, params, beale.minima(params))).toBe(0);
    // three-hump camel: the global minimum (0) and two side minima (≈ 0.2986)
    const camel = surfaceById('three_hump_camel')!;
    const cp = defaultValues(camel.params);
    expect(camel.minima(cp).length).toBeGreaterThan(1);
    expect(knownOptimumValue(camel, cp, camel.minima(cp))).toBe(0);
  });

  it('is null without minima', () => {
    const saddle = surfaceById('saddle')!;
    expect(knownOptimumValue(saddle, defaultValues(saddle.params), [])).toBeNull();
  });
});

describe('optimumValue and lossGap', () => {
  it('keeps exact zeros on a log axis: they are drawn at the floor (ε·max(1, |f*|))', () => {
    const f = optimumValue(0, 0)!;
    expect(f).toEqual({ value: 0, source: 'known', floor: Number.EPSILON });
    const gap = lossGap([3, 1e-3, 0, NaN, Infinity], f);
    expect(Array.from(gap)).toEqual([3, 1e-3, Number.EPSILON, NaN, NaN]);
    expect(Array.from(gap).every((v) => Number.isNaN(v) || v > 0)).toBe(true);
  });

  it('subtracts a non-zero optimum value', () => {
    // f* = 2.5: loss 3.5 is 1 above it; a loss 1e-20 above f* is below float64's resolution
    const f = optimumValue(2.5, 2.5)!;
    expect(f.floor).toBe(Number.EPSILON * 2.5);
    expect(Array.from(lossGap([3.5, 2.5 + 1e-20], f))).toEqual([1, Number.EPSILON * 2.5]);
  });

  it('falls back to the lowest loss seen when none is known or a run went below it', () => {
    expect(optimumValue(null, -7)).toEqual({
      value: -7,
      source: 'lowest seen',
      floor: 7 * Number.EPSILON,
    });
    // the known minima were local ones only: a lane reached −1 < 0
    expect(optimumValue(0, -1)?.source).toBe('lowest seen');
    // a rounding error below f* is not "below it"
    expect(optimumValue(1, 1 - 1e-17)?.source).toBe('known');
    expect(optimumValue(null, Infinity)).toBeNull();
  });

  it('lowestFinite skips NaN and infinities', () => {
    expect(lowestFinite([[3, NaN, -Infinity], new Float64Array([2, Infinity])])).toBe(2);
    expect(lowestFinite([])).toBe(Infinity);
  });
});
