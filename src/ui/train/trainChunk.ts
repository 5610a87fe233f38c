// One chunk of the Train view's loop: every running lane advances by up to a few steps (never
// past its epoch's end), the curves grow (a lane of several seeds: their mean and spread), the
// lanes that just finished an epoch are evaluated on the held-out rows (accuracy, predictions,
// confusion matrix, first-layer weights), and the stopping rules are applied to them.

import type { TrainConfig } from '../../core/train/trainConfig';
import type { EvalResult, ReplicaProgress } from '../../core/train/backend';
import type { LaneSlots, Prepared } from './session';
import { tt } from './strings';
import type { LaneEval, LaneTrainResult } from './trainResults';
import { confusionMatrix, firstLayer } from './taskData';

/** A chunk aims at this much time: the curves move twice a second, and steps stay batched. */
const CHUNK_MS = 500;
const MAX_CHUNK_STEPS = 64;

const percent = (share: number): string => `${(100 * share).toFixed(1)} %`;

/** Steps the next chunk takes: ~CHUNK_MS, and no running lane past its epoch's end. */
function chunkSteps(p: Prepared): number {
  let steps = Math.max(1, Math.min(MAX_CHUNK_STEPS, Math.round(CHUNK_MS / p.msPerStep)));
  for (const lane of p.results.lanes) {
    if (lane.status !== 'running') continue;
    steps = Math.min(steps, lane.epochSteps - (lane.step % lane.epochSteps));
  }
  return steps;
}

/** Mean (and range) over the seeds that had not diverged by each step, for steps from..to−1. */
function aggregate(lane: LaneTrainResult, slots: LaneSlots, from: number, to: number): void {
  for (let t = from; t < to; t++) {
    let sum = 0;
    let count = 0;
    let low = Infinity;
    let high = -Infinity;
    slots.losses.forEach((curve, k) => {
      const diverged = slots.divergedAt[k];
      if (diverged !== null && diverged !== undefined && t >= diverged) return;
      const v = curve[t] as number;
      sum += v;
      count++;
      low = Math.min(low, v);
      high = Math.max(high, v);
    });
    lane.loss[t] = count > 0 ? sum / count : NaN;
    if (lane.lossMin && lane.lossMax) {
      lane.lossMin[t] = low;
      lane.lossMax[t] = high;
    }
  }
}

/** Applies one lane's progress; true when the lane just finished an epoch. */
function applyLane(
  p: Prepared,
  lane: LaneTrainResult,
  slots: LaneSlots,
  progress: readonly (ReplicaProgress | null)[],
): { finishedEpoch: boolean; steps: number } {
  let to = lane.step;
  let ran = 0;
  slots.indices.forEach((index, k) => {
    const step = progress[index];
    if (!step || slots.divergedAt[k] !== null) return;
    const n = step.losses.length;
    slots.losses[k]?.set(step.losses, step.from);
    if (k === 0) {
      lane.lr.set(step.lrs, step.from);
      if (step.trace && lane.path) lane.path.set(step.trace, step.from * p.results.paramCount);
    }
    // The steps before a divergence are part of the curve.
    to = Math.max(to, step.from + n);
    ran = Math.max(ran, n);
    if (step.status === 'diverged') {
      slots.divergedAt[k] = step.divergedAt ?? step.from + n;
      lane.divergedAt = Math.min(lane.divergedAt ?? Infinity, step.divergedAt ?? Infinity);
    }
    if (step.status === 'done') lane.status = 'done';
  });
  const from = lane.step;
  aggregate(lane, slots, from, to);
  lane.step = to;
  const divergedSeeds = slots.divergedAt.filter((d) => d !== null).length;
  if (divergedSeeds === slots.indices.length) {
    lane.status = 'diverged';
    lane.note = tt('noteDiverged', { step: lane.divergedAt });
  } else if (divergedSeeds > 0) {
    lane.note = tt('noteSeedsDiverged', {
      n: divergedSeeds,
      of: slots.indices.length,
      step: lane.divergedAt,
    });
  }
  const finishedEpoch = ran > 0 && lane.status !== 'diverged' && to % lane.epochSteps === 0;
  return { finishedEpoch, steps: ran };
}

/**
 * Runs one chunk and updates `p.results` in place; true when an evaluation landed or a lane's
 * status changed (the view should redraw now).
 */
