// Colours of the sweep and basin images, one RGBA pixel per run in run order (row 0 is the
// axis minimum / yMin: imageOrder() flips the rows for an ImageData whose row 0 is the top).
// Pure functions of a SummaryTable, so the GPU and the CPU fallback give the same picture.

import type { Vec2, ViewWindow } from '../types';
import { isRunaway } from '../runaway';
import type { SummaryTable } from './summary';
import { BASIN_DIVERGED, BASIN_NONE, distanceToNearest } from './basins';

export type Rgb = readonly [number, number, number];

/** Diverged runs in a sweep: a red none of the scale's colours comes near. */
export const DIVERGED_RGB: Rgb = [214, 39, 40];
/** A sweep cell with nothing to show (threshold never reached). */
export const MISSING_RGB: Rgb = [128, 128, 128];
/** Basin map: diverged runs. */
export const BASIN_DIVERGED_RGB: Rgb = [0, 0, 0];
/** Basin map: runs that ended near no minimum. */
export const BASIN_NONE_RGB: Rgb = [150, 150, 150];

/** A qualitative palette (Tableau 10): minimum m gets BASIN_PALETTE[m mod 10]. */
export const BASIN_PALETTE: readonly Rgb[] = [
  [78, 121, 167],
  [242, 142, 43],
  [89, 161, 79],
  [225, 87, 89],
  [118, 183, 178],
  [237, 201, 72],
  [176, 122, 161],
  [255, 157, 167],
  [156, 117, 95],
  [186, 176, 172],
];

