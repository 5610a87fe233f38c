// From a model to what the training engine allocates and dispatches: the layers in order with
// their parameter offsets (docs/TRAIN-FORMAT.md's flat layout), the width of every activation
// buffer, and the checks against the device's limits (a request over them is refused with the
// limit named).

import type { Activation, ModelSpec } from '../../core/train/types';
import { cnnGeometry, paramLayout, type TensorLayout } from '../../core/train/layout';

/** WGSL's ACT_* codes (shaders/train/common.wgsl). */
export const ACTIVATION_CODE: Record<Activation, number> = {
  none: 0,
  relu: 1,
  tanh: 2,
  sigmoid: 3,
};

/** WGSL's loss codes (shaders/train/loss.wgsl). */
export const LOSS_CODE = { cross_entropy: 0, bce: 1, mse: 2 } as const;

/**
 * On the GPU every tensor starts on a multiple of 4 floats and every row is padded to one, so
 * that kernels read and write whole vec4s; the padding holds zeros, which every optimizer
 * leaves at zero (no gradient, no state). toGpuParams / fromGpuParams convert between this
 * layout and the flat PyTorch order of docs/TRAIN-FORMAT.md.
 */
export const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/** A linear layer: out = W·in + b, then `activation` (none on the last layer). */
export interface DensePlan {
  readonly kind: 'dense';
  readonly inputs: number;
  readonly outputs: number;
  /** Row strides on the GPU: inputs and outputs rounded up to a multiple of 4. */
  readonly inputStride: number;
  readonly outputStride: number;
  /** W as [outputStride][inputStride] and b as [outputStride] in the GPU layout. */
  readonly weightOffset: number;
  readonly biasOffset: number;
  /** W and b in the flat PyTorch order. */
  readonly torchWeightOffset: number;
  readonly torchBiasOffset: number;
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
  /** Pooled features, the linear layer's inputs, and their row stride on the GPU. */
  readonly outputs: number;
  readonly outputStride: number;
  /** The conv weight (PyTorch's shape and order) and bias in the GPU layout. */
  readonly weightOffset: number;
  readonly biasOffset: number;
  readonly torchWeightOffset: number;
  readonly torchBiasOffset: number;
}

export type LayerPlan = DensePlan | ConvPlan;

export interface ModelPlan {
  readonly layers: readonly LayerPlan[];
  /** Parameters per replica in PyTorch's flat order. */
  readonly paramCount: number;
  /** Parameters per replica in the GPU layout (padding included). */
  readonly gpuParamCount: number;
  /** Values per data row, and the row stride of the data on the GPU. */
  readonly features: number;
  readonly featureStride: number;
  /** Outputs of the last layer. */
  readonly classes: number;
  readonly loss: number;
}

/**
 * The layers of `model` with their parameter offsets in both layouts. The PyTorch offsets come
 * from the model's ParamLayout (src/core/train/layout.ts), the one description of that order.
 */
export function planModel(model: ModelSpec): ModelPlan {
  const layout = paramLayout(model);
  const tensor = (i: number): TensorLayout => layout.tensors[i] as TensorLayout;
  const layers: LayerPlan[] = [];
  let gpu = 0;
  /** Dense layer from tensors w (weight) and w + 1 (bias). */
  const dense = (w: number, activation: number, inputActivation: number, readsData: boolean) => {
    const [outputs, inputs] = tensor(w).shape as [number, number];
    const inputStride = pad4(inputs);
    const outputStride = pad4(outputs);
    layers.push({
      kind: 'dense',
      inputs,
      outputs,
      inputStride,
      outputStride,
      weightOffset: gpu,
      biasOffset: gpu + outputStride * inputStride,
      torchWeightOffset: tensor(w).offset,
      torchBiasOffset: tensor(w + 1).offset,
      activation,
      inputActivation,
      readsData,
    });
    gpu += outputStride * inputStride + outputStride;
  };
  if (model.kind === 'mlp') {
    const act = ACTIVATION_CODE[model.activation];
    const count = layout.tensors.length / 2;
    for (let l = 0; l < count; l++) dense(2 * l, l + 1 === count ? 0 : act, act, l === 0);
  } else {
    const g = cnnGeometry(model);
    layers.push({
      kind: 'conv',
      channels: g.channels,
      height: g.height,
      width: g.width,
      outChannels: g.outChannels,
      kernelSize: g.kernel,
      pool: g.pool,
      activation: ACTIVATION_CODE[model.activation],
      outputs: g.features,
      outputStride: pad4(g.features),
      weightOffset: 0,
      biasOffset: pad4(tensor(0).size),
      torchWeightOffset: tensor(0).offset,
      torchBiasOffset: tensor(1).offset,
    });
    gpu = pad4(tensor(0).size) + pad4(tensor(1).size);
    // The pooled features feed the linear layer with no activation between.
    dense(2, 0, 0, false);
  }
  return {
    layers,
    paramCount: layout.count,
    gpuParamCount: gpu,
    features: layout.inputs,
    featureStride: pad4(layout.inputs),
    classes: layout.outputs,
    loss: LOSS_CODE[model.loss],
  };
}

/** Calls `copy(torchIndex, gpuIndex, count)` for every run of values the two layouts share. */
function forEachRun(plan: ModelPlan, copy: (torch: number, gpu: number, count: number) => void) {
  for (const layer of plan.layers) {
    if (layer.kind === 'dense') {
      for (let j = 0; j < layer.outputs; j++) {
        copy(
          layer.torchWeightOffset + j * layer.inputs,
          layer.weightOffset + j * layer.inputStride,
          layer.inputs,
        );
      }
      copy(layer.torchBiasOffset, layer.biasOffset, layer.outputs);
    } else {
      copy(
        layer.torchWeightOffset,
        layer.weightOffset,
        layer.torchBiasOffset - layer.torchWeightOffset,
      );
      copy(layer.torchBiasOffset, layer.biasOffset, layer.outChannels);
    }
  }
}

/** PyTorch-ordered parameters in the GPU layout (float32, zero padding). */
export function toGpuParams(plan: ModelPlan, params: ArrayLike<number>): Float32Array<ArrayBuffer> {
  const out = new Float32Array(plan.gpuParamCount);
  forEachRun(plan, (torch, gpu, count) => {
    for (let i = 0; i < count; i++) out[gpu + i] = params[torch + i] as number;
  });
  return out;
}

/** GPU-layout parameters back in PyTorch's flat order. */
export function fromGpuParams(plan: ModelPlan, params: Float32Array): Float32Array {
  const out = new Float32Array(plan.paramCount);
  forEachRun(plan, (torch, gpu, count) => out.set(params.subarray(gpu, gpu + count), torch));
  return out;
}

/** Rows of `data` with each row padded to `stride` values (float32). */
export function paddedRows(
  x: ArrayLike<number>,
  rows: number,
  features: number,
  stride: number,
): Float32Array<ArrayBuffer> {
  const out = new Float32Array(rows * stride);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < features; f++) out[r * stride + f] = x[r * features + f] as number;
  }
  return out;
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
