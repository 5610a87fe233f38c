// Fetches the MNIST digits the build ships (data/mnist-10k.bin, written by scripts/mnist) from
// the page's own origin, relative to the page so that a sub-path deployment works. Any
// failure becomes one MnistLoadError whose message names the file and the cause, for the
// Train view to show; the 2-D views never need the file.

import { decodeMnist, MNIST_FILE, type MnistImages } from '../../core/train/data/mnist-format';
import { messageOf } from '../../core/errors';

export class MnistLoadError extends Error {
  override readonly name = 'MnistLoadError';
}

/**
 * The decoded digits at `MNIST_FILE` relative to `baseUri` (the page's document.baseURI when
 * left out). `fetchImpl` is there for tests.
 */
export async function loadMnist(
  baseUri: string = document.baseURI,
  fetchImpl: (url: string) => Promise<Response> = (url) => fetch(url),
): Promise<MnistImages> {
  const url = new URL(MNIST_FILE, baseUri).href;
  const fail = (cause: string, error?: unknown): MnistLoadError =>
    new MnistLoadError(
      `the MNIST data file ${MNIST_FILE} (${url}) could not be loaded: ${cause}`,
      error === undefined ? undefined : { cause: error },
    );
  let bytes: Uint8Array;
  try {
    const response = await fetchImpl(url);
    if (!response.ok)
      throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof MnistLoadError) throw error;
    throw fail(`network error (${messageOf(error)})`, error);
  }
  try {
    return decodeMnist(bytes);
  } catch (error) {
    throw fail(`the file is malformed: ${messageOf(error)}`, error);
  }
}

let pending: Promise<MnistImages> | null = null;

/** loadMnist once per page: every lane and view shares the one download; a failure is retried. */
export function loadMnistOnce(): Promise<MnistImages> {
  pending ??= loadMnist().catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}
