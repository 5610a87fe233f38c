// Every public reference case through the float64 simulator, compared with PyTorch 1.13's
// float64 trajectory at docs/TOLERANCES.md's 1e-9 (one test per case, so a failure names it).
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../src/core/spec';
import { simulate } from '../../src/core/simulate';
import {
  compareTrajectory,
  FLOAT64_TOLERANCE,
  type ExpectedTrajectory,
} from '../../src/core/compare';
import { loadReferenceCases } from '../reference';

interface Case {
  id: string;
  steps: number;
  chaotic?: boolean;
  f32_compare_steps: number;
  expected: { float64: ExpectedTrajectory };
}

const cases = loadReferenceCases<Case>();

describe('float64 simulator vs PyTorch float64', () => {
  it('reads the public case file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases.map((c, i) => [c.id, c, i] as const))('%s', (_id, c, i) => {
    const run = parseRunSpec(c, i);
    const produced = simulate(run);
    expect(produced.divergedAt).toBeNull();
    // A chaotic case is compared over its window in float64 too (docs/TOLERANCES.md): there one
    // ulp grows past 1e-9 within about a hundred steps.
    const compared = c.chaotic ? c.f32_compare_steps : c.steps;
    const result = compareTrajectory(produced, c.expected.float64, FLOAT64_TOLERANCE, compared);
    expect(result.firstFailure ?? 'ok').toBe('ok');
    expect(result.ok).toBe(true);
  });
});
