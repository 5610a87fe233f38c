// The lane palette stays distinct for 8 lanes for readers with normal vision and with each
// dichromacy (simulated after Machado et al. 2009), by CIEDE2000.
//
// Thresholds: ΔE00 ≈ 1–2 is a just-noticeable difference between large patches side by side;
// thin lines and small marks apart from each other need several times more (Szafir 2017,
// "Modeling Color Difference for Visualization Design", puts marks of a few pixels at 4–5× the
// patch JND). We ask ΔE00 ≥ 10 between any two lanes under every simulated dichromacy and
// ≥ 20 for normal vision, which the old palette (SGD orange next to Adadelta amber: 2.7 under
// deuteranopia) fails.

import { describe, expect, it } from 'vitest';
import { LANE_COLORS, MAX_LANES } from '../../src/core/config';
import {
  ciede2000,
  labOf,
  minPairwiseDistance,
  simulateLinear,
  type Vision,
} from '../../src/core/colorVision';

const DICHROMACIES: Vision[] = ['protanopia', 'deuteranopia', 'tritanopia'];

describe('colour science', () => {
  it('CIEDE2000 matches Sharma, Wu & Dalal (2005) test pairs', () => {
    expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(ciede2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(ciede2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(ciede2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });

  it('sRGB white is L* 100 and mid grey is achromatic', () => {
    const white = labOf('#ffffff');
    expect(white[0]).toBeCloseTo(100, 2);
    expect(Math.hypot(white[1], white[2])).toBeLessThan(0.01);
    expect(Math.hypot(...labOf('#777777').slice(1))).toBeLessThan(0.01);
  });

  it('dichromacy simulation keeps greys grey and merges red with green for deuteranopes', () => {
    for (const v of DICHROMACIES) {
      const [r, g, b] = simulateLinear([0.5, 0.5, 0.5], v);
      expect(Math.abs(r - g) + Math.abs(g - b)).toBeLessThan(0.01);
    }
    const red = labOf('#d62728', 'deuteranopia');
    const green = labOf('#2ca02c', 'deuteranopia');
    expect(ciede2000(red, green)).toBeLessThan(ciede2000(labOf('#d62728'), labOf('#2ca02c')) / 3);
  });
});

describe('lane palette', () => {
  it('has a colour for every lane', () => {
    expect(LANE_COLORS.length).toBeGreaterThanOrEqual(MAX_LANES);
    expect(new Set(LANE_COLORS).size).toBe(LANE_COLORS.length);
  });

  it('keeps every pair of the 8 lanes apart for normal vision (ΔE00 ≥ 20)', () => {
    expect(minPairwiseDistance(LANE_COLORS, 'normal')).toBeGreaterThanOrEqual(20);
  });

  it.each(DICHROMACIES)('keeps every pair apart under simulated %s (ΔE00 ≥ 10)', (v) => {
    expect(minPairwiseDistance(LANE_COLORS, v)).toBeGreaterThanOrEqual(10);
  });

  it('the first four lanes (the default set) are further apart still', () => {
    expect(minPairwiseDistance(LANE_COLORS.slice(0, 4), 'normal')).toBeGreaterThanOrEqual(30);
    for (const v of DICHROMACIES)
      expect(minPairwiseDistance(LANE_COLORS.slice(0, 4), v)).toBeGreaterThanOrEqual(10);
  });

  it('the test would have caught the old palette (orange vs amber)', () => {
    const old = ['#f97316', '#0ea5e9', '#22c55e', '#ec4899', '#eab308', '#a78bfa', '#ef4444'];
    expect(minPairwiseDistance(old, 'deuteranopia')).toBeLessThan(10);
  });
});
