// The PyTorch 1.13 reference cases the tests compare against, kept in the repository under
// tests/fixtures/: cases.json (2-D surface runs, docs/FORMAT.md) and train-cases.json (model
// training runs, docs/TRAIN-FORMAT.md). One loader per file for every test that reads them,
// so a missing file fails with one clear message instead of an ENOENT per test.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES_DIR = resolve(import.meta.dirname, 'fixtures');
export const CASES_PATH = resolve(FIXTURES_DIR, 'cases.json');
export const TRAIN_CASES_PATH = resolve(FIXTURES_DIR, 'train-cases.json');

function loadFixture<T>(path: string, what: string): T[] {
  if (!existsSync(path)) {
    throw new Error(
      `The ${what} are missing: ${path}. They are part of the repository ` +
        '(tests/fixtures/); restore the file from git, e.g. `git checkout HEAD -- tests/fixtures`.',
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T[];
}

/** Every public 2-D reference case (docs/FORMAT.md), parsed; the caller gives it its type. */
export function loadReferenceCases<T = unknown>(): T[] {
  return loadFixture<T>(CASES_PATH, 'reference cases');
}

/** Every public train case (docs/TRAIN-FORMAT.md), parsed; the caller gives it its type. */
export function loadTrainCases<T = unknown>(): T[] {
  return loadFixture<T>(TRAIN_CASES_PATH, 'train reference cases');
}
