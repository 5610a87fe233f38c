// Pixels for the Train view's pictures, as pure functions: a grey digit, a weight image on a
// diverging colour map (blue below 0, white at 0, red above), and the line fit's MSE surface.

export type Rgba = Uint8ClampedArray<ArrayBuffer>;

/** A side×side grey image (values in [0, 1], ink dark on white) as RGBA. */
export function digitPixels(values: ArrayLike<number>, offset: number, side: number): Rgba {
  const out = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) {
    const v = 255 - Math.round(255 * Math.min(1, Math.max(0, values[offset + i] as number)));
    out.set([v, v, v, 255], 4 * i);
  }
  return out;
}

/** Blue (−1) → white (0) → red (+1), for a value already divided by the image's largest |w|. */
export function diverging(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  if (t >= 0) return [255, Math.round(255 * (1 - t * 0.85)), Math.round(255 * (1 - t))];
  return [Math.round(255 * (1 + t)), Math.round(255 * (1 + t * 0.6)), 255];
}

/** Row `row` of a [rows][side²] weight matrix as RGBA, scaled by its own largest |w|. */
export function weightPixels(weights: ArrayLike<number>, row: number, side: number): Rgba {
  const n = side * side;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(weights[row * n + i] as number));
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const [r, g, b] = diverging(scale > 0 ? (weights[row * n + i] as number) / scale : 0);
    out.set([r, g, b, 255], 4 * i);
  }
  return out;
}

export interface Window2 {
  readonly wMin: number;
  readonly wMax: number;
  readonly bMin: number;
  readonly bMax: number;
}

/**
 * The mean squared error of the line y = w·x + b over the points, on a width×height grid of
 * the window (row 0 at bMax): L(w, b) = mean((w·x + b − y)²), computed from the sums so the
 * grid costs O(pixels) whatever the number of points.
 */
export function mseGrid(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  window: Window2,
  width: number,
  height: number,
): Float64Array {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    sx += xi;
    sy += yi;
    sxx += xi * xi;
    sxy += xi * yi;
    syy += yi * yi;
  }
  const out = new Float64Array(width * height);
  for (let r = 0; r < height; r++) {
    const b = window.bMax - ((r + 0.5) / height) * (window.bMax - window.bMin);
    for (let c = 0; c < width; c++) {
      const w = window.wMin + ((c + 0.5) / width) * (window.wMax - window.wMin);
      // Σ (w x + b − y)² expanded.
      const sum = w * w * sxx + b * b * n + syy + 2 * w * b * sx - 2 * w * sxy - 2 * b * sy;
      out[r * width + c] = Math.max(0, sum) / n;
    }
  }
  return out;
}

/** A dark-to-bright ramp (viridis-like) for t in [0, 1]. */
export function ramp(t: number): [number, number, number] {
  const stops: [number, number, number][] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const u = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(u));
  const f = u - i;
  const a = stops[i] as [number, number, number];
  const b = stops[i + 1] as [number, number, number];
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as [number, number, number];
}

/**
 * Iso-lines of a width×height grid: 1 where the pixel's band (t·bands rounded down, t the
 * value mapped to [0, 1] by `level`) differs from its right or lower neighbour's, else 0. On
 * log-scaled levels the bands are equally spaced in log(MSE), as a contour plot's.
 */
export function contourMask(
  grid: ArrayLike<number>,
  width: number,
  height: number,
  level: (v: number) => number,
  bands: number,
): Uint8Array {
  const band = new Int32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    band[i] = Math.floor(Math.max(0, Math.min(1 - 1e-9, level(grid[i] as number))) * bands);
  }
  const mask = new Uint8Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      const here = band[i] as number;
      if ((c + 1 < width && band[i + 1] !== here) || (r + 1 < height && band[i + width] !== here))
        mask[i] = 1;
    }
  }
  return mask;
}

/** The least-squares line through the points: the MSE surface's minimum. Null when x is flat. */
export function leastSquares(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { w: number; b: number } | null {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += (x[i] as number) / n;
    my += (y[i] as number) / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    sxy += dx * ((y[i] as number) - my);
    sxx += dx * dx;
  }
  if (!(sxx > 0)) return null;
  const w = sxy / sxx;
  return { w, b: my - w * mx };
}

/**
 * A confusion matrix (classes × classes counts, row = true class) as shares of each row: cell
 * (t, p) is the part of the true t's that were predicted p, so the diagonal is each class's
 * recall; a class with no rows gets zeros. Also the row totals.
 */
export function confusionShares(
  counts: ArrayLike<number>,
  classes: number,
): { shares: Float64Array; totals: Float64Array } {
  const shares = new Float64Array(classes * classes);
  const totals = new Float64Array(classes);
  for (let t = 0; t < classes; t++) {
    let total = 0;
    for (let p = 0; p < classes; p++) total += counts[t * classes + p] as number;
    totals[t] = total;
    if (total > 0)
      for (let p = 0; p < classes; p++)
        shares[t * classes + p] = (counts[t * classes + p] as number) / total;
  }
  return { shares, totals };
}
