// "Copy as Keras" for a Train-view lane: the same task, model, optimizer, per-epoch learning
// rate, clipping, batch size, epochs and stopping rules as a Keras 3 script. Keras optimizers
// are not all PyTorch's to the digit (ε placement, missing options); the script names each
// difference in a comment where it applies.

import type { ClipConfig, Config } from '../config';
import { num, bool } from '../params';
import { pyValue } from '../export';
import { scheduleById } from '../schedules';
import { header, laneParts, type LaneParts } from './exportParts';
import { trainModel, trainTask, type TrainConfig } from './trainConfig';
import type { ModelSpec } from './types';

const py = (v: number): string => pyValue(v);

/** The Keras optimizer line and what it does differently from torch.optim (also the 2-D export's). */
export function kerasOptimizer(
  parts: Pick<LaneParts, 'optimizer' | 'params'> & { readonly clip: ClipConfig },
): { code: string; notes: string[] } {
  const p = parts.params;
  const lr = `learning_rate=${py(num(p, 'lr'))}`;
  const clip: string[] = [];
  if (parts.clip.maxNorm !== null) clip.push(`global_clipnorm=${py(parts.clip.maxNorm)}`);
  if (parts.clip.maxValue !== null) clip.push(`clipvalue=${py(parts.clip.maxValue)}`);
  const notes: string[] = [];
  const wd = p['weight_decay'] === undefined ? 0 : num(p, 'weight_decay');
  const decay = (): string[] => {
    if (wd === 0) return [];
    notes.push(
      'weight_decay: Keras decays the weights directly (decoupled), not by adding λ·x to the gradient.',
    );
    return [`weight_decay=${py(wd)}`];
  };
  const args = (...rest: string[]): string => [lr, ...rest, ...clip].join(', ');
  switch (parts.optimizer.id) {
    case 'sgd':
      if (num(p, 'dampening') !== 0) notes.push('dampening: Keras SGD has none; left out.');
      return {
        code: `keras.optimizers.SGD(${args(`momentum=${py(num(p, 'momentum'))}`, `nesterov=${bool(p, 'nesterov') ? 'True' : 'False'}`, ...decay())})`,
        notes,
      };
    case 'adagrad':
      if (num(p, 'lr_decay') !== 0) notes.push('lr_decay: Keras Adagrad has none; left out.');
      return {
        code: `keras.optimizers.Adagrad(${args(`initial_accumulator_value=${py(num(p, 'initial_accumulator_value'))}`, `epsilon=${py(num(p, 'eps'))}`, ...decay())})`,
        notes,
      };
    case 'rmsprop':
      notes.push('epsilon: Keras RMSprop adds ε inside the square root, PyTorch outside.');
      return {
        code: `keras.optimizers.RMSprop(${args(`rho=${py(num(p, 'alpha'))}`, `momentum=${py(num(p, 'momentum'))}`, `epsilon=${py(num(p, 'eps'))}`, `centered=${bool(p, 'centered') ? 'True' : 'False'}`, ...decay())})`,
        notes,
      };
    case 'adadelta':
      return {
        code: `keras.optimizers.Adadelta(${args(`rho=${py(num(p, 'rho'))}`, `epsilon=${py(num(p, 'eps'))}`, ...decay())})`,
        notes,
      };
    case 'adam':
    case 'adamw': {
      notes.push(
        'epsilon: Keras adds ε to √v̂ after folding the bias corrections into the lr (ε-hat); a slightly different ε for the same number.',
      );
      const cls = parts.optimizer.id === 'adam' ? 'Adam' : 'AdamW';
      const decayArgs = parts.optimizer.id === 'adamw' ? [`weight_decay=${py(wd)}`] : decay();
      return {
        code: `keras.optimizers.${cls}(${args(`beta_1=${py(num(p, 'beta1'))}`, `beta_2=${py(num(p, 'beta2'))}`, `epsilon=${py(num(p, 'eps'))}`, `amsgrad=${bool(p, 'amsgrad') ? 'True' : 'False'}`, ...decayArgs)})`,
        notes,
      };
    }
    case 'adamax':
      return {
        code: `keras.optimizers.Adamax(${args(`beta_1=${py(num(p, 'beta1'))}`, `beta_2=${py(num(p, 'beta2'))}`, `epsilon=${py(num(p, 'eps'))}`, ...decay())})`,
        notes,
      };
    case 'nadam':
      if (num(p, 'momentum_decay') !== 0.004)
        notes.push('momentum_decay: Keras Nadam fixes ψ at 0.004.');
      return {
        code: `keras.optimizers.Nadam(${args(`beta_1=${py(num(p, 'beta1'))}`, `beta_2=${py(num(p, 'beta2'))}`, `epsilon=${py(num(p, 'eps'))}`, ...decay())})`,
        notes,
      };
    default:
      notes.push(
        `${parts.optimizer.label} is not in Keras; tensorflow_addons had RectifiedAdam. Adam stands in here.`,
      );
      return {
        code: `keras.optimizers.Adam(${args(`beta_1=${py(num(p, 'beta1'))}`, `beta_2=${py(num(p, 'beta2'))}`, `epsilon=${py(num(p, 'eps'))}`)})`,
        notes,
      };
  }
}

