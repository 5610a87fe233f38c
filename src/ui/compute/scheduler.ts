// The compute scheduler: whenever the config changes, every registered batch kind
// (kinds.ts) whose view is showing and whose key changed is recomputed, at most once per
// animation frame, all on the one engine of the device (gpuSession.ts).
//
// - A kind's sync() part runs in the frame of the change (the map's float64 main runs).
// - Small 'draw' batches are encoded in one submission and published at once, without
//   waiting: the queue orders the map's next frame after them, so the frame after a slider
//   move already draws the new paths. Measured in headless Chromium on SwiftShader, default
//   lanes (4 × 500 steps): η slider key → new GPU paths drawn went from ≈ 300–560 ms (waiting
//   on onSubmittedWorkDone behind the map's frame) to a frame or two.
// - Everything else runs in pumpGpu(), one batch at a time in priority order, stepping in
//   bounded submissions with a progress bar (jobs.ts) and a Cancel button. A newer config
//   aborts a kind's batch in flight: the newest config runs next, no queue of stale work.
// - Without WebGPU, kinds with a cpu() part run it in slices between frames.

import type { Config } from '../../core/config';
import type { Batch } from '../../gpu/engine';
import { batchKinds, batchKind, onBatchKindRegistered, type BatchKind, type GpuJob } from './kinds';
import { setJob, jobProgress, useJobs } from './jobs';
import {
  currentGpu,
  gpuGeneration,
  handleGpuFailure,
  slotOf,
  startGpuSession,
  type GpuState,
} from './gpuSession';
import { pushMessage, useStore } from '../store';
import { i18n, nameOf } from '../i18n';
import { messageOf } from '../../core/errors';

/** Run-steps (runs × (steps + 1)) up to which a 'draw' batch is submitted in one go. */
const DIRECT_SUBMIT_STEPS = 4_000_000;

/** Per kind: the key whose sync part ran / whose GPU batch was published / the user cancelled. */
const startedKey = new Map<string, string>();
const publishedKey = new Map<string, string>();
const cancelledKey = new Map<string, string>();
/** Kinds whose newest key still has to run on the GPU. */
const dirty = new Set<string>();
/** A direct submission per kind the GPU has not finished: the next one waits (no backlog). */
const directInFlight = new Set<string>();
/** The batch or CPU task of a kind in progress, to abort when its key changes or on Cancel. */
const running = new Map<string, { key: string; controller: AbortController }>();
let gpuBusy = false;
let frame = 0;
let started = false;

function work(job: GpuJob, steps: number): number {
  return job.runs.length * (steps + 1);
}

function abortRunning(kindId: string): void {
  running.get(kindId)?.controller.abort();
  running.delete(kindId);
  setJob(kindId, null);
}

/** Notes a kind's job as running (for its progress bar); abort the controller to stop it. */
function startJob(kind: BatchKind, key: string, engine: 'gpu' | 'cpu'): AbortController {
  const controller = new AbortController();
  running.set(kind.id, { key, controller });
  setJob(kind.id, {
    label: kind.label,
    status: 'running',
    fraction: 0,
    startedAt: performance.now(),
    engine,
  });
  return controller;
}

/** Runs every changed kind for the current config (synchronous parts now). */
function computeNow(): void {
  frame = 0;
  const config = useStore.getState().config;
  for (const kind of batchKinds()) {
    if (!kind.active(config)) continue;
    const key = kind.key(config);
    if (key === startedKey.get(kind.id)) continue;
    startedKey.set(kind.id, key);
    if (running.get(kind.id)?.key !== key) abortRunning(kind.id);
    cancelledKey.delete(kind.id);
    const gpu = currentGpu();
    try {
      kind.sync?.(config, gpu !== null);
    } catch (error) {
      pushMessage('error', i18n.t('messages.runsFailed', { text: messageOf(error) }));
      continue;
    }
    if (gpu) {
      if (!submitDirect(gpu, kind, config, key)) dirty.add(kind.id);
    } else if (useStore.getState().view.gpu.kind === 'cpu-fallback') startCpu(kind, config, key);
    // While WebGPU is starting, the slow kinds wait for it (ready() recomputes everything).
  }
  if (dirty.size > 0) void pumpGpu();
}

