// The hyperparameter map's batch kind: the sweep's runs on the device's engine, read back as
// one summary row per run (final point and loss, first step under the threshold, divergence),
// or, without WebGPU, the float64 path on a coarser grid in slices.

import { create } from 'zustand';
import type { Config } from '../../core/config';
import type { SummaryTable } from '../../core/explore/summary';
import { pushMessage } from '../store';
import { i18n } from '../i18n';
import { registerBatchKind, type GpuJob } from '../compute/kinds';
import { planSweepRuns, type SweepPlan } from './sweepPlan';
import { summarySlices } from './summarySlices';

/** Runs per axis the CPU fallback sweeps (48 × 48 × 500 steps: a few seconds in float64). */
export const CPU_SWEEP_CELLS = 48;

export interface SweepResults {
  readonly key: string;
  readonly plan: SweepPlan;
  readonly table: SummaryTable;
  readonly engine: 'gpu' | 'cpu';
  /** Wall time from plan to published, seconds. */
  readonly seconds: number;
}

export const useSweepResults = create<{ results: SweepResults | null; problem: string | null }>()(
  () => ({ results: null, problem: null }),
);

/** What changes the sweep's runs (not the colouring, names or the scrubbed step). */
export function sweepKey(config: Config): string {
  const s = config.explore.sweep;
  return JSON.stringify([
    config.surface,
    config.steps,
    config.start,
    config.seed,
    s.lane,
    s.x,
    s.y,
    s.threshold,
    config.lanes.map((l) => [l.id, l.visible, l.optimizer, l.schedule, l.clip]),
  ]);
}

interface SweepJob extends GpuJob {
  readonly plan: SweepPlan;
  readonly key: string;
  readonly startedAt: number;
}

function planOrReport(config: Config, maxCells?: number): SweepPlan | null {
  const plan = planSweepRuns(config, maxCells);
  if (typeof plan === 'string') {
    useSweepResults.setState({ problem: plan });
    return null;
  }
  useSweepResults.setState({ problem: null });
  for (const p of plan.problems) pushMessage('warning', i18n.t('messages.sweep', { text: p }));
  return plan;
}

registerBatchKind<SweepJob>({
  id: 'sweep',
  priority: 20,
  label: 'Hyperparameter map',
  output: 'read',
  active: (config) => config.mode === 'sweep',
  key: sweepKey,
  plan(config) {
    const plan = planOrReport(config);
    if (!plan) return null;
    // Only the start and the end are recorded: the summaries need the final point.
    const recordEvery = Math.max(1, plan.steps);
    return {
      runs: plan.runs,
      recordEvery,
      plan,
      key: sweepKey(config),
      startedAt: performance.now(),
    };
  },
  async publish(job, batch) {
    const table = await batch.readSummaries();
    useSweepResults.setState({
      results: {
        key: job.key,
        plan: job.plan,
        table,
        engine: 'gpu',
        seconds: (performance.now() - job.startedAt) / 1000,
      },
    });
  },
  dropGpu() {
    // Summaries are plain arrays: they stay valid without the device.
  },
  cpu(config) {
    const plan = planOrReport(config, CPU_SWEEP_CELLS);
    if (!plan) return null;
    const key = sweepKey(config);
    return summarySlices(plan.runs, (table, seconds) =>
      useSweepResults.setState({ results: { key, plan, table, engine: 'cpu', seconds } }),
    );
  },
});
