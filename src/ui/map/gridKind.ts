// The grid view's batch kind: every visible lane on every surface in one batch on the
// device's engine (src/ui/compute/), drawn by SurfaceGrid straight from its record buffers.
// The float64 CPU picture (gridRuns.ts computeGridRuns) is the view's own business.

import { create } from 'zustand';
import { recordsPerRun } from '../../gpu/records';
import { registerBatchKind, type GpuJob } from '../compute/kinds';
import { gridKey, planGridRuns, type GridPlan, type GridRuns } from './gridRuns';

/** Records the grid batch may hold (16 bytes each); beyond it every n-th step is recorded. */
const GPU_GRID_RECORDS = 4_000_000;

/** The grid batch last published (null: none yet, or the device is gone). */
export const useGridResults = create<{ runs: GridRuns | null }>()(() => ({ runs: null }));

interface GridJob extends GpuJob {
  readonly plan: GridPlan;
  readonly steps: number;
  readonly key: string;
}

registerBatchKind<GridJob>({
  id: 'grid',
  priority: 10,
  label: 'All surfaces',
  output: 'draw',
  active: (config) => config.mode === 'grid',
  key: gridKey,
  plan(config) {
    const plan = planGridRuns(config);
    const steps = config.steps;
    const recordEvery = Math.max(
      1,
      Math.ceil(((steps + 1) * Math.max(1, plan.runs.length)) / GPU_GRID_RECORDS),
    );
    return { runs: plan.runs, recordEvery, plan, steps, key: gridKey(config) };
  },
  publish(job, batch) {
    const runs: GridRuns = {
      source: {
        chunks: batch.chunks,
        records: null,
        recordsPerRun: recordsPerRun(job.steps, job.recordEvery),
        recordEvery: job.recordEvery,
        steps: job.steps,
        runCount: job.runs.length,
      },
      cells: job.plan.cells.map((c) => ({ ...c, diverged: 0, bestLoss: null })),
      key: job.key,
    };
    useGridResults.setState({ runs });
    // The cells' diverged counts, once the batch has run (the paths draw before that).
    void batch.readStatus().then(
      (statuses) => {
        if (useGridResults.getState().runs !== runs) return;
        const cells = runs.cells.map((c) => ({
          ...c,
          diverged: c.groups.filter((g) => statuses[g.firstRun]?.status === 'diverged').length,
        }));
        useGridResults.setState({ runs: { ...runs, cells } });
      },
      () => undefined, // replaced or the device is gone: nothing to count
    );
  },
  dropGpu() {
    useGridResults.setState({ runs: null });
  },
});
