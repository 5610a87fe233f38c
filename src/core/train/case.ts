// The train-case parser: docs/TRAIN-FORMAT.md's cases ("A case") to TrainRun, every problem a
// SpecError naming the case and the field. The optimizer, schedule and clip fields are read
// by the run-spec parser's own helpers (src/core/spec.ts), so names, defaults and messages
// are those of the 2-D cases.

import { MAX_STEPS } from '../limits';
import {
  describe,
  isObject,
  parseClipField,
  parseOptimizerField,
  parseScheduleField,
  Parser,
  SpecError,
  type Json,
} from '../spec';
import { checkModel, paramLayout } from './layout';
import type { Activation, Dataset, LossKind, ModelSpec, TrainRun } from './types';

const INPUT_FIELDS = [
  'id',
  'model',
  'data',
  'init',
  'batches',
  'epoch_steps',
  'optimizer',
  'schedule',
  'clip',
  'steps',
];
/** Generator outputs, not inputs of the run. */
const OUTPUT_FIELDS = new Set(['expected', 'f32_compare_steps']);
/** Most rows one batch may hold (the float64 loop allocates its buffers for the largest). */
export const MAX_BATCH_ROWS = 4096;

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'none'];
const LOSSES: readonly LossKind[] = ['cross_entropy', 'bce', 'mse'];

function integer(p: Parser, value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    p.fail(
      field,
      `must be an integer in [${min}, ${max}], got ${typeof value === 'number' ? value : describe(value)}`,
    );
  return value;
}

function only(p: Parser, obj: Json, field: string, keys: readonly string[]): void {
  for (const key of Object.keys(obj))
    if (!keys.includes(key))
      p.fail(`${field}.${key}`, `unknown field "${key}"; known: ${keys.join(', ')}`);
}

function parseModel(p: Parser, value: unknown): ModelSpec {
  const obj = p.object(value, 'model');
  const kind = obj['kind'];
  const activationRaw = obj['activation'] ?? 'none';
  if (typeof activationRaw !== 'string' || !ACTIVATIONS.includes(activationRaw as Activation))
    p.fail(
      'model.activation',
      `must be one of relu, tanh, sigmoid or null, got ${describe(activationRaw)}`,
    );
  const activation = activationRaw as Activation;
  const loss = obj['loss'];
  if (typeof loss !== 'string' || !LOSSES.includes(loss as LossKind))
    p.fail('model.loss', `must be one of ${LOSSES.join(', ')}, got ${describe(loss)}`);
  // Sizes are checked loosely here (integers ≥ 1); checkModel names the limits.
  const count = (v: unknown, field: string): number => integer(p, v, field, 1, 2 ** 31 - 1);
  let model: ModelSpec;
  if (kind === 'mlp') {
    only(p, obj, 'model', ['kind', 'sizes', 'activation', 'loss']);
    const sizes = obj['sizes'];
    if (!Array.isArray(sizes))
      p.fail('model.sizes', `must be a list of layer sizes, got ${describe(sizes)}`);
    model = {
      kind: 'mlp',
      sizes: sizes.map((v: unknown, i) => count(v, `model.sizes[${i}]`)),
      activation,
      loss: loss as LossKind,
    };
  } else if (kind === 'cnn') {
    only(p, obj, 'model', [
      'kind',
      'input',
      'out_channels',
      'kernel_size',
      'pool',
      'activation',
      'classes',
      'loss',
    ]);
    if (loss !== 'cross_entropy')
      p.fail('model.loss', `a cnn classifies: the loss must be cross_entropy, got "${loss}"`);
    const input = obj['input'];
    if (!Array.isArray(input) || input.length !== 3)
      p.fail('model.input', `must be [channels, height, width], got ${describe(input)}`);
    model = {
      kind: 'cnn',
      input: input.map((v: unknown, i) => count(v, `model.input[${i}]`)) as unknown as [
        number,
        number,
        number,
      ],
      outChannels: count(obj['out_channels'], 'model.out_channels'),
      kernelSize: count(obj['kernel_size'], 'model.kernel_size'),
      pool: count(obj['pool'], 'model.pool'),
      activation,
      classes: count(obj['classes'], 'model.classes'),
      loss: 'cross_entropy',
    };
  } else {
    return p.fail('model.kind', `must be "mlp" or "cnn", got ${describe(kind)}`);
  }
  const problem = checkModel(model);
  if (problem) p.fail(`model.${problem.field}`, problem.message);
  return model;
}

