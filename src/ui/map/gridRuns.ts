// The grid view's runs: every visible lane on every surface from the surface's default start.
// With WebGPU they run as ONE batch (gridKind.ts: all lanes × all surfaces in one dispatch)
// and the cells draw from its record buffers; the float64 CPU simulation here gives the cell
// titles (best loss) when it is cheap, and the whole picture on the CPU fallback.

import type { Config } from '../../core/config';
import type { ResolvedRun } from '../../core/types';
import { simulate } from '../../core/simulate';
import { ranAwayAt } from '../../core/runaway';
import { RECORD_FLOATS, recordsPerRun } from '../../gpu/records';
import { laneRun, resolveSurface } from '../runs';
import { surfacesOf } from '../registry';
import type { RunGroup, RunSource } from './scene';

export interface GridCellRuns {
  readonly surfaceId: string;
  readonly groups: readonly RunGroup[];
  /** Lanes that diverged on this surface (by the last step). */
  readonly diverged: number;
  /** Lanes that stayed finite but ran away (src/core/runaway.ts). */
  readonly ranAway: number;
  /** Lowest final loss among the lanes, for the cell title. */
  readonly bestLoss: number | null;
}

export interface GridRuns {
  readonly source: RunSource;
  readonly cells: readonly GridCellRuns[];
  readonly key: string;
}

/** What changes the grid's runs (not the scrubbed step, names, or the main surface's view). */
export function gridKey(config: Config): string {
  return JSON.stringify([
    config.steps,
    config.seed,
    config.surface,
    config.lanes.map((l) => [l.id, l.visible, l.color, l.optimizer, l.schedule, l.clip]),
  ]);
}

/** Runs × steps above which the grid does not simulate on the CPU when a GPU can do it. */
export const CPU_GRID_BUDGET = 400_000;

export interface GridPlan {
  readonly runs: ResolvedRun[];
  readonly cells: { readonly surfaceId: string; readonly groups: RunGroup[] }[];
}

/** Lanes × surfaces as resolved runs, surface-major (cell i holds runs i·L … i·L + L − 1). */
export function planGridRuns(config: Config): GridPlan {
  const lanes = config.lanes.filter((l) => l.visible);
  const runs: ResolvedRun[] = [];
  const cells: GridPlan['cells'] = [];
  for (const def of surfacesOf(config)) {
    const surface = resolveSurface(config, def.id);
    const groups: RunGroup[] = [];
    for (const lane of lanes) {
      const run = laneRun(config, lane, surface, def.defaultStart, `${lane.id}@${def.id}`);
      if (typeof run === 'string') continue;
      groups.push({ firstRun: runs.length, runCount: 1, color: lane.color });
      runs.push(run);
    }
    cells.push({ surfaceId: def.id, groups });
  }
  return { runs, cells };
}

export function computeGridRuns(config: Config): GridRuns {
  const steps = config.steps;
  const per = recordsPerRun(steps, 1);
  const lanes = config.lanes.filter((l) => l.visible);
  const trajectories: (Float32Array | null)[] = [];
  const cells: GridCellRuns[] = [];
  for (const def of surfacesOf(config)) {
    const surface = resolveSurface(config, def.id);
    const groups: RunGroup[] = [];
    let diverged = 0;
    let ranAway = 0;
    let best: number | null = null;
    for (const lane of lanes) {
      const run = laneRun(config, lane, surface, def.defaultStart, `${lane.id}@${def.id}`);
      if (typeof run === 'string') continue;
      let t;
      try {
        t = simulate(run);
      } catch {
        continue;
      }
      const rec = new Float32Array(per * RECORD_FLOATS);
      for (let k = 0; k < per; k++) {
        rec[k * 4] = t.x[2 * k] ?? Number.NaN;
        rec[k * 4 + 1] = t.x[2 * k + 1] ?? Number.NaN;
        rec[k * 4 + 2] = t.loss[k] ?? Number.NaN;
        rec[k * 4 + 3] = t.lr[k] ?? Number.NaN;
      }
      if (t.divergedAt !== null) diverged++;
      else if (ranAwayAt(t.x, def.view) !== null) ranAway++;
      const last = t.loss[steps];
      if (last !== undefined && Number.isFinite(last))
        best = best === null ? last : Math.min(best, last);
      groups.push({ firstRun: trajectories.length, runCount: 1, color: lane.color });
      trajectories.push(rec);
    }
    cells.push({ surfaceId: def.id, groups, diverged, ranAway, bestLoss: best });
  }
  const records = new Float32Array(Math.max(1, trajectories.length) * per * RECORD_FLOATS);
  trajectories.forEach((t, i) => {
    if (t) records.set(t, i * per * RECORD_FLOATS);
  });
  return {
    source: {
      chunks: null,
      records,
      recordsPerRun: per,
      recordEvery: 1,
      steps,
      runCount: trajectories.length,
    },
    cells,
    key: gridKey(config),
  };
}