/**
 * A small 'draw' batch: prepared, all its steps encoded in one command buffer, submitted and
 * published without waiting. GPU errors come back through error scopes, a lost device
 * through device.lost. False when the kind must go the waiting way.
 */
function submitDirect(state: GpuState, kind: BatchKind, config: Config, key: string): boolean {
  if (kind.output !== 'draw' || gpuBusy || directInFlight.has(kind.id)) return false;
  const job = kind.plan(config);
  if (!job) {
    publishedKey.set(kind.id, key);
    return true;
  }
  if (work(job, config.steps) > DIRECT_SUBMIT_STEPS) return false;
  const { device } = state;
  const myGeneration = gpuGeneration();
  let batch: Batch;
  try {
    batch = prepare(state, kind.id, job);
  } catch (error) {
    handleGpuFailure(error);
    return true;
  }
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let thrown: unknown = null;
  try {
    const encoder = device.createCommandEncoder({ label: `compute.${kind.id}` });
    batch.encodeSteps(encoder, batch.iterations);
    device.queue.submit([encoder.finish()]);
  } catch (error) {
    thrown = error;
  }
  const scopes = [device.popErrorScope(), device.popErrorScope()];
  if (thrown !== null) {
    scopes.forEach((p) => p.catch(() => undefined));
    slotOf(state, kind.id).spare ??= batch;
    handleGpuFailure(thrown);
    return true;
  }
  void Promise.all(scopes).then(
    (errors) => {
      const error = errors.find((e) => e !== null);
      if (error && myGeneration === gpuGeneration()) handleGpuFailure(new Error(error.message));
    },
    () => undefined, // a lost device rejects the pops; device.lost reports it
  );
  directInFlight.add(kind.id);
  const done = (): void => {
    if (myGeneration === gpuGeneration()) directInFlight.delete(kind.id);
  };
  const submitted = performance.now();
  device.queue.onSubmittedWorkDone().then(() => {
    if (myGeneration === gpuGeneration()) kind.gpuTime?.(performance.now() - submitted);
    done();
  }, done);
  swapIn(state, kind.id, batch);
  publishedKey.set(kind.id, key);
  void kind.publish(job, batch, config);
  return true;
}

/**
 * Prepares `job` in a batch, reusing the buffers of the kind's spare batch (never those of the
 * batch a renderer is drawing: publishing swaps them, so renderers always have valid buffers).
 */
function prepare(state: GpuState, kindId: string, job: GpuJob): Batch {
  const slot = slotOf(state, kindId);
  const spare = slot.spare;
  slot.spare = null;
  const { recordEvery } = job;
  return state.engine.prepare(job.runs, spare ? { recordEvery, reuse: spare } : { recordEvery });
}

/** The batch becomes the one drawn; the one drawn before becomes the spare. */
function swapIn(state: GpuState, kindId: string, batch: Batch): void {
  const slot = slotOf(state, kindId);
  slot.spare?.destroy();
  slot.spare = slot.published;
  slot.published = batch;
}

/** Keeps a finished batch's buffers for the kind's next prepare. */
function keepSpare(state: GpuState, kindId: string, batch: Batch): void {
  const slot = slotOf(state, kindId);
  if (slot.spare) batch.destroy();
  else slot.spare = batch;
}

/** Runs the dirty kinds' newest configs on the GPU, one batch at a time. */
async function pumpGpu(): Promise<void> {
  if (gpuBusy) return;
  gpuBusy = true;
  const myGeneration = gpuGeneration();
  try {
    while (dirty.size > 0 && myGeneration === gpuGeneration()) {
      const kind = batchKinds().find((k) => dirty.has(k.id));
      if (!kind) break;
      dirty.delete(kind.id);
      const state = currentGpu();
      if (!state) break;
      await runOnGpu(state, kind, myGeneration);
    }
  } catch (error) {
    if (myGeneration === gpuGeneration()) handleGpuFailure(error);
  } finally {
    gpuBusy = false;
  }
}

