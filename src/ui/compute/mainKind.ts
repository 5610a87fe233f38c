// The map's main batch kind: every lane's run from the config's start point plus the swarm
// runs (src/ui/runs.ts), published in src/ui/results.ts.
//
// - Every lane's main run is simulated in float64 on the CPU (mainRuns.ts): the charts, the
//   explain panel and the exports read these exact numbers. Short ones (the default sizes)
//   in the frame the config changed, long ones in a worker, published when they arrive.
// - With WebGPU, all runs (main runs and swarms) also run in one batch on the GPU; the map
//   draws their record buffers straight from the GPU (Results.gpu). Until it lands, the map
//   keeps drawing the previous batch.
// - Without WebGPU, the main runs' records are published as they arrive and the swarms (at
//   reduced size) are simulated in slices between frames (the cpu() part), so the page
//   answers input whatever the settings; the records keep every n-th step within
//   CPU_RECORD_BUDGET, written straight from the stepper (no Trajectory per swarm run).

import type { Config } from '../../core/config';
import { sharedPrepared, simulateRecords } from '../../core/sampledRun';
import type { Prepared } from '../../core/stepper';
import type { Trajectory } from '../../core/types';
import { messageOf } from '../../core/errors';
import { RECORD_FLOATS, recordsPerRun, recordStep } from '../../gpu/records';
import { planRuns, type RunPlan } from '../runs';
import { publishResults, getResults, type LaneResult } from '../results';
import { bumpResults, pushMessage, setGpuMs, useStore } from '../store';
import { registerBatchKind, type CpuSlice, type GpuJob } from './kinds';
import { mainRuns, type MainRun } from './mainRuns';

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

function laneResults(plan: RunPlan, mains: readonly (MainRun | null)[]): LaneResult[] {
  return plan.lanes.map((l, i) => ({
    laneId: l.laneId,
    run: mains[i]?.trajectory ?? null,
    effective: mains[i]?.effective ?? null,
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
  /** Per lane index, what its swarm runs share (built on the lane's first swarm run). */
  readonly prepared: Map<number, Prepared | null>;
}

let cpuBatch: CpuBatch | null = null;

/** Writes run r's trajectory into the records.ts layout, every `every`-th step. */
function writeRecords(batch: CpuBatch, r: number, t: Trajectory): void {
  const { records, perRun, recordEvery } = batch;
  const steps = t.loss.length - 1;
  for (let k = 0; k < perRun; k++) {
    const step = recordStep(k, steps, recordEvery);
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
  mains: readonly (MainRun | null)[],
  steps: number,
): CpuBatch {
  const recordEvery = recordEveryFor(steps, plan.runs.length, CPU_RECORD_BUDGET);
  const perRun = recordsPerRun(steps, recordEvery);
  const records = new Float32Array(plan.runs.length * perRun * RECORD_FLOATS).fill(NaN);
  const mainRuns = new Set(plan.lanes.map((l) => l.firstRun));
  const todo = plan.runs.map((_, r) => r).filter((r) => !mainRuns.has(r));
  const batch: CpuBatch = { key, plan, records, recordEvery, perRun, todo, prepared: new Map() };
  writeMains(batch, mains);
  return batch;
}

function writeMains(batch: CpuBatch, mains: readonly (MainRun | null)[]): void {
  batch.plan.lanes.forEach((l, i) => {
    const main = mains[i];
    if (l.firstRun >= 0 && main) writeRecords(batch, l.firstRun, main.trajectory);
  });
}

/** Simulates swarm run r of the batch into its records. */
function simulateSwarmRun(batch: CpuBatch, r: number): void {
  const run = batch.plan.runs[r]!;
  const lane = batch.plan.lanes.findIndex((l) => r >= l.firstRun && r < l.firstRun + l.runCount);
  let prepared = batch.prepared.get(lane);
  if (prepared === undefined) batch.prepared.set(lane, (prepared = sharedPrepared(run)));
  simulateRecords(
    run,
    {
      records: batch.records,
      offset: r * batch.perRun * RECORD_FLOATS,
      stride: RECORD_FLOATS,
      recordEvery: batch.recordEvery,
    },
    prepared,
  );
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
      simulateSwarmRun(batch, batch.todo[next++]!);
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
    const key = computeKey(config);
    const mains = mainRuns(plan, config.seed, (late) => {
      if (late instanceof Error) {
        pushMessage('error', `Computing the runs failed: ${messageOf(late)}`);
        return;
      }
      const all = plan.lanes.map((l, i) => mains[i] ?? late.get(l.laneId) ?? null);
      if (cpuBatch?.key === key) writeMains(cpuBatch, all);
      publish({ lanes: laneResults(plan, all) });
    });
    cpuBatch = onGpu ? null : startCpuBatch(key, plan, mains, config.steps);
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
