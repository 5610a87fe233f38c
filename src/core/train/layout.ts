// Where each tensor of a model sits in the flat parameter array (docs/TRAIN-FORMAT.md,
// "Parameter layout"): layer by layer, each layer's weight then its bias, each tensor in
// PyTorch's row-major order. Also the size limits a model must respect to train in a browser
// tab, checked with messages that name the layer.

import type { CnnSpec, MlpSpec, ModelSpec } from './types';

/** One tensor of the flat parameter array. */
export interface TensorLayout {
  /** PyTorch-like name: `layers.0.weight`, `conv.bias`, `fc.weight`, ... */
  readonly name: string;
  readonly offset: number;
  /** Row-major shape, as in PyTorch ([out, in] for a Linear weight). */
  readonly shape: readonly number[];
  readonly size: number;
  /** The fan-in of the layer it belongs to (its init bound is 1/√fanIn). */
  readonly fanIn: number;
}

export interface ParamLayout {
  readonly tensors: readonly TensorLayout[];
  /** Every parameter of the model. */
  readonly count: number;
  /** Values per input row. */
  readonly inputs: number;
  /** Outputs of the last layer (logits). */
  readonly outputs: number;
}

/** The geometry of a CNN's conv → pool block. */
export interface CnnGeometry {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly kernel: number;
  readonly outChannels: number;
  /** Conv output size (stride 1, no padding): height − k + 1, width − k + 1. */
  readonly convHeight: number;
  readonly convWidth: number;
  readonly pool: number;
  /** MaxPool2d output size (floor mode: rows and columns past the last window are dropped). */
  readonly poolHeight: number;
  readonly poolWidth: number;
  /** Flattened pooled features: the Linear layer's inputs. */
  readonly features: number;
}

export function cnnGeometry(model: CnnSpec): CnnGeometry {
  const [channels, height, width] = model.input;
  const kernel = model.kernelSize;
  const convHeight = height - kernel + 1;
  const convWidth = width - kernel + 1;
  const poolHeight = Math.floor(convHeight / model.pool);
  const poolWidth = Math.floor(convWidth / model.pool);
  return {
    channels,
    height,
    width,
    kernel,
    outChannels: model.outChannels,
    convHeight,
    convWidth,
    pool: model.pool,
    poolHeight,
    poolWidth,
    features: model.outChannels * poolHeight * poolWidth,
  };
}

function mlpLayout(model: MlpSpec): ParamLayout {
  const tensors: TensorLayout[] = [];
  let offset = 0;
  const sizes = model.sizes;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l] as number;
    const outputs = sizes[l + 1] as number;
    tensors.push({
      name: `layers.${l}.weight`,
      offset,
      shape: [outputs, inputs],
      size: outputs * inputs,
      fanIn: inputs,
    });
    offset += outputs * inputs;
    tensors.push({
      name: `layers.${l}.bias`,
      offset,
      shape: [outputs],
      size: outputs,
      fanIn: inputs,
    });
    offset += outputs;
  }
  return {
    tensors,
    count: offset,
    inputs: sizes[0] as number,
    outputs: sizes[sizes.length - 1] as number,
  };
}

function cnnLayout(model: CnnSpec): ParamLayout {
  const g = cnnGeometry(model);
  const convFanIn = g.channels * g.kernel * g.kernel;
  const convWeight = g.outChannels * convFanIn;
  const fcOffset = convWeight + g.outChannels;
  const fcWeight = model.classes * g.features;
  return {
    tensors: [
      {
        name: 'conv.weight',
        offset: 0,
        shape: [g.outChannels, g.channels, g.kernel, g.kernel],
        size: convWeight,
        fanIn: convFanIn,
      },
      {
        name: 'conv.bias',
        offset: convWeight,
        shape: [g.outChannels],
        size: g.outChannels,
        fanIn: convFanIn,
      },
      {
        name: 'fc.weight',
        offset: fcOffset,
        shape: [model.classes, g.features],
        size: fcWeight,
        fanIn: g.features,
      },
      {
        name: 'fc.bias',
        offset: fcOffset + fcWeight,
        shape: [model.classes],
        size: model.classes,
        fanIn: g.features,
      },
    ],
    count: fcOffset + fcWeight + model.classes,
    inputs: g.channels * g.height * g.width,
    outputs: model.classes,
  };
}

/** The flat layout of `model` (assumed valid: see checkModel). */
export function paramLayout(model: ModelSpec): ParamLayout {
  return model.kind === 'mlp' ? mlpLayout(model) : cnnLayout(model);
}

/**
 * Bounds for a model trained in a browser tab, R replicas at once. They keep one replica's
 * parameters, optimizer state (up to 4 slots) and a batch's activations within a few tens of
 * MiB, and a float64 CPU step within a fraction of a second:
 * - inputs ≤ 4096: a 64×64 image, well above MNIST's 784;
 * - hidden and output layers ≤ 1024 units: 4096×1024 weights is the largest layer (32 MiB in
 *   float64, ×5 with gradient and state);
 * - ≤ 8 linear layers: deeper plain MLPs do not train well with these optimizers anyway;
 * - conv: ≤ 64 input and output channels, kernel ≤ 9; the conv output (channels × rows ×
 *   columns) ≤ 65536 values per sample and the pooled features ≤ 16384 (the Linear layer's
 *   inputs), so a batch's feature maps stay small.
 */
