// Train mode's synthetic data sets, generated from a seed: the line y = 2x + 1 + U(0, 1) and
// the make_classification-style set.
import { describe, expect, it } from 'vitest';
import { classificationData, lineData } from '../../src/core/train/data/synthetic';
import type { Dataset } from '../../src/core/train/types';

/** Least-squares slope and intercept of y on one feature. */
function fitLine(d: Dataset): { slope: number; intercept: number } {
  const n = d.rows;
  const mx = Array.from(d.x).reduce((s, v) => s + v, 0) / n;
  const my = Array.from(d.y).reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (d.x[i]! - mx) * (d.y[i]! - my);
    sxx += (d.x[i]! - mx) ** 2;
  }
  return { slope: sxy / sxx, intercept: my - (sxy / sxx) * mx };
}

describe('line data y = 2x + 1 + U(0, 1)', () => {
  it('100 points, x in [0, 1), noise in [0, 1), train and test the same points', () => {
    const { train, test } = lineData(1);
    expect(test).toBe(train);
    expect([train.rows, train.features]).toEqual([100, 1]);
    for (let i = 0; i < 100; i++) {
      expect(train.x[i]).toBeGreaterThanOrEqual(0);
      expect(train.x[i]).toBeLessThan(1);
      const noise = train.y[i]! - 2 * train.x[i]! - 1;
      expect(noise).toBeGreaterThanOrEqual(0);
      expect(noise).toBeLessThan(1);
    }
  });

  it('is the same for a seed and differs across seeds', () => {
    expect(Array.from(lineData(5).train.y)).toEqual(Array.from(lineData(5).train.y));
    expect(Array.from(lineData(5).train.x)).not.toEqual(Array.from(lineData(6).train.x));
  });

  it('fits near slope 2, intercept 1.5 (noise mean 0.5; slope s.e. ≈ 0.1, intercept ≈ 0.06)', () => {
    for (const seed of [1, 2, 3, 42]) {
      const { slope, intercept } = fitLine(lineData(seed).train);
      expect(Math.abs(slope - 2)).toBeLessThan(0.4);
      expect(Math.abs(intercept - 1.5)).toBeLessThan(0.25);
    }
  });
});

/** Accuracy of 5-nearest-neighbours on the given columns, train → test. */
function knnAccuracy(train: Dataset, test: Dataset, columns: readonly number[]): number {
  const f = train.features;
  let right = 0;
  for (let t = 0; t < test.rows; t++) {
    const dist = Array.from({ length: train.rows }, (_, i) => ({
      d: columns.reduce((s, c) => s + (train.x[i * f + c]! - test.x[t * f + c]!) ** 2, 0),
      y: train.y[i]!,
    })).sort((a, b) => a.d - b.d);
    const ones = dist.slice(0, 5).filter((n) => n.y === 1).length;
    if ((ones >= 3 ? 1 : 0) === test.y[t]) right++;
  }
  return right / test.rows;
}

describe('make_classification-style set', () => {
  it('1,000 samples of 20 features, 800 / 200, labels 0/1 about half each', () => {
    const { train, test, informativeFeatures } = classificationData(1);
    expect([train.rows, test.rows, train.features, test.features]).toEqual([800, 200, 20, 20]);
    expect(informativeFeatures.length).toBe(2);
    for (const d of [train, test]) expect(d.y.every((v) => v === 0 || v === 1)).toBe(true);
    const ones = [...train.y, ...test.y].filter((v) => v === 1).length;
    expect(ones).toBeGreaterThan(450);
    expect(ones).toBeLessThan(550);
  });

  it('is the same for a seed and differs across seeds', () => {
    const a = classificationData(3);
    const b = classificationData(3);
    const c = classificationData(4);
    expect(Array.from(a.train.x)).toEqual(Array.from(b.train.x));
    expect(Array.from(a.test.y)).toEqual(Array.from(b.test.y));
    expect(Array.from(a.train.x)).not.toEqual(Array.from(c.train.x));
  });

  it('noise features are N(0, 1); without the column shuffle the informative ones come first', () => {
    const plain = classificationData(2, { shuffleFeatures: false });
    expect(plain.informativeFeatures).toEqual([0, 1]);
    const d = plain.train;
    for (let c = 2; c < 20; c++) {
      const col = Array.from({ length: d.rows }, (_, i) => d.x[i * 20 + c]!);
      const mean = col.reduce((s, v) => s + v, 0) / col.length;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length);
      expect(Math.abs(mean)).toBeLessThan(0.15); // s.e. 1/√800 ≈ 0.035
      expect(Math.abs(sd - 1)).toBeLessThan(0.1);
    }
  });

  it('the informative features separate the classes far better than the noise features', () => {
    // 5-NN on two columns: the informative pair against pairs of noise columns. Nearest
    // neighbours, not a class-mean difference: with 2 clusters per class the classes can sit
    // on opposite corners of the square (XOR), where both class means coincide.
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { train, test, informativeFeatures } = classificationData(seed);
      const noise = Array.from({ length: 20 }, (_, c) => c).filter(
        (c) => !informativeFeatures.includes(c),
      );
      const informative = knnAccuracy(train, test, informativeFeatures);
      const noiseBest = Math.max(
        knnAccuracy(train, test, noise.slice(0, 2)),
        knnAccuracy(train, test, noise.slice(2, 4)),
        knnAccuracy(train, test, noise.slice(4, 6)),
      );
      expect(informative).toBeGreaterThan(0.8);
      expect(noiseBest).toBeLessThan(0.65);
      expect(informative - noiseBest).toBeGreaterThan(0.25);
    }
  });

  it('rejects settings make_classification rejects', () => {
    expect(() => classificationData(1, { informative: 1 })).toThrow(/at most 2\^informative/);
    expect(() => classificationData(1, { informative: 21 })).toThrow(/exceeds features/);
    expect(() => classificationData(1, { testShare: 0 })).toThrow(/no train or no test rows/);
  });
});