// Viridis at 0, 0.25, 0.5, 0.75, 1: dark for 0, bright for 1.
const VIRIDIS: readonly Rgb[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The sequential scale at f ∈ [0, 1] (clamped): dark purple to yellow. */
export function viridis(f: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const a = VIRIDIS[i] as Rgb;
  const b = VIRIDIS[i + 1] as Rgb;
  const u = x - i;
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

function put(out: Uint8ClampedArray, k: number, rgb: Rgb): void {
  out[4 * k] = rgb[0];
  out[4 * k + 1] = rgb[1];
  out[4 * k + 2] = rgb[2];
  out[4 * k + 3] = 255;
}

export type SweepColouring = 'loss' | 'steps' | 'distance';

export interface SweepColourOptions {
  readonly by: SweepColouring;
  /** 'steps': the runs' step count (firstBelow / steps); default the largest firstBelow. */
  readonly steps?: number;
  /** 'distance': the surface's minima. */
  readonly minima?: readonly Vec2[];
  /** The scale's [low, high] in its own units (log10 for loss and distance); default the data's. */
  readonly range?: readonly [number, number];
  /** The surface's view: runs that end beyond the ran-away bound (src/core/runaway.ts) are
   * drawn as diverged ones and counted in `ranAway`. */
  readonly view?: ViewWindow;
}

/** A sweep image and what its legend needs. */
export interface SweepImage {
  readonly rgba: Uint8ClampedArray;
  /** Runs drawn in DIVERGED_RGB: diverged, or ran away (`ranAway` of them). */
  readonly diverged: number;
  readonly ranAway: number;
  /** Runs drawn in MISSING_RGB (threshold never reached, no finite value). */
  readonly missing: number;
  /** The scale's [low, high] (bright end first for loss, steps and distance: low is good). */
  readonly range: readonly [number, number];
}

// The share of cells at each end that the default range leaves out (they show the end colour).
const RANGE_QUANTILE = 0.01;

// Smallest value a log scale shows: losses and distances of 0 sit at the bright end.
const LOG_FLOOR = 1e-12;

/** Run k stayed finite but ended beyond the ran-away bound. */
export const ranAwayRun = (table: SummaryTable, k: number, view: ViewWindow): boolean =>
  (table.divergedAt[k] as number) < 0 &&
  isRunaway(table.finalX[k] as number, table.finalY[k] as number, view);

/** The value each cell is coloured by (NaN: missing), lower is better for every colouring. */
function sweepValue(table: SummaryTable, options: SweepColourOptions): Float64Array {
  const out = new Float64Array(table.count);
  if (options.by === 'loss') {
    for (let k = 0; k < table.count; k++) {
      out[k] = Math.log10(Math.max(LOG_FLOOR, table.finalLoss[k] as number));
    }
  } else if (options.by === 'steps') {
    for (let k = 0; k < table.count; k++) {
      const t = table.firstBelow[k] as number;
      out[k] = t >= 0 ? t : NaN;
    }
  } else {
    const d = distanceToNearest(table, options.minima ?? []);
    for (let k = 0; k < table.count; k++) out[k] = Math.log10(Math.max(LOG_FLOOR, d[k] as number));
  }
  return out;
}

/**
 * Colours a sweep: by final loss (log10, clamped at 1e-12; a surface whose loss goes below 0
 * shows those cells at the bright end), by steps to reach the loss threshold (firstBelow;
 * never: MISSING_RGB), or by distance to the nearest minimum (log10). Low is bright. The
 * default range is the finite cells' 1st to 99th percentile (0..steps for steps).
 * Diverged runs are DIVERGED_RGB and counted.
 */
export function sweepColours(table: SummaryTable, options: SweepColourOptions): SweepImage {
  const value = sweepValue(table, options);
  const finite: number[] = [];
  for (let k = 0; k < table.count; k++) {
    const v = value[k] as number;
    const away = options.view !== undefined && ranAwayRun(table, k, options.view);
    if ((table.divergedAt[k] as number) < 0 && !away && Number.isFinite(v)) finite.push(v);
  }
  finite.sort((a, b) => a - b);
  // The 1st to 99th percentile (nearest rank): a few wild cells (η = 10 ending at loss 1e7)
  // would otherwise squeeze every other cell into one colour.
  const last = finite.length - 1;
  let lo = finite[Math.floor(RANGE_QUANTILE * last)] ?? NaN;
  let hi = finite[Math.ceil((1 - RANGE_QUANTILE) * last)] ?? NaN;
  if (options.by === 'steps') {
    lo = 0;
    hi = options.steps ?? Math.max(1, finite[last] ?? 1);
  }
  if (options.range) [lo, hi] = options.range;
  if (!(lo <= hi)) [lo, hi] = [0, 1];
  const span = hi - lo || 1;
  const rgba = new Uint8ClampedArray(4 * table.count);
  let diverged = 0;
  let ranAway = 0;
  let missing = 0;
  for (let k = 0; k < table.count; k++) {
    const v = value[k] as number;
    if ((table.divergedAt[k] as number) >= 0) {
      diverged++;
      put(rgba, k, DIVERGED_RGB);
    } else if (options.view && ranAwayRun(table, k, options.view)) {
      ranAway++;
      put(rgba, k, DIVERGED_RGB);
    } else if (!Number.isFinite(v)) {
      missing++;
      put(rgba, k, MISSING_RGB);
    } else {
      put(rgba, k, viridis(1 - (v - lo) / span));
    }
  }
  return { rgba, diverged: diverged + ranAway, ranAway, missing, range: [lo, hi] };
}

/** How much darker the slowest run is than one that settled at once. */
const MAX_DARKEN = 0.65;

/**
 * Colours a basin map: minimum m's palette colour, darker the later the run settled
 * (settledAt / steps), black for diverged, grey for none.
 */
export function basinColours(
  table: SummaryTable,
  classes: Int32Array,
  steps: number,
): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(4 * table.count);
  for (let k = 0; k < table.count; k++) {
    const c = classes[k] as number;
    if (c === BASIN_DIVERGED) put(rgba, k, BASIN_DIVERGED_RGB);
    else if (c === BASIN_NONE || c < 0) put(rgba, k, BASIN_NONE_RGB);
    else {
      const base = BASIN_PALETTE[c % BASIN_PALETTE.length] as Rgb;
      const f = steps > 0 ? Math.min(1, Math.max(0, (table.settledAt[k] as number) / steps)) : 0;
      const shade = 1 - MAX_DARKEN * f;
      put(rgba, k, [base[0] * shade, base[1] * shade, base[2] * shade]);
    }
  }
  return rgba;
}

/** Run-order pixels (row 0 at the bottom) in ImageData order (row 0 at the top). */
export function imageOrder(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
): Uint8ClampedArray {
  if (rgba.length !== 4 * width * height) {
    throw new Error(`${rgba.length / 4} pixels do not make a ${width} × ${height} image`);
  }
  const out = new Uint8ClampedArray(rgba.length);
  const row = 4 * width;
  for (let j = 0; j < height; j++)
    out.set(rgba.subarray(j * row, (j + 1) * row), (height - 1 - j) * row);
  return out;
}
