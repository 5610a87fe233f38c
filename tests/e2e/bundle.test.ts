// The first load stays small: what a visit downloads before the page runs (the entry chunk,
// its static imports and their CSS; scripts/build/initial-load.ts writes the list at build
// time) stays within INITIAL_JS_BUDGET_BYTES, and the big parts (recharts, the training
// engine, the other views, KaTeX, the formula parser) are not in it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InitialLoadReport } from '../../scripts/build/initial-load';
import { INITIAL_JS_BUDGET_BYTES } from '../../scripts/build/initial-load';
import { DIST, ensureBuilt } from './harness';

describe('first load', () => {
  ensureBuilt();
  const report = JSON.parse(
    readFileSync(join(DIST, 'initial-load.json'), 'utf8'),
  ) as InitialLoadReport;
  const initialCode = report.initial
    .filter((c) => c.file.endsWith('.js'))
    .map((c) => readFileSync(join(DIST, c.file), 'utf8'))
    .join('\n');

  it(`downloads at most ${INITIAL_JS_BUDGET_BYTES / 1024} kB of JavaScript (gzip)`, () => {
    expect(report.budgetGzipBytes).toBe(INITIAL_JS_BUDGET_BYTES);
    expect(report.initialJsGzipBytes).toBeGreaterThan(0);
    expect(report.initialJsGzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it('leaves the charts library, the training and WebGPU engines and the formula parser to later', () => {
    // Strings each of those carries and nothing in the first load needs.
    expect(initialCode).not.toContain('recharts-wrapper');
    expect(initialCode).not.toContain('TrainEngine.run');
    expect(initialCode).not.toContain('BatchEngine.step');
    expect(initialCode).not.toContain('katex');
    expect(initialCode).not.toContain('The formula is nested too deeply');
    expect(report.lazy.length).toBeGreaterThan(3);
  });
});
