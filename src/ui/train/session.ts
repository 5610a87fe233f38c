// The Train view's session: it follows the store (config.mode, config.train, config.lanes,
// playback.training) and keeps one training backend in step with it. One async pump does all
// the work in order, so a slider move never races a running chunk:
//   reconcile: (re)build the backend when the task, model, data, batch size or device changed;
//              restart only the lanes whose optimizer, schedule, clipping or seed changed;
//   train:     run a chunk of steps (sized to ~120 ms), evaluate the lanes that finished an
//              epoch on the held-out rows, apply the stopping rules, publish.
// The backend is the batched WGSL engine on the app's GPU device (src/ui/compute/gpuSession.ts owns it),
// or the float64 loop in a Web Worker when there is no WebGPU.

import { MAX_LANES, MAX_SEEDS_PER_LANE, type LaneConfig } from '../../core/config';
import type { TrainBackend } from '../../core/train/backend';
import { TRACE_LIMIT } from '../../core/train/backend';
import { checkModel, paramLayout } from '../../core/train/layout';
import { trainModel, trainTask, type TrainConfig } from '../../core/train/trainConfig';
import type { ModelSpec } from '../../core/train/types';
import { TrainEngine } from '../../gpu/train/engine';
import { gpuDevice } from '../compute';
import { pushMessage, useStore } from '../store';
import {
  bumpTrainVersion,
  clearAutostart,
  onTrainReset,
  playTraining,
  trainResetCount,
} from './actions';
import { CpuBackend } from './cpuBackend';
import {
  backendKey,
  classCount,
  firstLayer,
  generatedDataSeed,
  laneKey,
  laneSetup,
  loadTaskData,
  SeedCache,
  type TaskData,
} from './taskData';
import {
  emptyLaneResult,
  publishTrainResults,
  type LaneTrainResult,
  type TrainResults,
} from './trainResults';
import { runOneChunk } from './trainChunk';
import { tt } from './strings';
import { messageOf } from '../../core/errors';

/** A lane's replicas in the backend: one slot per seed. */
export interface LaneSlots {
  readonly indices: readonly number[];
  readonly key: string;
  /**
   * Per seed: its loss curve so far (for the lane's mean and spread) and the step it diverged
   * at (null while it has not): its curve counts up to that step.
   */
  readonly losses: readonly Float32Array[];
  readonly divergedAt: (number | null)[];
  /** True once a stopping rule or the user ended the lane: its backend slots are empty. */
  ended: boolean;
  /** Lowest held-out loss so far and epochs since it improved (the patience rule). */
  bestLoss: number;
  sinceBest: number;
}

/** The backend and everything built for the current task, model and data. */
export interface Prepared {
  readonly key: string;
  readonly device: GPUDevice | null;
  readonly backend: TrainBackend;
  readonly data: TaskData;
  readonly model: ModelSpec;
  /** epochs and seed: a change restarts every lane. */
  planKey: string;
  seeds: SeedCache;
  resetCount: number;
  readonly slots: Map<string, LaneSlots>;
  readonly results: TrainResults;
  /** Milliseconds per step of the last chunk (sizes the next one). */
  msPerStep: number;
  /** Training samples, steps and time of the chunks in the last second (samples/s). */
  readonly recent: { at: number; samples: number; steps: number }[];
}

let prepared: Prepared | null = null;
/** When the view last got new results (performance.now()). */
let lastPublish = 0;
const PUBLISH_MS = 1000;
/** The key being built (a build in flight for an older key is dropped when it lands). */
let building: string | null = null;
let generation = 0;
let wake: (() => void) | null = null;
/** A change arrived while the pump was busy: it looks again before it sleeps. */
let dirty = false;

function poke(): void {
  dirty = true;
  const resolve = wake;
  wake = null;
  resolve?.();
}

/** Results shown while there is no backend yet (loading, or an error). */
function placeholder(train: TrainConfig, preparing: string | null, error: string | null): void {
  const model = trainModel(train);
  publishTrainResults({
    key: backendKey(train),
    task: trainTask(train),
    model,
    test: { rows: 0, features: 0, x: new Float32Array(0), y: new Float32Array(0) },
    imageSide: null,
    dataSeed: generatedDataSeed(train),
    classes: classCount(model),
    paramCount: checkModel(model) ? 0 : paramLayout(model).count,
    firstLayer: null,
    lanes: [],
    engine: null,
    samplesPerSecond: 0,
    stepsPerSecond: 0,
    preparing,
    error,
  });
  bumpTrainVersion();
}

function destroyPrepared(): void {
  prepared?.backend.destroy();
  prepared = null;
}

