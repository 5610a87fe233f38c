// The float64 training loop of docs/TRAIN-FORMAT.md ("The loop"): for each step the batch's
// mean loss and its analytic gradient, the lr read before the step, clipping, one
// element-wise optimizer update of every parameter and, after every epoch, the schedule step.
// It is the reference the tests compare PyTorch with, the Train view's CPU fallback (driven
// step by step or epoch by epoch) and the train-cases command line.

import { createStepInputs, optimizerById, setStepInputs } from '../optimizers';
import type { OptimizerDef, StepInputs } from '../types';
import { EpochSchedule } from './epochSchedule';
import { clipFlatGradient } from './clip';
import { evaluateNetwork, type Evaluation } from './evaluate';
import { checkModel, type ParamLayout } from './layout';
import { lossSum } from './loss';
import { createNetwork, type Network } from './network';
import type { TrainResult, TrainRun } from './types';
import { messageOf } from '../errors';

export type TrainerStatus = 'running' | 'done' | 'diverged';

/** The batch of the current step (a reused object: the loop does not allocate per step). */
class StepBatch {
  rows: Int32Array = new Int32Array(0);
  count = 0;
  constructor(
    readonly x: Float64Array | Float32Array,
    readonly features: number,
  ) {}
}

/** One run of the float64 loop, advanced by the caller. */
export class Float64Trainer {
  readonly network: Network;
  readonly layout: ParamLayout;
  /** The current parameters (flat layout); updated in place by every step. */
  readonly params: Float64Array;
  /** loss_t and lr_t of every step run so far (NaN after the last step run). */
  readonly loss: Float64Array;
  readonly lr: Float64Array;
  /** The next step to run (0-based). */
  t = 0;
  /** The first step whose loss, gradient or updated parameters were not finite. */
  divergedAt: number | null = null;

  private readonly optimizer: OptimizerDef;
  private readonly constants: Float64Array;
  private readonly scalars: Float64Array;
  /** Optimizer state, slot-major: slot k of parameter i at k·P + i. */
  private readonly state: Float64Array;
  private readonly stepInputs: StepInputs = createStepInputs();
  private readonly schedule: EpochSchedule;
  private readonly grad: Float64Array;
  private readonly dLogits: Float64Array;
  private readonly batch: StepBatch;

  /** Throws an Error naming the run when the run cannot be trained as given. */
  constructor(readonly run: TrainRun) {
    const fail = (message: string): Error => new Error(`run ${run.id}: ${message}`);
    const problem = checkModel(run.model);
    if (problem) throw fail(`model.${problem.field} ${problem.message}`);
    const optimizer = optimizerById(run.optimizer.id);
    if (!optimizer) throw fail(`unknown optimizer ${run.optimizer.id}`);
    this.optimizer = optimizer;
    if (run.steps > run.batches.length)
      throw fail(`${run.steps} steps but only ${run.batches.length} batches`);
    let capacity = 1;
    for (let t = 0; t < run.steps; t++)
      capacity = Math.max(capacity, (run.batches[t] as Int32Array).length);
    this.network = createNetwork(run.model, capacity);
    this.layout = this.network.layout;
    if (run.init.length !== this.layout.count)
      throw fail(
        `init has ${run.init.length} values; the model has ${this.layout.count} parameters`,
      );
    if (run.data.features !== this.layout.inputs)
      throw fail(
        `the data has ${run.data.features} features; the model takes ${this.layout.inputs}`,
      );
    try {
      this.schedule = new EpochSchedule(run, run.epochSteps, run.steps);
    } catch (error) {
      throw fail(messageOf(error));
    }
    const p = this.layout.count;
    this.params = Float64Array.from(run.init);
    this.grad = new Float64Array(p);
    this.dLogits = new Float64Array(capacity * this.layout.outputs);
    this.loss = new Float64Array(run.steps).fill(NaN);
    this.lr = new Float64Array(run.steps).fill(NaN);
    this.constants = optimizer.constants(run.optimizer.params);
    this.scalars = optimizer.stepScalars(run.optimizer.params, Math.max(1, run.steps));
    this.state = new Float64Array(Math.max(1, optimizer.stateSlots) * p);
    optimizer
      .initialState?.(run.optimizer.params)
      .forEach((value, slot) => this.state.fill(value, slot * p, (slot + 1) * p));
    this.batch = new StepBatch(run.data.x, run.data.features);
  }

