// Train-case parsing (docs/TRAIN-FORMAT.md "A case"): a good case becomes a TrainRun with the
// optimizer's defaults filled in; every bad field is a SpecError naming the case and field.
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/core/spec';
import { parseTrainCase, parseTrainCases } from '../../src/core/train/case';
import { loadTrainFixture, type TrainCaseJson } from '../train-fixture';

const cases = loadTrainFixture();
const cnnCase = cases.find((c) => c.model.kind === 'cnn') as TrainCaseJson;
const mlpCase = cases.find((c) => c.model.activation === 'tanh') as TrainCaseJson;

type Mutable = Record<string, unknown> & { model: Record<string, unknown> };

/** A deep copy of `c` with `edit` applied. */
function edited(c: TrainCaseJson, edit: (m: Mutable) => void): unknown {
  const copy = structuredClone(c) as unknown as Mutable;
  edit(copy);
  return copy;
}

function problem(value: unknown): { field: string; message: string } {
  try {
    parseTrainCase(value, 3);
  } catch (error) {
    if (error instanceof SpecError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('parsed without a problem');
}

describe('parseTrainCase', () => {
  it('reads a CNN case with defaults filled in', () => {
    const run = parseTrainCase(cnnCase, 0);
    expect(run.model).toEqual({
      kind: 'cnn',
      input: [1, 6, 6],
      outChannels: 3,
      kernelSize: 3,
      pool: 2,
      activation: 'relu',
      classes: 3,
      loss: 'cross_entropy',
    });
    expect(run.data.rows).toBe(cnnCase.data.x.length);
    expect(run.data.features).toBe(36);
    expect(run.init).toHaveLength(cnnCase.init.length);
    expect(run.batches).toHaveLength(cnnCase.batches.length);
    expect(run.epochSteps).toBe(cnnCase.epoch_steps);
    expect(typeof run.optimizer.params['lr']).toBe('number');
  });

  it('reads a null activation as none', () => {
    const line = cases.find((c) => c.model.activation === null) as TrainCaseJson;
    expect(parseTrainCase(line, 0).model).toMatchObject({ activation: 'none' });
  });

  const bad: [string, (m: Mutable) => void, string, string][] = [
    ['unknown field', (m) => (m['epochs'] = 3), 'epochs', 'unknown field "epochs"'],
    [
      'unknown optimizer',
      (m) => (m['optimizer'] = { name: 'lion' }),
      'optimizer.name',
      'unknown optimizer "lion"',
    ],
    [
      'bad optimizer parameter',
      (m) => (m['optimizer'] = { name: 'adam', betas: [0.9] }),
      'optimizer.betas',
      'list of 2',
    ],
    [
      'unknown schedule',
      (m) => (m['schedule'] = { name: 'warmup' }),
      'schedule.name',
      'unknown schedule',
    ],
    ['negative clip', (m) => (m['clip'] = { max_norm: -1 }), 'clip.max_norm', 'must be ≥ 0'],
    [
      'unknown model kind',
      (m) => (m.model['kind'] = 'rnn'),
      'model.kind',
      'must be "mlp" or "cnn"',
    ],
    [
      'unknown activation',
      (m) => (m.model['activation'] = 'gelu'),
      'model.activation',
      'relu, tanh, sigmoid',
    ],
    [
      'layer over the limit',
      (m) => (m.model['sizes'] = [6, 5000, 3]),
      'model.sizes[1]',
      'layer 1 has 5000 units; at most 1024',
    ],
    [
      'fractional size',
      (m) => (m.model['sizes'] = [6, 2.5, 3]),
      'model.sizes[1]',
      'must be an integer',
    ],
    [
      'row of the wrong width',
      (m) => ((m['data'] as { x: number[][] }).x[2] = [1, 2]),
      'data.x[2]',
      'row of 6 numbers',
    ],
    [
      'class out of range',
      (m) => ((m['data'] as { y: number[] }).y[1] = 3),
      'data.y[1]',
      'class index in [0, 2]',
    ],
    [
      'non-finite input',
      (m) => ((m['data'] as { x: unknown[][] }).x[0]![1] = 'NaN'),
      'data.x[0][1]',
      'finite number',
    ],
    ['init of the wrong length', (m) => (m['init'] = [1, 2, 3]), 'init', "model's 185 parameters"],
    [
      'too few batches',
      (m) => (m['steps'] = 31),
      'batches',
      'has 30 batches but the run takes 31 steps',
    ],
    [
      'row index out of range',
      (m) => ((m['batches'] as number[][])[4]![0] = 36),
      'batches[4][0]',
      'in [0, 35]',
    ],
    [
      'empty batch',
      (m) => ((m['batches'] as number[][])[0] = []),
      'batches[0]',
      '1 to 4096 row indices',
    ],
    ['zero epoch_steps', (m) => (m['epoch_steps'] = 0), 'epoch_steps', 'must be an integer in [1,'],
  ];
  it.each(bad)('%s', (_name, edit, field, message) => {
    const p = problem(edited(mlpCase, edit));
    expect(p.field).toBe(field);
    expect(p.message).toContain(`case ${mlpCase.id}, ${field}: `);
    expect(p.message).toContain(message);
  });

  it('a CNN with another loss or too many channels names the field', () => {
    expect(problem(edited(cnnCase, (m) => (m.model['loss'] = 'mse'))).field).toBe('model.loss');
    const wide = problem(edited(cnnCase, (m) => (m.model['out_channels'] = 100)));
    expect(wide.field).toBe('model.out_channels');
    expect(wide.message).toContain('the conv layer has 100 channels; at most 64');
  });

  it('bce targets must be 0 or 1', () => {
    const logreg = cases.find((c) => c.model.loss === 'bce') as TrainCaseJson;
    const p = problem(edited(logreg, (m) => ((m['data'] as { y: number[] }).y[0] = 0.5)));
    expect(p.field).toBe('data.y[0]');
  });

  it('names a case without an id by its index, and rejects a file that is not a list', () => {
    expect(problem(edited(mlpCase, (m) => delete m['id'])).message).toContain('case #3, id:');
    expect(() => parseTrainCases({})).toThrow('expected a JSON array of train cases');
  });
});
