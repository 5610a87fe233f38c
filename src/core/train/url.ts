// The Train view's fields of the link (src/core/url-codec.ts calls these): the task, and what
// differs from the task's defaults.
//   #mode=train&task=mnist_mlp&hidden=256,64&act=tanh&batch=64&epochs=5&tseed=7
//    &stopacc=0.97&patience=3&autostart=1
// Decoding never throws: a bad value is reported and the task's default is used.

import { checkModel, MODEL_LIMITS } from './layout';
import { MAX_BATCH_ROWS } from './case';
import { taskById, TASKS, type StopRules } from './tasks';
import { MAX_EPOCHS, trainConfigForTask, trainModel, type TrainConfig } from './trainConfig';
import type { Activation } from './types';
import { truncate } from '../errors';
import { message, type Message } from '../messages';
import { choiceText, flagText, readIntegerField, readText } from '../linkSchema';

export const TRAIN_URL_KEYS = [
  'task',
  'hidden',
  'act',
  'batch',
  'epochs',
  'tseed',
  'stopacc',
  'patience',
  'autostart',
] as const;

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'none'];
const MAX_PATIENCE = 100;

const sameList = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

const off = (v: number | null): string => (v === null ? 'off' : String(v));

/** Writes the train fields of `train` into `q` (only what differs from the task). */
export function encodeTrain(train: TrainConfig, q: URLSearchParams): void {
  q.set('task', train.task);
  const task = taskById(train.task);
  const defaults = task ? trainConfigForTask(task) : null;
  if (!defaults || !sameList(train.hidden, defaults.hidden))
    q.set('hidden', train.hidden.join(','));
  if (!defaults || train.activation !== defaults.activation) q.set('act', train.activation);
  if (!defaults || train.batchSize !== defaults.batchSize) q.set('batch', String(train.batchSize));
  if (!defaults || train.epochs !== defaults.epochs) q.set('epochs', String(train.epochs));
  if (train.seed !== 1) q.set('tseed', String(train.seed));
  if (!defaults || train.stop.accuracy !== defaults.stop.accuracy)
    q.set('stopacc', off(train.stop.accuracy));
  if (!defaults || train.stop.patience !== defaults.stop.patience)
    q.set('patience', off(train.stop.patience));
  if (train.autostart) q.set('autostart', '1');
}

/** Reads the train fields; `base` is used where the link has no task. */
export function decodeTrain(
  get: (key: string) => string | null,
  base: TrainConfig,
  problems: Message[],
): TrainConfig {
  let train = base;
  const taskText = get('task');
  if (taskText !== null) {
    const task = taskById(taskText);
    if (task) train = trainConfigForTask(task, base.seed);
    else
      problems.push(
        message('train.unknownTask', {
          name: truncate(taskText),
          known: TASKS.map((t) => t.id).join(', '),
          using: base.task,
        }),
      );
  }
  const integer = (key: string, lo: number, hi: number, fallback: number): number =>
    readIntegerField(key, get(key), lo, hi, fallback, problems);
  const batchSize = integer('batch', 1, MAX_BATCH_ROWS, train.batchSize);
  const epochs = integer('epochs', 1, MAX_EPOCHS, train.epochs);
  const seed = integer('tseed', 0, 0xffffffff, train.seed);

  const activationSchema = choiceText(ACTIVATIONS, (t) =>
    message('train.act', {
      options: ACTIVATIONS.join(', '),
      text: truncate(t),
      using: train.activation,
    }),
  );
  const activation = readText(get('act'), activationSchema, train.activation, problems);

  let hidden = train.hidden;
  const hiddenText = get('hidden');
  if (hiddenText !== null) {
    const parts = hiddenText.trim() === '' ? [] : hiddenText.split(',');
    const sizes = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
    const using = train.hidden.join(',') || message('train.none');
    if (sizes.length > MODEL_LIMITS.layers - 1 || sizes.some((n) => !Number.isInteger(n) || n < 1))
      problems.push(
        message('train.hidden', {
          max: MODEL_LIMITS.layers - 1,
          text: truncate(hiddenText),
          using,
        }),
      );
    else {
      const problem = checkModel(trainModel({ ...train, hidden: sizes }));
      if (problem)
        problems.push(
          message('train.hiddenModel', { field: problem.field, problem: problem.message, using }),
        );
      else hidden = sizes;
    }
  }

  const stop: { accuracy: number | null; patience: number | null } = { ...train.stop };
  const accText = get('stopacc');
  if (accText !== null) {
    const n = Number(accText);
    if (accText === 'off') stop.accuracy = null;
    else if (accText.trim() !== '' && Number.isFinite(n) && n > 0 && n <= 1) stop.accuracy = n;
    else problems.push(message('train.stopacc', { text: truncate(accText) }));
  }
  const patienceText = get('patience');
  if (patienceText !== null) {
    const n = Number(patienceText);
    if (patienceText === 'off') stop.patience = null;
    else if (Number.isInteger(n) && n >= 1 && n <= MAX_PATIENCE) stop.patience = n;
    else
      problems.push(message('train.patience', { max: MAX_PATIENCE, text: truncate(patienceText) }));
  }

  const autostart = readText(
    get('autostart'),
    flagText((t) => message('link.flag', { key: 'autostart', text: truncate(t) })),
    false,
    problems,
  );

  return {
    task: train.task,
    hidden,
    activation,
    batchSize,
    epochs,
    seed,
    stop: stop as StopRules,
    autostart,
  };
}