  get status(): TrainerStatus {
    if (this.divergedAt !== null) return 'diverged';
    return this.t >= this.run.steps ? 'done' : 'running';
  }

  /** Optimizer steps per epoch. */
  get epochSteps(): number {
    return this.run.epochSteps;
  }

  /** Runs step t; false when the run is over (done or diverged) and nothing ran. */
  step(): boolean {
    if (this.status !== 'running') return false;
    const t = this.t;
    const run = this.run;
    const batch = this.batch;
    batch.rows = run.batches[t] as Int32Array;
    batch.count = batch.rows.length;
    const outputs = this.layout.outputs;
    this.network.forward(this.params, batch);
    const loss =
      lossSum(
        run.model.loss,
        this.network.logits,
        outputs,
        batch.count,
        { y: run.data.y, rows: batch.rows },
        this.dLogits,
      ) / batch.count;
    const lr = this.schedule.lrAt(t);
    this.loss[t] = loss;
    this.lr[t] = lr;
    this.t = t + 1;
    if (!Number.isFinite(loss)) {
      this.divergedAt = t;
      return true;
    }
    this.network.backward(this.params, batch, this.dLogits, this.grad);
    if (!clipFlatGradient(this.grad, this.layout.tensors, run.clip.maxNorm, run.clip.maxValue)) {
      this.divergedAt = t;
      return true;
    }
    if (!this.update(t, lr)) {
      this.divergedAt = t;
      return true;
    }
    this.schedule.recordLoss(t, loss);
    return true;
  }

  /** One optimizer step over every parameter; false when a parameter became non-finite. */
  private update(t: number, lr: number): boolean {
    setStepInputs(this.stepInputs, lr, t, this.scalars);
    const update = this.optimizer.update;
    const x = this.params;
    const g = this.grad;
    const state = this.state;
    const step = this.stepInputs;
    const c = this.constants;
    const n = x.length;
    let finite = 0;
    for (let i = 0; i < n; i++) {
      const v = update(x[i] as number, g[i] as number, state, i, n, step, c);
      x[i] = v;
      finite += v - v; // 0 for a finite v, NaN otherwise
    }
    return finite === 0;
  }

  /** Runs up to `count` steps; returns how many ran. */
  runSteps(count: number): number {
    let ran = 0;
    while (ran < count && this.step()) ran++;
    return ran;
  }

  /** Runs to the end of the current epoch (or of the run); returns how many steps ran. */
  runEpoch(): number {
    const left = this.run.epochSteps - (this.t % this.run.epochSteps);
    return this.runSteps(left);
  }

  /** Loss, accuracy and per-row predictions on `data` at the current parameters. */
  evaluate(data = this.run.data): Evaluation {
    if (data.features !== this.layout.inputs)
      throw new Error(
        `run ${this.run.id}: the data has ${data.features} features; the model takes ${this.layout.inputs}`,
      );
    return evaluateNetwork(this.network, this.run.model.loss, this.params, data);
  }

  /** docs/TRAIN-FORMAT.md's result of the steps run so far, final loss on the training data. */
  result(): TrainResult {
    const final = this.evaluate();
    return {
      id: this.run.id,
      loss: Float64Array.from(this.loss),
      lr: Float64Array.from(this.lr),
      params: Float64Array.from(this.params),
      finalLoss: final.loss,
      finalAccuracy: final.accuracy,
      divergedAt: this.divergedAt,
    };
  }
}

/** Runs every step of `run` (or up to its divergence) and returns its result. */
export function trainFloat64(run: TrainRun): TrainResult {
  const trainer = new Float64Trainer(run);
  while (trainer.step());
  return trainer.result();
}
