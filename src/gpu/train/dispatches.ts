// The dispatches of one training step and of one evaluation chunk, in order, for a model plan
// and the replicas an engine holds: each a pipeline (a kernel with the layer's sizes as
// constants), its bind group and its workgroup grid. Every dispatch covers all replicas.

import type { ConvPlan, DensePlan, LayerPlan, ModelPlan } from './plan';
import type { TrainBuffers } from './buffers';
import { STATE_SLOTS } from './buffers';
import type { ReplicaRun } from './replica';
import { kernelLayout, kernelPipeline, type KernelName, type Overrides } from './kernels';
import { OPTIMIZERS } from '../../core/optimizers';
import type { OptimizerDef } from '../../core/types';

export interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly workgroups: readonly [number, number, number];
}

interface Pending {
  readonly kernel: KernelName;
  readonly overrides: Overrides;
  readonly optimizer?: OptimizerDef;
  readonly buffers: readonly GPUBuffer[];
  readonly workgroups: readonly [number, number, number];
}

const WORKGROUP = 64;
// Parameters per invocation of the update: the replica's row (config, step, clip) is read once
// for all of them; SwiftShader pays per workgroup and per load of that row (16: 84 → 32 ms for
// the 8 × 101,770 parameters of the MNIST MLP, measured).
const UPDATE_ELEMENTS = 16;
const groupsFor = (invocations: number): number => Math.max(1, Math.ceil(invocations / WORKGROUP));
const vec4s = (stride: number): number => stride / 4;

/** Workgroups along x of each kernel (z is the replica), for the dispatches and the limits. */
export const GRID = {
  denseForward: (layer: DensePlan, rows: number) =>
    groupsFor(vec4s(layer.outputStride) * Math.ceil(rows / 4)),
  denseBackwardWeights: (layer: DensePlan) =>
    groupsFor(vec4s(layer.outputStride) * (Math.ceil(vec4s(layer.inputStride) / 2) + 1)),
  denseBackwardInput: (layer: DensePlan, rows: number) =>
    groupsFor(vec4s(layer.inputStride) * Math.ceil(rows / 4)),
  convForward: (layer: ConvPlan, rows: number) => groupsFor(rows * layer.outputs),
  convBackward: (layer: ConvPlan) =>
    groupsFor(layer.outChannels * (layer.channels * layer.kernelSize ** 2 + 1)),
  update: (plan: ModelPlan) => groupsFor(Math.ceil(plan.gpuParamCount / 4 / UPDATE_ELEMENTS)),
};

/** The most workgroups any dispatch of `plan` asks for along one dimension. */
export function largestGrid(plan: ModelPlan, rows: number, replicas: number): number {
  let largest = Math.max(GRID.update(plan), replicas);
  for (const layer of plan.layers) {
    largest = Math.max(
      largest,
      ...(layer.kind === 'dense'
        ? [
            GRID.denseForward(layer, rows),
            GRID.denseBackwardWeights(layer),
            GRID.denseBackwardInput(layer, rows),
          ]
        : [GRID.convForward(layer, rows), GRID.convBackward(layer)]),
    );
  }
  return largest;
}

