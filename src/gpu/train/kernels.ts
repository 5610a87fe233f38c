// The training engine's compute kernels: each is shaders/train/common.wgsl + the shared math +
// one kernel file (the update kernel also gets one optimizer's snippet), with its sizes as
// `override` constants, so one WGSL file serves every layer and model. Pipelines are cached per
// device by their code and constants: a model's layers, and every engine on the same device,
// share what compiled once.

import mathWgsl from '../../../shaders/common/math.wgsl?raw';
import commonWgsl from '../../../shaders/train/common.wgsl?raw';
import denseForwardWgsl from '../../../shaders/train/dense_forward.wgsl?raw';
import denseBackwardWeightsWgsl from '../../../shaders/train/dense_backward_weights.wgsl?raw';
import denseBackwardInputWgsl from '../../../shaders/train/dense_backward_input.wgsl?raw';
import convForwardWgsl from '../../../shaders/train/conv_pool_forward.wgsl?raw';
import convBackwardWgsl from '../../../shaders/train/conv_backward.wgsl?raw';
import lossWgsl from '../../../shaders/train/loss.wgsl?raw';
import gradNormWgsl from '../../../shaders/train/grad_norm.wgsl?raw';
import updateWgsl from '../../../shaders/train/update.wgsl?raw';
import { OPTIMIZER_COMMON_WGSL } from '../../core/optimizers';
import { optimizerFn } from '../../core/naming';
import type { OptimizerDef } from '../../core/types';

/** How a kernel uses each storage binding after binding 0 (the step uniform). */
type Access = 'read' | 'rw';

interface KernelFile {
  readonly name: string;
  readonly wgsl: string;
  /** Bindings 1..n in order. */
  readonly storage: readonly Access[];
}

export const KERNELS = {
  // steps, order, input, params, output
  denseForward: {
    name: 'denseForward',
    wgsl: denseForwardWgsl,
    storage: ['read', 'read', 'read', 'read', 'rw'],
  },
  // steps, order, input, delta, grads
  denseBackwardWeights: {
    name: 'denseBackwardWeights',
    wgsl: denseBackwardWeightsWgsl,
    storage: ['read', 'read', 'read', 'read', 'rw'],
  },
  // steps, params, delta, activations, deltaIn
  denseBackwardInput: {
    name: 'denseBackwardInput',
    wgsl: denseBackwardInputWgsl,
    storage: ['read', 'read', 'read', 'read', 'rw'],
  },
  // steps, order, data x, params, pooled, argmax
  convForward: {
    name: 'convForward',
    wgsl: convForwardWgsl,
    storage: ['read', 'read', 'read', 'read', 'rw', 'rw'],
  },
  // steps, order, data x, delta (pooled), pooled, argmax, grads
  convBackward: {
    name: 'convBackward',
    wgsl: convBackwardWgsl,
    storage: ['read', 'read', 'read', 'read', 'read', 'read', 'rw'],
  },
  // steps, order, targets, logits, delta, replica state, loss log, predictions
  loss: {
    name: 'loss',
    wgsl: lossWgsl,
    storage: ['read', 'read', 'read', 'read', 'rw', 'rw', 'rw', 'rw'],
  },
  // steps, replica config, grads, replica state
  gradNorm: { name: 'gradNorm', wgsl: gradNormWgsl, storage: ['read', 'read', 'read', 'rw'] },
  // steps, replica config, replica state, params, grads, optimizer state, group replicas, trace
  update: {
    name: 'update',
    wgsl: updateWgsl,
    storage: ['read', 'read', 'rw', 'rw', 'read', 'rw', 'read', 'rw'],
  },
} as const satisfies Record<string, KernelFile>;

export type KernelName = keyof typeof KERNELS;

/** Bytes of one slot of the step uniform (StepUniform, 20 bytes), at the offset alignment. */
export const UNIFORM_SLOT_BYTES = 256;

