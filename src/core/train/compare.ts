// A train result against a case's expected run, exactly as docs/TRAIN-FORMAT.md's
// "Tolerances" defines it: errors |p − e| / (1 + |e|) for loss, params and final_loss,
// |p − e| / |e| for lr (an expected 0 matched exactly). float64: every step at 1e-9, the
// accuracy exact. float32: loss and lr over the first f32_compare_steps (1e-4, lr 1e-6),
// params and final_loss at the end (1e-4), the accuracy within one row (1/rows).

import { lrError, relError } from '../compare';

/** `expected.float64` or `expected.float32` of a case. */
export interface ExpectedTrainRun {
  readonly loss: readonly number[];
  readonly lr: readonly number[];
  readonly params: readonly number[];
  readonly final_loss: number;
  readonly final_accuracy?: number;
}

/** What a backend produced (TrainResult, or a result file's entry read into arrays). */
export interface ProducedTrainRun {
  readonly loss: ArrayLike<number>;
  readonly lr: ArrayLike<number>;
  readonly params: ArrayLike<number>;
  readonly finalLoss: number;
  readonly finalAccuracy: number | null;
}

export type TrainPrecision = 'float64' | 'float32';

export interface TrainCompareOptions {
  /** float32: how many leading steps of loss and lr are compared (f32_compare_steps). */
  readonly compareSteps?: number;
  /** Rows of the case's data: the float32 accuracy may be off by one row. */
  readonly rows: number;
}

export interface TrainTolerance {
  readonly loss: number;
  readonly lr: number;
  readonly params: number;
  readonly finalLoss: number;
}

export const TRAIN_TOLERANCE: Readonly<Record<TrainPrecision, TrainTolerance>> = {
  float64: { loss: 1e-9, lr: 1e-9, params: 1e-9, finalLoss: 1e-9 },
  float32: { loss: 1e-4, lr: 1e-6, params: 1e-4, finalLoss: 1e-4 },
};

export interface TrainCompareResult {
  readonly ok: boolean;
  /** Largest error per quantity over what was compared (a NaN error counts as Infinity). */
  readonly worst: { loss: number; lr: number; params: number; finalLoss: number; accuracy: number };
  /** The first value out of tolerance (or a length mismatch), for a message. */
  readonly firstFailure?: string;
}

/** Compares `produced` with `expected` at the tolerances of `precision`. */
export function compareTrainRun(
  produced: ProducedTrainRun,
  expected: ExpectedTrainRun,
  precision: TrainPrecision,
  options: TrainCompareOptions,
): TrainCompareResult {
  const tol = TRAIN_TOLERANCE[precision];
  const worst = { loss: 0, lr: 0, params: 0, finalLoss: 0, accuracy: 0 };
  let firstFailure: string | undefined;
  const fail = (message: string): void => {
    firstFailure ??= message;
  };
  const steps = expected.loss.length;
  if (produced.loss.length !== steps || produced.lr.length !== expected.lr.length)
    fail(
      `length mismatch: produced ${produced.loss.length} losses and ${produced.lr.length} lrs, ` +
        `expected ${steps} and ${expected.lr.length}`,
    );
  if (produced.params.length !== expected.params.length)
    fail(`produced ${produced.params.length} parameters, expected ${expected.params.length}`);
  const compared = precision === 'float64' ? steps : Math.min(options.compareSteps ?? steps, steps);
  const n = Math.min(compared, produced.loss.length, produced.lr.length, expected.lr.length);
  const check = (
    what: keyof typeof worst,
    label: string,
    p: number,
    e: number,
    err: number,
    bound: number,
  ): void => {
    if (err > worst[what]) worst[what] = err;
    if (!(err <= bound))
      fail(`${label}: produced ${p}, expected ${e} (error ${err.toExponential(2)} > ${bound})`);
  };
  for (let t = 0; t < n; t++) {
    const pl = produced.loss[t] as number;
    const el = expected.loss[t] as number;
    check('loss', `loss[${t}]`, pl, el, relError(pl, el), tol.loss);
    const pr = produced.lr[t] as number;
    const er = expected.lr[t] as number;
    check('lr', `lr[${t}]`, pr, er, lrError(pr, er), tol.lr);
  }
  const np = Math.min(produced.params.length, expected.params.length);
  for (let i = 0; i < np; i++) {
    const pp = produced.params[i] as number;
    const ep = expected.params[i] as number;
    check('params', `params[${i}]`, pp, ep, relError(pp, ep), tol.params);
  }
  check(
    'finalLoss',
    'final_loss',
    produced.finalLoss,
    expected.final_loss,
    relError(produced.finalLoss, expected.final_loss),
    tol.finalLoss,
  );
  if (expected.final_accuracy === undefined) {
    if (produced.finalAccuracy !== null)
      fail(`final_accuracy: produced ${produced.finalAccuracy}, expected none (mse)`);
  } else {
    const pa = produced.finalAccuracy ?? NaN;
    const ea = expected.final_accuracy;
    const diff = Math.abs(pa - ea);
    const err = Number.isNaN(diff) ? Infinity : diff;
    // float64 must get every row right that PyTorch did; float32 may differ by one row.
    const bound = precision === 'float64' ? 0 : 1 / options.rows + 1e-12;
    check('accuracy', 'final_accuracy', pa, ea, err, bound);
  }
  return firstFailure === undefined ? { ok: true, worst } : { ok: false, worst, firstFailure };
}
