// The PyTorch reference cases live outside the repository, in ../shared/reference/ (the
// project's shared folder, checked out beside it). One loader for every test that reads them,
// so a missing folder fails with one clear message instead of an ENOENT per file.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REFERENCE_DIR = resolve(import.meta.dirname, '../../shared/reference');
export const CASES_PATH = resolve(REFERENCE_DIR, 'cases.json');

/** Every public reference case, parsed; the caller gives it its own type. */
export function loadReferenceCases<T = unknown>(): T[] {
  if (!existsSync(CASES_PATH)) {
    throw new Error(
      `The reference cases are missing: ${CASES_PATH}. The tests expect the project's shared ` +
        'folder (with reference/cases.json) beside the repository checkout.',
    );
  }
  return JSON.parse(readFileSync(CASES_PATH, 'utf8')) as T[];
}