async function runOnGpu(state: GpuState, kind: BatchKind, myGeneration: number): Promise<void> {
  const config = useStore.getState().config;
  if (!kind.active(config)) return;
  const key = kind.key(config);
  if (key === publishedKey.get(kind.id) || key === cancelledKey.get(kind.id)) return;
  const job = kind.plan(config);
  if (!job) {
    publishedKey.set(kind.id, key);
    return;
  }
  const controller = startJob(kind, key, 'gpu');
  const batch = prepare(state, kind.id, job);
  try {
    const t0 = performance.now();
    await batch.run(undefined, {
      signal: controller.signal,
      onProgress: (f) => jobProgress(kind.id, f),
    });
    kind.gpuTime?.(performance.now() - t0);
    const current = useStore.getState().config;
    // Stale too while the newest config's sync part has not run: a batch must never be
    // published beside CPU results of another config.
    const stale =
      myGeneration !== gpuGeneration() ||
      controller.signal.aborted ||
      kind.key(current) !== key ||
      startedKey.get(kind.id) !== key;
    if (stale) {
      if (myGeneration === gpuGeneration()) keepSpare(state, kind.id, batch);
      return;
    }
    if (kind.output === 'draw') {
      swapIn(state, kind.id, batch);
      publishedKey.set(kind.id, key);
      await kind.publish(job, batch, config);
    } else {
      await kind.publish(job, batch, config);
      publishedKey.set(kind.id, key);
      keepSpare(state, kind.id, batch);
    }
  } finally {
    if (running.get(kind.id)?.controller === controller) {
      running.delete(kind.id);
      if (!controller.signal.aborted) setJob(kind.id, null);
    }
  }
}

/** The float64 fallback of a kind, a slice per macrotask so the page keeps responding. */
function startCpu(kind: BatchKind, config: Config, key: string): void {
  const slice = kind.cpu?.(config) ?? null;
  if (!slice) return;
  const controller = startJob(kind, key, 'cpu');
  const step = (): void => {
    if (controller.signal.aborted) return;
    let fraction: number;
    try {
      fraction = slice();
    } catch (error) {
      pushMessage(
        'error',
        i18n.t('messages.kindFailed', { label: nameOf(kind.label), text: messageOf(error) }),
      );
      fraction = 1;
    }
    if (fraction >= 1) {
      running.delete(kind.id);
      setJob(kind.id, null);
      return;
    }
    jobProgress(kind.id, fraction);
    setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

/** Stops a kind's job; it stays stopped until its config changes or runAgain(). */
export function cancelJob(kindId: string): void {
  const job = running.get(kindId);
  if (!job) return;
  cancelledKey.set(kindId, job.key);
  job.controller.abort();
  running.delete(kindId);
  const state = useJobs.getState()[kindId];
  if (state) setJob(kindId, { ...state, status: 'cancelled' });
}

/** Runs a cancelled kind again for the current config. */
export function runAgain(kindId: string): void {
  if (!batchKind(kindId)) return;
  cancelledKey.delete(kindId);
  startedKey.delete(kindId);
  publishedKey.delete(kindId);
  setJob(kindId, null);
  schedule();
}

/** Asks for a compute in the next animation frame (coalesced). */
export function schedule(): void {
  if (frame !== 0) return;
  frame = requestAnimationFrame(computeNow);
}

/** Everything recomputes, e.g. on a new device, whose engine holds none of the old batches. */
function forgetAll(): void {
  for (const id of running.keys()) abortRunning(id);
  startedKey.clear();
  publishedKey.clear();
  dirty.clear();
  directInFlight.clear();
  gpuBusy = false;
}

/** The GPU device in use (for the map views and tests), or null on the CPU fallback. */
export function gpuDevice(): GPUDevice | null {
  return currentGpu()?.device ?? null;
}

/** Starts watching the store; returns a disposer (StrictMode mounts twice). */
export function startCompute(): () => void {
  if (started) return () => undefined;
  started = true;
  const stopGpu = startGpuSession({
    ready: () => {
      forgetAll();
      schedule();
    },
    gone: () => {
      forgetAll();
      for (const kind of batchKinds()) kind.dropGpu();
    },
  });
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.config !== prev.config) schedule();
  });
  const stopKinds = onBatchKindRegistered(schedule);
  schedule();
  return () => {
    unsubscribe();
    stopKinds();
    started = false;
    forgetAll();
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    stopGpu();
  };
}
