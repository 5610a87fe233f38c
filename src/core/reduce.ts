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
  const ok = (v: number | undefined): v is number =>
    v !== undefined && Number.isFinite(v) && keep(v);
  const cols = Math.max(1, Math.floor(columns));
  if (length <= 2 * cols) {
    const steps = Array.from({ length }, (_, i) => i);
    const values = series.map((s) => {
      const out = new Float64Array(length).fill(NaN);
      for (let i = 0; i < length; i++) {
        const v = s[i];
        if (ok(v)) out[i] = v;
      }
      return out;
    });
    return { steps, values };
  }
  const steps: number[] = [];
  const values = series.map(() => [] as number[]);
  for (let c = 0; c < cols; c++) {
    const lo = Math.floor((c * length) / cols);
    const hi = Math.floor(((c + 1) * length) / cols); // exclusive
    if (hi <= lo) continue;
    steps.push(lo, hi - 1);
    series.forEach((s, k) => {
      let min = Infinity;
      let max = -Infinity;
      for (let i = lo; i < hi; i++) {
        const v = s[i];
        if (!ok(v)) continue;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const out = values[k]!;
      out.push(min === Infinity ? NaN : min, max === -Infinity ? NaN : max);
    });
  }
  return { steps, values: values.map((v) => Float64Array.from(v)) };
}