async function build(train: TrainConfig, device: GPUDevice | null, key: string): Promise<void> {
  destroyPrepared();
  building = key;
  const model = trainModel(train);
  const problem = checkModel(model);
  if (problem) {
    placeholder(train, null, `The model cannot be trained: ${problem.field} ${problem.message}.`);
    return;
  }
  const task = trainTask(train);
  const loading = task.source.startsWith('mnist') ? tt('loadingMnist') : tt('preparing');
  placeholder(train, loading, null);
  let data: TaskData;
  let backend: TrainBackend;
  try {
    data = await loadTaskData(train);
    const { train: rows, test } = data.split;
    backend = device
      ? await TrainEngine.create(
          device,
          model,
          { train: rows, test },
          {
            maxReplicas: MAX_LANES * MAX_SEEDS_PER_LANE,
            batchCapacity: train.batchSize,
          },
        )
      : await CpuBackend.create(model, rows, test);
  } catch (error) {
    if (building === key) placeholder(train, null, messageOf(error));
    return;
  }
  if (building !== key) {
    backend.destroy();
    return;
  }
  const layout = paramLayout(model);
  const imageSide = data.imageSide;
  const first = firstLayer(model, new Float32Array(layout.count), imageSide);
  prepared = {
    key,
    device,
    backend,
    data,
    model,
    planKey: '',
    seeds: new SeedCache(model, data.split.train.rows, train.batchSize, train.epochs),
    resetCount: trainResetCount(),
    slots: new Map(),
    results: {
      key,
      task,
      model,
      test: data.split.test,
      imageSide,
      dataSeed: generatedDataSeed(train),
      classes: classCount(model),
      paramCount: layout.count,
      firstLayer: first.rows > 0 ? { rows: first.rows, side: first.side } : null,
      lanes: [],
      engine: backend.kind,
      samplesPerSecond: 0,
      stepsPerSecond: 0,
      preparing: null,
      error: null,
    },
    msPerStep: 20,
    recent: [],
  };
  publishTrainResults(prepared.results);
}

/** A lane's results from step 0. */
function freshLane(p: Prepared, lane: LaneConfig, train: TrainConfig): LaneTrainResult {
  const seed = lane.seed ?? train.seed;
  const plan = p.seeds.plan(seed);
  const traced = p.results.paramCount <= TRACE_LIMIT ? p.results.paramCount : 0;
  const init = traced > 0 ? p.seeds.init(seed) : null;
  return emptyLaneResult(
    lane.id,
    plan.batches.length,
    plan.epochSteps,
    traced,
    lane.seeds ?? 1,
    init,
  );
}

/** Empties a lane's backend slots. */
async function releaseSlots(p: Prepared, slots: LaneSlots): Promise<void> {
  for (const index of slots.indices) await p.backend.setReplica(index, null);
}

/**
 * Brings the backend's slots in line with the lanes; restarts only what changed. True when
 * anything did.
 */
async function reconcileLanes(
  p: Prepared,
  lanes: readonly LaneConfig[],
  train: TrainConfig,
): Promise<boolean> {
  let changed = false;
  const planKey = JSON.stringify([train.epochs, train.seed]);
  const restartAll = p.planKey !== planKey || p.resetCount !== trainResetCount();
  if (p.planKey !== planKey) {
    p.seeds = new SeedCache(p.model, p.data.split.train.rows, train.batchSize, train.epochs);
  }
  p.planKey = planKey;
  p.resetCount = trainResetCount();
  const wanted = new Set(lanes.map((l) => l.id));
  for (const [id, slots] of p.slots) {
    const lane = lanes.find((l) => l.id === id);
    if (!wanted.has(id) || restartAll || (lane && laneKey(lane) !== slots.key)) {
      if (!slots.ended) await releaseSlots(p, slots);
      p.slots.delete(id);
      changed = true;
    }
  }
  const previous = new Map(p.results.lanes.map((r) => [r.laneId, r]));
  const results: LaneTrainResult[] = [];
  for (const lane of lanes) {
    const kept = previous.get(lane.id);
    if (p.slots.has(lane.id) && kept) {
      results.push(kept);
      continue;
    }
    changed = true;
    // Free slots, lowest first: a lane of k seeds takes k of them.
    const used = new Set([...p.slots.values()].flatMap((s) => s.indices));
    const indices: number[] = [];
    for (let i = 0; indices.length < (lane.seeds ?? 1); i++) if (!used.has(i)) indices.push(i);
    const result = freshLane(p, lane, train);
    for (let k = 0; k < indices.length; k++) {
      await p.backend.setReplica(indices[k] as number, laneSetup(lane, train, p.seeds, k));
    }
    p.slots.set(lane.id, {
      indices,
      key: laneKey(lane),
      losses: indices.map(() => new Float32Array(result.totalSteps)),
      divergedAt: indices.map(() => null),
      ended: false,
      bestLoss: Infinity,
      sinceBest: 0,
    });
    results.push(result);
  }
  if (results.length !== p.results.lanes.length) changed = true;
  p.results.lanes = results;
  return changed;
}

