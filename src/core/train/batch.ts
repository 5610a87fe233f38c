// A batch as the passes read it: row n of the batch is row rows[n] of the data set, so a
// batch is never copied out of the data set before the pass gathers it.

/** The rows a pass reads: row n of the batch is x[rows[n]·features …]. */
export interface BatchInput {
  readonly x: Float64Array | Float32Array;
  readonly features: number;
  readonly rows: Int32Array;
  readonly count: number;
}

/** Copies the batch's rows into `dst` (count × features), as float64. */
export function gatherRows(input: BatchInput, dst: Float64Array): void {
  const { x, features, rows, count } = input;
  for (let n = 0; n < count; n++) {
    const from = (rows[n] as number) * features;
    const to = n * features;
    for (let i = 0; i < features; i++) dst[to + i] = x[from + i] as number;
  }
}
