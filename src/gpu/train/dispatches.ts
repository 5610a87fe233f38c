// The dispatches of one training step and of one evaluation chunk, in order, for a model plan
// and the replicas an engine holds: each a pipeline (a kernel with the layer's sizes as
// constants), its bind group and its workgroup grid. Every dispatch covers all replicas.

import type { ModelPlan } from './plan';
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
const tiles = (n: number): number => Math.ceil(n / 4);
const groupsFor = (invocations: number): number => Math.max(1, Math.ceil(invocations / WORKGROUP));

/** The dispatches of a training step and of an evaluation chunk. */
export async function buildDispatches(
  device: GPUDevice,
  plan: ModelPlan,
  buffers: TrainBuffers,
  replicas: readonly ReplicaRun[],
  settings: { rowCapacity: number; predictionStride: number; capacity: number },
): Promise<{ train: Dispatch[]; evaluate: Dispatch[] }> {
  const R = Math.max(1, replicas.length);
  const cap = settings.rowCapacity;
  const P = plan.paramCount;
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
      };
      forward.push({
        kernel: 'convForward',
        overrides,
        buffers: [b.steps, b.order, b.x, b.params, output, b.argmax],
        workgroups: [groupsFor(cap * layer.outputs), 1, R],
      });
      backward.unshift({
        kernel: 'convBackward',
        overrides,
        buffers: [b.steps, b.order, b.x, delta, output, b.argmax, b.grads],
        workgroups: [
          groupsFor(layer.outChannels * (layer.channels * layer.kernelSize ** 2 + 1)),
          1,
          R,
        ],
      });
      return;
    }
    const sizes = {
      K: layer.inputs,
      N: layer.outputs,
      ROW_CAPACITY: cap,
      PARAM_STRIDE: P,
      W_OFFSET: layer.weightOffset,
    };
    forward.push({
      kernel: 'denseForward',
      overrides: {
        ...sizes,
        BIAS_OFFSET: layer.biasOffset,
        ACTIVATION: layer.activation,
        GATHER: layer.readsData ? 1 : 0,
      },
      buffers: [b.steps, b.order, input, b.params, output],
      workgroups: [groupsFor(tiles(layer.outputs) * tiles(cap)), 1, R],
    });
    // Backward runs from the last layer down: each layer's kernels go in front.
    const layerBackward: Pending[] = [
      {
        kernel: 'denseBackwardWeights',
        overrides: { ...sizes, BIAS_OFFSET: layer.biasOffset, GATHER: layer.readsData ? 1 : 0 },
        buffers: [b.steps, b.order, input, delta, b.grads],
        workgroups: [groupsFor(tiles(layer.outputs) * (tiles(layer.inputs) + 1)), 1, R],
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
        workgroups: [groupsFor(tiles(layer.inputs) * tiles(cap)), 1, R],
      });
    }
    backward.unshift(...layerBackward);
  });

  const last = plan.layers.length - 1;
  const loss: Pending = {
    kernel: 'loss',
    overrides: {
      CLASSES: plan.classes,
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
  if (replicas.some((run) => run.setup.clip.maxNorm !== null)) {
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
    const index = OPTIMIZERS.indexOf(run.optimizer);
    groups.set(index, [...(groups.get(index) ?? []), r]);
  });
  buffers.writeGroups(groups, settings.capacity);
  for (const [index, members] of groups) {
    update.push({
      kernel: 'update',
      overrides: { PARAM_STRIDE: P, SLOTS: STATE_SLOTS, GROUP_BASE: index * settings.capacity },
      optimizer: OPTIMIZERS[index] as OptimizerDef,
      buffers: [
        b.steps,
        b.replicaConfig,
        b.replicaState,
        b.params,
        b.grads,
        b.optState,
        b.groupReplicas,
      ],
      workgroups: [groupsFor(P), members.length, 1],
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
