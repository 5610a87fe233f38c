// From a model to what the training engine allocates and dispatches: the layers in order with
// their parameter offsets (docs/TRAIN-FORMAT.md's flat layout), the width of every activation
// buffer, and the checks against the device's limits (a request over them is refused with the
// limit named).

import type { Activation, ModelSpec } from '../../core/train/types';

/** WGSL's ACT_* codes (shaders/train/common.wgsl). */
export const ACTIVATION_CODE: Record<Activation, number> = {
  none: 0,
  relu: 1,
  tanh: 2,
  sigmoid: 3,
};

/** WGSL's loss codes (shaders/train/loss.wgsl). */
export const LOSS_CODE = { cross_entropy: 0, bce: 1, mse: 2 } as const;

/** A linear layer: out = W·in + b, then `activation` (none on the last layer). */
export interface DensePlan {
  readonly kind: 'dense';
  readonly inputs: number;
  readonly outputs: number;
  readonly weightOffset: number;
  readonly biasOffset: number;
  readonly activation: number;
  /** The activation of the layer below (how its delta is formed); none under max-pool. */
  readonly inputActivation: number;
  /** True for the first layer: it reads data rows, and passes no gradient further down. */
  readonly readsData: boolean;
}

/** The CNN's conv → activation → max-pool block (the first layer). */
export interface ConvPlan {
  readonly kind: 'conv';
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly pool: number;
  readonly activation: number;
  /** Pooled features: the width of its activation buffer, the linear layer's inputs. */
  readonly outputs: number;
}

export type LayerPlan = DensePlan | ConvPlan;

export interface ModelPlan {
  readonly layers: readonly LayerPlan[];
  /** Parameters per replica. */
  readonly paramCount: number;
  /** Values per data row. */
  readonly features: number;
  /** Outputs of the last layer. */
  readonly classes: number;
  readonly loss: number;
}

/** The layers of `model` with their parameter offsets. */
export function planModel(model: ModelSpec): ModelPlan {
  const layers: LayerPlan[] = [];
  let offset = 0;
  const dense = (
    inputs: number,
    outputs: number,
    activation: number,
    inputActivation: number,
    readsData: boolean,
  ): void => {
    const weightOffset = offset;
    const biasOffset = offset + inputs * outputs;
    offset = biasOffset + outputs;
    layers.push({
      kind: 'dense',
      inputs,
      outputs,
      weightOffset,
      biasOffset,
      activation,
      inputActivation,
      readsData,
    });
  };
  if (model.kind === 'mlp') {
    const act = ACTIVATION_CODE[model.activation];
    const sizes = model.sizes;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const last = l + 2 === sizes.length;
      dense(sizes[l] as number, sizes[l + 1] as number, last ? 0 : act, act, l === 0);
    }
    return {
      layers,
      paramCount: offset,
      features: sizes[0] as number,
      classes: sizes[sizes.length - 1] as number,
      loss: LOSS_CODE[model.loss],
    };
  }
  const [channels, height, width] = model.input;
  const k = model.kernelSize;
  const pooledHeight = Math.floor((height - k + 1) / model.pool);
  const pooledWidth = Math.floor((width - k + 1) / model.pool);
  const pooled = model.outChannels * pooledHeight * pooledWidth;
  layers.push({
    kind: 'conv',
    channels,
    height,
    width,
    outChannels: model.outChannels,
    kernelSize: k,
    pool: model.pool,
    activation: ACTIVATION_CODE[model.activation],
    outputs: pooled,
  });
  offset = model.outChannels * channels * k * k + model.outChannels;
  // The pooled features feed the linear layer with no activation between.
  dense(pooled, model.classes, 0, 0, false);
  return {
    layers,
    paramCount: offset,
    features: channels * height * width,
    classes: model.classes,
    loss: LOSS_CODE[model.loss],
  };
}

/** The device limits the engine checks its buffers and dispatches against. */
export interface TrainLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
}

/** A buffer the engine needs, for the limit checks and the error message. */
export interface BufferNeed {
  readonly label: string;
  readonly bytes: number;
}

const MIB = 1024 * 1024;

/**
 * Null when every buffer fits one binding and every dispatch fits the workgroup grid, else a
 * sentence naming the first thing that does not and by how much.
 */
export function checkLimits(
  needs: readonly BufferNeed[],
  largestDispatch: number,
  limits: TrainLimits,
): string | null {
  const perBuffer = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  for (const need of needs) {
    if (need.bytes > perBuffer) {
      return (
        `The ${need.label} need ${(need.bytes / MIB).toFixed(1)} MiB, more than this device ` +
        `allows in one buffer (${(perBuffer / MIB).toFixed(0)} MiB): use fewer replicas, a ` +
        'smaller model or a smaller batch.'
      );
    }
  }
  if (largestDispatch > limits.maxComputeWorkgroupsPerDimension) {
    return (
      `The model needs ${largestDispatch} workgroups in one dispatch, more than this device ` +
      `allows (${limits.maxComputeWorkgroupsPerDimension}): use a smaller model.`
    );
  }
  return null;
}
