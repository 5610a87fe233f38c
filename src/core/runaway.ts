// "Ran away": a run that stays finite but leaves the surface's view far behind (AdaGrad or
// Adam at η = 10 can reach 1e37–1e57 without an overflow). The core keeps docs/FORMAT.md's
// divergence (the first non-finite step, which the reference cases depend on) and never sets
// it from here: this is a second flag, relative to the view, that the UI shows wherever it
// shows a divergence (lane list, chart legend, loss chart, map, swarm counts) in its own words.

import type { Trajectory, ViewWindow } from './types';

/** How many view extents from the view's centre a run may go before it counts as run away. */
export const RUNAWAY_EXTENTS = 1e6;

/** Half the side of the square, centred on the view, that a run must stay in. */
export function runawayRadius(view: ViewWindow): number {
  return RUNAWAY_EXTENTS * Math.max(view.xMax - view.xMin, view.yMax - view.yMin);
}

/** Whether the point (x, y) is finite and beyond the bound (a NaN is a divergence, not this). */
export function isRunaway(x: number, y: number, view: ViewWindow): boolean {
  const r = runawayRadius(view);
  const dx = Math.abs(x - (view.xMin + view.xMax) / 2);
  const dy = Math.abs(y - (view.yMin + view.yMax) / 2);
  return (Number.isFinite(dx) && dx > r) || (Number.isFinite(dy) && dy > r);
}

/** The first step whose position is beyond the bound; null if the run never went there. */
export function ranAwayAt(x: Float64Array, view: ViewWindow): number | null {
  for (let k = 0; 2 * k + 1 < x.length; k++) {
    if (isRunaway(x[2 * k] as number, x[2 * k + 1] as number, view)) return k;
  }
  return null;
}

/** Why a lane's path stops meaning anything: it diverged (core) or ran away (this file). */
export interface LaneStop {
  readonly kind: 'diverged' | 'ranAway';
  readonly step: number;
}

const stops = new WeakMap<Float64Array, { key: string; stop: LaneStop | null }>();

/**
 * A run's stop: its divergence (docs/FORMAT.md) if it has one, else the step it ran away at.
 * Memoised per trajectory and view (the lane list, legend, loss chart and map all ask for the
 * same runs).
 */
export function laneStop(run: Trajectory, view: ViewWindow): LaneStop | null {
  const key = `${view.xMin} ${view.xMax} ${view.yMin} ${view.yMax}`;
  const hit = stops.get(run.x);
  if (hit?.key === key) return hit.stop;
  let stop: LaneStop | null = null;
  if (run.divergedAt !== null) stop = { kind: 'diverged', step: run.divergedAt };
  else {
    const away = ranAwayAt(run.x, view);
    if (away !== null) stop = { kind: 'ranAway', step: away };
  }
  stops.set(run.x, { key, stop });
  return stop;
}
