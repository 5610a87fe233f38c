// Compute orchestration: whenever the part of the config that changes the runs changes, plan
// the runs (runs.ts) and execute them, at most once per animation frame.
//
// - Every lane's main run is simulated in float64 on the CPU, synchronously in the frame the
//   config changed: the charts, the explain panel and the exports read these exact numbers,
//   and the default sizes (a few lanes × a few hundred steps) take well under a millisecond.
// - With WebGPU, all runs (main runs and swarms) also run in one batch on the GPU; the map
//   draws their record buffers straight from the GPU (Results.gpu). A new config while a batch
//   is in flight marks it dirty; the newest config runs next (no queue of stale work).
// - Without WebGPU, swarms are simulated on the CPU at reduced size into Results.records.
// - In the grid view, every visible lane also runs on every surface in one more GPU batch
//   (Results.grid).
// - The map draws the published batch while the next one is prepared in the spare batch's
//   buffers (double buffering): results.ts never hands out destroyed or half-written buffers.
// - Device lost: a notice, a fresh device and engine, the same config recomputed.

import type { Config } from '../core/config';
import { simulate } from '../core/simulate';
import type { Trajectory } from '../core/types';
import { RECORD_FLOATS, recordsPerRun } from '../gpu/records';
import { BatchEngine, type Batch } from '../gpu/engine';
import { DEFAULT_REGISTRY } from '../gpu/registry';
import { GpuOwner } from '../gpu/device';
import { gridRunsKey, planGridRuns, planRuns, type RunPlan } from './runs';
import { publishResults, getResults, type LaneResult, type Results } from './results';
import { bumpResults, pushMessage, setGpuMs, setGpuStatus, useStore } from './store';
import { messageOf } from '../core/errors';

/**
 * Run-steps (runs × iterations) up to which the main batch is encoded in one submission and
 * published at once, without waiting for the GPU: the queue orders the map's next frame after
 * it, so the frame that follows a slider move already draws the new paths. Measured in headless
 * Chromium on SwiftShader, default lanes (4 × 500 steps): η slider key → new GPU paths drawn
 * went from ≈ 300–560 ms (waiting on onSubmittedWorkDone behind the map's frame, then on the
 * batch and its error scopes) to a frame or two. Larger batches step in the engine's bounded
 * submissions (run()), so a huge swarm never sits in one command buffer.
 */
const DIRECT_SUBMIT_STEPS = 4_000_000;
/** Swarm size per lane on the CPU fallback. */
export const CPU_MAX_SWARM = 400;
/** Records the GPU batch may hold (16 bytes each): beyond it, every n-th step is recorded. */
const GPU_RECORD_BUDGET = 8_000_000;

