// A training run's learning rate, stepped once per epoch as docs/TRAIN-FORMAT.md's loop does
// (scheduler.step() after every `epochSteps` optimizer steps; ReduceLROnPlateau on the mean of
// the epoch's batch losses). The float64 loop and the GPU engine both read the lr of step t
// from here, so the two never disagree on when an epoch ends.

import { num } from '../params';
import { scheduleById } from '../schedules';
import type { ScheduleFeedback } from '../types';
import type { TrainOptimizerSetup } from './types';

export class EpochSchedule {
  private readonly table: Float64Array | null;
  private readonly feedback: ScheduleFeedback | null;
  private epochLossSum = 0;
  private epochLossCount = 0;

  /**
   * @param setup       the run's optimizer (its lr) and schedule
   * @param epochSteps  optimizer steps per epoch
   * @param steps       the run's length in steps
   * Throws with the schedule's own message when it cannot run this long (one_cycle_lr's
   * total_steps counts epochs here).
   */
  constructor(
    setup: Pick<TrainOptimizerSetup, 'optimizer' | 'schedule'>,
    readonly epochSteps: number,
    steps: number,
  ) {
    const baseLr = num(setup.optimizer.params, 'lr');
    const epochs = Math.max(1, Math.ceil(steps / epochSteps));
    this.table = null;
    this.feedback = null;
    if (!setup.schedule) {
      this.table = new Float64Array(epochs).fill(baseLr);
      return;
    }
    const def = scheduleById(setup.schedule.id);
    if (!def) throw new Error(`unknown schedule ${setup.schedule.id}`);
    const problem = def.validateRun?.(setup.schedule.params, epochs);
    if (problem) throw new Error(problem);
    if (def.kind === 'table' && def.lrTable) {
      this.table = def.lrTable(baseLr, setup.schedule.params, epochs);
    } else if (def.createFeedback) {
      this.feedback = def.createFeedback(baseLr, setup.schedule.params);
    } else {
      throw new Error(`schedule ${def.id} has neither lrTable nor createFeedback`);
    }
  }

  /** Whether the lr of a later epoch depends on losses not seen yet (ReduceLROnPlateau). */
  get dependsOnLoss(): boolean {
    return this.feedback !== null;
  }

  /**
   * The lr of step t (0-based). For a feedback schedule only steps of the current epoch are
   * known: the lr it has now.
   */
  lrAt(t: number): number {
    if (this.feedback) return this.feedback.lr;
    const table = this.table as Float64Array;
    const epoch = Math.min(Math.floor(t / this.epochSteps), table.length - 1);
    return table[epoch] as number;
  }

  /**
   * Records step t's batch loss; after the last step of an epoch, steps a feedback schedule
   * with the epoch's mean loss. Steps must be recorded in order.
   */
  recordLoss(t: number, loss: number): void {
    this.epochLossSum += loss;
    this.epochLossCount += 1;
    if ((t + 1) % this.epochSteps === 0) {
      this.feedback?.step(this.epochLossSum / this.epochLossCount);
      this.epochLossSum = 0;
      this.epochLossCount = 0;
    }
  }
}
