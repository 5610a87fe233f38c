// The float64 fallback of the explore kinds: a plan's runs summarized a frame's worth at a
// time (src/ui/compute/kinds.ts CpuSlice), so the page answers input while it works.

import { emptySummaryTable, summarizeRange, type SummaryTable } from '../../core/explore/summary';
import type { ResolvedRun } from '../../core/types';
import type { CpuSlice } from '../compute/kinds';

/** A slice's time budget. */
const CPU_SLICE_MS = 12;

/** Summarizes `runs` in slices; `done` gets the table and the seconds it took. */
export function summarySlices(
  runs: readonly ResolvedRun[],
  done: (table: SummaryTable, seconds: number) => void,
): CpuSlice {
  const startedAt = performance.now();
  const table = emptySummaryTable(runs.length);
  let next = 0;
  return () => {
    const until = performance.now() + CPU_SLICE_MS;
    while (next < runs.length && performance.now() < until) {
      // A few runs at a time: consecutive runs share their preparation (summarizeRange).
      const to = Math.min(runs.length, next + 4);
      summarizeRange(runs, next, to, table);
      next = to;
    }
    if (next < runs.length) return next / runs.length;
    done(table, (performance.now() - startedAt) / 1000);
    return 1;
  };
}
