// The Train view's part of a shared link's config: the task and the settings a link may change
// from the task's defaults (hidden layers, activation, batch size, epochs, seed, stopping
// rules). Pure data; the lanes (optimizers) are the config's lanes.

import { DEFAULT_TASK, TASKS, taskById, type StopRules, type TaskDef } from './tasks';
import type { Activation, ModelSpec } from './types';

export interface TrainConfig {
  readonly task: string;
  /** Hidden layer sizes of an MLP task (ignored by the CNN task). */
  readonly hidden: readonly number[];
  /** The activation after every hidden layer (the CNN's after its conv). */
  readonly activation: Activation;
  readonly batchSize: number;
  readonly epochs: number;
  /** Seed of the shared initial weights and batch order (and of the synthetic data). */
  readonly seed: number;
  readonly stop: StopRules;
  /** Start training as soon as the view opens (a link's `autostart=1`); cleared once started. */
  readonly autostart: boolean;
}

/** Most epochs a run may ask for (each epoch of MNIST is 250 steps per lane). */
export const MAX_EPOCHS = 200;

export function trainConfigForTask(task: TaskDef, seed = 1): TrainConfig {
  const model = task.model;
  return {
    task: task.id,
    hidden: model.kind === 'mlp' ? model.sizes.slice(1, -1) : [],
    activation: model.activation,
    batchSize: task.batchSize,
    epochs: task.epochs,
    seed,
    stop: task.stop,
    autostart: false,
  };
}

export function defaultTrainConfig(): TrainConfig {
  return trainConfigForTask(taskById(DEFAULT_TASK) ?? (TASKS[0] as TaskDef));
}

/** The task of a config (the default task if the id is unknown). */
export function trainTask(train: TrainConfig): TaskDef {
  return taskById(train.task) ?? (taskById(DEFAULT_TASK) as TaskDef);
}

/** The model the config trains: the task's, with the config's hidden layers and activation. */
export function trainModel(train: TrainConfig): ModelSpec {
  const model = trainTask(train).model;
  if (model.kind === 'cnn') return { ...model, activation: train.activation };
  const sizes = model.sizes;
  return {
    ...model,
    sizes: [sizes[0] as number, ...train.hidden, sizes[sizes.length - 1] as number],
    activation: train.activation,
  };
}
