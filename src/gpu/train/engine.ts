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
import { ReplicaRun, type ReplicaStatus, type TrainReplicaSetup } from './replica';
import { TrainBuffers } from './buffers';
import { buildDispatches, type Dispatch } from './dispatches';

export type { TrainReplicaSetup, ReplicaStatus } from './replica';

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

/** What one replica did in one `run` call. */
export interface ReplicaProgress {
  readonly id: string;
  /** The first step of `losses`. */
  readonly from: number;
  readonly losses: Float64Array;
  readonly lrs: Float64Array;
  readonly status: ReplicaStatus;
  readonly divergedAt: number | null;
}

export interface EvalResult {
  readonly id: string;
  /** Mean loss over the rows. */
  readonly loss: number;
  /** Share of rows predicted right; null for mse. */
  readonly accuracy: number | null;
  /** The predicted class of every row (cross_entropy, bce); null for mse. */
  readonly predictions: Uint32Array | null;
}

const NOT_DIVERGED = 0xffffffff;
/** u32 words per StepInfo row (shaders/train/common.wgsl). */
const STEP_WORDS = 8;

export class TrainEngine {
  readonly plan: ModelPlan;
  readonly stepsPerSubmit: number;
  readonly rowCapacity: number;
  private readonly buffers: TrainBuffers;
  private replicas: ReplicaRun[] = [];
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
    const engine = new TrainEngine(device, model, data, options);
    return engine;
  }

  private evalSlots(): number {
    const rows = Math.max(this.data.train.rows, this.data.test?.rows ?? 0);
    return Math.ceil(rows / this.rowCapacity);
  }

  get replicaCount(): number {
    return this.replicas.length;
  }

  /** Every replica's state as of the last run. */
  replicaRuns(): readonly ReplicaRun[] {
    return this.replicas;
  }

  /** Replaces every replica: parameters from `init`, optimizer state at its start, step 0. */
  async setReplicas(setups: readonly TrainReplicaSetup[]): Promise<void> {
    if (setups.length > this.options.maxReplicas) {
      throw new Error(
        `${setups.length} replicas, but this engine was made for at most ${this.options.maxReplicas}`,
      );
    }
    this.checkDevice();
    const runs = setups.map((setup) => this.replicaFor(setup));
    this.replicas = runs;
    runs.forEach((run, r) => this.buffers.resetReplica(r, run));
    await this.rebuild();
  }

  /** Restarts replica `index` with `setup` (the others keep their place). */
  async resetReplica(index: number, setup: TrainReplicaSetup): Promise<void> {
    if (index < 0 || index >= this.replicas.length) {
      throw new Error(`No replica ${index} (there are ${this.replicas.length})`);
    }
    this.checkDevice();
    const run = this.replicaFor(setup);
    this.replicas[index] = run;
    this.buffers.resetReplica(index, run);
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
    return this.replicas.some((r) => r.status === 'running');
  }

  /**
   * Runs up to `maxSteps` steps of every running replica (fewer at a ReduceLROnPlateau
   * replica's epoch end) and returns what each did.
   */
  async run(maxSteps: number = this.stepsPerSubmit): Promise<ReplicaProgress[]> {
    this.checkDevice();
    const active = this.replicas.filter((r) => r.status === 'running');
    let steps = Math.min(maxSteps, this.stepsPerSubmit);
    for (const run of active) steps = Math.min(steps, run.stepsKnownAhead());
    const from = this.replicas.map((r) => r.t);
    if (steps <= 0 || active.length === 0) return this.progress(from);

    const R = this.replicas.length;
    const words = new Uint32Array(steps * R * STEP_WORDS);
    const floats = new Float32Array(words.buffer);
    const stepped: number[][] = this.replicas.map(() => []);
    for (let k = 0; k < steps; k++) {
      this.replicas.forEach((run, r) => {
        const t = run.t + k;
        if (run.status === 'running' && t < run.setup.steps) {
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
    const { lossLog, divergedAt } = await this.whileAlive(readback());

    this.replicas.forEach((run, r) => {
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
    return this.progress(from);
  }

  private progress(from: readonly number[]): ReplicaProgress[] {
    return this.replicas.map((run, r) => {
      const start = from[r] as number;
      return {
        id: run.setup.id,
        from: start,
        losses: Float64Array.from(run.losses.slice(start)),
        lrs: Float64Array.from(run.lrs.slice(start)),
        status: run.status,
        divergedAt: run.divergedAt,
      };
    });
  }

  /**
   * Mean loss, accuracy and predictions of every replica on the training or held-out rows at
   * its current parameters (a forward pass only).
   */
  async evaluate(set: 'train' | 'test'): Promise<EvalResult[]> {
    this.checkDevice();
    const rows = set === 'train' ? this.data.train.rows : (this.data.test?.rows ?? 0);
    if (rows === 0) throw new Error(`There are no ${set} rows to evaluate on`);
    const R = this.replicas.length;
    const base = set === 'train' ? this.buffers.trainIdentity : this.buffers.testIdentity;
    const chunks = Math.ceil(rows / this.rowCapacity);
    const words = new Uint32Array(chunks * R * STEP_WORDS);
    for (let c = 0; c < chunks; c++) {
      const start = c * this.rowCapacity;
      const count = Math.min(this.rowCapacity, rows - start);
      for (let r = 0; r < R; r++) {
        const at = (c * R + r) * STEP_WORDS;
        words[at] = base + start;
        words[at + 1] = count;
        words[at + 2] = 1;
        words[at + 3] = 1;
      }
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
    return this.replicas.map((run, r) => ({
      id: run.setup.id,
      loss: (lossSums[r] as number) / rows,
      accuracy: classified ? (correct[r] as number) / rows : null,
      predictions: classified
        ? predictions.slice(
            r * this.buffers.predictionStride,
            r * this.buffers.predictionStride + rows,
          )
        : null,
    }));
  }

  /** Replica `index`'s parameters as the GPU holds them (float32). */
  async readParams(index: number): Promise<Float32Array> {
    this.checkDevice();
    if (index < 0 || index >= this.replicas.length) throw new Error(`No replica ${index}`);
    const encoder = this.device.createCommandEncoder({ label: 'TrainEngine.readParams' });
    const readback = this.buffers.encodeParamsReadback(encoder, index);
    this.device.queue.submit([encoder.finish()]);
    return this.whileAlive(readback());
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
