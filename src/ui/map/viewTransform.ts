// Pure math of the map's window: pixels ↔ world, pan, zoom about a point, keeping the aspect
// ratio square, and "nice" axis ticks. No DOM here, so tests/unit/view-transform.test.ts
// checks it in Node.

import type { ViewWindow } from '../../core/types';

/** Pixel size of the drawing area (CSS or device pixels, as long as the caller is consistent). */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Widest window the map allows (float32 keeps ~7 digits: beyond it the map turns to mush). */
export const MAX_SPAN = 1e7;
/** Narrowest window: float32 coordinates near 1 differ by ~1e-7. */
export const MIN_SPAN = 1e-5;

/** World point under pixel (px, py); y grows upwards in the world, downwards on screen. */
export function pixelToWorld(
  view: ViewWindow,
  size: Size,
  px: number,
  py: number,
): [number, number] {
  return [
    view.xMin + (px / size.width) * (view.xMax - view.xMin),
    view.yMax - (py / size.height) * (view.yMax - view.yMin),
  ];
}

/** Pixel of world point (x, y). */
export function worldToPixel(view: ViewWindow, size: Size, x: number, y: number): [number, number] {
  return [
    ((x - view.xMin) / (view.xMax - view.xMin)) * size.width,
    ((view.yMax - y) / (view.yMax - view.yMin)) * size.height,
  ];
}

/**
 * The window to draw for `view` in a `size` box: the same centre, one side widened so a world
 * unit is as long in x as in y (circles stay circles). Idempotent.
 */
export function fitAspect(view: ViewWindow, size: Size): ViewWindow {
  if (!(size.width > 0 && size.height > 0)) return view;
  const w = view.xMax - view.xMin;
  const h = view.yMax - view.yMin;
  const cx = (view.xMin + view.xMax) / 2;
  const cy = (view.yMin + view.yMax) / 2;
  const perPx = Math.max(w / size.width, h / size.height);
  const hw = (perPx * size.width) / 2;
  const hh = (perPx * size.height) / 2;
  return { xMin: cx - hw, xMax: cx + hw, yMin: cy - hh, yMax: cy + hh };
}

/** Moves the window by a drag of (dx, dy) pixels: the point under the pointer follows it. */
export function panBy(view: ViewWindow, size: Size, dx: number, dy: number): ViewWindow {
  const sx = ((view.xMax - view.xMin) / size.width) * dx;
  const sy = ((view.yMax - view.yMin) / size.height) * dy;
  return { xMin: view.xMin - sx, xMax: view.xMax - sx, yMin: view.yMin + sy, yMax: view.yMax + sy };
}

/**
 * Zooms by `factor` (> 1 zooms in) about pixel (px, py): the world point under it stays put.
 * The span is clamped to [MIN_SPAN, MAX_SPAN].
 */
export function zoomAt(
  view: ViewWindow,
  size: Size,
  px: number,
  py: number,
  factor: number,
): ViewWindow {
  const w = view.xMax - view.xMin;
  const h = view.yMax - view.yMin;
  const span = Math.max(w, h);
  let f = factor > 0 && Number.isFinite(factor) ? factor : 1;
  if (span / f > MAX_SPAN) f = span / MAX_SPAN;
  if (Math.min(w, h) / f < MIN_SPAN) f = Math.min(w, h) / MIN_SPAN;
  const [x, y] = pixelToWorld(view, size, px, py);
  return {
    xMin: x - (x - view.xMin) / f,
    xMax: x + (view.xMax - x) / f,
    yMin: y - (y - view.yMin) / f,
    yMax: y + (view.yMax - y) / f,
  };
}

/** Wheel delta (pixels, deltaMode 0) to a zoom factor: 100 px of wheel zooms by ~1.25×. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-500, Math.min(500, px)) * 0.00225);
}

export interface Ticks {
  readonly values: number[];
  readonly step: number;
  /** Decimals that show every tick distinctly (0 for integer steps). */
  readonly decimals: number;
}

/**
 * Evenly spaced round values (1, 2 or 5 × 10ⁿ apart) inside [min, max], about `target` of
 * them (Heckbert's "nice numbers", the count closest to the target).
 */
export function niceTicks(min: number, max: number, target = 6): Ticks {
  if (!(Number.isFinite(min) && Number.isFinite(max)) || !(max > min) || target < 1)
    return { values: [], step: 0, decimals: 0 };
  const raw = (max - min) / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  // The 1/2/5 step whose tick count is closest to the target (ties: the larger step).
  let step = mag;
  for (const m of [1, 2, 5, 10]) {
    const s = m * mag;
    if (Math.abs((max - min) / s - target) <= Math.abs((max - min) / step - target)) step = s;
  }
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last && values.length < 1000; i++) {
    // i·step, not an accumulated sum, so 0.1-steps do not drift (0.30000000000000004).
    const v = i * step;
    values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { values, step, decimals };
}

/** A tick label: fixed decimals for ordinary ranges, exponent notation for huge or tiny ones. */
export function formatTick(value: number, ticks: Ticks): string {
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 1e5 || ticks.step < 1e-4)
    return value
      .toExponential(Math.min(6, Math.max(0, ticks.decimals > 4 ? 2 : 1)))
      .replace('e+', 'e');
  return value.toFixed(Math.min(20, ticks.decimals)).replace('-', '−');
}
