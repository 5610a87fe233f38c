// The basin map's batch kind: for each visible lane, a grid of start points over the view,
// every run read back as its summary (where it ended, when it settled); the float64 path on a
// coarser grid without WebGPU.

import { create } from 'zustand';
import type { Config } from '../../core/config';
import { planBasins } from '../../core/explore/basins';
import type { SummaryTable } from '../../core/explore/summary';
import type { ResolvedRun, ViewWindow } from '../../core/types';
import { pushMessage } from '../store';
import { i18n } from '../i18n';
import { registerBatchKind, type GpuJob } from '../compute/kinds';
import { laneRun, resolveSurface } from '../runs';
import { summarySlices } from './summarySlices';

/** Start points per side on the CPU fallback. */
export const CPU_BASIN_CELLS = 48;
/** A step shorter than this fraction of the view's diagonal counts as settled. */
const SETTLE_FRACTION = 1e-4;

export interface BasinLanePlan {
  readonly laneId: string;
  readonly firstRun: number;
}

export interface BasinPlan {
  readonly runs: ResolvedRun[];
  readonly lanes: readonly BasinLanePlan[];
  readonly cells: number;
  readonly view: ViewWindow;
  readonly steps: number;
}

export interface BasinResults {
  readonly key: string;
  readonly plan: BasinPlan;
  readonly table: SummaryTable;
  readonly engine: 'gpu' | 'cpu';
  readonly seconds: number;
}

export const useBasinResults = create<{ results: BasinResults | null }>()(() => ({
  results: null,
}));

export function basinsKey(config: Config): string {
  return JSON.stringify([
    config.surface,
    config.steps,
    config.seed,
    config.view,
    config.explore.basins.cells,
    config.lanes.filter((l) => l.visible).map((l) => [l.id, l.optimizer, l.schedule, l.clip]),
  ]);
}

function planBasinRuns(config: Config, maxCells = Infinity): BasinPlan {
  const cells = Math.min(config.explore.basins.cells, maxCells);
  const { view } = config;
  const diagonal = Math.hypot(view.xMax - view.xMin, view.yMax - view.yMin);
  const track = { lossThreshold: -Infinity, settleTolerance: SETTLE_FRACTION * diagonal };
  const surface = resolveSurface(config);
  const runs: ResolvedRun[] = [];
  const lanes: BasinLanePlan[] = [];
  for (const lane of config.lanes.filter((l) => l.visible)) {
    const base = laneRun(config, lane, surface);
    if (typeof base === 'string') {
      pushMessage('warning', i18n.t('messages.basins', { text: base }));
      continue;
    }
    lanes.push({ laneId: lane.id, firstRun: runs.length });
    for (const r of planBasins({ ...base, track }, view, cells, cells)) runs.push(r);
  }
  return { runs, lanes, cells, view, steps: config.steps };
}

interface BasinJob extends GpuJob {
  readonly plan: BasinPlan;
  readonly key: string;
  readonly startedAt: number;
}

registerBatchKind<BasinJob>({
  id: 'basins',
  priority: 20,
  label: 'Basin map',
  output: 'read',
  active: (config) => config.mode === 'basins',
  key: basinsKey,
  plan(config) {
    const plan = planBasinRuns(config);
    if (plan.runs.length === 0) return null;
    const recordEvery = Math.max(1, plan.steps);
    return {
      runs: plan.runs,
      recordEvery,
      plan,
      key: basinsKey(config),
      startedAt: performance.now(),
    };
  },
  async publish(job, batch) {
    const table = await batch.readSummaries();
    const seconds = (performance.now() - job.startedAt) / 1000;
    useBasinResults.setState({
      results: { key: job.key, plan: job.plan, table, engine: 'gpu', seconds },
    });
  },
  dropGpu() {
    // Summaries are plain arrays: they stay valid without the device.
  },
  cpu(config) {
    const plan = planBasinRuns(config, CPU_BASIN_CELLS);
    if (plan.runs.length === 0) return null;
    const key = basinsKey(config);
    return summarySlices(plan.runs, (table, seconds) =>
      useBasinResults.setState({ results: { key, plan, table, engine: 'cpu', seconds } }),
    );
  },
});