/** The WGSL of a kernel; `optimizer` only for the update kernel. */
export function composeKernel(kernel: KernelName, optimizer?: OptimizerDef): string {
  const parts = [
    '// ---- shaders/common/math.wgsl ----',
    mathWgsl,
    '// ---- shaders/train/common.wgsl ----',
    commonWgsl,
  ];
  if (kernel === 'update') {
    if (!optimizer) throw new Error('the update kernel needs an optimizer');
    parts.push(
      '// ---- shaders/optimizers/common.wgsl ----',
      OPTIMIZER_COMMON_WGSL,
      `// ---- the optimizer: ${optimizer.id} ----`,
      optimizer.wgsl,
      '// Generated: the one optimizer this pipeline updates with.',
      'fn optimizerUpdate(x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, ' +
        'c1: vec4<f32>, state: ptr<function, vec4<f32>>) -> f32 {',
      `  return ${optimizerFn(optimizer.id)}(x, g, lr, t, s, c0, c1, state);`,
      '}',
    );
  }
  parts.push(`// ---- shaders/train/${KERNELS[kernel].name} ----`, KERNELS[kernel].wgsl);
  return parts.join('\n\n');
}

export type Overrides = Readonly<Record<string, number>>;

interface DeviceCache {
  readonly layouts: Map<KernelName, { bindGroup: GPUBindGroupLayout; pipeline: GPUPipelineLayout }>;
  readonly pipelines: Map<string, Promise<GPUComputePipeline>>;
}

const caches = new WeakMap<GPUDevice, DeviceCache>();

function cacheOf(device: GPUDevice): DeviceCache {
  let cache = caches.get(device);
  if (!cache) {
    cache = { layouts: new Map(), pipelines: new Map() };
    caches.set(device, cache);
  }
  return cache;
}

/** The explicit layout of a kernel: the uniform with a dynamic offset, then its storage. */
export function kernelLayout(
  device: GPUDevice,
  kernel: KernelName,
): { bindGroup: GPUBindGroupLayout; pipeline: GPUPipelineLayout } {
  const cache = cacheOf(device);
  let layout = cache.layouts.get(kernel);
  if (!layout) {
    const entries: GPUBindGroupLayoutEntry[] = [
      {
        binding: 0,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: 32 },
      },
      ...KERNELS[kernel].storage.map((access, i): GPUBindGroupLayoutEntry => ({
        binding: i + 1,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: access === 'read' ? 'read-only-storage' : 'storage' },
      })),
    ];
    const bindGroup = device.createBindGroupLayout({ label: `Train.${kernel}.layout`, entries });
    const pipeline = device.createPipelineLayout({
      label: `Train.${kernel}.pipelineLayout`,
      bindGroupLayouts: [bindGroup],
    });
    layout = { bindGroup, pipeline };
    cache.layouts.set(kernel, layout);
  }
  return layout;
}

/**
 * The pipeline of `kernel` with these constants, compiled once per device. Rejects with the
 * compiler's messages when the WGSL does not compile.
 */
export function kernelPipeline(
  device: GPUDevice,
  kernel: KernelName,
  overrides: Overrides,
  optimizer?: OptimizerDef,
): Promise<GPUComputePipeline> {
  const cache = cacheOf(device);
  const constants = Object.keys(overrides)
    .sort()
    .map((k) => `${k}=${overrides[k]}`)
    .join(',');
  const key = `${kernel}|${optimizer?.id ?? ''}|${constants}`;
  let pipeline = cache.pipelines.get(key);
  if (!pipeline) {
    const code = composeKernel(kernel, optimizer);
    const module = device.createShaderModule({ label: `Train.${kernel}`, code });
    const { pipeline: layout } = kernelLayout(device, kernel);
    pipeline = (async () => {
      const info = await module.getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === 'error');
      if (errors.length > 0) {
        throw new Error(
          `The training kernel ${kernel} did not compile: ` +
            errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('; '),
        );
      }
      return device.createComputePipelineAsync({
        label: `Train.${kernel}(${optimizer?.id ?? constants})`,
        layout,
        compute: { module, entryPoint: 'main', constants: { ...overrides } },
      });
    })();
    // A failed compile is not cached: the next request tries again and reports again.
    pipeline.catch(() => cache.pipelines.delete(key));
    cache.pipelines.set(key, pipeline);
  }
  return pipeline;
}
