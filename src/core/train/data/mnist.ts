// MNIST as Train mode's tasks see it: a fixed, seeded 8,000 / 2,000 split of the 10,000 digits
// (stratified by class), pixels as floats v / 255, at full size (784 inputs) or area-averaged
// to 10×10 (100 inputs, the Keras MLP task). Rows are images flattened row-major, the
// (channel, row, column) order of docs/TRAIN-FORMAT.md with one channel.

import { mulberry32 } from '../../rng';
import type { DataSplit, Dataset } from '../types';
import { MNIST_CLASSES, type MnistImages } from './mnist-format';

/** Digits held out for validation and test accuracy; the other 8,000 train. */
export const MNIST_TEST_COUNT = 2000;
/** Fixes the split: every page, test and script sees the same 8,000 / 2,000 digits. */
export const MNIST_SPLIT_SEED = 20_240_601;

/** Indices into the file's images (its order is grouped by class), each part shuffled. */
export interface SplitIndices {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * A stratified split: each class gives the test part its share of `testCount` (largest
 * remainders round the shares to whole digits, so the total is exact), chosen by a seeded
 * shuffle of that class's images; the rest train. Both parts are then shuffled so that their
 * classes interleave (the file is grouped by class).
 */
export function splitByClass(
  labels: Uint8Array,
  testCount = MNIST_TEST_COUNT,
  seed = MNIST_SPLIT_SEED,
): SplitIndices {
  const count = labels.length;
  if (!Number.isInteger(testCount) || testCount < 1 || testCount >= count)
    throw new RangeError(`testCount must be an integer in 1…${count - 1}, got ${testCount}`);
  const rand = mulberry32(seed);
  const byClass: number[][] = Array.from({ length: MNIST_CLASSES }, () => []);
  labels.forEach((label, i) => byClass[label]!.push(i));
  for (const members of byClass) shuffleInPlace(members, rand);

  const exact = byClass.map((members) => (members.length * testCount) / count);
  const quota = exact.map(Math.floor);
  let missing = testCount - quota.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, c) => ({ c, r: e - Math.floor(e) }))
    .sort((a, b) => b.r - a.r || a.c - b.c);
  for (const { c } of byRemainder) {
    if (missing === 0) break;
    quota[c]!++;
    missing--;
  }

  const test: number[] = [];
  const train: number[] = [];
  byClass.forEach((members, c) => {
    test.push(...members.slice(0, quota[c]));
    train.push(...members.slice(quota[c]));
  });
  shuffleInPlace(train, rand);
  shuffleInPlace(test, rand);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** Fisher–Yates, as numpy's shuffle does it: from the last index down. */
function shuffleInPlace(a: number[], rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/**
 * The area average from `from` cells onto `to` cells along one axis, as sparse weights per
 * target cell. Target cell j covers [j·from/to, (j+1)·from/to) in source pixels; a source
 * pixel i contributes the length of [i, i+1) that lies inside, divided by the cell's length
 * from/to, so every cell's weights sum to 1. Measured in units of 1/to the overlap is a whole
 * number k, and the weight is k / from exactly. For 28 → 10 a cell is 2.8 pixels wide: cell 0
 * takes pixels 0 and 1 whole and 0.8 of pixel 2 (weights 1, 1, 0.8 over 2.8), cell 1 takes
 * the other 0.2 of pixel 2, pixels 3 and 4 and 0.6 of pixel 5, and so on.
 */
export function areaWeights(
  from: number,
  to: number,
): { readonly index: number; readonly weight: number }[][] {
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < 1 || to > from)
    throw new RangeError(`cannot area-average ${from} cells onto ${to}`);
  return Array.from({ length: to }, (_, j) => {
    const lo = j * from; // the cell, in units of 1/to pixel
    const hi = (j + 1) * from;
    const cell: { index: number; weight: number }[] = [];
    for (let i = Math.floor(lo / to); i * to < hi; i++) {
      const overlap = Math.min(hi, (i + 1) * to) - Math.max(lo, i * to);
      if (overlap > 0) cell.push({ index: i, weight: overlap / from });
    }
    return cell;
  });
}

/**
 * One image (height × width, row-major) area-averaged to outHeight × outWidth: each output
 * pixel is the mean of the source over its cell, with fractional coverage at the cell edges
 * (areaWeights), rows first, then columns.
 */
export function areaDownsample(
  image: ArrayLike<number>,
  height: number,
  width: number,
  outHeight: number,
  outWidth: number,
): Float64Array {
  if (image.length !== height * width)
    throw new RangeError(
      `expected ${height}×${width} = ${height * width} pixels, got ${image.length}`,
    );
  return downsampler(height, width, outHeight, outWidth)(image, 1);
}

/** A reusable area-average from height × width to outHeight × outWidth, values times `scale`. */
function downsampler(
  height: number,
  width: number,
  outHeight: number,
  outWidth: number,
): (image: ArrayLike<number>, scale: number, offset?: number) => Float64Array {
  const rowWeights = areaWeights(height, outHeight);
  const colWeights = areaWeights(width, outWidth);
  const rows = new Float64Array(height * outWidth); // columns averaged, rows not yet
  return (image, scale, offset = 0) => {
    for (let r = 0; r < height; r++)
      colWeights.forEach((cell, k) => {
        let s = 0;
        for (const { index, weight } of cell) s += weight * image[offset + r * width + index]!;
        rows[r * outWidth + k] = s;
      });
    const out = new Float64Array(outHeight * outWidth);
    rowWeights.forEach((cell, j) => {
      for (let k = 0; k < outWidth; k++) {
        let s = 0;
        for (const { index, weight } of cell) s += weight * rows[index * outWidth + k]!;
        out[j * outWidth + k] = s * scale;
      }
    });
    return out;
  };
}

/** The MNIST data of a task, with the file indices of its rows (for drawing test digits). */
export interface MnistSplit extends DataSplit {
  /** Side of the square images in `x` (28, or 10 when downsampled). */
  readonly side: number;
  readonly trainIndex: Int32Array;
  readonly testIndex: Int32Array;
}

/**
 * The fixed 8,000 / 2,000 split as Datasets: x holds pixel / 255 (float32), side² features per
 * row (side 28: the image as it is; smaller: area-averaged, see areaWeights), y the digit.
 */
export function mnistDataSplit(
  images: MnistImages,
  options: { readonly side?: number; readonly testCount?: number; readonly seed?: number } = {},
): MnistSplit {
  const side = options.side ?? images.height;
  if (images.height !== images.width)
    throw new RangeError(`expected square images, got ${images.height}×${images.width}`);
  if (!Number.isInteger(side) || side < 1 || side > images.height)
    throw new RangeError(`side must be an integer in 1…${images.height}, got ${side}`);
  const { train, test } = splitByClass(images.labels, options.testCount, options.seed);
  return {
    side,
    trainIndex: train,
    testIndex: test,
    train: rowsOf(images, train, side),
    test: rowsOf(images, test, side),
  };
}

function rowsOf(images: MnistImages, indices: Int32Array, side: number): Dataset {
  const { height, width, pixels, labels } = images;
  const size = height * width;
  const features = side * side;
  const x = new Float32Array(indices.length * features);
  const y = new Float32Array(indices.length);
  const shrink = side === height ? null : downsampler(height, width, side, side);
  indices.forEach((image, row) => {
    y[row] = labels[image]!;
    if (shrink) x.set(shrink(pixels, 1 / 255, image * size), row * features);
    else for (let p = 0; p < size; p++) x[row * features + p] = pixels[image * size + p]! / 255;
  });
  return { rows: indices.length, features, x, y };
}
