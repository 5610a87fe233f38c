// Every GPU buffer of the training engine, with its byte size, and the writes and read-backs
// the engine makes. Replica r owns slice r of each per-replica buffer.

import { fromGpuParams, paddedRows, toGpuParams, type BufferNeed, type ModelPlan } from './plan';
import type { TrainData } from './engine';
import type { ReplicaRun } from './replica';
import { UNIFORM_SLOT_BYTES } from './kernels';
import { largestGrid } from './dispatches';
import { OPTIMIZERS } from '../../core/optimizers';
import { TRACE_LIMIT } from '../../core/train/backend';

/** State slots per parameter: the most any optimizer uses, so a lane can switch freely. */
export const STATE_SLOTS = Math.max(...OPTIMIZERS.map((o) => o.stateSlots));
const STEP_BYTES = 32; // StepInfo: 8 words
const CONFIG_FLOATS = 12; // ReplicaConfig: c0, c1, maxNorm, maxValue, padded to 48 bytes
const STATE_BYTES = 16; // ReplicaState: clipCoef, evalLossSum, evalCorrect, divergedAt
const NOT_DIVERGED = 0xffffffff;

export interface BufferSizes {
  readonly replicas: number;
  readonly rowCapacity: number;
  readonly stepSlots: number;
  readonly predictionStride: number;
  readonly needs: readonly BufferNeed[];
  /** The most workgroups any dispatch asks for along x. */
  readonly largestDispatch: number;
}

export class TrainBuffers {
  readonly x: GPUBuffer;
  readonly y: GPUBuffer;
  order: GPUBuffer;
  readonly params: GPUBuffer;
  readonly grads: GPUBuffer;
  readonly optState: GPUBuffer;
  /** Per layer: its outputs after the activation (the conv block: pooled features). */
  readonly activations: readonly GPUBuffer[];
  /** Per layer: the gradient of the mean loss with respect to its pre-activation outputs. */
  readonly deltas: readonly GPUBuffer[];
  /** The conv block's max-pool choices (a 4-byte placeholder for an MLP). */
  readonly argmax: GPUBuffer;
  readonly replicaConfig: GPUBuffer;
  readonly replicaState: GPUBuffer;
  readonly groupReplicas: GPUBuffer;
  readonly steps: GPUBuffer;
  readonly uniforms: GPUBuffer;
  readonly lossLog: GPUBuffer;
  readonly predictions: GPUBuffer;
  readonly predictionStride: number;
  /** Tiny models: every replica's parameters after each step of a submission (else 4 bytes). */
  readonly trace: GPUBuffer;
  readonly tracing: boolean;
  /** Order-buffer offsets of the identity lists of the training and held-out rows. */
  readonly trainIdentity: number;
  readonly testIdentity: number;
  private orderWords: Uint32Array<ArrayBuffer>;
  private orderLength: number;
  private readonly batchBases = new Map<
    readonly Int32Array[],
    { base: number; offsets: Int32Array }
  >();
  private readonly all: GPUBuffer[] = [];

  /** What an engine with these settings allocates, for the limit check before any is made. */
  static sizes(
    plan: ModelPlan,
    data: TrainData,
    settings: { replicas: number; rowCapacity: number; stepSlots: number },
  ): BufferSizes {
    const { replicas: R, rowCapacity: cap, stepSlots } = settings;
    const rows = data.train.rows + (data.test?.rows ?? 0);
    const predictionStride = Math.max(data.train.rows, data.test?.rows ?? 0);
    const P = plan.gpuParamCount;
    const needs: BufferNeed[] = [
      { label: 'data rows', bytes: rows * plan.featureStride * 4 },
      { label: 'parameters', bytes: R * P * 4 },
      { label: 'optimizer state', bytes: R * STATE_SLOTS * P * 4 },
      { label: 'predictions', bytes: R * predictionStride * 4 },
      ...plan.layers.map((layer, l) => ({
        label: `activations of layer ${l + 1}`,
        bytes: R * cap * layer.outputStride * 4,
      })),
    ];
    return {
      replicas: R,
      rowCapacity: cap,
      stepSlots,
      predictionStride,
      needs,
      largestDispatch: largestGrid(plan, cap, R),
    };
  }

