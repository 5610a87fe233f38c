// The synthetic data sets of Train mode, generated in the page from a seed (the seed is in the
// link, so a shared link trains on the same data): the article's line y = 2x + 1 + noise and
// a make_classification set as scikit-learn builds it.

import { mulberry32, normal } from '../../rng';
import type { DataSplit, Dataset } from '../types';

/** Keeps the two sets' random streams apart when they are given the same seed. */
const LINE_SALT = 0x11e0;
const CLASSIFICATION_SALT = 0xc1a5;

export const LINE_POINTS = 100;

/**
 * The article's line fit: x = np.random.rand(100, 1), y = 2x + 1 + np.random.rand(100, 1)
 * (all x drawn first, then all noise, as there), one feature. The least-squares line of such
 * data is near y = 2x + 1.5 (the noise has mean 0.5).
 *
 * Train and test are the same 100 points: the article fits all of them and holds none out,
 * and the 2-D map draws the (w, b) path on the MSE surface of exactly these points, so the
 * per-epoch "validation" loss is the surface's value where the path is.
 */
export function lineData(seed: number, count = LINE_POINTS): DataSplit {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  const rand = mulberry32(seed ^ LINE_SALT);
  const x = Float64Array.from({ length: count }, rand);
  const y = Float64Array.from(x, (xi) => 2 * xi + 1 + rand());
  const all: Dataset = { rows: count, features: 1, x, y };
  return { train: all, test: all };
}

export interface ClassificationOptions {
  readonly samples?: number;
  readonly features?: number;
  readonly informative?: number;
  readonly classes?: number;
  readonly clustersPerClass?: number;
  readonly classSep?: number;
  /** Share of labels replaced by a random class (which may be the same one). */
  readonly flipY?: number;
  /** Permute the columns, as sklearn does with shuffle=True; the rows are always shuffled. */
  readonly shuffleFeatures?: boolean;
  /** Share of the (shuffled) rows held out as the test part. */
  readonly testShare?: number;
}

/** The set: 1,000 samples, 20 features, 2 informative, 0 redundant, 80/20. */
export const CLASSIFICATION_DEFAULTS: Required<ClassificationOptions> = {
  samples: 1000,
  features: 20,
  informative: 2,
  classes: 2,
  clustersPerClass: 2,
  classSep: 1,
  flipY: 0.01,
  shuffleFeatures: true,
  testShare: 0.2,
};

export interface ClassificationSplit extends DataSplit {
  /** The columns that hold the informative features (after the column shuffle). */
  readonly informativeFeatures: readonly number[];
}

/**
 * sklearn.datasets.make_classification (sklearn/datasets/_samples_generator.py) with
 * n_redundant = n_repeated = 0, hypercube = True, shift 0, scale 1, followed in its order of
 * steps but with mulberry32 in place of numpy's generator (same algorithm, other numbers):
 * 1. the samples are shared equally among classes × clustersPerClass clusters (the remainder
 *    one each to the first clusters); cluster k has class k mod classes;
 * 2. the centroids are distinct vertices of the informative-dimensional hypercube with sides
 *    2·classSep centred on 0, drawn without replacement;
 * 3. the informative features are N(0, 1); each cluster's are multiplied by its own random
 *    matrix A = 2·U(0, 1) − 1 (informative × informative, covariance) and moved to its vertex;
 * 4. the other features are N(0, 1) noise;
 * 5. a share flipY of the labels is replaced by a uniformly random class;
 * 6. the rows are shuffled, then (shuffleFeatures) the columns.
 * The first (1 − testShare) of the shuffled rows train, the rest test. Labels are 0…classes−1
 * (0/1 for the bce tasks).
 *
 * With 2 informative features and 2 clusters per class the four clusters sit on the corners
 * of a square; for one seed in three the classes take opposite corners (an XOR layout) and no
 * line separates them, as with sklearn's own seeds.
 */
