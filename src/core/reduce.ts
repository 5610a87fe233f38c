// Long series are reduced to min and max per pixel column before they reach a chart (as uPlot
// does): recharts draws SVG, and 10,000 points per lane would make every redraw slow, while
// two points per column draw the same picture. Non-finite values never come out.

export interface ReducedSeries {
  /** The x (step) of each output row. */
  readonly steps: number[];
  /** Per input series, one value per row; NaN where the series has no finite value there. */
  readonly values: Float64Array[];
}

/**
 * Reduces series sharing the x axis 0..length−1 to at most 2·columns rows: for each column
 * (a run of consecutive steps), one row at its first step holding each series' minimum over
 * the column and one at its last step holding the maximum. Values for which `keep` is false
 * (non-finite always; e.g. non-positive ones on a log axis) are left out. With
 * length ≤ 2·columns every step is kept as it is.
 */
export function reduceSeries(
  series: readonly ArrayLike<number>[],
  length: number,
  columns: number,
  keep: (v: number) => boolean = () => true,
): ReducedSeries {
  const r = new ColumnReducer(series.length, length, columns, keep);
  for (let i = 0; i < length; i++) {
    for (let k = 0; k < series.length; k++) r.push(k, i, series[k]![i] ?? NaN);
  }
  return r.result();
}

/**
 * reduceSeries fed one value at a time, in step order per series, so that a series computed
 * step by step (the effective step size of a 100,000-step run) never has to be stored whole.
 * Steps not pushed stay NaN.
 */
export class ColumnReducer {
  private readonly cols: number;
  private readonly exact: boolean;
  /** Per series, 2 values per column (min, max), or one per step when `exact`. */
  private readonly out: Float64Array[];

  constructor(
    series: number,
    private readonly length: number,
    columns: number,
    private readonly keep: (v: number) => boolean = () => true,
  ) {
    this.cols = Math.max(1, Math.floor(columns));
    this.exact = length <= 2 * this.cols;
    const size = this.exact ? length : 2 * this.cols;
    this.out = Array.from({ length: series }, () => new Float64Array(size).fill(NaN));
  }

  /** The column holding step i: the c with ⌊c·length/cols⌋ ≤ i < ⌊(c + 1)·length/cols⌋. */
  private columnOf(i: number): number {
    let c = Math.floor(((i + 1) * this.cols) / this.length);
    while (c > 0 && Math.floor((c * this.length) / this.cols) > i) c--;
    while (c < this.cols - 1 && Math.floor(((c + 1) * this.length) / this.cols) <= i) c++;
    return c;
  }

  /** Value v of series k at step i. */
  push(k: number, i: number, v: number): void {
    if (!Number.isFinite(v) || !this.keep(v)) return;
    const out = this.out[k]!;
    if (this.exact) {
      out[i] = v;
      return;
    }
    const c = this.columnOf(i);
    const min = out[2 * c]!;
    const max = out[2 * c + 1]!;
    if (!(v >= min)) out[2 * c] = v;
    if (!(v <= max)) out[2 * c + 1] = v;
  }

  result(): ReducedSeries {
    if (this.exact) {
      return { steps: Array.from({ length: this.length }, (_, i) => i), values: this.out };
    }
    const steps: number[] = [];
    const keepCols: number[] = [];
    for (let c = 0; c < this.cols; c++) {
      const lo = Math.floor((c * this.length) / this.cols);
      const hi = Math.floor(((c + 1) * this.length) / this.cols); // exclusive
      if (hi <= lo) continue;
      steps.push(lo, hi - 1);
      keepCols.push(c);
    }
    const values = this.out.map((o) => {
      const v = new Float64Array(2 * keepCols.length);
      keepCols.forEach((c, j) => {
        v[2 * j] = o[2 * c]!;
        v[2 * j + 1] = o[2 * c + 1]!;
      });
      return v;
    });
    return { steps, values };
  }
}