  constructor(
    private readonly device: GPUDevice,
    private readonly plan: ModelPlan,
    data: TrainData,
    sizes: BufferSizes,
  ) {
    const R = sizes.replicas;
    const P = plan.gpuParamCount;
    const cap = sizes.rowCapacity;
    const STORAGE = GPUBufferUsage.STORAGE;
    const COPY_DST = GPUBufferUsage.COPY_DST;
    const COPY_SRC = GPUBufferUsage.COPY_SRC;
    const train = data.train;
    const test = data.test;
    const rows = train.rows + (test?.rows ?? 0);

    // Data rows: the training rows, then the held-out rows (float32, row-major, padded).
    const stride = plan.featureStride;
    const x = new Float32Array(rows * stride);
    x.set(paddedRows(train.x, train.rows, plan.features, stride));
    if (test) x.set(paddedRows(test.x, test.rows, plan.features, stride), train.rows * stride);
    const y = new Float32Array(rows);
    y.set(train.y);
    if (test) y.set(test.y, train.rows);
    this.x = this.create('Train.x', x.byteLength, STORAGE | COPY_DST, x);
    this.y = this.create('Train.y', y.byteLength, STORAGE | COPY_DST, y);

    // The order buffer starts with the identity lists the evaluations read.
    this.trainIdentity = 0;
    this.testIdentity = train.rows;
    this.orderWords = new Uint32Array(Math.max(rows, 1024));
    for (let i = 0; i < rows; i++) this.orderWords[i] = i;
    this.orderLength = rows;
    this.order = this.create('Train.order', this.orderWords.byteLength, STORAGE | COPY_DST);

    this.params = this.create('Train.params', R * P * 4, STORAGE | COPY_DST | COPY_SRC);
    this.grads = this.create('Train.grads', R * P * 4, STORAGE);
    this.optState = this.create('Train.optState', R * STATE_SLOTS * P * 4, STORAGE | COPY_DST);
    this.activations = plan.layers.map((layer, l) =>
      this.create(`Train.activations[${l}]`, R * cap * layer.outputStride * 4, STORAGE),
    );
    this.deltas = plan.layers.map((layer, l) =>
      this.create(`Train.deltas[${l}]`, R * cap * layer.outputStride * 4, STORAGE),
    );
    const conv = plan.layers[0]?.kind === 'conv' ? plan.layers[0] : null;
    this.argmax = this.create('Train.argmax', conv ? R * cap * conv.outputStride * 4 : 4, STORAGE);
    this.replicaConfig = this.create(
      'Train.replicaConfig',
      R * CONFIG_FLOATS * 4,
      STORAGE | COPY_DST,
    );
    this.replicaState = this.create(
      'Train.replicaState',
      R * STATE_BYTES,
      STORAGE | COPY_DST | COPY_SRC,
    );
    this.groupReplicas = this.create(
      'Train.groupReplicas',
      OPTIMIZERS.length * R * 4,
      STORAGE | COPY_DST,
    );
    this.steps = this.create('Train.steps', sizes.stepSlots * R * STEP_BYTES, STORAGE | COPY_DST);
    this.uniforms = this.create(
      'Train.uniforms',
      sizes.stepSlots * UNIFORM_SLOT_BYTES,
      GPUBufferUsage.UNIFORM | COPY_DST,
    );
    this.lossLog = this.create('Train.lossLog', sizes.stepSlots * R * 4, STORAGE | COPY_SRC);
    this.predictionStride = sizes.predictionStride;
    this.predictions = this.create(
      'Train.predictions',
      R * sizes.predictionStride * 4,
      STORAGE | COPY_SRC,
    );
    this.tracing = plan.paramCount <= TRACE_LIMIT;
    this.trace = this.create(
      'Train.trace',
      this.tracing ? sizes.stepSlots * R * P * 4 : 4,
      STORAGE | COPY_SRC,
    );
    this.uploadOrder();
  }

  private create(
    label: string,
    bytes: number,
    usage: GPUBufferUsageFlags,
    contents?: ArrayBufferView<ArrayBuffer>,
  ): GPUBuffer {
    // A zero-sized binding is invalid; sizes are padded to a multiple of 4 words.
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const buffer = this.device.createBuffer({ label, size, usage });
    if (contents) this.device.queue.writeBuffer(buffer, 0, contents);
    this.all.push(buffer);
    return buffer;
  }

  private uploadOrder(): void {
    this.device.queue.writeBuffer(this.order, 0, this.orderWords, 0, this.orderLength);
  }