/** Marks what the play state says on every lane that can still train; true if any changed. */
async function applyPlayState(p: Prepared, training: string): Promise<boolean> {
  let changed = false;
  for (const lane of p.results.lanes) {
    const slots = p.slots.get(lane.laneId);
    if (!slots || slots.ended) continue;
    const before = lane.status;
    if (lane.status === 'running' || lane.status === 'paused' || lane.status === 'waiting') {
      if (training === 'playing') lane.status = 'running';
      else if (training === 'paused' && lane.step > 0) lane.status = 'paused';
      else if (training === 'stopped' && lane.step > 0) {
        lane.status = 'stopped';
        lane.note = tt('noteStopped', { step: lane.step });
        slots.ended = true;
        await releaseSlots(p, slots);
      }
    }
    if (lane.status !== before) changed = true;
  }
  return changed;
}

async function reconcile(): Promise<void> {
  const { config, playback, view } = useStore.getState();
  if (config.mode !== 'train') return;
  if (view.gpu.kind === 'pending') {
    if (!prepared) placeholder(config.train, tt('startingWebGpu'), null);
    return;
  }
  const device = view.gpu.kind === 'webgpu' ? gpuDevice() : null;
  const before = prepared;
  const key = `${backendKey(config.train)}|${device ? 'gpu' : 'cpu'}`;
  if (!prepared || prepared.key !== key || prepared.device !== device) {
    await build(config.train, device, key);
  }
  const p = prepared;
  if (!p) return;
  const built = p !== before;
  const lanesChanged = await reconcileLanes(p, config.lanes, config.train);
  const playChanged = await applyPlayState(p, playback.training);
  if (built || lanesChanged || playChanged) {
    publishTrainResults(p.results);
    bumpTrainVersion();
    lastPublish = performance.now();
  }
  if (config.train.autostart) {
    clearAutostart();
    playTraining();
  }
}

function shouldTrain(): boolean {
  const { config, playback } = useStore.getState();
  return (
    config.mode === 'train' &&
    playback.training === 'playing' &&
    prepared !== null &&
    prepared.results.lanes.some((l) => l.status === 'running')
  );
}

async function pump(myGeneration: number): Promise<void> {
  while (myGeneration === generation) {
    dirty = false;
    try {
      await reconcile();
      if (myGeneration !== generation) return;
      if (shouldTrain() && prepared) {
        const landed = await runOneChunk(prepared, useStore.getState().config.train);
        const finished = !prepared.results.lanes.some((l) => l.status === 'running');
        if (finished) {
          // Every lane finished or stopped: playing again starts over.
          useStore.setState((s) => ({ playback: { ...s.playback, training: 'stopped' } }));
        }
        // Redrawing the curves costs the page (and, on a software GPU, the training) CPU:
        // at most about once a second, at once when an evaluation or a status landed.
        if (landed || finished || performance.now() - lastPublish > PUBLISH_MS) {
          publishTrainResults(prepared.results);
          bumpTrainVersion();
          lastPublish = performance.now();
        }
        continue;
      }
    } catch (error) {
      const text = messageOf(error);
      if (/lost/i.test(text)) {
        pushMessage('warning', tt('deviceLost'));
      } else {
        pushMessage('error', tt('trainingStopped', { text }));
        useStore.setState((s) => ({ playback: { ...s.playback, training: 'paused' } }));
      }
      destroyPrepared();
    }
    if (dirty) continue;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
}

/** Starts following the store; returns a disposer (StrictMode mounts twice). */
export function startTrainSession(): () => void {
  const myGeneration = ++generation;
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (
      s.config !== prev.config ||
      s.playback.training !== prev.playback.training ||
      s.view.gpu !== prev.view.gpu
    )
      poke();
  });
  const stopResets = onTrainReset(poke);
  void pump(myGeneration);
  return () => {
    unsubscribe();
    stopResets();
    generation++;
    poke();
    destroyPrepared();
    building = null;
  };
}

/** The session's current backend and results, for tests and the bench. */
export function trainSessionState(): Prepared | null {
  return prepared;
}
