// How loss maps to colour: t = (ln(f − lo + δ) − ln δ) / (ln(hi − lo + δ) − ln δ), estimated per
// window by sampling the surface on the CPU (SurfaceDef.evaluate, float64). Log scale because
// the interesting part of a loss surface (the valley floor) spans decades below its walls.

import type { SurfaceData, SurfaceDef, ViewWindow } from '../../core/types';
import type { ParamValues } from '../../core/params';

export interface LossRange {
  /** Loss at t = 0 (the lowest seen in the window). */
  readonly lo: number;
  /** Loss at t = 1 (the highest seen). */
  readonly hi: number;
  /** Offset inside the log: sets how many decades below the walls still get distinct colours. */
  readonly delta: number;
}

/** Samples per side of the estimate grid. */
const GRID = 48;

/**
 * Samples f on a GRID×GRID lattice over the window (plus the known minima inside it) and
 * returns lo = min, hi = max, δ = the 3rd percentile of f − lo (at least (hi − lo)·1e−7), so
 * about 3 % of the window sits in the darkest colour and the valley floor keeps its detail.
 */
export function estimateLossRange(
  surface: SurfaceDef,
  params: ParamValues,
  view: ViewWindow,
  data?: SurfaceData,
): LossRange {
  const out = new Float64Array(3);
  const values: number[] = [];
  const sample = (x: number, y: number) => {
    surface.evaluate(x, y, params, out, data);
    if (Number.isFinite(out[0])) values.push(out[0]!);
  };
  for (let j = 0; j < GRID; j++) {
    const y = view.yMin + ((j + 0.5) / GRID) * (view.yMax - view.yMin);
    for (let i = 0; i < GRID; i++) {
      sample(view.xMin + ((i + 0.5) / GRID) * (view.xMax - view.xMin), y);
    }
  }
  let minima: readonly (readonly [number, number])[] = [];
  try {
    minima = surface.minima(params, data);
  } catch {
    minima = [];
  }
  for (const [x, y] of minima) {
    if (x >= view.xMin && x <= view.xMax && y >= view.yMin && y <= view.yMax) sample(x, y);
  }
  return rangeFromSamples(values);
}

/** The range of a set of finite loss samples (exported for tests). */
export function rangeFromSamples(values: number[]): LossRange {
  if (values.length === 0) return { lo: 0, hi: 1, delta: 1e-3 };
  values.sort((a, b) => a - b);
  const lo = values[0]!;
  const hi = values[values.length - 1]!;
  const spread = hi - lo;
  const scale = Math.max(Math.abs(lo), Math.abs(hi), 1e-30);
  if (!(spread > scale * 1e-6)) {
    // A flat window (or float noise): any δ gives one colour; keep the numbers sane.
    return { lo, hi: lo + Math.max(spread, scale * 1e-6), delta: Math.max(spread, scale * 1e-6) };
  }
  const q = values[Math.floor(values.length * 0.03)]! - lo;
  return { lo, hi, delta: Math.max(q, spread * 1e-7) };
}

/** t in [0, 1] for a loss, the CPU twin of the shader's mapping. */
export function lossToT(f: number, range: LossRange): number {
  const ld = Math.log(range.delta);
  const span = Math.log(range.hi - range.lo + range.delta) - ld;
  const t = (Math.log(Math.max(f - range.lo, 0) + range.delta) - ld) / span;
  return Math.min(1, Math.max(0, t));
}