export const MODEL_LIMITS = {
  inputs: 4096,
  units: 1024,
  layers: 8,
  channels: 64,
  kernel: 9,
  convOutputs: 65536,
  poolFeatures: 16384,
} as const;

/** What is wrong with a model: the spec field (docs/TRAIN-FORMAT.md's names) and why. */
export interface ModelProblem {
  readonly field: string;
  readonly message: string;
}

const isCount = (v: number): boolean => Number.isInteger(v) && v >= 1;

function checkMlp(model: MlpSpec): ModelProblem | null {
  const sizes = model.sizes;
  if (sizes.length < 2)
    return {
      field: 'sizes',
      message: `needs at least [inputs, outputs], got ${sizes.length} size(s)`,
    };
  if (sizes.length - 1 > MODEL_LIMITS.layers)
    return {
      field: 'sizes',
      message: `${sizes.length - 1} layers; at most ${MODEL_LIMITS.layers}`,
    };
  for (let i = 0; i < sizes.length; i++) {
    const n = sizes[i] as number;
    if (!isCount(n)) return { field: `sizes[${i}]`, message: `must be an integer ≥ 1, got ${n}` };
  }
  const inputs = sizes[0] as number;
  if (inputs > MODEL_LIMITS.inputs)
    return {
      field: 'sizes[0]',
      message: `the input has ${inputs} values; at most ${MODEL_LIMITS.inputs}`,
    };
  for (let i = 1; i < sizes.length; i++) {
    const n = sizes[i] as number;
    if (n > MODEL_LIMITS.units)
      return {
        field: `sizes[${i}]`,
        message: `layer ${i} has ${n} units; at most ${MODEL_LIMITS.units}`,
      };
  }
  const outputs = sizes[sizes.length - 1] as number;
  if (model.loss !== 'cross_entropy' && outputs !== 1)
    return {
      field: `sizes[${sizes.length - 1}]`,
      message: `the ${model.loss} loss needs 1 output, got ${outputs}`,
    };
  return null;
}

function checkCnn(model: CnnSpec): ModelProblem | null {
  const [channels, height, width] = model.input;
  const counts: [string, number][] = [
    ['input[0]', channels],
    ['input[1]', height],
    ['input[2]', width],
    ['out_channels', model.outChannels],
    ['kernel_size', model.kernelSize],
    ['pool', model.pool],
    ['classes', model.classes],
  ];
  for (const [field, n] of counts)
    if (!isCount(n)) return { field, message: `must be an integer ≥ 1, got ${n}` };
  if (channels > MODEL_LIMITS.channels)
    return {
      field: 'input[0]',
      message: `the input has ${channels} channels; at most ${MODEL_LIMITS.channels}`,
    };
  if (channels * height * width > MODEL_LIMITS.inputs)
    return {
      field: 'input',
      message: `the input has ${channels * height * width} values; at most ${MODEL_LIMITS.inputs}`,
    };
  if (model.outChannels > MODEL_LIMITS.channels)
    return {
      field: 'out_channels',
      message: `the conv layer has ${model.outChannels} channels; at most ${MODEL_LIMITS.channels}`,
    };
  if (model.kernelSize > MODEL_LIMITS.kernel)
    return {
      field: 'kernel_size',
      message: `the conv kernel is ${model.kernelSize}×${model.kernelSize}; at most ${MODEL_LIMITS.kernel}`,
    };
  if (model.kernelSize > Math.min(height, width))
    return {
      field: 'kernel_size',
      message: `the ${model.kernelSize}×${model.kernelSize} kernel does not fit the ${height}×${width} image`,
    };
  const g = cnnGeometry(model);
  if (g.outChannels * g.convHeight * g.convWidth > MODEL_LIMITS.convOutputs)
    return {
      field: 'out_channels',
      message:
        `the conv layer outputs ${g.outChannels * g.convHeight * g.convWidth} values per image; ` +
        `at most ${MODEL_LIMITS.convOutputs}`,
    };
  if (g.poolHeight < 1 || g.poolWidth < 1)
    return {
      field: 'pool',
      message: `the ${model.pool}×${model.pool} pool does not fit the ${g.convHeight}×${g.convWidth} conv output`,
    };
  if (g.features > MODEL_LIMITS.poolFeatures)
    return {
      field: 'pool',
      message: `the linear layer would have ${g.features} inputs; at most ${MODEL_LIMITS.poolFeatures}`,
    };
  if (model.classes > MODEL_LIMITS.units)
    return {
      field: 'classes',
      message: `the linear layer has ${model.classes} units; at most ${MODEL_LIMITS.units}`,
    };
  return null;
}

/** Null when `model` is within MODEL_LIMITS and consistent, else the first problem. */
export function checkModel(model: ModelSpec): ModelProblem | null {
  return model.kind === 'mlp' ? checkMlp(model) : checkCnn(model);
}
