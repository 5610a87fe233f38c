// The batched training engine: R replicas of one model train side by side on the GPU, each
// with its own hyperparameters, schedule, clipping, initial weights and batch order. Every
// step is a handful of dispatches that cover all replicas (forward per layer, loss, backward
// per layer, gradient norm, one update per optimizer in use); parameters, optimizer state and
// the data set stay on the GPU, and only the batch losses (and evaluations) come back.
//
// The CPU drives the loop in submissions of up to `stepsPerSubmit` steps: it writes each
// replica's step rows (batch, lr, step scalars), encodes the dispatches with one uniform slot
// per step, and reads the losses back. A ReduceLROnPlateau replica ends a submission at its
// epoch's end, since its next lr depends on that epoch's losses.

import type { Dataset, ModelSpec } from '../../core/train/types';
import { UNIFORM_SLOT_BYTES } from './kernels';
import { checkLimits, planModel, type ModelPlan, type TrainLimits } from './plan';
import { ReplicaRun } from './replica';
import type {
  EvalResult,
  ReplicaProgress,
  TrainBackend,
  TrainReplicaSetup,
} from '../../core/train/backend';
import { fromGpuParams } from './plan';
import { TrainBuffers } from './buffers';
import { buildDispatches, type Dispatch } from './dispatches';

export interface TrainEngineOptions {
  /** Most replicas the engine will hold. */
  readonly maxReplicas: number;
  /** The largest batch any replica uses (rows). */
  readonly batchCapacity: number;
  /** Steps per submission (default 32). */
  readonly stepsPerSubmit?: number;
  /** Rows per evaluation dispatch (default 256, at least the batch capacity). */
  readonly evalRows?: number;
  /** Lower limits than the device's, to test refusals. */
  readonly limits?: Partial<TrainLimits>;
}

/** The data a training engine holds: rows it trains on and, optionally, held-out rows. */
export interface TrainData {
  readonly train: Dataset;
  readonly test?: Dataset;
}

const NOT_DIVERGED = 0xffffffff;
/** u32 words per StepInfo row (shaders/train/common.wgsl). */
const STEP_WORDS = 8;

export class TrainEngine implements TrainBackend {
  readonly kind = 'webgpu' as const;
  readonly plan: ModelPlan;
  readonly stepsPerSubmit: number;
  readonly rowCapacity: number;
  private readonly buffers: TrainBuffers;
  private replicas: (ReplicaRun | null)[] = [];
  private trainDispatches: Dispatch[] = [];
  private evalDispatches: Dispatch[] = [];
  private lostMessage: string | null = null;

  private constructor(
    readonly device: GPUDevice,
    readonly model: ModelSpec,
    readonly data: TrainData,
    readonly options: TrainEngineOptions,
  ) {
    this.plan = planModel(model);
    this.stepsPerSubmit = Math.max(1, options.stepsPerSubmit ?? 32);
    this.rowCapacity = Math.max(options.batchCapacity, options.evalRows ?? 256);
    if (data.train.features !== this.plan.features) {
      throw new Error(
        `The data rows have ${data.train.features} values but the model takes ${this.plan.features}`,
      );
    }
    const limits: TrainLimits = {
      maxStorageBufferBindingSize: Math.min(
        device.limits.maxStorageBufferBindingSize,
        options.limits?.maxStorageBufferBindingSize ?? Infinity,
      ),
      maxBufferSize: Math.min(
        device.limits.maxBufferSize,
        options.limits?.maxBufferSize ?? Infinity,
      ),
      maxComputeWorkgroupsPerDimension: Math.min(
        device.limits.maxComputeWorkgroupsPerDimension,
        options.limits?.maxComputeWorkgroupsPerDimension ?? Infinity,
      ),
    };
    const sizes = TrainBuffers.sizes(this.plan, data, {
      replicas: options.maxReplicas,
      rowCapacity: this.rowCapacity,
      stepSlots: this.stepsPerSubmit + this.evalSlots(),
    });
    const problem = checkLimits(sizes.needs, sizes.largestDispatch, limits);
    if (problem) throw new Error(problem);
    this.buffers = new TrainBuffers(device, this.plan, data, sizes);
    void device.lost.then((info) => {
      this.lostMessage = `The GPU device was lost: ${info.message || info.reason}`;
    });
  }

