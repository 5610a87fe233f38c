// The Train view's components read the session's results through this hook: it re-renders on
// every publish (the store's view.trainVersion) and hands out the current TrainResults.

import { i18n } from '../i18n';
import { getTrainResults, type TrainResults } from './trainResults';
import { useStore } from '../store';

export function useTrainResults(): { results: TrainResults | null; version: number } {
  const version = useStore((s) => s.view.trainVersion);
  return { results: getTrainResults(), version };
}

/** "test accuracy 91.3 %": one decimal, a space before the percent sign. */
export function accuracyText(accuracy: number): string {
  return i18n.t('trainLane.accuracy', { percent: (100 * accuracy).toFixed(1) });
}