/** The config fields that change the runs (the scrubbed step, names, colours do not). */
export function computeKey(c: Config): string {
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

interface BatchSlot {
  /** The batch whose buffers results.ts hands to the map. */
  published: Batch | null;
  /** The one drawn before it: its buffers are reused by the next prepare. */
  spare: Batch | null;
}

interface GpuState {
  /**
   * Held for the device's lifetime: with only the device referenced, Chromium (Dawn) can
   * collect the adapter and its instance ("A valid external Instance reference no longer
   * exists") and the device is lost as 'destroyed'.
   */
  adapter: GPUAdapter;
  device: GPUDevice;
  engine: BatchEngine;
  main: BatchSlot;
  grid: BatchSlot;
  adapterName: string;
}

let gpu: GpuState | null = null;
let gpuBusy = false;
/**
 * A direct submission (per kind) the GPU has not finished: the next config goes the waiting
 * way (Batch.run() in pumpGpu), so a slow GPU (SwiftShader: ≈1.2 s for 4 × 10,000 steps) never
 * collects a backlog of batches while a slider or a drag produces a config per frame.
 */
const directInFlight = { main: false, grid: false };
let gpuDirty = false;
let lastKey = '';
/** computeKey / gridRunsKey of the batches published in results.ts. */
let publishedGpuKey = '';
let publishedGridKey = '';
let frame = 0;
let started = false;
let generation = 0;
let version = 0;

function mainTrajectories(plan: RunPlan): (Trajectory | null)[] {
  return plan.lanes.map((l) => {
    const run = l.firstRun >= 0 ? plan.runs[l.firstRun] : undefined;
    return run ? simulate(run) : null;
  });
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

/** Runs the current config now (synchronously for the CPU part). */
function computeNow(): void {
  frame = 0;
  const config = useStore.getState().config;
  const key = computeKey(config);
  if (key === lastKey) return;
  lastKey = key;
  // On the CPU fallback the grid view simulates its own runs (src/ui/map/gridRuns.ts).
  const t0 = performance.now();
  const onGpu = gpu !== null;
  const plan = planRuns(config, onGpu ? Infinity : CPU_MAX_SWARM);
  for (const p of plan.problems) pushMessage('warning', p);
  let mains: (Trajectory | null)[];
  try {
    mains = mainTrajectories(plan);
  } catch (error) {
    pushMessage('error', `Computing the runs failed: ${String(error)}`);
    return;
  }
  // Small batches go to the GPU now, in this frame, and are published with the CPU results.
  const direct =
    gpu && !gpuBusy && !directInFlight.main ? submitDirect(gpu, config, key, plan) : null;
  // The GPU failed just now: the CPU takes over in the next frame (fallBackToCpu scheduled it).
  if (onGpu && !gpu) return;
  const previous = getResults();
  version++;
  publishResults({
    lanes: laneResults(plan, mains),
    steps: config.steps,
    runCount: plan.runs.length,
    recordsPerRun: recordsPerRun(config.steps, 1),
    recordEvery: 1,
    // Until the new batch lands, the map keeps drawing the previous GPU batch.
    gpu: direct ?? (onGpu ? previous.gpu : null),
    gpuPending: onGpu && !direct,
    grid: onGpu ? previous.grid : null,
    records: onGpu ? null : cpuRecords(plan, mains, config.steps),
    surfaceId: config.surface.id,
    version,
  });
  bumpResults(performance.now() - t0);
  if (onGpu && (!direct || config.mode === 'grid')) {
    gpuDirty = true;
    void pumpGpu();
  }
}

function recordEveryFor(steps: number, runCount: number): number {
  return Math.max(1, Math.ceil(((steps + 1) * runCount) / GPU_RECORD_BUDGET));
}

/**
 * Prepares the main runs and submits all their steps in one command buffer, without waiting:
 * WebGPU runs submissions in order, so every later frame reads finished records. GPU errors
 * come back through an error scope (and, as before, a lost device through device.lost).
 * Returns null when the batch is too large for one submission.
 */
function submitDirect(
  state: GpuState,
  config: Config,
  key: string,
  plan: RunPlan,
): Results['gpu'] | null {
  if (plan.runs.length * (config.steps + 1) > DIRECT_SUBMIT_STEPS) return null;
  const recordEvery = recordEveryFor(config.steps, plan.runs.length);
  const batch = submitNow(state, 'main', plan.runs, recordEvery);
  if (!batch) return null;
  swapIn(state, 'main', batch);
  publishedGpuKey = key;
  return {
    chunks: batch.chunks,
    recordEvery,
    recordsPerRun: recordsPerRun(config.steps, recordEvery),
  };
}

/**
 * Prepares `runs` and submits all their steps in one command buffer without waiting (see
 * DIRECT_SUBMIT_STEPS); GPU errors come back through error scopes, a lost device through
 * device.lost. Null when that failed (then already reported).
 */
function submitNow(
  state: GpuState,
  kind: 'main' | 'grid',
  runs: RunPlan['runs'],
  recordEvery: number,
): Batch | null {
  const { device } = state;
  let batch: Batch;
  try {
    batch = prepare(state, kind, runs, recordEvery);
  } catch (error) {
    handleGpuFailure(error);
    return null;
  }
  const myGeneration = generation;
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let thrown: unknown = null;
  let submitted = 0;
  try {
    const encoder = device.createCommandEncoder({ label: `compute.${kind}` });
    batch.encodeSteps(encoder, batch.iterations);
    submitted = performance.now();
    device.queue.submit([encoder.finish()]);
  } catch (error) {
    thrown = error;
  }
  const scopes = [device.popErrorScope(), device.popErrorScope()];
  if (thrown !== null) {
    scopes.forEach((p) => p.catch(() => undefined));
    state[kind].spare ??= batch;
    handleGpuFailure(thrown);
    return null;
  }
  void Promise.all(scopes).then(
    (errors) => {
      const error = errors.find((e) => e !== null);
      if (error && myGeneration === generation) handleGpuFailure(new Error(error.message));
    },
    () => undefined, // a lost device rejects the pops; device.lost reports it
  );
  directInFlight[kind] = true;
  const done = (): void => {
    if (myGeneration === generation) directInFlight[kind] = false;
  };
  device.queue.onSubmittedWorkDone().then(() => {
    if (kind === 'main' && myGeneration === generation) setGpuMs(performance.now() - submitted);
    done();
  }, done);
  return batch;
}

/**
 * Prepares `runs` in a batch, reusing the buffers of the spare batch of that kind (never those
 * of the batch the map is drawing: publishing swaps them, so the map always has valid buffers).
 */
function prepare(
  state: GpuState,
  kind: 'main' | 'grid',
  runs: RunPlan['runs'],
  recordEvery: number,
): Batch {
  const slot = state[kind];
  const spare = slot.spare;
  slot.spare = null;
  return state.engine.prepare(runs, spare ? { recordEvery, reuse: spare } : { recordEvery });
}

/** The batch becomes the one drawn; the one drawn before becomes the spare. */
function swapIn(state: GpuState, kind: 'main' | 'grid', batch: Batch): void {
  const slot = state[kind];
  slot.spare?.destroy();
  slot.spare = slot.published;
  slot.published = batch;
}

/** Runs the newest config on the GPU; a config change while running re-runs once afterwards. */
async function pumpGpu(): Promise<void> {
  if (gpuBusy || !gpu) return;
  gpuBusy = true;
  const myGeneration = generation;
  try {
    while (gpuDirty && gpu && myGeneration === generation) {
      gpuDirty = false;
      const state = gpu;
      const config = useStore.getState().config;
      const key = computeKey(config);
      if (key !== publishedGpuKey) {
        const plan = planRuns(config, Infinity);
        const t0 = performance.now();
        const recordEvery = recordEveryFor(config.steps, plan.runs.length);
        const batch = prepare(state, 'main', plan.runs, recordEvery);
        const ran = performance.now();
        await batch.run();
        setGpuMs(performance.now() - ran);
        // A newer config is waiting (or its CPU part has not run yet): run that one instead.
        if (myGeneration !== generation || gpuDirty || key !== lastKey) {
          if (myGeneration === generation) state.main.spare ??= batch;
          continue;
        }
        swapIn(state, 'main', batch);
        publishedGpuKey = key;
        version++;
        publishResults({
          ...getResults(),
          gpu: {
            chunks: batch.chunks,
            recordEvery,
            recordsPerRun: recordsPerRun(config.steps, recordEvery),
          },
          gpuPending: false,
          version,
        });
        bumpResults(performance.now() - t0);
      }
      if (config.mode === 'grid') await runGrid(state, config, myGeneration);
    }
  } catch (error) {
    if (myGeneration === generation) handleGpuFailure(error);
  } finally {
    gpuBusy = false;
  }
}

/** The grid view's runs (every visible lane on every surface) in one batch. */
async function runGrid(state: GpuState, config: Config, myGeneration: number): Promise<void> {
  const key = gridRunsKey(config);
  if (key === publishedGridKey) return;
  const plan = planGridRuns(config);
  const recordEvery = recordEveryFor(config.steps, plan.runs.length);
  let batch: Batch | null;
  if (plan.runs.length * (config.steps + 1) <= DIRECT_SUBMIT_STEPS && !directInFlight.grid) {
    batch = submitNow(state, 'grid', plan.runs, recordEvery);
    if (!batch) return;
  } else {
    batch = prepare(state, 'grid', plan.runs, recordEvery);
    await batch.run();
  }
  if (myGeneration !== generation || gpuDirty) {
    if (myGeneration === generation) state.grid.spare ??= batch;
    return;
  }
  swapIn(state, 'grid', batch);
  publishedGridKey = key;
  version++;
  publishResults({
    ...getResults(),
    grid: {
      key,
      chunks: batch.chunks,
      recordEvery,
      recordsPerRun: recordsPerRun(config.steps, recordEvery),
      steps: config.steps,
      runCount: plan.runs.length,
      cells: plan.cells,
    },
    version,
  });
  bumpResults(0);
}

function handleGpuFailure(error: unknown): void {
  const text = messageOf(error);
  if (/lost/i.test(text)) return; // device.lost handles it
  pushMessage('error', `The GPU engine failed (${text}); running on the CPU instead.`);
  fallBackToCpu(`the GPU engine failed: ${text}`);
}

/** The map must not draw buffers of a device that is gone. */
function dropGpuResults(): void {
  publishedGpuKey = '';
  publishedGridKey = '';
  version++;
  publishResults({ ...getResults(), gpu: null, grid: null, gpuPending: false, version });
  bumpResults(0);
}

function fallBackToCpu(reason: string): void {
  generation++;
  directInFlight.main = false;
  directInFlight.grid = false;
  gpu = null;
  dropGpuResults();
  setGpuStatus({ kind: 'cpu-fallback', reason });
  lastKey = '';
  schedule();
}

/** Asks for a compute in the next animation frame (coalesced). */
export function schedule(): void {
  if (frame !== 0) return;
  frame = requestAnimationFrame(computeNow);
}

let owner: GpuOwner | null = null;
/** Set by a device loss until a new device is running (or the CPU takes over). */
let lostMessage: string | null = null;

async function startGpu(): Promise<void> {
  const myGeneration = generation;
  const current = owner;
  if (!current) return;
  const acquired = await current.acquire();
  if (myGeneration !== generation || owner !== current) return;
  if (!acquired.ok) {
    const lost = lostMessage;
    lostMessage = null;
    if (lost)
      pushMessage('warning', `${lost}. No new GPU device could be had; continuing on the CPU.`);
    fallBackToCpu(acquired.reason);
    return;
  }
  try {
    const engine = await BatchEngine.create(acquired.device, { registry: DEFAULT_REGISTRY });
    if (myGeneration !== generation) return;
    const info = acquired.adapter.info;
    const adapterName =
      [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'GPU';
    gpu = {
      adapter: acquired.adapter,
      device: acquired.device,
      engine,
      main: { published: null, spare: null },
      grid: { published: null, spare: null },
      adapterName,
    };
    publishedGpuKey = '';
    publishedGridKey = '';
    setGpuStatus({ kind: 'webgpu', adapter: adapterName });
    if (lostMessage)
      pushMessage('warning', `${lostMessage}. Recovered on a new device; your setup is kept.`);
    lostMessage = null;
    lastKey = '';
    schedule();
  } catch (error) {
    if (myGeneration !== generation) return;
    fallBackToCpu(`starting the GPU engine failed: ${messageOf(error)}`);
  }
}

/** Device lost (a driver reset, or a test destroying it): a new device, the same config. */
function onDeviceLost(message: string): void {
  generation++;
  directInFlight.main = false;
  directInFlight.grid = false;
  gpu = null;
  gpuBusy = false;
  dropGpuResults();
  lostMessage = message.replace(/\.+$/, '');
  setGpuStatus({ kind: 'pending' });
  void startGpu();
}

/** The GPU device in use (for the map views and tests), or null on the CPU fallback. */
export function gpuDevice(): GPUDevice | null {
  return gpu?.device ?? null;
}

/** Starts watching the store; returns a disposer (StrictMode mounts twice). */
export function startCompute(): () => void {
  if (started) return () => undefined;
  started = true;
  owner = new GpuOwner({
    onLost: (message) => onDeviceLost(message),
    onError: (message) => pushMessage('error', message),
  });
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.config === prev.config) return;
    if (computeKey(s.config) !== lastKey) schedule();
    else if (gpu && s.config.mode === 'grid' && gridRunsKey(s.config) !== publishedGridKey) {
      gpuDirty = true;
      void pumpGpu();
    }
  });
  schedule();
  void startGpu();
  return () => {
    unsubscribe();
    started = false;
    generation++;
    directInFlight.main = false;
    directInFlight.grid = false;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    lastKey = '';
    const g = gpu;
    gpu = null;
    for (const slot of g ? [g.main, g.grid] : []) {
      slot.published?.destroy();
      slot.spare?.destroy();
    }
    owner?.dispose();
    owner = null;
  };
}
