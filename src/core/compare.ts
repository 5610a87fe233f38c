// Trajectory comparison exactly as docs/TOLERANCES.md defines it: x and loss
// errors |p − e| / (1 + |e|), lr errors |p − e| / |e| with an expected 0 matched exactly, the
// first `compareSteps` steps (x and loss entries 0..n, lr entries 0..n−1) and the lengths.

import type { Trajectory } from './types';

export interface Tolerance {
  readonly x: number;
  readonly loss: number;
  readonly lr: number;
}

export interface ExpectedTrajectory {
  readonly x: readonly (readonly number[])[];
  readonly loss: readonly number[];
  readonly lr: readonly number[];
}

export interface CompareResult {
  readonly ok: boolean;
  /** Largest error seen per array over the compared entries (NaN/∞ errors count as Infinity). */
  readonly worst: { x: number; loss: number; lr: number };
  /** The first entry out of tolerance (or the length mismatch), for a test message. */
  readonly firstFailure?: string;
}

export const FLOAT64_TOLERANCE: Tolerance = { x: 1e-9, loss: 1e-9, lr: 1e-9 };
export const FLOAT32_TOLERANCE: Tolerance = { x: 1e-4, loss: 1e-3, lr: 1e-6 };

/** |p − e| / (1 + |e|); a NaN error counts as Infinity. */
export function relError(p: number, e: number): number {
  const err = Math.abs(p - e) / (1 + Math.abs(e));
  return Number.isNaN(err) ? Infinity : err;
}

/** |p − e| / |e|, an expected 0 matched exactly; a NaN error counts as Infinity. */
export function lrError(p: number, e: number): number {
  if (e === 0) return p === 0 ? 0 : Infinity;
  const err = Math.abs(p - e) / Math.abs(e);
  return Number.isNaN(err) ? Infinity : err;
}

/**
 * Compares `produced` with `expected` over the first `compareSteps` steps. With `float32`,
 * expected values are read as float64 and rounded to float32 (docs/FORMAT.md's shortest decimals).
 */
export function compareTrajectory(
  produced: Trajectory,
  expected: ExpectedTrajectory,
  tol: Tolerance,
  compareSteps: number,
  opts?: { float32?: boolean },
): CompareResult {
  const read = opts?.float32 ? Math.fround : (v: number): number => v;
  const worst = { x: 0, loss: 0, lr: 0 };
  let firstFailure: string | undefined;
  const fail = (message: string): void => {
    if (firstFailure === undefined) firstFailure = message;
  };

  const steps = produced.lr.length;
  if (produced.x.length !== 2 * (steps + 1) || produced.loss.length !== steps + 1)
    fail(
      `produced lengths x ${produced.x.length / 2}, loss ${produced.loss.length}, lr ${steps} are inconsistent`,
    );
  if (
    expected.x.length !== steps + 1 ||
    expected.loss.length !== steps + 1 ||
    expected.lr.length !== steps
  )
    fail(
      `length mismatch: produced ${steps} steps, expected x ${expected.x.length}, loss ${expected.loss.length}, lr ${expected.lr.length}`,
    );
  const n = Math.min(compareSteps, steps, expected.lr.length);

  for (let t = 0; t <= n; t++) {
    const ex = expected.x[t];
    if (ex === undefined || ex.length !== 2) {
      fail(`x[${t}] missing or not a pair in expected`);
      break;
    }
    for (let k = 0; k < 2; k++) {
      const e = read(ex[k] as number);
      const p = produced.x[2 * t + k] as number;
      const err = relError(p, e);
      if (err > worst.x) worst.x = err;
      if (!(err <= tol.x))
        fail(
          `x[${t}][${k}]: produced ${p}, expected ${e} (error ${err.toExponential(2)} > ${tol.x})`,
        );
    }
    const eLoss = read(expected.loss[t] as number);
    const pLoss = produced.loss[t] as number;
    const lossErr = relError(pLoss, eLoss);
    if (lossErr > worst.loss) worst.loss = lossErr;
    if (!(lossErr <= tol.loss))
      fail(
        `loss[${t}]: produced ${pLoss}, expected ${eLoss} (error ${lossErr.toExponential(2)} > ${tol.loss})`,
      );
    if (t < n) {
      const eLr = read(expected.lr[t] as number);
      const pLr = produced.lr[t] as number;
      const lrErr = lrError(pLr, eLr);
      if (lrErr > worst.lr) worst.lr = lrErr;
      if (!(lrErr <= tol.lr))
        fail(
          `lr[${t}]: produced ${pLr}, expected ${eLr} (error ${lrErr.toExponential(2)} > ${tol.lr})`,
        );
    }
  }
  return firstFailure === undefined ? { ok: true, worst } : { ok: false, worst, firstFailure };
}
