// The training session (src/ui/train/session.ts) brings the training engine, the models and
// the data loaders with it: it is loaded and started the first time the Train view shows, so
// a visit that never trains never downloads it. Once started it stays, as before: it only
// works while the Train view shows.

import { useStore } from '../store';

export function startTrainSessionWhenShown(): () => void {
  let stopSession: (() => void) | null = null;
  let requested = false;
  let stopped = false;
  const startIfShown = (mode: string) => {
    if (mode !== 'train' || requested) return;
    requested = true;
    void import('./session').then((session) => {
      if (!stopped) stopSession = session.startTrainSession();
    });
  };
  startIfShown(useStore.getState().config.mode);
  const unsubscribe = useStore.subscribe((s) => startIfShown(s.config.mode));
  return () => {
    stopped = true;
    unsubscribe();
    stopSession?.();
  };
}
