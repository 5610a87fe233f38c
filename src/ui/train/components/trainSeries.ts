// The Train view's chart data, as pure functions: per-step curves reduced to about two points
// per pixel column (src/core/reduce.ts) and per-epoch evaluations, with every non-finite value
// left out, so recharts never sees NaN or infinity.

import { reduceSeries } from '../../../core/reduce';
import type { LaneTrainResult } from '../trainResults';

export type Row = Record<string, number | null>;

export interface ChartLane {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly result: LaneTrainResult;
}

/**
 * The mean of each series over `columns` runs of consecutive steps (finite values only; a log
 * axis keeps only positive ones), one row per run at its middle step: a training loss drawn
 * per step is mostly batch-to-batch noise, and the column mean shows its trend as smoothing
 * does in TensorBoard, without shifting it in time.
 */
export function meanSeries(
  series: readonly ArrayLike<number>[],
  length: number,
  columns: number,
  keep: (v: number) => boolean = () => true,
): { steps: number[]; values: Float64Array[] } {
  const cols = Math.max(1, Math.min(length, Math.floor(columns)));
  const steps: number[] = [];
  const values = series.map(() => new Float64Array(cols).fill(NaN));
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * length) / cols);
    const hi = Math.floor(((c + 1) * length) / cols);
    steps.push(Math.floor((lo + hi - 1) / 2));
    series.forEach((s, k) => {
      let sum = 0;
      let n = 0;
      for (let i = lo; i < hi; i++) {
        const v = s[i] as number;
        if (Number.isFinite(v) && keep(v)) {
          sum += v;
          n++;
        }
      }
      if (n > 0) (values[k] as Float64Array)[c] = sum / n;
    });
  }
  return { steps, values };
}

/**
 * One row per kept step, `step` plus each lane's value (and, for a lane of several seeds, its
 * `<id>:min` / `<id>:max`); a log axis keeps only positive values. `smooth`: column means
 * (meanSeries) instead of each column's minimum and maximum (reduceSeries).
 */
export function stepRows(
  lanes: readonly ChartLane[],
  pick: (r: LaneTrainResult) => ArrayLike<number> | null,
  columns: number,
  log: boolean,
  smooth = false,
): Row[] {
  const length = Math.max(0, ...lanes.map((l) => l.result.step));
  if (length === 0) return [];
  const series: ArrayLike<number>[] = [];
  const keys: string[] = [];
  const cut = (a: ArrayLike<number>, n: number): ArrayLike<number> =>
    a instanceof Float32Array ? a.subarray(0, n) : a;
  for (const l of lanes) {
    const values = pick(l.result);
    if (!values) continue;
    series.push(cut(values, l.result.step));
    keys.push(l.id);
    if (values === l.result.loss && l.result.lossMin && l.result.lossMax) {
      series.push(cut(l.result.lossMin, l.result.step), cut(l.result.lossMax, l.result.step));
      keys.push(`${l.id}:min`, `${l.id}:max`);
    }
  }
  const keep = log ? (v: number) => v > 0 : undefined;
  const reduced = smooth
    ? meanSeries(series, length, columns, keep)
    : reduceSeries(series, length, columns, keep);
  return reduced.steps.map((step, i) => {
    const row: Row = { step };
    keys.forEach((key, k) => {
      const v = reduced.values[k]?.[i] ?? NaN;
      row[key] = Number.isFinite(v) ? v : null;
    });
    return row;
  });
}

/** One row per epoch evaluated, `epoch` plus each lane's value. */
export function epochRows(
  lanes: readonly ChartLane[],
  pick: (e: LaneTrainResult['evals'][number]) => number | null,
): Row[] {
  const epochs = new Set<number>();
  for (const l of lanes) for (const e of l.result.evals) epochs.add(e.epoch);
  return [...epochs]
    .sort((a, b) => a - b)
    .map((epoch) => {
      const row: Row = { epoch };
      for (const l of lanes) {
        const e = l.result.evals.find((x) => x.epoch === epoch);
        const v = e ? pick(e) : null;
        row[l.id] = v !== null && Number.isFinite(v) ? v : null;
      }
      return row;
    });
}

/** [lo, hi] of the finite (and, on a log axis, positive) values of `rows`, padded. */
export function domainOf(rows: readonly Row[], keyOf: (k: string) => boolean, log: boolean) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (!keyOf(k) || v === null || !Number.isFinite(v) || (log && v <= 0)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(hi >= lo)) return undefined;
  if (log) return [lo / 1.3, hi * 1.3] as [number, number];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad] as [number, number];
}
