// Batches too long to run: the limit, and the banner that names the estimate, the limit and
// what to lower (src/gpu/pacing.ts estimates; Batch.run refuses).

import { roundDuration, type Refusal } from '../../gpu/pacing';
import { i18n } from '../i18n';
import { clearTopic, pushMessage } from '../store';

/** GPU work estimated to take longer than this is refused, not started. */
export const GPU_LIMIT_MS = 120_000;

function duration(ms: number): string {
  const { unit, n } = roundDuration(ms);
  return i18n.t(`compute.${unit}`, { n: n.toLocaleString('en-US') });
}

function topicOf(kindId: string): string {
  return `gpu-refused:${kindId}`;
}

/** Says why a kind's batch was not run (replacing the kind's previous refusal). */
export function reportRefusal(
  kindId: string,
  what: string,
  runs: number,
  steps: number,
  refusal: Refusal,
): void {
  pushMessage(
    'warning',
    i18n.t('compute.refused', {
      what,
      runs: runs.toLocaleString('en-US'),
      steps: steps.toLocaleString('en-US'),
      estimate: duration(refusal.estimateMs),
      limit: duration(refusal.limitMs),
    }),
    { topic: topicOf(kindId) },
  );
}

/** A kind's batch ran (or a newer config came): its refusal no longer applies. */
export function clearRefusal(kindId: string): void {
  clearTopic(topicOf(kindId));
}