/** The per-epoch learning-rate callback, if the lane has a schedule. */
function kerasSchedule(parts: LaneParts, train: TrainConfig): string[] {
  const schedule = parts.schedule;
  if (!schedule) return [];
  if (schedule.kind === 'feedback') {
    const p = parts.scheduleParams;
    return [
      "# ReduceLROnPlateau on the epoch's mean training loss, as the app steps it.",
      `callbacks.append(keras.callbacks.ReduceLROnPlateau(monitor='loss', factor=${py(num(p, 'factor'))}, patience=${num(p, 'patience')}, min_delta=${py(num(p, 'threshold'))}, cooldown=${num(p, 'cooldown')}, min_lr=${py(num(p, 'min_lr'))}))`,
      "# (Keras compares with an absolute min_delta; PyTorch's default threshold is relative.)",
    ];
  }
  const def = scheduleById(schedule.id);
  const table = def?.lrTable?.(num(parts.params, 'lr'), parts.scheduleParams, train.epochs);
  if (!table) return [];
  return [
    `# ${schedule.label} (${schedule.torchClass}), one value per epoch as PyTorch computes it.`,
    `lrs = [${Array.from(table, py).join(', ')}]`,
    'callbacks.append(keras.callbacks.LearningRateScheduler(lambda epoch, lr: lrs[epoch]))',
  ];
}

function kerasData(train: TrainConfig, model: ModelSpec): string[] {
  const source = trainTask(train).source;
  switch (source) {
    case 'line':
      return [
        `rng = np.random.default_rng(${train.seed})`,
        'x_train = x_test = rng.random((100, 1))',
        'y_train = y_test = (2 * x_train + 1 + rng.random((100, 1)))[:, 0]',
      ];
    case 'classification':
      return [
        'from sklearn.datasets import make_classification',
        'from sklearn.model_selection import train_test_split',
        `x, y = make_classification(n_samples=1000, n_features=20, n_informative=2, n_redundant=0, random_state=${train.seed})`,
        `x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=${train.seed})`,
      ];
    case 'mnist28':
    case 'mnist10':
      return [
        '# Descent Lab trains on a fixed 8,000 / 2,000 split of 10,000 MNIST digits; here the',
        '# full MNIST training and test sets.',
        '(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()',
        'x_train, x_test = (a.astype("float32")[..., None] / 255 for a in (x_train, x_test))',
        ...(source === 'mnist10'
          ? [
              "x_train, x_test = (keras.ops.image.resize(a, (10, 10), interpolation='area') for a in (x_train, x_test))",
            ]
          : []),
        ...(model.kind === 'mlp'
          ? ['x_train, x_test = (np.reshape(a, (len(a), -1)) for a in (x_train, x_test))']
          : []),
      ];
  }
}

function kerasModel(model: ModelSpec): string[] {
  const act = model.activation === 'none' ? '' : `, activation='${model.activation}'`;
  if (model.kind === 'cnn') {
    const [channels, height, width] = model.input;
    return [
      'model = keras.Sequential([',
      `    keras.Input(shape=(${height}, ${width}, ${channels})),`,
      `    layers.Conv2D(${model.outChannels}, ${model.kernelSize}${act}),`,
      `    layers.MaxPooling2D(${model.pool}),`,
      '    layers.Flatten(),',
      `    layers.Dense(${model.classes}),  # logits`,
      '])',
    ];
  }
  const hidden = model.sizes.slice(1, -1).map((units) => `    layers.Dense(${units}${act}),`);
  return [
    'model = keras.Sequential([',
    `    keras.Input(shape=(${model.sizes[0]},)),`,
    ...hidden,
    `    layers.Dense(${model.sizes[model.sizes.length - 1]}),  # logits`,
    '])',
  ];
}

const KERAS_LOSS: Record<ModelSpec['loss'], [string, string]> = {
  cross_entropy: ['keras.losses.SparseCategoricalCrossentropy(from_logits=True)', "['accuracy']"],
  bce: [
    'keras.losses.BinaryCrossentropy(from_logits=True)',
    '[keras.metrics.BinaryAccuracy(threshold=0.0)]',
  ],
  mse: ["'mse'", '[]'],
};

/** A Keras 3 training script for the lane. */
export function kerasTrainScript(config: Config, laneId: string): string {
  const train = config.train;
  const parts = laneParts(config, laneId);
  const model = trainModel(train);
  const optimizer = kerasOptimizer({ ...parts, clip: parts.lane.clip });
  const [loss, metrics] = KERAS_LOSS[model.loss];
  const lines: string[] = [
    ...header(train, parts, 'Keras 3'),
    ...optimizer.notes.map((n) => `# Differs from PyTorch: ${n}`),
    'import numpy as np',
    'import keras',
    'from keras import layers',
    '',
    `keras.utils.set_random_seed(${parts.seed})`,
    ...kerasData(train, model),
    '',
    ...kerasModel(model),
    `model.compile(optimizer=${optimizer.code}, loss=${loss}, metrics=${metrics})`,
    'callbacks = []',
    ...kerasSchedule(parts, train),
  ];
  if (train.stop.patience !== null)
    lines.push(
      `callbacks.append(keras.callbacks.EarlyStopping(monitor='val_loss', patience=${train.stop.patience}))`,
    );
  if (train.stop.accuracy !== null && model.loss !== 'mse') {
    const metric = model.loss === 'bce' ? 'val_binary_accuracy' : 'val_accuracy';
    lines.push(
      '',
      'class StopAtAccuracy(keras.callbacks.Callback):',
      '    def on_epoch_end(self, epoch, logs=None):',
      `        if logs and logs.get('${metric}', 0) > ${py(train.stop.accuracy)}:`,
      '            self.model.stop_training = True',
      'callbacks.append(StopAtAccuracy())',
    );
  }
  lines.push(
    '',
    `model.fit(x_train, y_train, batch_size=${train.batchSize}, epochs=${train.epochs}, validation_data=(x_test, y_test), callbacks=callbacks)`,
  );
  return `${lines.join('\n')}\n`;
}
