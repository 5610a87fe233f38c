// Every public train case through the float64 loop, compared with PyTorch 1.13's float64 run
// at docs/TRAIN-FORMAT.md's tolerances: every loss and lr, the final parameters and final loss
// within 1e-9, the final accuracy exact. The float64 loop is the reference the GPU engine and
// the UI's CPU fallback rest on, so it must match PyTorch itself, not merely the file.
//
// The cases are read by tests/train-fixture.ts (tests/fixtures/train-cases.json); a
// `loadTrainCases` in tests/reference.ts can replace it once it exists.
import { describe, expect, it } from 'vitest';
import { parseTrainCase } from '../../src/core/train/case';
import { compareTrainRun } from '../../src/core/train/compare';
import { Float64Trainer, trainFloat64 } from '../../src/core/train/trainer';
import { loadTrainFixture } from '../train-fixture';

const cases = loadTrainFixture();

describe('float64 training loop vs PyTorch float64', () => {
  it('reads the public train cases: every optimizer × every model kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(54);
    const kinds = new Set(cases.map((c) => c.id.replace(/-\d+$/, '')));
    expect(kinds.size).toBe(cases.length);
  });

  it.each(cases.map((c, i) => [c.id, c, i] as const))('%s', (_id, c, i) => {
    const run = parseTrainCase(c, i);
    const result = trainFloat64(run);
    expect(result.divergedAt).toBeNull();
    const cmp = compareTrainRun(result, c.expected.float64, 'float64', { rows: run.data.rows });
    expect(cmp.firstFailure).toBeUndefined();
    expect(cmp.ok).toBe(true);
    expect(result.loss).toHaveLength(c.steps);
    expect(result.finalAccuracy === null).toBe(c.expected.float64.final_accuracy === undefined);
  });

  it('gives the same run stepped one step, one epoch or all at once', () => {
    const index = cases.findIndex((c) => c.schedule?.['name'] === 'reduce_lr_on_plateau');
    const c = cases[index];
    if (!c) throw new Error('no reduce_lr_on_plateau case');
    const run = parseTrainCase(c, index);
    const whole = trainFloat64(run);
    const stepper = new Float64Trainer(run);
    expect(stepper.step()).toBe(true);
    expect(stepper.t).toBe(1);
    expect(stepper.runEpoch()).toBe(run.epochSteps - 1); // to the end of epoch 0
    while (stepper.runEpoch() > 0);
    expect(stepper.status).toBe('done');
    expect(stepper.step()).toBe(false);
    const pieces = stepper.result();
    expect(Array.from(pieces.loss)).toEqual(Array.from(whole.loss));
    expect(Array.from(pieces.lr)).toEqual(Array.from(whole.lr));
    expect(Array.from(pieces.params)).toEqual(Array.from(whole.params));
    expect(pieces.finalLoss).toBe(whole.finalLoss);
  });
});