export function classificationData(
  seed: number,
  options: ClassificationOptions = {},
): ClassificationSplit {
  const o = { ...CLASSIFICATION_DEFAULTS, ...options };
  const { samples, features, informative, classes, clustersPerClass, classSep } = o;
  checkClassificationOptions(o);
  const rand = mulberry32(seed ^ CLASSIFICATION_SALT);
  const clusters = classes * clustersPerClass;

  const perCluster = Array.from({ length: clusters }, () =>
    Math.floor(samples / classes / clustersPerClass),
  );
  const spare = samples - perCluster.reduce((a, b) => a + b, 0);
  for (let i = 0; i < spare; i++) perCluster[i % clusters]!++;

  const centroids = distinctIntegers(clusters, 2 ** informative, rand).map((vertex) =>
    Array.from(
      { length: informative },
      // Column d is bit (informative − 1 − d) of the vertex: numpy's unpackbits order.
      (_, d) => (((vertex >> (informative - 1 - d)) & 1) * 2 - 1) * classSep,
    ),
  );

  const x = new Float64Array(samples * features);
  const y = new Float64Array(samples);
  for (let i = 0; i < samples; i++)
    for (let d = 0; d < informative; d++) x[i * features + d] = normal(rand);
  let start = 0;
  centroids.forEach((centroid, k) => {
    const a = Array.from({ length: informative * informative }, () => 2 * rand() - 1);
    const row = new Float64Array(informative);
    for (let i = start; i < start + perCluster[k]!; i++) {
      y[i] = k % classes;
      row.set(x.subarray(i * features, i * features + informative));
      for (let d = 0; d < informative; d++) {
        let s = centroid[d]!;
        for (let e = 0; e < informative; e++) s += row[e]! * a[e * informative + d]!;
        x[i * features + d] = s;
      }
    }
    start += perCluster[k]!;
  });
  for (let i = 0; i < samples; i++)
    for (let d = informative; d < features; d++) x[i * features + d] = normal(rand);

  const flip = Array.from({ length: samples }, () => rand() < o.flipY);
  flip.forEach((flipped, i) => {
    if (flipped) y[i] = Math.floor(rand() * classes);
  });

  const rowOrder = permutation(samples, rand);
  const columnOrder = o.shuffleFeatures
    ? permutation(features, rand)
    : Array.from({ length: features }, (_, c) => c);
  const xs = new Float64Array(samples * features);
  const ys = new Float64Array(samples);
  rowOrder.forEach((from, i) => {
    ys[i] = y[from]!;
    columnOrder.forEach((c, to) => (xs[i * features + to] = x[from * features + c]!));
  });

  const trainRows = Math.round(samples * (1 - o.testShare));
  const part = (lo: number, hi: number): Dataset => ({
    rows: hi - lo,
    features,
    x: xs.slice(lo * features, hi * features),
    y: ys.slice(lo, hi),
  });
  return {
    train: part(0, trainRows),
    test: part(trainRows, samples),
    informativeFeatures: columnOrder.flatMap((c, to) => (c < informative ? [to] : [])),
  };
}

function checkClassificationOptions(o: Required<ClassificationOptions>): void {
  const whole = ['samples', 'features', 'informative', 'classes', 'clustersPerClass'] as const;
  for (const key of whole)
    if (!Number.isInteger(o[key]) || o[key] < 1)
      throw new RangeError(`${key} must be a positive integer, got ${o[key]}`);
  if (o.informative > o.features)
    throw new RangeError(`informative (${o.informative}) exceeds features (${o.features})`);
  if (o.informative > 30)
    throw new RangeError(`informative must be at most 30, got ${o.informative}`);
  if (o.classes * o.clustersPerClass > 2 ** o.informative)
    throw new RangeError(
      `classes × clustersPerClass (${o.classes * o.clustersPerClass}) must be at most 2^informative (${2 ** o.informative})`,
    );
  if (!(o.classSep > 0)) throw new RangeError(`classSep must be positive, got ${o.classSep}`);
  if (!(o.flipY >= 0 && o.flipY <= 1))
    throw new RangeError(`flipY must be in [0, 1], got ${o.flipY}`);
  const trainRows = Math.round(o.samples * (1 - o.testShare));
  if (!(trainRows >= 1 && trainRows < o.samples))
    throw new RangeError(`testShare ${o.testShare} leaves no train or no test rows`);
}

/** `count` distinct integers from [0, range), in the order drawn (count ≤ range). */
function distinctIntegers(count: number, range: number, rand: () => number): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  while (out.length < count) {
    const v = Math.floor(rand() * range);
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/** A seeded permutation of 0…n−1 (Fisher–Yates). */
function permutation(n: number, rand: () => number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}