export async function runOneChunk(p: Prepared, train: TrainConfig): Promise<boolean> {
  const steps = chunkSteps(p);
  const started = performance.now();
  const progress = await p.backend.run(steps);
  const elapsed = performance.now() - started;
  let samples = 0;
  let stepped = 0;
  const finished: LaneTrainResult[] = [];
  let statusChanged = false;
  for (const lane of p.results.lanes) {
    const slots = p.slots.get(lane.laneId);
    if (!slots || slots.ended || lane.status !== 'running') continue;
    const { finishedEpoch, steps: ran } = applyLane(p, lane, slots, progress);
    if (lane.status !== 'running') statusChanged = true;
    samples += ran * train.batchSize * slots.indices.length;
    stepped = Math.max(stepped, ran);
    if (finishedEpoch) finished.push(lane);
  }
  if (stepped > 0) p.msPerStep = 0.7 * p.msPerStep + (0.3 * elapsed) / stepped;
  const now = performance.now();
  p.recent.push({ at: now, samples, steps: stepped });
  while (p.recent.length > 1 && now - (p.recent[0]?.at ?? now) > 1500) p.recent.shift();
  const window = now - (p.recent[0]?.at ?? now) + elapsed;
  p.results.samplesPerSecond =
    (1000 * p.recent.reduce((sum, r) => sum + r.samples, 0)) / Math.max(1, window);
  p.results.stepsPerSecond =
    (1000 * p.recent.reduce((sum, r) => sum + r.steps, 0)) / Math.max(1, window);
  if (finished.length > 0) await evaluateLanes(p, train, finished);
  return finished.length > 0 || statusChanged;
}

/** The lane's evaluation: the mean over its live seeds, with their range. */
function laneEval(
  lane: LaneTrainResult,
  slots: LaneSlots,
  evals: readonly (EvalResult | null)[],
): LaneEval | null {
  const live = slots.indices
    .map((index, k) => (slots.divergedAt[k] !== null ? null : evals[index]))
    .filter((e): e is EvalResult => !!e);
  if (live.length === 0) return null;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const range = (values: number[]): [number, number] | null =>
    live.length > 1 ? [Math.min(...values), Math.max(...values)] : null;
  const losses = live.map((e) => e.loss);
  const accuracies = live.map((e) => e.accuracy).filter((a): a is number => a !== null);
  return {
    epoch: lane.step / lane.epochSteps,
    step: lane.step,
    loss: mean(losses),
    accuracy: accuracies.length > 0 ? mean(accuracies) : null,
    lossRange: range(losses),
    accuracyRange: accuracies.length > 0 ? range(accuracies) : null,
  };
}

/** Held-out evaluation of the lanes that just finished an epoch, and the stopping rules. */
async function evaluateLanes(
  p: Prepared,
  train: TrainConfig,
  lanes: readonly LaneTrainResult[],
): Promise<void> {
  const evals = await p.backend.evaluate('test');
  const test = p.results.test;
  for (const lane of lanes) {
    const slots = p.slots.get(lane.laneId);
    if (!slots) continue;
    const result = laneEval(lane, slots, evals);
    if (!result) continue;
    lane.evals.push(result);
    // The pictures show the first seed that is still training.
    const first = slots.indices.find((_, k) => slots.divergedAt[k] === null);
    const shown = first === undefined ? null : evals[first];
    if (shown?.predictions) {
      lane.predictions = Uint8Array.from(shown.predictions);
      lane.confusion = confusionMatrix(test.y, shown.predictions, p.results.classes);
    }
    if (p.results.firstLayer && first !== undefined) {
      const params = await p.backend.readParams(first);
      lane.firstLayer = firstLayer(p.model, params, p.results.imageSide).weights;
    }
    if (lane.status === 'done') continue;
    const rule = stoppingRule(slots, train, result);
    if (rule) {
      lane.status = 'stopped';
      lane.note = rule;
      slots.ended = true;
      for (const index of slots.indices) await p.backend.setReplica(index, null);
    }
  }
}

/** The stopping rule that fires after this evaluation, as a sentence; null if none. */
function stoppingRule(slots: LaneSlots, train: TrainConfig, result: LaneEval): string | null {
  const target = train.stop.accuracy;
  if (target !== null && result.accuracy !== null && result.accuracy > target) {
    return tt('stopAccuracy', {
      epoch: result.epoch,
      accuracy: percent(result.accuracy),
      target: percent(target),
    });
  }
  if (result.loss < slots.bestLoss) {
    slots.bestLoss = result.loss;
    slots.sinceBest = 0;
  } else {
    slots.sinceBest++;
  }
  const patience = train.stop.patience;
  if (patience !== null && slots.sinceBest >= patience) {
    return tt('stopPatience', { epoch: result.epoch, count: patience });
  }
  return null;
}