  /**
   * Where `batches` sits in the order buffer (appended on first use): its base and each step's
   * offset from it. Growing the buffer replaces it: the caller rebuilds its bind groups.
   */
  batchOrder(
    batches: readonly Int32Array[],
    trainRows: number,
  ): { base: number; offsets: Int32Array } {
    const known = this.batchBases.get(batches);
    if (known) return known;
    const offsets = new Int32Array(batches.length);
    let total = 0;
    batches.forEach((batch, t) => {
      offsets[t] = total;
      total += batch.length;
    });
    const base = this.orderLength;
    if (base + total > this.orderWords.length) {
      const grown = new Uint32Array(Math.max(2 * this.orderWords.length, base + total));
      grown.set(this.orderWords.subarray(0, this.orderLength));
      this.orderWords = grown;
      const old = this.order;
      this.order = this.create(
        'Train.order',
        grown.byteLength,
        GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      );
      this.all.splice(this.all.indexOf(old), 1);
      old.destroy();
    }
    batches.forEach((batch, t) => {
      for (let i = 0; i < batch.length; i++) {
        const row = batch[i] as number;
        if (!(row >= 0 && row < trainRows)) {
          throw new Error(`Batch ${t} has row ${row}, outside the ${trainRows} training rows`);
        }
        this.orderWords[base + (offsets[t] as number) + i] = row;
      }
    });
    this.orderLength = base + total;
    this.uploadOrder();
    const entry = { base, offsets };
    this.batchBases.set(batches, entry);
    return entry;
  }

  /** Replica r's parameters from its init and its optimizer state at its start values. */
  resetReplica(r: number, run: ReplicaRun): void {
    const P = this.plan.gpuParamCount;
    const queue = this.device.queue;
    queue.writeBuffer(this.params, r * P * 4, toGpuParams(this.plan, run.setup.init));
    const state = new Float32Array(STATE_SLOTS * P);
    const initial = run.optimizer.initialState?.(run.setup.optimizer.params) ?? [];
    initial.forEach((value, slot) => state.fill(value, slot * P, (slot + 1) * P));
    queue.writeBuffer(this.optState, r * STATE_SLOTS * P * 4, state);
  }

  /** The optimizer constants and clipping of every replica (zeros for an empty slot). */
  writeReplicaConfigs(runs: readonly (ReplicaRun | null)[]): void {
    const R = runs.length;
    const config = new Float32Array(Math.max(1, R) * CONFIG_FLOATS);
    runs.forEach((run, r) => {
      if (!run) return;
      config.set(run.optimizer.constants(run.setup.optimizer.params), r * CONFIG_FLOATS);
      config[r * CONFIG_FLOATS + 8] = run.setup.clip.maxNorm ?? -1;
      config[r * CONFIG_FLOATS + 9] = run.setup.clip.maxValue ?? -1;
    });
    this.device.queue.writeBuffer(this.replicaConfig, 0, config);
  }

  /** Writes the replica lists of the update groups: optimizer i's at i · capacity. */
  writeGroups(groups: ReadonlyMap<number, readonly number[]>, capacity: number): void {
    const words = new Uint32Array(OPTIMIZERS.length * capacity);
    for (const [index, replicas] of groups) words.set(replicas, index * capacity);
    this.device.queue.writeBuffer(this.groupReplicas, 0, words);
  }

  writeSteps(words: Uint32Array<ArrayBuffer>, firstRow: number): void {
    this.device.queue.writeBuffer(this.steps, firstRow * STEP_BYTES, words);
  }

  writeUniforms(
    slots: readonly { k: number; replicaCount: number; evaluating: number; evalBase: number }[],
    firstSlot: number,
  ): void {
    const words = new Uint32Array((slots.length * UNIFORM_SLOT_BYTES) / 4);
    slots.forEach((s, i) => {
      const at = (i * UNIFORM_SLOT_BYTES) / 4;
      words[at] = s.k;
      words[at + 1] = s.replicaCount;
      words[at + 2] = s.evaluating;
      words[at + 3] = s.evalBase;
      words[at + 4] = 0; // zero: the bits of 0.0
    });
    this.device.queue.writeBuffer(this.uniforms, firstSlot * UNIFORM_SLOT_BYTES, words);
  }

