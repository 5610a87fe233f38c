// The charts' data, per lane and memoised on the lane's run (a Trajectory object, kept by
// src/ui/compute/mainKind.ts while the lane's run is unchanged): moving one lane's slider
// recomputes that lane's series only, and the GPU batch landing recomputes none. Rows for
// recharts are merged from per-lane series reduced to the chart's pixel columns.

import { effectiveStepSeries } from '../../core/effectiveStep';
import { reduceSeries, type ReducedSeries } from '../../core/reduce';
import type { ResolvedRun, Trajectory, Vec2 } from '../../core/types';
import type { NoiseSummary } from '../noiseSummary';
import type { LaneStop } from '../../core/runaway';

export interface SeriesLane {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  /** The lane's run; for a noisy lane the mean over its summarised runs. */
  readonly run: Trajectory;
  /** The lane's main run as executed, for the effective step size. */
  readonly resolved: ResolvedRun | null;
  /** True for an optimizer that rescales its step per coordinate (not the SGD family). */
  readonly adaptive: boolean;
  readonly noise?: NoiseSummary;
  /** Where the lane's run diverged or ran away (src/ui/runaway.ts); null: neither. */
  readonly stop: LaneStop | null;
}

export type Row = Record<string, number | null>;

/** Suffixes of a lane's extra series in the rows. */
export const KEY = { lo: '~lo', hi: '~hi', x: '~x', y: '~y' } as const;

/** A lane's series as merged into rows: its data key and its values per row. */
export interface KeyedSeries {
  readonly key: string;
  readonly reduced: ReducedSeries;
  readonly index: number;
}

/** Merges series reduced to the same columns (hence the same steps) into recharts rows. */
export function mergeRows(series: readonly KeyedSeries[]): Row[] {
  const steps = series.reduce<number[]>(
    (best, s) => (s.reduced.steps.length > best.length ? s.reduced.steps : best),
    [],
  );
  return steps.map((step, i) => {
    const row: Row = { step };
    for (const s of series) {
      const v = s.reduced.steps[i] === step ? (s.reduced.values[s.index]?.[i] ?? NaN) : NaN;
      row[s.key] = Number.isFinite(v) ? v : null;
    }
    return row;
  });
}

/** One cache per derived series: keyed by the source array, then by the reduction. */
function memo<K extends object, V>(compute: (key: K, spec: string) => V) {
  const cache = new WeakMap<K, Map<string, V>>();
  return (key: K, spec: string): V => {
    let byKey = cache.get(key);
    if (!byKey) cache.set(key, (byKey = new Map()));
    let v = byKey.get(spec);
    if (v === undefined) {
      if (byKey.size > 8) byKey.clear();
      v = compute(key, spec);
      byKey.set(spec, v);
    }
    return v;
  };
}

/** A series over 0..length−1 reduced to `columns`, positive values only when `positive`. */
const reducedOf = memo((s: ArrayLike<number> & object, spec: string) => {
  const [length, columns, positive] = JSON.parse(spec) as [number, number, boolean];
  return reduceSeries([s], length, columns, positive ? (v) => v > 0 : undefined);
});

export function reduced(
  s: ArrayLike<number> & object,
  length: number,
  columns: number,
  positive: boolean,
): ReducedSeries {
  return reducedOf(s, JSON.stringify([length, columns, positive]));
}

/** Distance from each point of the run to the nearest of `minima` (NaN without minima). */
export function distanceSeries(run: Trajectory, minima: readonly Vec2[]): Float64Array {
  const n = run.loss.length;
  const out = new Float64Array(n).fill(NaN);
  if (minima.length === 0) return out;
  for (let k = 0; k < n; k++) {
    const x = run.x[2 * k] ?? NaN;
    const y = run.x[2 * k + 1] ?? NaN;
    let best = Infinity;
    for (const m of minima) best = Math.min(best, Math.hypot(x - m[0], y - m[1]));
    out[k] = best;
  }
  return out;
}

const distanceOf = memo((run: Trajectory, spec: string) =>
  distanceSeries(run, JSON.parse(spec) as Vec2[]),
);

export function distance(run: Trajectory, minima: readonly Vec2[]): Float64Array {
  return distanceOf(run, JSON.stringify(minima));
}

/**
 * The lane's effective step size per coordinate (values[0]: x, values[1]: y), reduced to
 * `columns`; computed once per run (the float64 Stepper, core/effectiveStep.ts).
 */
const effectiveOf = memo((lane: { run: Trajectory; resolved: ResolvedRun }, spec: string) =>
  effectiveStepSeries(lane.resolved, Number(spec)),
);
const laneKeys = new WeakMap<Trajectory, { run: Trajectory; resolved: ResolvedRun }>();

export function effectiveSteps(
  run: Trajectory,
  resolved: ResolvedRun,
  columns: number,
): ReducedSeries {
  let key = laneKeys.get(run);
  if (!key || key.resolved.steps !== resolved.steps) laneKeys.set(run, (key = { run, resolved }));
  return effectiveOf(key, String(columns));
}

/** [lo, hi] over the finite (and on a log axis positive) values of every series. */
export function domainOf(
  series: readonly ArrayLike<number>[],
  log: boolean,
): readonly [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let k = 0; k < s.length; k++) {
      const v = s[k]!;
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi >= lo)) return undefined;
  // Kept finite for values near the float64 limit (a run blowing up): an infinite end would
  // give the axis NaN ticks.
  const finite = (v: number) => Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, v));
  if (log) return [lo / 1.25, finite(hi * 1.25)];
  const pad = (hi / 2 - lo / 2) * 0.1 || Math.abs(hi) * 0.05 || 1;
  return [finite(lo - pad), finite(hi + pad)];
}
