// From the config to the runs the engines execute: one run per lane from the shared start
// point, then each swarm lane's extra runs (a grid or a seeded cloud over the view window), or
// a noisy lane's runs from the same start with seeds 1..N−1 (its main run is seed 0).

import type { Config, LaneConfig } from '../core/config';
import type { ResolvedRun, SurfaceData, Vec2 } from '../core/types';
import { mulberry32 } from '../core/rng';
import { noisyRun } from '../core/noise';
import { generateData } from '../core/surfaceData';
import { filled, optimizerDef, scheduleDef, surfaceDef, surfaceRefOf } from './registry';

export interface LanePlan {
  readonly laneId: string;
  /** Index of the lane's main run (from the config's start point) in `runs`; −1 when the lane could not run. */
  readonly firstRun: number;
  /** The main run plus the swarm runs; 0 when the lane could not run. */
  readonly runCount: number;
}

export interface RunPlan {
  readonly runs: ResolvedRun[];
  readonly lanes: LanePlan[];
  /** Why a lane could not run (unknown optimizer, invalid schedule for this many steps). */
  readonly problems: string[];
}

/** The surface part of every run of a config, with the generated data set where one is needed. */
export function resolveSurface(
  config: Config,
  surfaceId = config.surface.id,
): ResolvedRun['surface'] {
  const ref = surfaceRefOf(config, surfaceId);
  const def = surfaceDef(ref);
  const params = filled(def.params, surfaceId === config.surface.id ? config.surface.params : {});
  // A typed surface's runs carry its text: every engine finds it from the run alone.
  if (ref.expression !== undefined && def.id === ref.id)
    return { id: def.id, params, expression: ref.expression };
  if (!def.data) return { id: def.id, params };
  const data: SurfaceData = generateData(def.data, config.seed);
  return { id: def.id, params, data };
}

/** Start points of a swarm over the view: grid cell centres, or a seeded uniform cloud. */
export function swarmStarts(
  config: Config,
  lane: LaneConfig,
  laneIndex: number,
  maxCount: number,
): Vec2[] {
  if (!lane.swarm) return [];
  const { xMin, xMax, yMin, yMax } = config.view;
  const count = Math.min(lane.swarm.count, maxCount);
  const out: Vec2[] = [];
  if (lane.swarm.kind === 'grid') {
    const n = Math.max(1, Math.round(Math.sqrt(count)));
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++)
        out.push([xMin + ((i + 0.5) * (xMax - xMin)) / n, yMin + ((j + 0.5) * (yMax - yMin)) / n]);
    return out;
  }
  const rand = mulberry32((config.seed * 0x9e3779b1 + laneIndex) >>> 0);
  for (let k = 0; k < count; k++)
    out.push([xMin + rand() * (xMax - xMin), yMin + rand() * (yMax - yMin)]);
  return out;
}

/** One lane's main run, or a message saying why it cannot run. */
export function laneRun(
  config: Config,
  lane: LaneConfig,
  surface: ResolvedRun['surface'],
  start: Vec2 = config.start,
  id = lane.id,
): ResolvedRun | string {
  const opt = optimizerDef(lane.optimizer.id);
  if (!opt) return `${lane.name}: unknown optimizer ${lane.optimizer.id}`;
  let schedule: ResolvedRun['schedule'] = null;
  if (lane.schedule) {
    const sch = scheduleDef(lane.schedule.id);
    if (!sch) return `${lane.name}: unknown schedule ${lane.schedule.id}`;
    const params = filled(sch.params, lane.schedule.params);
    const err = sch.validateRun?.(params, config.steps);
    if (err) return `${lane.name}: ${err}`;
    schedule = { id: sch.id, params };
  }
  return {
    id,
    surface,
    start,
    optimizer: { id: opt.id, params: filled(opt.params, lane.optimizer.params) },
    schedule,
    clip: lane.clip,
    steps: config.steps,
  };
}

/** Every run of a config; `maxSwarm` caps each swarm and noisy lane (the CPU fallback runs fewer). */
export function planRuns(config: Config, maxSwarm: number): RunPlan {
  const surface = resolveSurface(config);
  const runs: ResolvedRun[] = [];
  const lanes: LanePlan[] = [];
  const problems: string[] = [];
  config.lanes.forEach((lane, laneIndex) => {
    const exact = laneRun(config, lane, surface);
    if (typeof exact === 'string') {
      problems.push(exact);
      lanes.push({ laneId: lane.id, firstRun: -1, runCount: 0 });
      return;
    }
    const noise = lane.noise;
    const main = noise ? noisyRun(exact, noise, 0, lane.id) : exact;
    if (noise) {
      const firstRun = runs.length;
      const count = Math.min(noise.runs, Math.max(1, maxSwarm));
      runs.push(main);
      for (let s = 1; s < count; s++) runs.push(noisyRun(exact, noise, s, `${lane.id}-n${s}`));
      lanes.push({ laneId: lane.id, firstRun, runCount: count });
      return;
    }
    const firstRun = runs.length;
    runs.push(main);
    swarmStarts(config, lane, laneIndex, maxSwarm).forEach((start, k) =>
      runs.push({ ...main, id: `${lane.id}-s${k}`, start }),
    );
    lanes.push({ laneId: lane.id, firstRun, runCount: runs.length - firstRun });
  });
  return { runs, lanes, problems };
}