  /**
   * An engine for `model` on `data`, with room for `options.maxReplicas` replicas. Throws with
   * a sentence naming the limit when the model, the data or the replicas do not fit the device.
   */
  static async create(
    device: GPUDevice,
    model: ModelSpec,
    data: TrainData,
    options: TrainEngineOptions,
  ): Promise<TrainEngine> {
    // Buffer creation reports running out of GPU memory through an error scope, not a throw.
    device.pushErrorScope('out-of-memory');
    let engine: TrainEngine | null = null;
    let failure: unknown = null;
    try {
      engine = new TrainEngine(device, model, data, options);
    } catch (error) {
      failure = error;
    }
    const outOfMemory = await device.popErrorScope();
    if (outOfMemory) {
      engine?.destroy();
      throw new Error(
        `The GPU ran out of memory for this model and ${options.maxReplicas} replicas ` +
          `(${outOfMemory.message}): use fewer lanes, a smaller model or a smaller batch.`,
      );
    }
    if (failure || !engine) throw failure;
    return engine;
  }

  private evalSlots(): number {
    const rows = Math.max(this.data.train.rows, this.data.test?.rows ?? 0);
    return Math.ceil(rows / this.rowCapacity);
  }

  /** Slots in use (the highest filled slot + 1). */
  get replicaCount(): number {
    return this.replicas.length;
  }

  /** Every slot's run as of the last `run` (null: empty). */
  replicaRuns(): readonly (ReplicaRun | null)[] {
    return this.replicas;
  }

  async setReplicas(setups: readonly (TrainReplicaSetup | null)[]): Promise<void> {
    if (setups.length > this.options.maxReplicas) {
      throw new Error(
        `${setups.length} replicas, but this engine was made for at most ${this.options.maxReplicas}`,
      );
    }
    this.checkDevice();
    const runs = setups.map((setup) => (setup ? this.replicaFor(setup) : null));
    this.replicas = runs;
    runs.forEach((run, r) => run && this.buffers.resetReplica(r, run));
    await this.rebuild();
  }

  async setReplica(index: number, setup: TrainReplicaSetup | null): Promise<void> {
    if (!Number.isInteger(index) || index < 0 || index > this.replicas.length) {
      throw new Error(`No slot ${index} (there are ${this.replicas.length})`);
    }
    if (index >= this.options.maxReplicas) {
      throw new Error(`This engine was made for at most ${this.options.maxReplicas} replicas`);
    }
    this.checkDevice();
    const run = setup ? this.replicaFor(setup) : null;
    this.replicas[index] = run;
    while (this.replicas.length > 0 && this.replicas[this.replicas.length - 1] === null) {
      this.replicas.pop();
    }
    if (run) this.buffers.resetReplica(index, run);
    await this.rebuild();
  }

  /** Pauses or resumes one replica (a paused replica keeps its place and is not stepped). */
  setPaused(index: number, paused: boolean): void {
    const run = this.replicas[index];
    if (!run) return;
    if (paused && run.status === 'running') run.status = 'paused';
    else if (!paused && run.status === 'paused') run.status = 'running';
  }

  private replicaFor(setup: TrainReplicaSetup): ReplicaRun {
    if (setup.init.length !== this.plan.paramCount) {
      throw new Error(
        `Replica "${setup.id}": ${setup.init.length} initial parameters, the model has ${this.plan.paramCount}`,
      );
    }
    for (const batch of setup.batches.slice(0, setup.steps)) {
      if (batch.length > this.options.batchCapacity) {
        throw new Error(
          `Replica "${setup.id}": a batch of ${batch.length} rows, more than the engine's ${this.options.batchCapacity}`,
        );
      }
    }
    const { base, offsets } = this.buffers.batchOrder(setup.batches, this.data.train.rows);
    return new ReplicaRun(setup, base, offsets);
  }

  /** Pipelines and bind groups for the current replicas. */
  private async rebuild(): Promise<void> {
    this.buffers.writeReplicaConfigs(this.replicas);
    const built = await buildDispatches(this.device, this.plan, this.buffers, this.replicas, {
      rowCapacity: this.rowCapacity,
      predictionStride: this.buffers.predictionStride,
      capacity: this.options.maxReplicas,
    });
    this.trainDispatches = built.train;
    this.evalDispatches = built.evaluate;
  }

