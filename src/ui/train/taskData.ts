// What a Train view session is built from, as pure functions of the config: the task's data
// (MNIST fetched once from the site, the synthetic sets generated from the seed), each lane's
// run setup (initial weights and batch order from the shared seed or the lane's own), and the
// pieces of an evaluation the view draws (confusion matrix, first-layer weights).

import type { LaneConfig } from '../../core/config';
import type { TrainReplicaSetup } from '../../core/train/backend';
import { shuffledBatches, type BatchPlan } from '../../core/train/batches';
import { classificationData, lineData } from '../../core/train/data/synthetic';
import { mnistDataSplit } from '../../core/train/data/mnist';
import { initParams } from '../../core/train/init';
import { paramLayout } from '../../core/train/layout';
import { trainModel, trainTask, type TrainConfig } from '../../core/train/trainConfig';
import type { DataSplit, ModelSpec } from '../../core/train/types';
import { filled, optimizerDef, scheduleDef } from '../registry';
import { loadMnistOnce } from './loadMnist';

export interface TaskData {
  readonly split: DataSplit;
  /** Side of the square images (28 or 10) of an MNIST task; null otherwise. */
  readonly imageSide: number | null;
}

/** The data of the config's task: a fetch for MNIST (once per page), generated otherwise. */
export async function loadTaskData(train: TrainConfig): Promise<TaskData> {
  const task = trainTask(train);
  switch (task.source) {
    case 'line':
      return { split: lineData(train.seed), imageSide: null };
    case 'classification':
      return { split: classificationData(train.seed), imageSide: null };
    case 'mnist28':
    case 'mnist10': {
      const side = task.source === 'mnist28' ? 28 : 10;
      const split = mnistDataSplit(await loadMnistOnce(), { side });
      return { split, imageSide: side };
    }
  }
}

/** The seed of a generated data set (line, classification); null for MNIST. */
export function generatedDataSeed(train: TrainConfig): number | null {
  const source = trainTask(train).source;
  return source === 'line' || source === 'classification' ? train.seed : null;
}

/** What decides whether the data must be made again. */
export function dataKey(train: TrainConfig): string {
  const task = trainTask(train);
  const seed = generatedDataSeed(train);
  return seed === null ? task.source : `${task.source}:${seed}`;
}

/** What decides whether the backend must be made again (model, data, batch capacity). */
export function backendKey(train: TrainConfig): string {
  return JSON.stringify([dataKey(train), trainModel(train), train.batchSize]);
}

/** Seeded initial weights and batch orders, one of each per seed (lanes with a seed share). */
export class SeedCache {
  private readonly inits = new Map<number, Float64Array>();
  private readonly plans = new Map<number, BatchPlan>();

  constructor(
    readonly model: ModelSpec,
    readonly rows: number,
    readonly batchSize: number,
    readonly epochs: number,
  ) {}

  init(seed: number): Float64Array {
    let init = this.inits.get(seed);
    if (!init) {
      init = initParams(this.model, seed);
      this.inits.set(seed, init);
    }
    return init;
  }

  plan(seed: number): BatchPlan {
    let plan = this.plans.get(seed);
    if (!plan) {
      plan = shuffledBatches(this.rows, this.batchSize, this.epochs, seed);
      this.plans.set(seed, plan);
    }
    return plan;
  }
}

/** The fields of a lane that, changed, restart it. */
export function laneKey(lane: LaneConfig): string {
  return JSON.stringify([
    lane.optimizer,
    lane.schedule,
    lane.clip,
    lane.seed ?? null,
    lane.seeds ?? 1,
  ]);
}

/**
 * Replica `replica` of a lane: its optimizer, schedule and clipping, and the weights and
 * batches of seed (the lane's own seed or the shared one) + replica.
 */
export function laneSetup(
  lane: LaneConfig,
  train: TrainConfig,
  seeds: SeedCache,
  replica = 0,
): TrainReplicaSetup {
  const seed = ((lane.seed ?? train.seed) + replica) >>> 0;
  const optimizer = optimizerDef(lane.optimizer.id);
  if (!optimizer) throw new Error(`Lane ${lane.name}: unknown optimizer ${lane.optimizer.id}`);
  const schedule = lane.schedule ? scheduleDef(lane.schedule.id) : undefined;
  const plan = seeds.plan(seed);
  return {
    id: replica === 0 ? lane.id : `${lane.id}#${replica}`,
    optimizer: { id: optimizer.id, params: filled(optimizer.params, lane.optimizer.params) },
    schedule:
      lane.schedule && schedule
        ? { id: schedule.id, params: filled(schedule.params, lane.schedule.params) }
        : null,
    clip: lane.clip,
    init: seeds.init(seed),
    batches: plan.batches,
    epochSteps: plan.epochSteps,
    steps: plan.batches.length,
  };
}

/** Counts per (true class, predicted class), row-major. */
export function confusionMatrix(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  classes: number,
): Uint32Array {
  const out = new Uint32Array(classes * classes);
  for (let i = 0; i < labels.length; i++) {
    const truth = labels[i] as number;
    const predicted = predictions[i] as number;
    if (truth >= 0 && truth < classes && predicted >= 0 && predicted < classes)
      out[truth * classes + predicted] = (out[truth * classes + predicted] as number) + 1;
  }
  return out;
}

/** Classes the predictions range over: the outputs (cross-entropy), 2 (bce), 0 (mse). */
export function classCount(model: ModelSpec): number {
  if (model.loss === 'mse') return 0;
  if (model.loss === 'bce') return 2;
  return paramLayout(model).outputs;
}

/**
 * The model's first weight tensor, as the view draws it: an MLP's [units][inputs], the CNN's
 * conv kernels [outChannels][channels·k·k]; with the number of rows and the side of the
 * square each row makes (null when rows are not square images).
 */
export function firstLayer(
  model: ModelSpec,
  params: ArrayLike<number>,
  imageSide: number | null,
): { readonly weights: Float32Array; readonly rows: number; readonly side: number | null } {
  const tensor = paramLayout(model).tensors[0];
  if (!tensor) return { weights: new Float32Array(0), rows: 0, side: null };
  const rows = tensor.shape[0] as number;
  const weights = Float32Array.from(
    { length: tensor.size },
    (_, i) => params[tensor.offset + i] as number,
  );
  if (model.kind === 'cnn') {
    return { weights, rows, side: model.input[0] === 1 ? model.kernelSize : null };
  }
  return { weights, rows, side: imageSide };
}
