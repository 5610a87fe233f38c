// The lanes' float64 main runs, which the charts, Explain and the exports read. Each lane keeps
// its run while what it was computed from is unchanged (one slider moves one lane), so only
// the changed lanes are computed:
// - up to SYNC_MAIN_STEPS steps in all, at once, in the frame of the change (the default
//   lanes, a few hundred steps each, take well under a millisecond);
// - beyond it, in a worker (8 lanes × 100,000 steps held the main thread for 2–3 s): the
//   results are published with those lanes' runs missing, and again when the worker answers.
//   A newer request replaces one in flight (the worker is restarted: no stale work queued).

import type { RunPlan } from '../runs';
import {
  computeMainRun,
  type MainRun,
  type MainRunsRequest,
  type MainRunsResponse,
} from './mainRunsProtocol';

export type { MainRun } from './mainRunsProtocol';

/** Steps (over the lanes to compute) done in the frame of the change; more go to the worker. */
export const SYNC_MAIN_STEPS = 40_000;

let cache = new Map<string, { readonly key: string; readonly main: MainRun }>();

let worker: Worker | null = null;
let busy = false;
let nextId = 0;
/** The request whose answer is awaited, with what to do with it. */
let awaited: {
  readonly id: number;
  readonly lanes: readonly { readonly laneId: string; readonly key: string }[];
  readonly done: (mains: ReadonlyMap<string, MainRun> | Error) => void;
} | null = null;

function startWorker(): Worker {
  const w = new Worker(new URL('./mainRunsWorker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<MainRunsResponse>) => {
    busy = false;
    const response = event.data;
    const request = awaited;
    if (!request || request.id !== response.id) return;
    awaited = null;
    if (!response.ok) {
      request.done(new Error(response.error));
      return;
    }
    const got = new Map<string, MainRun>();
    request.lanes.forEach((l, i) => {
      const main = response.mains[i];
      if (!main) return;
      got.set(l.laneId, main);
      cache.set(l.laneId, { key: l.key, main });
    });
    request.done(got);
  };
  w.onerror = (event) => {
    busy = false;
    const request = awaited;
    awaited = null;
    worker = null;
    request?.done(new Error(`the main-run worker failed: ${event.message}`));
  };
  return w;
}

/**
 * The main run of each lane of `plan` (null for a lane without one, or one the worker is
 * computing). When some went to the worker, `late` is called once with all of them, or with
 * the error; never when a newer call came first.
 */
export function mainRuns(
  plan: RunPlan,
  seed: number,
  late: (mains: ReadonlyMap<string, MainRun> | Error) => void,
): (MainRun | null)[] {
  const next = new Map<string, { key: string; main: MainRun }>();
  const todo: { laneId: string; key: string; run: RunPlan['runs'][number] }[] = [];
  for (const l of plan.lanes) {
    const run = l.firstRun >= 0 ? plan.runs[l.firstRun] : undefined;
    if (!run) continue;
    // The data set is generated from the seed: the key names the seed instead of the points.
    const key = JSON.stringify([seed, run], (k, v: unknown) => (k === 'data' ? undefined : v));
    const known = cache.get(l.laneId);
    if (known?.key === key) next.set(l.laneId, known);
    else todo.push({ laneId: l.laneId, key, run });
  }
  const steps = todo.reduce((sum, t) => sum + t.run.steps + 1, 0);
  awaited = null; // an answer still on its way is for an older config
  if (steps <= SYNC_MAIN_STEPS) {
    for (const t of todo) next.set(t.laneId, { key: t.key, main: computeMainRun(t.run) });
  } else {
    if (busy) {
      worker?.terminate();
      worker = null;
    }
    worker ??= startWorker();
    const request: MainRunsRequest = { id: ++nextId, runs: todo.map((t) => t.run) };
    awaited = { id: request.id, lanes: todo, done: late };
    busy = true;
    worker.postMessage(request);
  }
  cache = next;
  return plan.lanes.map((l) => next.get(l.laneId)?.main ?? null);
}
