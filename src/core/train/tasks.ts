// The Train view's tasks: the articles' examples, each with its data, model, batch size,
// epochs, lanes (optimizer settings) and stopping rules, one click each. The link names a task
// and may override its model, batch size, epochs, seed and stopping rules (src/core/train/url.ts).

import type { LaneSpec } from '../presets';
import type { Activation, LossKind, ModelSpec } from './types';

/** Where a task's rows come from. */
export type DataSource = 'line' | 'classification' | 'mnist28' | 'mnist10';

/** Stop a lane when its held-out accuracy passes `accuracy`, or after `patience` epochs in a
 * row without a lower held-out loss (Keras's EarlyStopping). Null: that rule is off. */
export interface StopRules {
  readonly accuracy: number | null;
  readonly patience: number | null;
}

export interface TaskDef {
  readonly id: string;
  readonly title: string;
  /** What the article does and what to look at, one or two sentences. */
  readonly description: string;
  readonly source: DataSource;
  /** The model as the article builds it; MLP tasks let the link change the hidden layers. */
  readonly model: ModelSpec;
  readonly batchSize: number;
  readonly epochs: number;
  readonly lanes: readonly LaneSpec[];
  readonly stop: StopRules;
}

const NO_STOP: StopRules = { accuracy: null, patience: null };

const mlp = (sizes: number[], activation: Activation, loss: LossKind): ModelSpec => ({
  kind: 'mlp',
  sizes,
  activation,
  loss,
});

/** The six optimizers the articles race, at the learning rates they use on MNIST. */
const ARTICLE_RACE: readonly LaneSpec[] = [
  { name: 'SGD', optimizer: 'sgd', params: { lr: 0.01 } },
  { name: 'Momentum', optimizer: 'sgd', params: { lr: 0.01, momentum: 0.9 } },
  { name: 'AdaGrad', optimizer: 'adagrad', params: { lr: 0.1 } },
  { name: 'RMSprop', optimizer: 'rmsprop', params: { lr: 0.001 } },
  { name: 'AdaDelta', optimizer: 'adadelta', params: { lr: 1 } },
  { name: 'Adam', optimizer: 'adam', params: { lr: 0.001 } },
];

export const TASKS: readonly TaskDef[] = [
  {
    id: 'line_fit',
    title: 'Line fit y = 2x + 1 (Adam)',
    description:
      'One weight and one bias fit 100 noisy points with Adam (lr 0.01, batch 10); the (w, b) path crosses the MSE surface towards w ≈ 2, b ≈ 1.5 (the noise has mean 0.5).',
    source: 'line',
    model: mlp([1, 1], 'none', 'mse'),
    batchSize: 10,
    epochs: 100,
    lanes: [
      { name: 'Adam', optimizer: 'adam', params: { lr: 0.01 } },
      { name: 'SGD', optimizer: 'sgd', params: { lr: 0.01 } },
    ],
    stop: NO_STOP,
  },
  {
    id: 'logistic_regression',
    title: 'Logistic regression, 20 features',
    description:
      'make_classification-style data: 2 of the 20 features carry the class. A single linear layer with a sigmoid (binary cross-entropy) learns to weigh those two.',
    source: 'classification',
    model: mlp([20, 1], 'none', 'bce'),
    batchSize: 32,
    epochs: 30,
    lanes: [
      { name: 'SGD', optimizer: 'sgd', params: { lr: 0.1 } },
      { name: 'Adam', optimizer: 'adam', params: { lr: 0.01 } },
    ],
    stop: NO_STOP,
  },
  {
    id: 'keras_mlp',
    title: 'Keras MLP 100 → 64 → 10 (Adam)',
    description:
      'The Keras example: Dense(64, relu) and Dense(10, softmax) with Adam, lr 0.01, on digits shrunk to 10×10 pixels (100 inputs).',
    source: 'mnist10',
    model: mlp([100, 64, 10], 'relu', 'cross_entropy'),
    batchSize: 32,
    epochs: 10,
    lanes: [{ name: 'Adam', optimizer: 'adam', params: { lr: 0.01 } }],
    stop: NO_STOP,
  },
  {
    id: 'mnist_mlp',
    title: 'MNIST MLP 784 → 128 → 10: six optimizers race',
    description:
      'The article trains this MLP with Adagrad (lr 0.1, batch 32, 10 epochs); here SGD, momentum, AdaGrad, RMSprop, AdaDelta and Adam train it side by side from the same weights on the same batches.',
    source: 'mnist28',
    model: mlp([784, 128, 10], 'relu', 'cross_entropy'),
    batchSize: 32,
    epochs: 10,
    lanes: ARTICLE_RACE,
    stop: NO_STOP,
  },
  {
    id: 'mnist_sgd_schedule',
    title: 'SGD + momentum, lr × 0.1 every 10 epochs, early stop',
    description:
      'SGD with lr 0.01 and momentum 0.9; StepLR multiplies the lr by 0.1 every 10 epochs, and training stops once the held-out accuracy passes 95 %.',
    source: 'mnist28',
    model: mlp([784, 128, 10], 'relu', 'cross_entropy'),
    batchSize: 32,
    epochs: 30,
    lanes: [
      {
        name: 'SGD + momentum',
        optimizer: 'sgd',
        params: { lr: 0.01, momentum: 0.9 },
        schedule: { id: 'step_lr', params: { step_size: 10, gamma: 0.1 } },
      },
    ],
    stop: { accuracy: 0.95, patience: null },
  },
  {
    id: 'mnist_cnn',
    title: 'Small CNN on MNIST',
    description:
      'Conv 3×3 with 8 channels → relu → max-pool 2 → Linear 10: far fewer weights than the MLP, and the first layer learns stroke detectors.',
    source: 'mnist28',
    model: {
      kind: 'cnn',
      input: [1, 28, 28],
      outChannels: 8,
      kernelSize: 3,
      pool: 2,
      activation: 'relu',
      classes: 10,
      loss: 'cross_entropy',
    },
    batchSize: 32,
    epochs: 5,
    lanes: [
      { name: 'Adam', optimizer: 'adam', params: { lr: 0.001 } },
      { name: 'SGD + momentum', optimizer: 'sgd', params: { lr: 0.01, momentum: 0.9 } },
    ],
    stop: NO_STOP,
  },
];

export const DEFAULT_TASK = 'mnist_mlp';

export function taskById(id: string): TaskDef | undefined {
  return TASKS.find((t) => t.id === id);
}
