// Long computations the page is running, for progress bars and Cancel buttons: one entry per
// batch kind (src/ui/compute/kinds.ts). Kept in a store of its own so a progress tick only
// re-renders the bar, never the views.

import { create } from 'zustand';

export interface JobState {
  readonly label: string;
  readonly status: 'running' | 'cancelled';
  /** 0..1 */
  readonly fraction: number;
  /** performance.now() when it started: the bar shows only after SHOW_PROGRESS_AFTER_MS. */
  readonly startedAt: number;
  /** 'gpu', or 'cpu' on the float64 fallback. */
  readonly engine: 'gpu' | 'cpu';
}

/** Jobs shorter than this never show a bar (it would only flicker). */
export const SHOW_PROGRESS_AFTER_MS = 300;

export const useJobs = create<Readonly<Record<string, JobState>>>()(() => ({}));

export function setJob(kindId: string, job: JobState | null): void {
  useJobs.setState((s) => {
    const next = { ...s };
    if (job) next[kindId] = job;
    else delete next[kindId];
    return next;
  }, true);
}

export function jobProgress(kindId: string, fraction: number): void {
  const job = useJobs.getState()[kindId];
  // Whole percents only: a store update per submission would re-render for nothing.
  if (job && Math.floor(job.fraction * 100) !== Math.floor(fraction * 100))
    setJob(kindId, { ...job, fraction });
}
