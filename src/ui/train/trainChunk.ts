// One chunk of the Train view's loop: every running lane advances by up to a few steps (never
// past its epoch's end), the curves grow, the lanes that just finished an epoch are evaluated
// on the held-out rows (accuracy, predictions, confusion matrix, first-layer weights), and the
// stopping rules are applied to them.

import type { TrainConfig } from '../../core/train/trainConfig';
import type { EvalResult } from '../../core/train/backend';
import type { Prepared } from './session';
import type { LaneTrainResult } from './trainResults';
import { confusionMatrix, firstLayer } from './taskData';

/** A chunk aims at this much time, so the page shows progress often and steps stay batched. */
const CHUNK_MS = 120;
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

/** Runs one chunk and updates `p.results` in place. */
export async function runOneChunk(p: Prepared, train: TrainConfig): Promise<void> {
  const steps = chunkSteps(p);
  const started = performance.now();
  const progress = await p.backend.run(steps);
  const elapsed = performance.now() - started;
  let samples = 0;
  let stepped = 0;
  const finishedEpoch: LaneTrainResult[] = [];
  for (const lane of p.results.lanes) {
    const slot = p.slots.get(lane.laneId);
    const step = slot && !slot.ended ? progress[slot.index] : null;
    if (!step) continue;
    const n = step.losses.length;
    lane.loss.set(step.losses, step.from);
    lane.lr.set(step.lrs, step.from);
    if (step.trace && lane.path) lane.path.set(step.trace, step.from * p.results.paramCount);
    lane.step = step.from + n;
    samples += n * train.batchSize;
    stepped = Math.max(stepped, n);
    if (step.status === 'diverged') {
      lane.status = 'diverged';
      lane.divergedAt = step.divergedAt;
      lane.note = `diverged at step ${step.divergedAt}: the loss or a weight is not finite`;
      continue;
    }
    if (n > 0 && lane.step % lane.epochSteps === 0) finishedEpoch.push(lane);
    if (step.status === 'done') lane.status = 'done';
  }
  if (stepped > 0) p.msPerStep = 0.7 * p.msPerStep + (0.3 * elapsed) / stepped;
  const now = performance.now();
  p.recent.push({ at: now, samples });
  while (p.recent.length > 1 && now - (p.recent[0]?.at ?? now) > 1500) p.recent.shift();
  const window = now - (p.recent[0]?.at ?? now) + elapsed;
  p.results.samplesPerSecond =
    (1000 * p.recent.reduce((sum, r) => sum + r.samples, 0)) / Math.max(1, window);
  if (finishedEpoch.length > 0) await evaluateLanes(p, train, finishedEpoch);
}

/** Held-out evaluation of the lanes that just finished an epoch, and the stopping rules. */
async function evaluateLanes(
  p: Prepared,
  train: TrainConfig,
  lanes: readonly LaneTrainResult[],
): Promise<void> {
  const evals: (EvalResult | null)[] = await p.backend.evaluate('test');
  const test = p.results.test;
  for (const lane of lanes) {
    const slot = p.slots.get(lane.laneId);
    const result = slot ? evals[slot.index] : null;
    if (!slot || !result) continue;
    const epoch = lane.step / lane.epochSteps;
    lane.evals.push({ epoch, step: lane.step, loss: result.loss, accuracy: result.accuracy });
    if (result.predictions) {
      lane.predictions = Uint8Array.from(result.predictions);
      lane.confusion = confusionMatrix(test.y, result.predictions, p.results.classes);
    }
    if (p.results.firstLayer) {
      const params = await p.backend.readParams(slot.index);
      lane.firstLayer = firstLayer(p.model, params, p.results.imageSide).weights;
    }
    if (lane.status === 'done') continue;
    const rule = stoppingRule(lane, slot, train, result);
    if (rule) {
      lane.status = 'stopped';
      lane.note = rule;
      slot.ended = true;
      await p.backend.setReplica(slot.index, null);
    }
  }
}

/** The stopping rule that fires after this evaluation, as a sentence; null if none. */
function stoppingRule(
  lane: LaneTrainResult,
  slot: { bestLoss: number; sinceBest: number },
  train: TrainConfig,
  result: EvalResult,
): string | null {
  const epoch = lane.step / lane.epochSteps;
  const target = train.stop.accuracy;
  if (target !== null && result.accuracy !== null && result.accuracy > target) {
    return `early stop after epoch ${epoch}: held-out accuracy ${percent(result.accuracy)} > ${percent(target)}`;
  }
  if (result.loss < slot.bestLoss) {
    slot.bestLoss = result.loss;
    slot.sinceBest = 0;
  } else {
    slot.sinceBest++;
  }
  const patience = train.stop.patience;
  if (patience !== null && slot.sinceBest >= patience) {
    return `early stop after epoch ${epoch}: no lower held-out loss for ${patience} epoch${patience === 1 ? '' : 's'}`;
  }
  return null;
}
