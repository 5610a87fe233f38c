// The grid view's batch kind: every visible lane on every surface in one batch on the
// device's engine (src/ui/compute/), drawn by SurfaceGrid straight from its record buffers.
// The float64 CPU picture (gridRuns.ts computeGridRuns) is the view's own business.

import { create } from 'zustand';
import { recordsPerRun } from '../../gpu/records';
import { registerBatchKind, type GpuJob } from '../compute/kinds';
import { gridKey, planGridRuns, type GridPlan, type GridRuns } from './gridRuns';
import { isRunaway } from '../../core/runaway';
import type { ViewWindow } from '../../core/types';
import { surfacesOf } from '../registry';

/** Records the grid batch may hold (16 bytes each); beyond it every n-th step is recorded. */
const GPU_GRID_RECORDS = 4_000_000;

/** The grid batch last published (null: none yet, or the device is gone). */
export const useGridResults = create<{ runs: GridRuns | null }>()(() => ({ runs: null }));

interface GridJob extends GpuJob {
  readonly plan: GridPlan;
  readonly steps: number;
  readonly key: string;
  /** Each cell's surface view, for the ran-away bound. */
  readonly views: ReadonlyMap<string, ViewWindow>;
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
    const views = new Map(surfacesOf(config).map((d) => [d.id, d.view]));
    return { runs: plan.runs, recordEvery, plan, steps, key: gridKey(config), views };
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
      cells: job.plan.cells.map((c) => ({ ...c, diverged: 0, ranAway: 0, bestLoss: null })),
      key: job.key,
    };
    useGridResults.setState({ runs });
    // The cells' diverged and ran-away counts, once the batch has run (the paths draw before
    // that). A run counts as ran away when its last position is beyond the bound.
    void batch.readStatus().then(
      (statuses) => {
        if (useGridResults.getState().runs !== runs) return;
        const cells = runs.cells.map((c) => {
          const view = job.views.get(c.surfaceId);
          const of = c.groups.map((g) => statuses[g.firstRun]);
          return {
            ...c,
            diverged: of.filter((s) => s?.status === 'diverged').length,
            ranAway: of.filter(
              (s) => s && s.status !== 'diverged' && view && isRunaway(s.pos[0], s.pos[1], view),
            ).length,
          };
        });
        useGridResults.setState({ runs: { ...runs, cells } });
      },
      () => undefined, // replaced or the device is gone: nothing to count
    );
  },
  dropGpu() {
    useGridResults.setState({ runs: null });
  },
});
