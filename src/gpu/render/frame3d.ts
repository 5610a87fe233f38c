// The 3-D view's per-frame uniform (Frame3d in shaders/render/frame3d.wgsl) and the
// TypeScript twin of its loss → height mapping, used by the canvas-2D fallback and the tests.

import type { ViewWindow } from '../../core/types';
import { lossToT, type LossRange } from './lossRange';

/** Frame3d: a mat4 and six vec4 rows. */
export const FRAME3D_BYTES = 160;
/** Height of the box the surface is drawn in; its floor is [−1, 1]². */
export const BOX_HEIGHT = 0.9;
/** Unit vector towards the light (from the front left, high) and the ambient share. */
const LIGHT = normalize3([-0.45, -0.6, 0.75]);
export const AMBIENT = 0.38;

export interface Frame3dValues {
  readonly viewProj: Float32Array;
  readonly view: ViewWindow;
  readonly range: LossRange;
  readonly logHeight: boolean;
  /** Viewport in device pixels. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  /** Contour lines over the colour range. */
  readonly contours: number;
  readonly eye: readonly [number, number, number];
}

function normalize3(v: readonly [number, number, number]): [number, number, number] {
  const l = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / l, v[1] / l, v[2] / l];
}

export function lightDirection(): readonly [number, number, number] {
  return LIGHT;
}

/** The uniform's 40 floats. */
export function packFrame3d(f: Frame3dValues): Float32Array<ArrayBuffer> {
  const out = new Float32Array(FRAME3D_BYTES / 4);
  out.set(f.viewProj.subarray(0, 16), 0);
  out.set([f.view.xMin, f.view.xMax, f.view.yMin, f.view.yMax], 16);
  const r = f.range;
  const logDelta = Math.log(r.delta);
  const span = Math.log(r.hi - r.lo + r.delta) - logDelta;
  out.set([r.lo, r.delta, logDelta, span > 0 && Number.isFinite(span) ? 1 / span : 1], 20);
  const spread = r.hi - r.lo;
  out.set([BOX_HEIGHT, f.logHeight ? 1 : 0, spread > 0 ? 1 / spread : 1, 0], 24);
  out.set([f.width, f.height, f.dpr, f.contours], 28);
  out.set([...LIGHT, AMBIENT], 32);
  out.set([...f.eye, 0], 36);
  return out;
}

/** heightOf in frame3d.wgsl: the box height of a loss (NaN for a non-finite loss). */
export function heightOfLoss(f: number, range: LossRange, logHeight: boolean): number {
  if (!Number.isFinite(f)) return NaN;
  if (logHeight) return BOX_HEIGHT * lossToT(f, range);
  const spread = range.hi - range.lo;
  const s = (f - range.lo) * (spread > 0 ? 1 / spread : 1);
  return BOX_HEIGHT * Math.min(1, Math.max(0, s));
}

/** heightSlope in frame3d.wgsl: d heightOfLoss / d f (0 where the height is clamped). */
export function heightSlope(f: number, range: LossRange, logHeight: boolean): number {
  if (logHeight) {
    const shifted = Math.max(f - range.lo, 0) + range.delta;
    const ld = Math.log(range.delta);
    const inv = 1 / (Math.log(range.hi - range.lo + range.delta) - ld);
    const t = (Math.log(shifted) - ld) * inv;
    return t > 0 && t < 1 ? (BOX_HEIGHT * inv) / shifted : 0;
  }
  const spread = range.hi - range.lo;
  const s = (f - range.lo) * (spread > 0 ? 1 / spread : 1);
  return s > 0 && s < 1 ? BOX_HEIGHT * (spread > 0 ? 1 / spread : 1) : 0;
}

/** boxXY in frame3d.wgsl: a point of the plane to the box's X, Y ∈ [−1, 1] over the window. */
export function boxXY(view: ViewWindow, x: number, y: number): [number, number] {
  return [
    ((x - view.xMin) / (view.xMax - view.xMin)) * 2 - 1,
    ((y - view.yMin) / (view.yMax - view.yMin)) * 2 - 1,
  ];
}