  /** Clears every replica's divergence mark, clip coefficient and evaluation sums. */
  resetReplicaState(R: number): void {
    const words = new Uint32Array(Math.max(1, R) * 4);
    const floats = new Float32Array(words.buffer);
    for (let r = 0; r < R; r++) {
      floats[4 * r] = 1;
      words[4 * r + 3] = NOT_DIVERGED;
    }
    this.device.queue.writeBuffer(this.replicaState, 0, words);
  }

  /** Copies `count` losses and the replica states out; the promise maps and reads them. */
  encodeStepReadback(
    encoder: GPUCommandEncoder,
    count: number,
    R: number,
  ): () => Promise<{ lossLog: Float32Array; divergedAt: Uint32Array; trace: Float32Array | null }> {
    const lossBytes = Math.max(16, Math.ceil((count * 4) / 16) * 16);
    const stateBytes = Math.max(16, R * STATE_BYTES);
    const traceBytes = this.tracing ? count * this.plan.gpuParamCount * 4 : 0;
    const staging = this.staging('Train.stepReadback', lossBytes + stateBytes + traceBytes);
    encoder.copyBufferToBuffer(this.lossLog, 0, staging, 0, lossBytes);
    encoder.copyBufferToBuffer(this.replicaState, 0, staging, lossBytes, stateBytes);
    if (traceBytes > 0)
      encoder.copyBufferToBuffer(this.trace, 0, staging, lossBytes + stateBytes, traceBytes);
    return async () => {
      const bytes = await this.read(staging);
      const lossLog = new Float32Array(bytes, 0, count);
      const state = new Uint32Array(bytes, lossBytes, R * 4);
      const divergedAt = new Uint32Array(R);
      for (let r = 0; r < R; r++) divergedAt[r] = state[4 * r + 3] as number;
      const trace =
        traceBytes > 0 ? new Float32Array(bytes, lossBytes + stateBytes, traceBytes / 4) : null;
      return { lossLog, divergedAt, trace };
    };
  }

  /** Copies the evaluation sums and predictions out. */
  encodeEvalReadback(
    encoder: GPUCommandEncoder,
    R: number,
  ): () => Promise<{ lossSums: Float32Array; correct: Uint32Array; predictions: Uint32Array }> {
    const stateBytes = Math.max(16, R * STATE_BYTES);
    const predictionBytes = R * this.predictionStride * 4;
    const staging = this.staging('Train.evalReadback', stateBytes + predictionBytes);
    encoder.copyBufferToBuffer(this.replicaState, 0, staging, 0, stateBytes);
    encoder.copyBufferToBuffer(this.predictions, 0, staging, stateBytes, predictionBytes);
    return async () => {
      const bytes = await this.read(staging);
      const state = new Uint32Array(bytes, 0, R * 4);
      const floats = new Float32Array(bytes, 0, R * 4);
      const lossSums = new Float32Array(R);
      const correct = new Uint32Array(R);
      for (let r = 0; r < R; r++) {
        lossSums[r] = floats[4 * r + 1] as number;
        correct[r] = state[4 * r + 2] as number;
      }
      return {
        lossSums,
        correct,
        predictions: new Uint32Array(bytes, stateBytes, R * this.predictionStride),
      };
    };
  }

  /** Copies replica r's parameters out; they come back in PyTorch's flat order. */
  encodeParamsReadback(encoder: GPUCommandEncoder, r: number): () => Promise<Float32Array> {
    const bytes = this.plan.gpuParamCount * 4;
    const staging = this.staging('Train.paramsReadback', Math.max(16, bytes));
    encoder.copyBufferToBuffer(this.params, r * bytes, staging, 0, bytes);
    return async () =>
      fromGpuParams(
        this.plan,
        new Float32Array(await this.read(staging), 0, this.plan.gpuParamCount),
      );
  }

  private staging(label: string, bytes: number): GPUBuffer {
    return this.device.createBuffer({
      label,
      size: bytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
  }

  /** Maps a staging buffer, copies its bytes out and destroys it. */
  private async read(staging: GPUBuffer): Promise<ArrayBuffer> {
    try {
      await staging.mapAsync(GPUMapMode.READ);
      return staging.getMappedRange().slice(0);
    } finally {
      staging.destroy();
    }
  }

  destroy(): void {
    for (const buffer of this.all) buffer.destroy();
    this.all.length = 0;
  }
}
