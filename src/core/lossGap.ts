// The loss chart plots loss − f*, the distance to the optimum value, rather than the loss: a
// run that reaches the minimum exactly (loss 0 on Rastrigin, Rosenbrock, …) still has a
// place on a log axis, and surfaces whose minimum is not 0 (a line fit's residual, Beale
// shifted by a constant) show how close each lane came. f* is the surface's known minimum
// value (its loss at the lowest known minimum); where no minimum is known (a typed formula
// with none found, the saddle) or a run went below it, it is the lowest loss any lane saw,
// and the label says so. Gaps at or below a floor (float64's resolution of f*) are drawn at
// the floor: "reached the optimum to machine precision".

import type { ParamValues } from './params';
import type { SurfaceData, SurfaceDef, Vec2 } from './types';

export interface OptimumValue {
  /** The reference value subtracted from every loss. */
  readonly value: number;
  /** Where it comes from: the surface's known minima, or the lowest loss the lanes reached. */
  readonly source: 'known' | 'lowest seen';
  /** The smallest gap drawn: gaps below it (exact zeros included) are drawn at it. */
  readonly floor: number;
}

/** The lowest loss at the surface's known minima, or null when none is known or finite. */
export function knownOptimumValue(
  surface: SurfaceDef,
  params: ParamValues,
  minima: readonly Vec2[],
  data?: SurfaceData,
): number | null {
  const out = new Float64Array(3);
  let best = Infinity;
  for (const [x, y] of minima) {
    surface.evaluate(x, y, params, out, data);
    const v = out[0] as number;
    if (Number.isFinite(v) && v < best) best = v;
  }
  return best === Infinity ? null : best;
}

/** The lowest finite value over every series; Infinity when there is none. */
export function lowestFinite(series: readonly ArrayLike<number>[]): number {
  let lo = Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i] as number;
      if (Number.isFinite(v) && v < lo) lo = v;
    }
  }
  return lo;
}

/** float64's resolution at f*: a gap below it cannot be told from 0. */
function floorAt(value: number): number {
  return Number.EPSILON * Math.max(1, Math.abs(value));
}

/**
 * The f* the loss chart subtracts: the known optimum value, unless a lane went below it by
 * more than the floor (the known minima were local ones only) or none is known; then the
 * lowest loss seen. Null when neither exists (no finite loss at all).
 */
export function optimumValue(known: number | null, lowestSeen: number): OptimumValue | null {
  if (known !== null && !(lowestSeen < known - floorAt(known))) {
    return { value: known, source: 'known', floor: floorAt(known) };
  }
  if (!Number.isFinite(lowestSeen)) return null;
  return { value: lowestSeen, source: 'lowest seen', floor: floorAt(lowestSeen) };
}

/** loss − f* per entry, at least the floor; non-finite losses stay NaN. */
export function lossGap(loss: ArrayLike<number>, optimum: OptimumValue): Float64Array {
  const out = new Float64Array(loss.length);
  for (let i = 0; i < loss.length; i++) {
    const v = loss[i] as number;
    out[i] = Number.isFinite(v) ? Math.max(v - optimum.value, optimum.floor) : NaN;
  }
  return out;
}
