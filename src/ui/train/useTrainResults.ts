// The Train view's components read the session's results through this hook: it re-renders on
// every publish (the store's view.trainVersion) and hands out the current TrainResults.

import { getTrainResults, type TrainResults } from './trainResults';
import { useStore } from '../store';

export function useTrainResults(): { results: TrainResults | null; version: number } {
  const version = useStore((s) => s.view.trainVersion);
  return { results: getTrainResults(), version };
}
