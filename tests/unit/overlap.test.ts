// Coinciding lanes get sideways offsets so each stays visible; others stay where they are.

import { describe, expect, it } from 'vitest';
import { BUNDLE_SPACING_PX, bundleOffsets } from '../../src/ui/map/overlap';

/** A path along y = slope·x from 0 to 1, n + 1 points. */
function line(slope: number, n = 100, shift = 0): Float64Array {
  const x = new Float64Array(2 * (n + 1));
  for (let k = 0; k <= n; k++) {
    x[2 * k] = k / n;
    x[2 * k + 1] = slope * (k / n) + shift;
  }
  return x;
}

describe('bundleOffsets', () => {
  const unitsPerPx = 1 / 500; // a 500 px wide map of [0, 1]

  it('leaves paths that do not coincide at offset 0', () => {
    expect(bundleOffsets([line(0), line(1), line(-1)], unitsPerPx)).toEqual([0, 0, 0]);
  });

  it('spreads an exact duplicate and its original symmetrically', () => {
    const a = line(0.5);
    expect(bundleOffsets([a, a.slice()], unitsPerPx)).toEqual([
      -BUNDLE_SPACING_PX / 2,
      BUNDLE_SPACING_PX / 2,
    ]);
  });

  it('bundles paths within the pixel tolerance (ε = 1e-8 vs 1e-3) but not a neighbour 10 px off', () => {
    const a = line(0.5);
    const near = line(0.5, 100, 1 * unitsPerPx); // 1 px apart
    const far = line(0.5, 100, 10 * unitsPerPx);
    const off = bundleOffsets([a, far, near], unitsPerPx);
    expect(off[1]).toBe(0);
    expect(off[0]).toBe(-BUNDLE_SPACING_PX / 2);
    expect(off[2]).toBe(BUNDLE_SPACING_PX / 2);
  });

  it('gives three coinciding lanes three distinct offsets', () => {
    const a = line(2);
    const off = bundleOffsets([a, a, null, a], unitsPerPx);
    expect(off).toEqual([-BUNDLE_SPACING_PX, 0, 0, BUNDLE_SPACING_PX]);
  });

  it('paths that split early do not bundle; diverged (NaN) tails are not counted', () => {
    const a = line(0);
    const b = line(0);
    for (let k = 10; k <= 100; k++) b[2 * k + 1] = 0.5;
    expect(bundleOffsets([a, b], unitsPerPx)).toEqual([0, 0]);
    const c = line(0);
    for (let k = 50; k <= 100; k++) c[2 * k] = c[2 * k + 1] = Number.NaN;
    expect(bundleOffsets([a, c], unitsPerPx)[1]).not.toBe(0);
  });
});
