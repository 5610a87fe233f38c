// The map's main batch kind: every lane's run from the config's start point plus the swarm
// runs (src/ui/runs.ts), published in src/ui/results.ts.
//
// - Every lane's main run is simulated in float64 on the CPU, synchronously in the frame the
//   config changed: the charts, the explain panel and the exports read these exact numbers,
//   and the default sizes (a few lanes × a few hundred steps) take well under a millisecond.
// - With WebGPU, all runs (main runs and swarms) also run in one batch on the GPU; the map
//   draws their record buffers straight from the GPU (Results.gpu). Until it lands, the map
//   keeps drawing the previous batch.
// - Without WebGPU, swarms are simulated on the CPU at reduced size into Results.records.

import type { Config } from '../../core/config';
import { simulate } from '../../core/simulate';
import type { Trajectory } from '../../core/types';
import { RECORD_FLOATS, recordsPerRun } from '../../gpu/records';
import { planRuns, type RunPlan } from '../runs';
import { publishResults, getResults, type LaneResult } from '../results';
import { bumpResults, pushMessage, setGpuMs, useStore } from '../store';
import { registerBatchKind, type GpuJob } from './kinds';

/** Swarm size per lane on the CPU fallback. */
export const CPU_MAX_SWARM = 400;
/** Records the GPU batch may hold (16 bytes each): beyond it, every n-th step is recorded. */
const GPU_RECORD_BUDGET = 8_000_000;

/** The config fields that change the runs (the scrubbed step, names, colours do not). */
function computeKey(c: Config): string {
  const hasSwarm = c.lanes.some((l) => l.swarm);
  return JSON.stringify([
    c.surface,
    c.steps,
    c.start,
    c.seed,
    // How a swarm is drawn does not change the runs.
    c.lanes.map((l) => [
      l.id,
      l.optimizer,
      l.schedule,
      l.clip,
      l.swarm && [l.swarm.kind, l.swarm.count],
      l.noise ?? null,
    ]),
    hasSwarm ? c.view : null,
  ]);
}

/**
 * Each lane's last float64 run and what it was computed from: a lane whose run did not change
 * keeps the same Trajectory object, so the charts and the noise summary redo only the lanes
 * that changed (one slider moves one lane).
 */
let lastMains = new Map<string, { readonly key: string; readonly trajectory: Trajectory }>();

function mainTrajectories(plan: RunPlan, seed: number): (Trajectory | null)[] {
  const next = new Map<string, { key: string; trajectory: Trajectory }>();
  const out = plan.lanes.map((l) => {
    const run = l.firstRun >= 0 ? plan.runs[l.firstRun] : undefined;
    if (!run) return null;
    // The data set is generated from the seed: the key names the seed instead of the points.
    const key = JSON.stringify([seed, run], (k, v: unknown) => (k === 'data' ? undefined : v));
    const prev = lastMains.get(l.laneId);
    const trajectory = prev?.key === key ? prev.trajectory : simulate(run);
    next.set(l.laneId, { key, trajectory });
    return trajectory;
  });
  lastMains = next;
  return out;
}

function laneResults(plan: RunPlan, trajectories: readonly (Trajectory | null)[]): LaneResult[] {
  return plan.lanes.map((l, i) => ({
    laneId: l.laneId,
    run: trajectories[i] ?? null,
    resolved: l.firstRun >= 0 ? (plan.runs[l.firstRun] ?? null) : null,
    firstRun: Math.max(0, l.firstRun),
    runCount: l.runCount,
  }));
}

/** CPU records for the map in the records.ts layout (every step), for the fallback path. */
function cpuRecords(
  plan: RunPlan,
  mains: readonly (Trajectory | null)[],
  steps: number,
): Float32Array {
  const per = recordsPerRun(steps, 1);
  const out = new Float32Array(plan.runs.length * per * RECORD_FLOATS).fill(NaN);
  const mainIndex = new Map<number, Trajectory | null>();
  plan.lanes.forEach((l, i) => mainIndex.set(l.firstRun, mains[i] ?? null));
  plan.runs.forEach((run, r) => {
    const t = mainIndex.has(r) ? mainIndex.get(r) : simulate(run);
    if (!t) return;
    for (let k = 0; k < per; k++) {
      const at = (r * per + k) * RECORD_FLOATS;
      out[at] = t.x[2 * k] ?? NaN;
      out[at + 1] = t.x[2 * k + 1] ?? NaN;
      out[at + 2] = t.loss[k] ?? NaN;
      out[at + 3] = t.lr[k] ?? NaN;
    }
  });
  return out;
}

function recordEveryFor(steps: number, runCount: number): number {
  return Math.max(1, Math.ceil(((steps + 1) * runCount) / GPU_RECORD_BUDGET));
}

let version = 0;

/** computeMs: the CPU time to show; absent for GPU publishes, which keep the last one. */
function publish(patch: Partial<Parameters<typeof publishResults>[0]>, computeMs?: number): void {
  version++;
  publishResults({ ...getResults(), ...patch, version });
  bumpResults(computeMs ?? useStore.getState().view.computeMs);
}

interface MainJob extends GpuJob {
  readonly steps: number;
}

registerBatchKind<MainJob>({
  id: 'main',
  priority: 0,
  label: 'Runs',
  output: 'draw',
  // The map, the charts and Explain read these in every view but the Train page.
  active: (config) => config.mode !== 'train',
  key: computeKey,
  sync(config, onGpu) {
    const t0 = performance.now();
    const plan = planRuns(config, onGpu ? Infinity : CPU_MAX_SWARM);
    for (const p of plan.problems) pushMessage('warning', p);
    const mains = mainTrajectories(plan, config.seed);
    publish(
      {
        lanes: laneResults(plan, mains),
        steps: config.steps,
        runCount: plan.runs.length,
        recordsPerRun: recordsPerRun(config.steps, 1),
        recordEvery: 1,
        // Until the new batch lands, the map keeps drawing the previous GPU batch.
        gpu: onGpu ? getResults().gpu : null,
        gpuPending: onGpu,
        records: onGpu ? null : cpuRecords(plan, mains, config.steps),
        surfaceId: config.surface.id,
      },
      performance.now() - t0,
    );
  },
  plan(config) {
    const { runs } = planRuns(config, Infinity);
    return { runs, recordEvery: recordEveryFor(config.steps, runs.length), steps: config.steps };
  },
  publish(job, batch) {
    publish({
      gpu: {
        chunks: batch.chunks,
        recordEvery: job.recordEvery,
        recordsPerRun: recordsPerRun(job.steps, job.recordEvery),
      },
      gpuPending: false,
    });
  },
  gpuTime: setGpuMs,
  dropGpu() {
    publish({ gpu: null, gpuPending: false });
  },
});