  /** Whether any replica still has steps to run. */
  get running(): boolean {
    return this.replicas.some((r) => r?.status === 'running');
  }

  /**
   * Runs up to `maxSteps` steps of every running replica (fewer at a ReduceLROnPlateau
   * replica's epoch end) and returns what each did (null for an empty slot).
   */
  async run(maxSteps: number = this.stepsPerSubmit): Promise<(ReplicaProgress | null)[]> {
    this.checkDevice();
    const from = this.replicas.map((r) => r?.t ?? 0);
    const active = this.replicas.filter((r): r is ReplicaRun => r?.status === 'running');
    let steps = Math.min(maxSteps, this.stepsPerSubmit);
    for (const run of active) steps = Math.min(steps, run.stepsKnownAhead());
    if (steps <= 0 || active.length === 0) return this.progress(from, null, 0);

    const R = this.replicas.length;
    const words = new Uint32Array(steps * R * STEP_WORDS);
    const floats = new Float32Array(words.buffer);
    const stepped: number[][] = this.replicas.map(() => []);
    for (let k = 0; k < steps; k++) {
      this.replicas.forEach((run, r) => {
        const t = (run?.t ?? 0) + k;
        if (run?.status === 'running' && t < run.setup.steps) {
          run.writeStep(t, words, floats, (k * R + r) * STEP_WORDS);
          stepped[r]?.push(t);
        }
      });
    }
    this.buffers.writeSteps(words, 0);
    this.buffers.writeUniforms(
      Array.from({ length: steps }, (_, k) => ({ k, replicaCount: R, evaluating: 0, evalBase: 0 })),
      0,
    );
    this.buffers.resetReplicaState(R);

    const encoder = this.device.createCommandEncoder({ label: 'TrainEngine.run' });
    const pass = encoder.beginComputePass({ label: 'TrainEngine.steps' });
    for (let k = 0; k < steps; k++) this.encode(pass, this.trainDispatches, k);
    pass.end();
    const readback = this.buffers.encodeStepReadback(encoder, steps * R, R);
    this.device.queue.submit([encoder.finish()]);
    const { lossLog, divergedAt, trace } = await this.whileAlive(readback());

    this.replicas.forEach((run, r) => {
      if (!run) return;
      const diverged = divergedAt[r] as number;
      for (const t of stepped[r] ?? []) {
        if (diverged !== NOT_DIVERGED && t >= diverged) break;
        run.record(t, lossLog[(t - (from[r] as number)) * R + r] as number);
      }
      if (diverged !== NOT_DIVERGED) {
        run.status = 'diverged';
        run.divergedAt = diverged;
        run.t = diverged;
      } else {
        run.t += stepped[r]?.length ?? 0;
        if (run.t >= run.setup.steps) run.status = 'done';
      }
    });
    return this.progress(from, trace, R);
  }

  private progress(
    from: readonly number[],
    trace: Float32Array | null,
    R: number,
  ): (ReplicaProgress | null)[] {
    const P = this.plan.paramCount;
    const gpuP = this.plan.gpuParamCount;
    return this.replicas.map((run, r) => {
      if (!run) return null;
      const start = from[r] as number;
      const count = run.losses.length - start;
      let path: Float32Array | null = null;
      if (trace) {
        // Step k of this call left replica r's parameters at trace[(k·R + r)·gpuP ...].
        path = new Float32Array(count * P);
        for (let k = 0; k < count; k++) {
          const at = (k * R + r) * gpuP;
          path.set(fromGpuParams(this.plan, trace.subarray(at, at + gpuP)), k * P);
        }
      }
      return {
        id: run.setup.id,
        from: start,
        losses: Float64Array.from(run.losses.slice(start)),
        lrs: Float64Array.from(run.lrs.slice(start)),
        status: run.status,
        divergedAt: run.divergedAt,
        trace: path,
      };
    });
  }

