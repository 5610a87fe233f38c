// Train mode's MNIST data: the binary file (converter ↔ decoder on the real package data), the
// fixed split, 10×10 area downsampling and the browser loader's errors. The synthetic sets are
// tested in train-data-synthetic.test.ts.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertMnistDigits, readMnistPackage } from '../../scripts/mnist/convert';
import { loadMnistNode, mnistFileBytes } from '../../scripts/mnist/node';
import {
  areaDownsample,
  areaWeights,
  mnistDataSplit,
  splitByClass,
} from '../../src/core/train/data/mnist';
import {
  decodeMnist,
  encodeMnist,
  MnistFormatError,
  type MnistImages,
} from '../../src/core/train/data/mnist-format';
import { loadMnist, MnistLoadError } from '../../src/ui/train/loadMnist';

/** A tiny well-formed set: 3 images of 2×2. */
const tiny: MnistImages = {
  count: 3,
  height: 2,
  width: 2,
  pixels: Uint8Array.from([0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  labels: Uint8Array.from([7, 0, 9]),
};

describe('MNIST binary: converter and decoder on the mnist package', () => {
  let perClass: number[][];
  let bytes: Uint8Array;
  let images: MnistImages;
  beforeAll(() => {
    perClass = readMnistPackage();
    bytes = mnistFileBytes();
    images = loadMnistNode();
  });

  it('holds the 10,000 digits of 28×28 in 16 + 10,000·785 bytes', () => {
    expect(bytes.length).toBe(16 + 10_000 * (784 + 1)); // 7,850,016
    expect(images.count).toBe(10_000);
    expect([images.height, images.width]).toEqual([28, 28]);
  });

  it('labels are 0–9 in the package’s class order, about 1,000 each', () => {
    const counts = new Array<number>(10).fill(0);
    images.labels.forEach((l) => counts[l]!++);
    counts.forEach((n, digit) => {
      expect(n).toBe(perClass[digit]!.length / 784);
      expect(n).toBeGreaterThan(850);
      expect(n).toBeLessThan(1150);
    });
    // Grouped by class: labels never decrease.
    for (let i = 1; i < images.count; i++)
      expect(images.labels[i]! >= images.labels[i - 1]!).toBe(true);
  });

  it('every pixel byte b gives back the package’s value: b / 255 rounded to 3 decimals', () => {
    let i = 0;
    let worst = 0;
    let mismatches = 0;
    for (const data of perClass)
      for (const v of data) {
        const b = images.pixels[i++]!;
        worst = Math.max(worst, Math.abs(b / 255 - v));
        if (Math.round((b / 255) * 1000) / 1000 !== v) mismatches++;
      }
    expect(i).toBe(images.pixels.length);
    expect(mismatches).toBe(0);
    expect(worst).toBeLessThanOrEqual(0.0005 + 1e-12);
    // Ink reaches full intensity somewhere, and the background is 0.
    expect(Math.max(...images.pixels.subarray(0, 784 * 50))).toBe(255);
    expect(images.pixels[0]).toBe(0);
  });

  it('is deterministic: the same bytes on every conversion, a stable hash', () => {
    const again = convertMnistDigits(readMnistPackage());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    // The file the build ships; it changes only if the package data or the format change.
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '9f6088fc7e31f23e6764478bd5653191853b4aea0dfa912f0fbb1bd8b3e51024',
    );
  });

  it('splits 8,000 / 2,000, disjoint, stratified, with every class in both parts', () => {
    const { train, test } = splitByClass(images.labels);
    expect(train.length).toBe(8000);
    expect(test.length).toBe(2000);
    const all = new Set([...train, ...test]);
    expect(all.size).toBe(10_000);
    for (let digit = 0; digit < 10; digit++) {
      const inClass = perClass[digit]!.length / 784;
      const inTest = test.filter((i) => images.labels[i] === digit).length;
      const inTrain = train.filter((i) => images.labels[i] === digit).length;
      expect(inTest + inTrain).toBe(inClass);
      expect(Math.abs(inTest - inClass * 0.2)).toBeLessThanOrEqual(1);
      expect(inTrain).toBeGreaterThan(600);
    }
    // Shuffled: the first 50 rows of each part already hold every class.
    expect(new Set(train.slice(0, 50).map((i) => images.labels[i]!)).size).toBe(10);
    expect(new Set(test.slice(0, 50).map((i) => images.labels[i]!)).size).toBe(10);
  });

  it('the split is fixed by its seed and changes with it', () => {
    const a = splitByClass(images.labels);
    const b = splitByClass(images.labels);
    const c = splitByClass(images.labels, 2000, 7);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(new Set(c.test)).not.toEqual(new Set(a.test));
  });

  it('gives 784-input rows of pixel / 255 and 100-input rows of 10×10 area averages', () => {
    const full = mnistDataSplit(images);
    const small = mnistDataSplit(images, { side: 10 });
    expect([full.train.rows, full.test.rows, full.train.features]).toEqual([8000, 2000, 784]);
    expect([small.train.rows, small.test.rows, small.train.features]).toEqual([8000, 2000, 100]);
    expect(Array.from(small.testIndex)).toEqual(Array.from(full.testIndex));
    for (const row of [0, 1234, 1999]) {
      const image = full.testIndex[row]!;
      const pixels = images.pixels.subarray(image * 784, (image + 1) * 784);
      expect(full.test.y[row]).toBe(images.labels[image]);
      expect(small.test.y[row]).toBe(images.labels[image]);
      const x = full.test.x.subarray(row * 784, (row + 1) * 784);
      x.forEach((v, p) => expect(v).toBe(Math.fround(pixels[p]! / 255)));
      const expected = areaDownsample(
        Array.from(pixels, (b) => b / 255),
        28,
        28,
        10,
        10,
      );
      small.test.x
        .subarray(row * 100, (row + 1) * 100)
        .forEach((v, p) => expect(v).toBeCloseTo(expected[p]!, 6));
    }
    for (const d of [full.train, small.train]) {
      const values = Array.from(d.x);
      expect(values.reduce((m, v) => Math.min(m, v), Infinity)).toBe(0);
      expect(values.reduce((m, v) => Math.max(m, v), -Infinity)).toBeLessThanOrEqual(1);
    }
  });
});

describe('MNIST binary format', () => {
  it('round-trips a hand-made set', () => {
    const back = decodeMnist(encodeMnist(tiny));
    expect(back.count).toBe(3);
    expect([back.height, back.width]).toEqual([2, 2]);
    expect(Array.from(back.pixels)).toEqual(Array.from(tiny.pixels));
    expect(Array.from(back.labels)).toEqual([7, 0, 9]);
  });

  it('rejects malformed files with a message that says what is wrong', () => {
    const good = encodeMnist(tiny);
    const withByte = (at: number, value: number): Uint8Array => {
      const b = good.slice();
      b[at] = value;
      return b;
    };
    const cases: [Uint8Array, RegExp][] = [
      [good.subarray(0, 10), /10 bytes, shorter than the 16-byte header/],
      [new TextEncoder().encode('<!doctype html><html></html>'), /does not start with "DLMN"/],
      [withByte(4, 2), /format version 2 is not supported/],
      [
        good.subarray(0, good.length - 1),
        /header says 3 images of 2×2 \(31 bytes\) but the file is 30/,
      ],
      [Uint8Array.from([...good, 0]), /but the file is 32 bytes/],
      [withByte(good.length - 1, 10), /label 10 of image 2 is not a digit/],
      [withByte(12, 0), /must be positive integers/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => decodeMnist(bytes)).toThrow(MnistFormatError);
      expect(() => decodeMnist(bytes)).toThrow(message);
    }
  });

  it('the converter rejects data that is not whole images in [0, 1]', () => {
    const blank = (n: number): number[] => new Array<number>(n * 784).fill(0);
    const ten = Array.from({ length: 10 }, () => blank(1));
    expect(convertMnistDigits(ten).length).toBe(16 + 10 * 785);
    expect(() => convertMnistDigits(ten.slice(1))).toThrow(/expected 10 digit classes/);
    expect(() => convertMnistDigits([...ten.slice(0, 9), [0.5]])).toThrow(
      /digit 9: 1 values is not a whole number/,
    );
    const bright = ten.map((d) => d.slice());
    bright[3]![5] = 1.2;
    expect(() => convertMnistDigits(bright)).toThrow(/digit 3, value 5: 1.2 is not in \[0, 1\]/);
  });
});

describe('area downsampling', () => {
  it('28 → 10: cells of 2.8 pixels with fractional edge weights summing to 1', () => {
    const w = areaWeights(28, 10);
    expect(w.length).toBe(10);
    // Cell 0 = pixels 0, 1 and 0.8 of 2; cell 1 = 0.2 of 2, pixels 3, 4 and 0.6 of 5.
    expect(w[0]!.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(w[0]!.map((c) => c.weight * 2.8)).toEqual([1, 1, 0.8].map((v) => expect.closeTo(v, 12)));
    expect(w[1]!.map((c) => c.index)).toEqual([2, 3, 4, 5]);
    expect(w[1]!.map((c) => c.weight * 2.8)).toEqual(
      [0.2, 1, 1, 0.6].map((v) => expect.closeTo(v, 12)),
    );
    expect(w[9]!.map((c) => c.index)).toEqual([25, 26, 27]);
    for (const cell of w) expect(cell.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 14);
  });

  it('averages a hand-made image to the values worked out by hand', () => {
    // Pixel (r, c) = c: cell k averages c over [2.8k, 2.8k + 2.8).
    // Cell 0: (0·1 + 1·1 + 2·0.8) / 2.8 = 2.6 / 2.8; cell 1: (2·0.2 + 3 + 4 + 5·0.6) / 2.8
    // = 10.4 / 2.8; cell 9: (25·0.8 + 26 + 27) / 2.8 = 73 / 2.8.
    const ramp = Array.from({ length: 784 }, (_, p) => p % 28);
    const out = areaDownsample(ramp, 28, 28, 10, 10);
    for (let j = 0; j < 10; j++) {
      expect(out[j * 10 + 0]).toBeCloseTo(2.6 / 2.8, 12);
      expect(out[j * 10 + 1]).toBeCloseTo(10.4 / 2.8, 12);
      expect(out[j * 10 + 9]).toBeCloseTo(73 / 2.8, 12);
    }
    // One lit pixel at (0, 0) spreads 1 / 2.8² into cell (0, 0) only.
    const dot = new Array<number>(784).fill(0);
    dot[0] = 1;
    const d = areaDownsample(dot, 28, 28, 10, 10);
    expect(d[0]).toBeCloseTo(1 / 7.84, 14);
    expect(d.slice(1).every((v) => v === 0)).toBe(true);
    // A constant stays constant; the total ink is kept (times the cell area 2.8²).
    areaDownsample(new Array<number>(784).fill(0.25), 28, 28, 10, 10).forEach((v) =>
      expect(v).toBeCloseTo(0.25, 14),
    );
    const noise = Array.from({ length: 784 }, (_, p) => (p * 7919) % 13);
    const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0);
    expect(sum(areaDownsample(noise, 28, 28, 10, 10)) * 7.84).toBeCloseTo(sum(noise), 9);
  });

  it('a whole factor gives block means (4×4 → 2×2)', () => {
    const img = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
    const out = Array.from(areaDownsample(img, 4, 4, 2, 2));
    expect(out).toEqual([3.5, 5.5, 11.5, 13.5].map((v) => expect.closeTo(v, 12)));
    expect(() => areaDownsample(img, 4, 4, 5, 5)).toThrow(RangeError);
    expect(() => areaDownsample(img.slice(1), 4, 4, 2, 2)).toThrow(/expected 4×4 = 16 pixels/);
  });
});

describe('browser loader', () => {
  const fetched: string[] = [];
  const respond =
    (body: BodyInit | null, status = 200, statusText = 'OK') =>
    (url: string): Promise<Response> => {
      fetched.push(url);
      return Promise.resolve(new Response(body, { status, statusText }));
    };

  it('fetches data/mnist-10k.bin relative to the page and decodes it', async () => {
    const images = await loadMnist(
      'http://127.0.0.1:8080/descent-lab/index.html#mode=train',
      respond(new Uint8Array(encodeMnist(tiny))),
    );
    expect(fetched.at(-1)).toBe('http://127.0.0.1:8080/descent-lab/data/mnist-10k.bin');
    expect(Array.from(images.labels)).toEqual([7, 0, 9]);
  });

  it('says which file failed and why: HTTP status, network error, malformed', async () => {
    const base = 'http://127.0.0.1:8080/descent-lab/';
    await expect(loadMnist(base, respond('missing', 404, 'Not Found'))).rejects.toThrow(
      /^the MNIST data file data\/mnist-10k\.bin \(http:\/\/127\.0\.0\.1:8080\/descent-lab\/data\/mnist-10k\.bin\) could not be loaded: HTTP 404 Not Found$/,
    );
    await expect(
      loadMnist(base, () => Promise.reject(new TypeError('Failed to fetch'))),
    ).rejects.toThrow(/could not be loaded: network error \(Failed to fetch\)/);
    await expect(
      loadMnist(base, respond('<!doctype html><title>Descent Lab</title>')),
    ).rejects.toThrow(
      /could not be loaded: the file is malformed: the file does not start with "DLMN"/,
    );
    await expect(loadMnist(base, respond('x', 500, 'Internal Server Error'))).rejects.toThrow(
      MnistLoadError,
    );
  });
});
