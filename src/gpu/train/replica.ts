// The CPU side of one replica of the training engine: where its batches sit in the order
// buffer, its lr and step scalars for any step, its place in the run, and the curves the GPU
// sent back so far. The GPU holds its parameters and optimizer state.

import { EpochSchedule } from '../../core/train/epochSchedule';
import type { ReplicaStatus, TrainReplicaSetup } from '../../core/train/backend';
import type { OptimizerDef } from '../../core/types';
import { STEP_SCALARS } from '../../core/types';
import { optimizerById } from '../../core/optimizers';

export class ReplicaRun {
  readonly optimizer: OptimizerDef;
  readonly schedule: EpochSchedule;
  readonly scalars: Float64Array;
  /** The next step to run (0-based); `steps` once done. */
  t = 0;
  status: ReplicaStatus = 'running';
  divergedAt: number | null = null;
  /** loss_t and lr_t of every step run so far. */
  readonly losses: number[] = [];
  readonly lrs: number[] = [];

  constructor(
    readonly setup: TrainReplicaSetup,
    /** Where `setup.batches` starts in the order buffer, and each step's offset from there. */
    readonly orderBase: number,
    readonly batchOffsets: Int32Array,
  ) {
    const optimizer = optimizerById(setup.optimizer.id);
    if (!optimizer)
      throw new Error(`Replica "${setup.id}": unknown optimizer ${setup.optimizer.id}`);
    if (setup.steps > setup.batches.length) {
      throw new Error(
        `Replica "${setup.id}": ${setup.steps} steps but only ${setup.batches.length} batches`,
      );
    }
    this.optimizer = optimizer;
    try {
      this.schedule = new EpochSchedule(setup, setup.epochSteps, setup.steps);
    } catch (error) {
      throw new Error(`Replica "${setup.id}": ${error instanceof Error ? error.message : error}`);
    }
    this.scalars = optimizer.stepScalars(setup.optimizer.params, Math.max(1, setup.steps));
    if (setup.steps === 0) this.status = 'done';
  }

  /** Steps this replica can still run before its lr depends on a loss not read back yet. */
  stepsKnownAhead(): number {
    const left = this.setup.steps - this.t;
    if (!this.schedule.dependsOnLoss) return left;
    const toEpochEnd = this.setup.epochSteps - (this.t % this.setup.epochSteps);
    return Math.min(left, toEpochEnd);
  }

  /** The StepInfo words of step t (shaders/train/common.wgsl), into `u32`/`f32` at `at`. */
  writeStep(t: number, u32: Uint32Array, f32: Float32Array, at: number): void {
    const batch = this.setup.batches[t] as Int32Array;
    u32[at] = this.orderBase + (this.batchOffsets[t] as number);
    u32[at + 1] = batch.length;
    u32[at + 2] = t + 1;
    u32[at + 3] = 1;
    f32[at + 4] = this.schedule.lrAt(t);
    const row = t * STEP_SCALARS;
    f32[at + 5] = this.scalars[row] as number;
    f32[at + 6] = this.scalars[row + 1] as number;
    f32[at + 7] = this.scalars[row + 2] as number;
  }

  /** Takes the loss of step t as the GPU computed it. */
  record(t: number, loss: number): void {
    this.losses.push(loss);
    this.lrs.push(this.schedule.lrAt(t));
    this.schedule.recordLoss(t, loss);
  }
}
