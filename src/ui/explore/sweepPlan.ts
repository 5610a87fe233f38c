// From the config to a hyperparameter sweep's runs: the swept lane's run from the config's
// start with one or two of its parameters varied over their axes (src/core/explore/sweep.ts),
// or, for a 1-D sweep, the same parameter over the same axis for every visible lane that has
// it (the learning-rate range plot).

import type { Config, LaneConfig } from '../../core/config';
import type { SweepAxisConfig } from '../../core/explore/config';
import { axisParam, planSweep, sweepValues, type SweepAxis } from '../../core/explore/sweep';
import type { ResolvedRun } from '../../core/types';
import { messageOf } from '../../core/errors';
import { laneRun, resolveSurface } from '../runs';
import { i18n } from '../i18n';

/** One lane's part of the sweep batch. */
export interface SweepLanePlan {
  readonly laneId: string;
  readonly firstRun: number;
  readonly runCount: number;
  /** The values the runs used per axis (clamped into the parameter's range). */
  readonly values: readonly number[][];
}

export interface SweepPlan {
  readonly runs: ResolvedRun[];
  /** The axes with the scale of the swept parameter. */
  readonly axes: readonly [SweepAxis] | readonly [SweepAxis, SweepAxis];
  readonly lanes: readonly SweepLanePlan[];
  readonly steps: number;
  /** Why a lane is not in the sweep (it has no such parameter...). */
  readonly problems: readonly string[];
}

/** The lane a 2-D sweep varies: the chosen one, else the first visible lane. */
export function sweptLane(config: Config): LaneConfig | undefined {
  const id = config.explore.sweep.lane;
  return (
    config.lanes.find((l) => l.id === id) ?? config.lanes.find((l) => l.visible) ?? config.lanes[0]
  );
}

function withScale(base: ResolvedRun, axis: SweepAxisConfig): SweepAxis {
  const param = axisParam(base, { ...axis, scale: 'linear' });
  return { ...axis, scale: param.scale };
}

function sweepable(base: ResolvedRun, axis: SweepAxisConfig): boolean {
  try {
    axisParam(base, { ...axis, scale: 'linear' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The sweep's runs, each tracking the loss threshold. `maxCells` bounds each axis (the CPU
 * fallback runs a coarser grid over the same ranges).
 */
export function planSweepRuns(config: Config, maxCells = Infinity): SweepPlan | string {
  const s = config.explore.sweep;
  const surface = resolveSurface(config);
  const cap = (a: SweepAxisConfig): SweepAxisConfig => ({
    ...a,
    cells: Math.max(2, Math.min(a.cells, maxCells)),
  });
  const track = { lossThreshold: s.threshold, settleTolerance: 0 };
  const lanes = s.y ? [sweptLane(config)] : config.lanes.filter((l) => l.visible);
  const runs: ResolvedRun[] = [];
  const plans: SweepLanePlan[] = [];
  const problems: string[] = [];
  let axes: SweepPlan['axes'] | null = null;
  for (const lane of lanes) {
    if (!lane) continue;
    const base = laneRun(config, lane, surface);
    if (typeof base === 'string') {
      problems.push(base);
      continue;
    }
    // An axis this lane cannot sweep (SGD has no beta1): said in the interface language.
    const unswept = [s.x, s.y].find((a) => a !== null && !sweepable(base, a));
    if (unswept) {
      problems.push(i18n.t('sweepMessages.noSweepParam', { lane: lane.name, key: unswept.key }));
      continue;
    }
    try {
      const x = withScale(base, cap(s.x));
      const laneAxes: SweepPlan['axes'] = s.y ? [x, withScale(base, cap(s.y))] : [x];
      const laneRuns = planSweep({ ...base, track }, laneAxes);
      plans.push({
        laneId: lane.id,
        firstRun: runs.length,
        runCount: laneRuns.length,
        values: sweepValues(base, laneAxes),
      });
      for (const r of laneRuns) runs.push(r);
      axes ??= laneAxes;
    } catch (error) {
      problems.push(`${lane.name}: ${messageOf(error)}`);
    }
  }
  if (!axes) return problems[0] ?? i18n.t('sweepMessages.noSweepLane');
  return { runs, axes, lanes: plans, steps: config.steps, problems };
}
