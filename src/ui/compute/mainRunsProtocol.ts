// A lane's main run as the map, the charts and the exports read it, and the messages between
// the page (mainRuns.ts) and the worker that computes long ones (mainRunsWorker.ts).

import { effectiveStepSizes } from '../../core/effectiveStep';
import { simulate } from '../../core/simulate';
import type { ResolvedRun, Trajectory } from '../../core/types';

export interface MainRun {
  readonly trajectory: Trajectory;
  /** Effective step size per coordinate and step (core/effectiveStep.ts), for the charts. */
  readonly effective: readonly [Float64Array, Float64Array];
}

/** The one way a main run is computed, in the page or in the worker. */
export function computeMainRun(run: ResolvedRun): MainRun {
  return { trajectory: simulate(run), effective: effectiveStepSizes(run) };
}

export interface MainRunsRequest {
  readonly id: number;
  readonly runs: readonly ResolvedRun[];
}

export type MainRunsResponse =
  | { readonly id: number; readonly ok: true; readonly mains: readonly MainRun[] }
  | { readonly id: number; readonly ok: false; readonly error: string };
