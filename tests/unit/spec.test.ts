// The run-spec parser: defaults, every class of bad input (with the case id and the field
// path in the error), and the round trip through toRunSpec.
import { describe, expect, it } from 'vitest';
import { parseRunSpec, parseRunSpecs, SpecError, toRunSpec } from '../../src/core/spec';
import { MAX_STEPS } from '../../src/core/limits';
import { loadReferenceCases } from '../reference';

const base = {
  id: 'case-1',
  surface: { name: 'rosenbrock' },
  start: [-1.5, 2],
  optimizer: { name: 'adam', lr: 0.01 },
  steps: 10,
};

type Spec = Record<string, unknown>;

function withPart(part: string, value: unknown): Spec {
  return { ...base, [part]: value };
}

function specError(spec: unknown): SpecError {
  try {
    parseRunSpec(spec, 3);
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('parseRunSpec', () => {
  it('fills in PyTorch defaults and maps betas', () => {
    const run = parseRunSpec({ ...base, optimizer: { name: 'adam', betas: [0.8, 0.99] } }, 0);
    expect(run.optimizer.params).toEqual({
      lr: 0.001,
      beta1: 0.8,
      beta2: 0.99,
      eps: 1e-8,
      weight_decay: 0,
      amsgrad: false,
    });
    expect(run.surface.params).toEqual({ a: 1, b: 100 });
    expect(run.schedule).toBeNull();
    expect(run.clip).toEqual({ maxNorm: null, maxValue: null });
    expect(run.start).toEqual([-1.5, 2]);
  });

  it('ignores the generator output fields', () => {
    const run = parseRunSpec(
      { ...base, chaotic: false, f32_divergence: 1e-7, f32_compare_steps: 10, expected: {} },
      0,
    );
    expect(run.id).toBe('case-1');
  });

  it('reads schedule and clip', () => {
    const run = parseRunSpec(
      {
        ...base,
        schedule: { name: 'multi_step_lr', milestones: [2, 2] },
        clip: { max_norm: 1, max_value: 0.5 },
      },
      0,
    );
    expect(run.schedule).toEqual({
      id: 'multi_step_lr',
      params: { milestones: [2, 2], gamma: 0.1 },
    });
    expect(run.clip).toEqual({ maxNorm: 1, maxValue: 0.5 });
  });

  const bad: [string, Spec, string, RegExp][] = [
    [
      'unknown optimizer',
      withPart('optimizer', { name: 'adamz' }),
      'optimizer.name',
      /unknown optimizer "adamz"; known: sgd, adagrad.*radam/,
    ],
    [
      'unknown surface',
      withPart('surface', { name: 'bowl' }),
      'surface.name',
      /known: .*rosenbrock/,
    ],
    [
      'unknown schedule',
      withPart('schedule', { name: 'warmup' }),
      'schedule.name',
      /known: step_lr/,
    ],
    [
      'negative lr',
      withPart('optimizer', { name: 'sgd', lr: -0.1 }),
      'optimizer.lr',
      /lr must be in \[0/,
    ],
    ['missing required lr', withPart('optimizer', { name: 'sgd' }), 'optimizer.lr', /required/],
    [
      'lr as a string',
      withPart('optimizer', { name: 'adam', lr: '0.1' }),
      'optimizer.lr',
      /finite number/,
    ],
    [
      'beta out of range',
      withPart('optimizer', { name: 'adam', betas: [0.9, 1.5] }),
      'optimizer.betas[1]',
      /beta2 must be in/,
    ],
    [
      'betas not a pair',
      withPart('optimizer', { name: 'adam', betas: [0.9] }),
      'optimizer.betas',
      /list of 2 numbers/,
    ],
    [
      'unknown optimizer key',
      withPart('optimizer', { name: 'adam', momentum: 0.9 }),
      'optimizer.momentum',
      /unknown parameter "momentum"; known: lr, betas/,
    ],
    [
      'nesterov without momentum',
      withPart('optimizer', { name: 'sgd', lr: 0.1, nesterov: true }),
      'optimizer.nesterov',
      /momentum > 0/,
    ],
    [
      'boolean as number',
      withPart('optimizer', { name: 'adam', amsgrad: 1 }),
      'optimizer.amsgrad',
      /true or false/,
    ],
    ['NaN start', withPart('start', [Number.NaN, 0]), 'start[0]', /finite number/],
    ['infinite start', withPart('start', [0, Infinity]), 'start[1]', /finite number/],
    ['start not a pair', withPart('start', [1, 2, 3]), 'start', /pair/],
    ['steps not an integer', withPart('steps', 2.5), 'steps', /integer in \[1, 100000\]/],
    ['steps zero', withPart('steps', 0), 'steps', /integer/],
    ['steps too many', withPart('steps', MAX_STEPS + 1), 'steps', /integer/],
    ['steps as a string', withPart('steps', '10'), 'steps', /integer/],
    [
      'surface param out of range',
      withPart('surface', { name: 'rosenbrock', zz: 1 }),
      'surface.zz',
      /unknown parameter/,
    ],
    [
      'missing data',
      withPart('surface', { name: 'linear_regression' }),
      'surface.data',
      /needs a data set/,
    ],
    [
      'unequal data',
      withPart('surface', { name: 'linear_regression', data: { u: [1, 2], v: [1] } }),
      'surface.data.v',
      /equal length/,
    ],
    [
      'data value not a number',
      withPart('surface', { name: 'logistic_regression', data: { u: [1], w: [null], c: [1] } }),
      'surface.data.w[0]',
      /finite/,
    ],
    [
      'schedule param type',
      withPart('schedule', { name: 'step_lr', step_size: 2.5 }),
      'schedule.step_size',
      /integer/,
    ],
    [
      'milestone entry',
      withPart('schedule', { name: 'multi_step_lr', milestones: [10, -1] }),
      'schedule.milestones[1]',
      /milestones\[1\]/,
    ],
    [
      'one_cycle too short',
      withPart('schedule', { name: 'one_cycle_lr', max_lr: 0.1, total_steps: 5 }),
      'schedule',
      /total_steps \(5\)/,
    ],
    ['negative clip', withPart('clip', { max_norm: -1 }), 'clip.max_norm', /≥ 0/],
    ['unknown clip key', withPart('clip', { norm: 1 }), 'clip.norm', /unknown/],
    ['unknown top-level field', withPart('epochs', 3), 'epochs', /unknown field/],
    ['optimizer not an object', withPart('optimizer', 'adam'), 'optimizer', /must be an object/],
  ];

  it.each(bad)('rejects %s', (_name, spec, field, message) => {
    const error = specError(spec);
    expect(error.caseId).toBe('case-1');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('case-1');
  });

  it('accepts one_cycle_lr with cycle_momentum false and rejects true', () => {
    const sched = { name: 'one_cycle_lr', max_lr: 0.1, total_steps: 10 };
    expect(
      parseRunSpec({ ...base, schedule: { ...sched, cycle_momentum: false } }, 0).schedule?.id,
    ).toBe('one_cycle_lr');
    expect(specError({ ...base, schedule: { ...sched, cycle_momentum: true } }).field).toBe(
      'schedule.cycle_momentum',
    );
  });

  it('names a case without id by its index', () => {
    const error = specError({ ...base, id: undefined });
    expect(error.caseId).toBe('#3');
    expect(error.field).toBe('id');
  });

  it('parseRunSpecs rejects a non-array and reports the first bad case', () => {
    expect(() => parseRunSpecs({})).toThrow(SpecError);
    expect(() => parseRunSpecs([base, { ...base, id: 'bad', steps: -1 }])).toThrow(
      /case bad, steps/,
    );
  });
});

describe('toRunSpec', () => {
  it('round-trips every public reference case', () => {
    const cases = loadReferenceCases<unknown>();
    cases.forEach((c, i) => {
      const run = parseRunSpec(c, i);
      const spec = toRunSpec(run);
      expect(parseRunSpec(JSON.parse(JSON.stringify(spec)), i)).toEqual(run);
    });
  });

  it('writes betas as a pair and omits an absent clip', () => {
    const spec = toRunSpec(parseRunSpec(base, 0));
    expect((spec['optimizer'] as Spec)['betas']).toEqual([0.9, 0.999]);
    expect(spec['clip']).toBeUndefined();
    expect(spec['schedule']).toBeUndefined();
  });
});