function parseData(
  p: Parser,
  value: unknown,
  model: ModelSpec,
  inputs: number,
  outputs: number,
): Dataset {
  const obj = p.object(value, 'data');
  only(p, obj, 'data', ['x', 'y']);
  const xs = obj['x'];
  const ys = obj['y'];
  if (!Array.isArray(xs) || xs.length === 0)
    p.fail('data.x', `must be a non-empty list of rows, got ${describe(xs)}`);
  if (!Array.isArray(ys) || ys.length !== xs.length)
    p.fail(
      'data.y',
      `must be a list of ${xs.length} targets (one per row of data.x), got ${Array.isArray(ys) ? `${ys.length}` : describe(ys)}`,
    );
  const rows = xs.length;
  const x = new Float64Array(rows * inputs);
  xs.forEach((row: unknown, r) => {
    if (!Array.isArray(row) || row.length !== inputs)
      p.fail(
        `data.x[${r}]`,
        `must be a row of ${inputs} numbers (the model's inputs), got ${Array.isArray(row) ? `${row.length} values` : describe(row)}`,
      );
    row.forEach((v: unknown, i) => (x[r * inputs + i] = p.finite(v, `data.x[${r}][${i}]`)));
  });
  const y = new Float64Array(rows);
  ys.forEach((v: unknown, r) => {
    const field = `data.y[${r}]`;
    const target = p.finite(v, field);
    if (
      model.loss === 'cross_entropy' &&
      !(Number.isInteger(target) && target >= 0 && target < outputs)
    )
      p.fail(field, `must be a class index in [0, ${outputs - 1}], got ${target}`);
    if (model.loss === 'bce' && target !== 0 && target !== 1)
      p.fail(field, `must be 0 or 1 for bce, got ${target}`);
    y[r] = target;
  });
  return { rows, features: inputs, x, y };
}

/** Parses one train case (output fields such as `expected` are ignored). */
export function parseTrainCase(value: unknown, index: number): TrainRun {
  const rawId = isObject(value) ? value['id'] : undefined;
  const caseId = typeof rawId === 'string' && rawId !== '' ? rawId : `#${index}`;
  const p: Parser = new Parser(caseId);
  const spec = p.object(value, '');
  if (typeof rawId !== 'string' || rawId === '')
    p.fail('id', `must be a non-empty string, got ${describe(rawId)}`);
  for (const key of Object.keys(spec))
    if (!INPUT_FIELDS.includes(key) && !OUTPUT_FIELDS.has(key))
      p.fail(key, `unknown field "${key}"; known: ${INPUT_FIELDS.join(', ')}`);

  const model = parseModel(p, spec['model']);
  const layout = paramLayout(model);
  const data = parseData(p, spec['data'], model, layout.inputs, layout.outputs);

  const initRaw = spec['init'];
  if (!Array.isArray(initRaw) || initRaw.length !== layout.count)
    p.fail(
      'init',
      `must be a list of the model's ${layout.count} parameters, got ${Array.isArray(initRaw) ? `${initRaw.length} values` : describe(initRaw)}`,
    );
  const init = Float64Array.from(initRaw, (v: unknown, i) => p.finite(v, `init[${i}]`));

  const optimizer = parseOptimizerField(p, spec);
  const steps = integer(p, spec['steps'], 'steps', 1, MAX_STEPS);
  const epochSteps = integer(p, spec['epoch_steps'], 'epoch_steps', 1, MAX_STEPS);

  const batchesRaw = spec['batches'];
  if (!Array.isArray(batchesRaw))
    p.fail('batches', `must be a list of batches of row indices, got ${describe(batchesRaw)}`);
  if (batchesRaw.length < steps)
    p.fail('batches', `has ${batchesRaw.length} batches but the run takes ${steps} steps`);
  const batches = batchesRaw.map((b: unknown, t) => {
    if (!Array.isArray(b) || b.length === 0 || b.length > MAX_BATCH_ROWS)
      p.fail(
        `batches[${t}]`,
        `must be a list of 1 to ${MAX_BATCH_ROWS} row indices, got ${Array.isArray(b) ? `${b.length}` : describe(b)}`,
      );
    return Int32Array.from(b, (v: unknown, i) =>
      integer(p, v, `batches[${t}][${i}]`, 0, data.rows - 1),
    );
  });

  // The schedule is stepped once per epoch: one_cycle_lr's total_steps counts epochs.
  const schedule = parseScheduleField(p, spec, Math.ceil(steps / epochSteps));
  const clip = parseClipField(p, spec);

  return { id: caseId, model, data, init, batches, epochSteps, steps, optimizer, schedule, clip };
}

/** Parses a JSON array of train cases; the first bad case throws its SpecError. */
export function parseTrainCases(value: unknown): TrainRun[] {
  if (!Array.isArray(value))
    throw new SpecError(
      '(file)',
      '',
      `expected a JSON array of train cases, got ${describe(value)}`,
    );
  return value.map((item, i) => parseTrainCase(item, i));
}