/** The dispatches of a training step and of an evaluation chunk. */
export async function buildDispatches(
  device: GPUDevice,
  plan: ModelPlan,
  buffers: TrainBuffers,
  replicas: readonly (ReplicaRun | null)[],
  settings: { rowCapacity: number; predictionStride: number; capacity: number },
): Promise<{ train: Dispatch[]; evaluate: Dispatch[] }> {
  const R = Math.max(1, replicas.length);
  const cap = settings.rowCapacity;
  const P = plan.gpuParamCount;
  const b = buffers;
  const forward: Pending[] = [];
  const backward: Pending[] = [];

  plan.layers.forEach((layer, l) => {
    const input = l === 0 ? b.x : (b.activations[l - 1] as GPUBuffer);
    const output = b.activations[l] as GPUBuffer;
    const delta = b.deltas[l] as GPUBuffer;
    if (layer.kind === 'conv') {
      const overrides = {
        IN_CHANNELS: layer.channels,
        IN_HEIGHT: layer.height,
        IN_WIDTH: layer.width,
        OUT_CHANNELS: layer.outChannels,
        KERNEL: layer.kernelSize,
        POOL: layer.pool,
        ACTIVATION: layer.activation,
        ROW_CAPACITY: cap,
        PARAM_STRIDE: P,
        BIAS_OFFSET: layer.biasOffset,
        INPUT_STRIDE: plan.featureStride,
        FEATURE_STRIDE: layer.outputStride,
      };
      forward.push({
        kernel: 'convForward',
        overrides,
        buffers: [b.steps, b.order, b.x, b.params, output, b.argmax],
        workgroups: [GRID.convForward(layer, cap), 1, R],
      });
      backward.unshift({
        kernel: 'convBackward',
        overrides,
        buffers: [b.steps, b.order, b.x, delta, output, b.argmax, b.grads],
        workgroups: [GRID.convBackward(layer), 1, R],
      });
      return;
    }
    const sizes = {
      K_STRIDE: layer.inputStride,
      N_STRIDE: layer.outputStride,
      ROW_CAPACITY: cap,
      PARAM_STRIDE: P,
      W_OFFSET: layer.weightOffset,
    };
    forward.push({
      kernel: 'denseForward',
      overrides: {
        ...sizes,
        N: layer.outputs,
        BIAS_OFFSET: layer.biasOffset,
        ACTIVATION: layer.activation,
        GATHER: layer.readsData ? 1 : 0,
      },
      buffers: [b.steps, b.order, input, b.params, output],
      workgroups: [GRID.denseForward(layer, cap), 1, R],
    });
    // Backward runs from the last layer down: each layer's kernels go in front.
    const layerBackward: Pending[] = [
      {
        kernel: 'denseBackwardWeights',
        overrides: { ...sizes, BIAS_OFFSET: layer.biasOffset, GATHER: layer.readsData ? 1 : 0 },
        buffers: [b.steps, b.order, input, delta, b.grads],
        workgroups: [GRID.denseBackwardWeights(layer), 1, R],
      },
    ];
    if (l > 0) {
      layerBackward.push({
        kernel: 'denseBackwardInput',
        overrides: { ...sizes, ACTIVATION: layer.inputActivation },
        buffers: [
          b.steps,
          b.params,
          delta,
          b.activations[l - 1] as GPUBuffer,
          b.deltas[l - 1] as GPUBuffer,
        ],
        workgroups: [GRID.denseBackwardInput(layer, cap), 1, R],
      });
    }
    backward.unshift(...layerBackward);
  });

  const last = plan.layers.length - 1;
  const loss: Pending = {
    kernel: 'loss',
    overrides: {
      CLASSES: plan.classes,
      CLASS_STRIDE: (plan.layers[last] as LayerPlan).outputStride,
      LOSS: plan.loss,
      ROW_CAPACITY: cap,
      PREDICTION_STRIDE: settings.predictionStride,
    },
    buffers: [
      b.steps,
      b.order,
      b.y,
      b.activations[last] as GPUBuffer,
      b.deltas[last] as GPUBuffer,
      b.replicaState,
      b.lossLog,
      b.predictions,
    ],
    workgroups: [1, 1, R],
  };

  const update: Pending[] = [];
  if (replicas.some((run) => run && run.setup.clip.maxNorm !== null)) {
    update.push({
      kernel: 'gradNorm',
      overrides: { PARAM_STRIDE: P },
      buffers: [b.steps, b.replicaConfig, b.grads, b.replicaState],
      workgroups: [1, 1, R],
    });
  }
  // One update dispatch per optimizer in use, over the replicas that use it.
  const groups = new Map<number, number[]>();
  replicas.forEach((run, r) => {
    if (!run) return;
    const index = OPTIMIZERS.indexOf(run.optimizer);
    groups.set(index, [...(groups.get(index) ?? []), r]);
  });
  buffers.writeGroups(groups, settings.capacity);
  for (const [index, members] of groups) {
    update.push({
      kernel: 'update',
      overrides: {
        PARAM_STRIDE: P,
        SLOTS: STATE_SLOTS,
        GROUP_BASE: index * settings.capacity,
        ELEMENTS: UPDATE_ELEMENTS,
        TRACE: b.tracing ? 1 : 0,
      },
      optimizer: OPTIMIZERS[index] as OptimizerDef,
      buffers: [
        b.steps,
        b.replicaConfig,
        b.replicaState,
        b.params,
        b.grads,
        b.optState,
        b.groupReplicas,
        b.trace,
      ],
      workgroups: [GRID.update(plan), members.length, 1],
    });
  }

  const resolve = async (list: readonly Pending[]): Promise<Dispatch[]> =>
    Promise.all(
      list.map(async (p) => {
        const pipeline = await kernelPipeline(device, p.kernel, p.overrides, p.optimizer);
        const bindGroup = device.createBindGroup({
          label: `Train.${p.kernel}.bindGroup`,
          layout: kernelLayout(device, p.kernel).bindGroup,
          entries: [
            { binding: 0, resource: { buffer: b.uniforms, size: 32 } },
            ...p.buffers.map((buffer, i) => ({ binding: i + 1, resource: { buffer } })),
          ],
        });
        return { pipeline, bindGroup, workgroups: p.workgroups };
      }),
    );
  const [train, evaluate] = await Promise.all([
    resolve([...forward, loss, ...backward, ...update]),
    resolve([...forward, loss]),
  ]);
  return { train, evaluate };
}
