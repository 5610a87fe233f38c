// The map's main batch kind: every lane's run from the config's start point plus the swarm
// runs (src/ui/runs.ts), published in src/ui/results.ts.
//
// - Every lane's main run is simulated in float64 on the CPU, synchronously in the frame the
//   config changed: the charts, the explain panel and the exports read these exact numbers,
//   and the default sizes (a few lanes × a few hundred steps) take well under a millisecond.
// - With WebGPU, all runs (main runs and swarms) also run in one batch on the GPU; the map
//   draws their record buffers straight from the GPU (Results.gpu). Until it lands, the map
//   keeps drawing the previous batch.
// - Without WebGPU, the main runs' records are published at once and the swarms (at reduced
//   size) are simulated in slices between frames (the cpu() part), so the page answers input
//   whatever the settings; the records keep every n-th step within CPU_RECORD_BUDGET.

import type { Config } from '../../core/config';
import { simulate } from '../../core/simulate';
import type { Trajectory } from '../../core/types';
import { RECORD_FLOATS, recordsPerRun } from '../../gpu/records';
import { planRuns, type RunPlan } from '../runs';
import { publishResults, getResults, type LaneResult } from '../results';
import { bumpResults, pushMessage, setGpuMs, useStore } from '../store';
import { registerBatchKind, type CpuSlice, type GpuJob } from './kinds';

/** Swarm size per lane on the CPU fallback. */
export const CPU_MAX_SWARM = 400;
/** Records the GPU batch may hold (16 bytes each): beyond it, every n-th step is recorded. */
const GPU_RECORD_BUDGET = 8_000_000;
/**
 * Records the CPU fallback keeps (16 bytes each, 8 MB); the float64 runs are not kept. The
 * canvas-2D map draws every record of every run, so this also bounds a frame's drawing.
 */
const CPU_RECORD_BUDGET = 500_000;
/** A CPU slice's time budget: the page stays responsive between slices. */
const CPU_SLICE_MS = 12;
/** How often a slice publishes the swarm runs done so far, so the map fills in. */
const CPU_PUBLISH_MS = 1000;

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

/** The CPU fallback's records of the current config, filled in by the cpu() slices. */
interface CpuBatch {
  readonly key: string;
  readonly plan: RunPlan;
  readonly records: Float32Array;
  readonly recordEvery: number;
  readonly perRun: number;
  /** The swarm runs (all runs but the lanes' main runs) still to simulate, in order. */
  readonly todo: readonly number[];
}

let cpuBatch: CpuBatch | null = null;

/** Writes run r's trajectory into the records.ts layout, every `every`-th step. */
function writeRecords(batch: CpuBatch, r: number, t: Trajectory): void {
  const { records, perRun, recordEvery } = batch;
  for (let k = 0; k < perRun; k++) {
    const step = k * recordEvery;
    const at = (r * perRun + k) * RECORD_FLOATS;
    records[at] = t.x[2 * step] ?? NaN;
    records[at + 1] = t.x[2 * step + 1] ?? NaN;
    records[at + 2] = t.loss[step] ?? NaN;
    records[at + 3] = t.lr[step] ?? NaN;
  }
}

/** The fallback's records with the main runs written; the swarms follow in slices. */
function startCpuBatch(
  key: string,
  plan: RunPlan,
  mains: readonly (Trajectory | null)[],
  steps: number,
): CpuBatch {
  const recordEvery = recordEveryFor(steps, plan.runs.length, CPU_RECORD_BUDGET);
  const perRun = recordsPerRun(steps, recordEvery);
  const records = new Float32Array(plan.runs.length * perRun * RECORD_FLOATS).fill(NaN);
  const mainRuns = new Set(plan.lanes.map((l) => l.firstRun));
  const todo = plan.runs.map((_, r) => r).filter((r) => !mainRuns.has(r));
  const batch: CpuBatch = { key, plan, records, recordEvery, perRun, todo };
  plan.lanes.forEach((l, i) => {
    const main = mains[i];
    if (l.firstRun >= 0 && main) writeRecords(batch, l.firstRun, main);
  });
  return batch;
}

/** The swarm runs of `batch` a slice at a time; publishes what is done every CPU_PUBLISH_MS. */
function cpuSwarmSlices(batch: CpuBatch): CpuSlice | null {
  if (batch.todo.length === 0) return null;
  let next = 0;
  let publishedAt = performance.now();
  return () => {
    if (cpuBatch !== batch) return 1; // a newer config took over
    const until = performance.now() + CPU_SLICE_MS;
    while (next < batch.todo.length && performance.now() < until) {
      const r = batch.todo[next++]!;
      writeRecords(batch, r, simulate(batch.plan.runs[r]!));
    }
    const done = next >= batch.todo.length;
    if (done || performance.now() - publishedAt > CPU_PUBLISH_MS) {
      publishedAt = performance.now();
      publish({});
    }
    return done ? 1 : next / batch.todo.length;
  };
}

function recordEveryFor(steps: number, runCount: number, budget = GPU_RECORD_BUDGET): number {
  return Math.max(1, Math.ceil(((steps + 1) * runCount) / budget));
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
    cpuBatch = onGpu ? null : startCpuBatch(computeKey(config), plan, mains, config.steps);
    publish(
      {
        lanes: laneResults(plan, mains),
        steps: config.steps,
        runCount: plan.runs.length,
        recordsPerRun: cpuBatch?.perRun ?? recordsPerRun(config.steps, 1),
        recordEvery: cpuBatch?.recordEvery ?? 1,
        // Until the new batch lands, the map keeps drawing the previous GPU batch.
        gpu: onGpu ? getResults().gpu : null,
        gpuPending: onGpu,
        records: cpuBatch?.records ?? null,
        surfaceId: config.surface.id,
      },
      performance.now() - t0,
    );
  },
  cpu(config) {
    const batch = cpuBatch;
    return batch && batch.key === computeKey(config) ? cpuSwarmSlices(batch) : null;
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