  /**
   * Mean loss, accuracy and predictions of every replica on the training or held-out rows at
   * its current parameters (a forward pass only); null for an empty slot.
   */
  async evaluate(set: 'train' | 'test'): Promise<(EvalResult | null)[]> {
    this.checkDevice();
    const rows = set === 'train' ? this.data.train.rows : (this.data.test?.rows ?? 0);
    if (rows === 0) throw new Error(`There are no ${set} rows to evaluate on`);
    const R = this.replicas.length;
    if (R === 0) return [];
    const base = set === 'train' ? this.buffers.trainIdentity : this.buffers.testIdentity;
    const chunks = Math.ceil(rows / this.rowCapacity);
    const words = new Uint32Array(chunks * R * STEP_WORDS);
    for (let c = 0; c < chunks; c++) {
      const start = c * this.rowCapacity;
      const count = Math.min(this.rowCapacity, rows - start);
      this.replicas.forEach((run, r) => {
        if (!run) return;
        const at = (c * R + r) * STEP_WORDS;
        words[at] = base + start;
        words[at + 1] = count;
        words[at + 2] = 1;
        words[at + 3] = 1;
      });
    }
    const slot0 = this.stepsPerSubmit;
    this.buffers.writeSteps(words, slot0 * R);
    this.buffers.writeUniforms(
      Array.from({ length: chunks }, (_, c) => ({
        k: slot0 + c,
        replicaCount: R,
        evaluating: 1,
        evalBase: c * this.rowCapacity,
      })),
      slot0,
    );
    this.buffers.resetReplicaState(R);
    const encoder = this.device.createCommandEncoder({ label: 'TrainEngine.evaluate' });
    const pass = encoder.beginComputePass({ label: 'TrainEngine.evaluate' });
    for (let c = 0; c < chunks; c++) this.encode(pass, this.evalDispatches, slot0 + c);
    pass.end();
    const readback = this.buffers.encodeEvalReadback(encoder, R);
    this.device.queue.submit([encoder.finish()]);
    const { lossSums, correct, predictions } = await this.whileAlive(readback());
    const classified = this.model.loss !== 'mse';
    const stride = this.buffers.predictionStride;
    return this.replicas.map((run, r) =>
      run
        ? {
            id: run.setup.id,
            loss: (lossSums[r] as number) / rows,
            accuracy: classified ? (correct[r] as number) / rows : null,
            predictions: classified ? predictions.slice(r * stride, r * stride + rows) : null,
          }
        : null,
    );
  }

  /** Replica `index`'s parameters as the GPU holds them (float32). */
  async readParams(index: number): Promise<Float32Array> {
    this.checkDevice();
    if (!this.replicas[index]) throw new Error(`No replica in slot ${index}`);
    const encoder = this.device.createCommandEncoder({ label: 'TrainEngine.readParams' });
    const readback = this.buffers.encodeParamsReadback(encoder, index);
    this.device.queue.submit([encoder.finish()]);
    return this.whileAlive(readback());
  }

  /**
   * Where a step's time goes: each dispatch of a training step (as the current replicas run
   * it, at their current step) alone, `repeats` times in one submission, wall time per
   * dispatch. For the training benchmark; the dispatches write the same buffers a step does.
   */
  async profileStep(repeats = 20): Promise<{ label: string; ms: number }[]> {
    this.checkDevice();
    const out: { label: string; ms: number }[] = [];
    for (const d of this.trainDispatches) {
      const encoder = this.device.createCommandEncoder({ label: 'TrainEngine.profile' });
      const pass = encoder.beginComputePass();
      for (let i = 0; i < repeats; i++) this.encode(pass, [d], 0);
      pass.end();
      const t0 = performance.now();
      this.device.queue.submit([encoder.finish()]);
      await this.whileAlive(this.device.queue.onSubmittedWorkDone());
      out.push({ label: d.pipeline.label, ms: (performance.now() - t0) / repeats });
    }
    return out;
  }

  destroy(): void {
    this.buffers.destroy();
    this.replicas = [];
  }

  private encode(pass: GPUComputePassEncoder, dispatches: readonly Dispatch[], slot: number): void {
    const offset = slot * UNIFORM_SLOT_BYTES;
    for (const d of dispatches) {
      pass.setPipeline(d.pipeline);
      pass.setBindGroup(0, d.bindGroup, [offset]);
      pass.dispatchWorkgroups(d.workgroups[0], d.workgroups[1], d.workgroups[2]);
    }
  }

  private checkDevice(): void {
    if (this.lostMessage) throw new Error(this.lostMessage);
  }

  private async whileAlive<T>(promise: Promise<T>): Promise<T> {
    const lost = this.device.lost.then((info) => {
      throw new Error(`The GPU device was lost: ${info.message || info.reason}`);
    });
    return Promise.race([promise, lost]);
  }
}
