// The visible lanes with their runs, as stable objects: a lane whose name, colour and run are
// unchanged is the same SeriesLane object as before, and the array is the same array when no
// lane changed, so the charts' memos hold across the GPU batch landing (a second results
// publish with the same float64 runs) and across changes that do not touch the runs.

import { useDeferredValue, useMemo } from 'react';
import { getResults } from '../results';
import { useStore } from '../store';
import { noiseSummary } from '../noiseSummary';
import { surfaceDef } from '../registry';
import { laneStop } from '../../core/runaway';
import type { SeriesLane } from './series';

/** The SGD family steps by η itself; every other optimizer rescales per coordinate. */
const NOT_ADAPTIVE = new Set(['sgd']);

function same(a: SeriesLane, b: SeriesLane): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.color === b.color &&
    a.run === b.run &&
    a.noise === b.noise &&
    a.adaptive === b.adaptive &&
    a.stop?.kind === b.stop?.kind &&
    a.stop?.step === b.stop?.step &&
    a.resolved?.steps === b.resolved?.steps
  );
}

/** The last lanes handed out (one Charts section on the page). */
const last: { lanes: readonly SeriesLane[] } = { lanes: [] };

/** `next` with every unchanged lane (and, when none changed, the array) taken from last time. */
function stable(next: SeriesLane[]): readonly SeriesLane[] {
  const before = new Map(last.lanes.map((l) => [l.id, l]));
  const lanes = next.map((l) => {
    const old = before.get(l.id);
    return old && same(old, l) ? old : l;
  });
  const prev = last.lanes;
  if (prev.length !== lanes.length || lanes.some((l, i) => l !== prev[i])) last.lanes = lanes;
  return last.lanes;
}

export function useChartLanes(): readonly SeriesLane[] {
  // Deferred: new results redraw the map first; the charts follow in a render React can
  // interrupt and slice, instead of one long task that holds back the map's frame.
  const version = useDeferredValue(useStore((s) => s.view.resultsVersion));
  const lanesCfg = useDeferredValue(useStore((s) => s.config.lanes));
  return useMemo(() => {
    void version;
    const results = getResults();
    const config = useStore.getState().config;
    const next: SeriesLane[] = [];
    for (const l of lanesCfg) {
      if (!l.visible) continue;
      const result = results.lanes.find((r) => r.laneId === l.id);
      if (!result?.run) continue;
      const noise = l.noise ? noiseSummary(config, l.id) : null;
      const lane: SeriesLane = {
        id: l.id,
        name: l.name,
        color: l.color,
        run: noise ? noise.mean : result.run,
        resolved: result.resolved,
        adaptive: !NOT_ADAPTIVE.has(l.optimizer.id),
        ...(noise ? { noise } : {}),
        // A noisy lane's mean diverges only when every run did (noiseSummary.ts).
        stop: laneStop(noise ? noise.mean : result.run, surfaceDef(config.surface).view),
      };
      next.push(lane);
    }
    return stable(next);
  }, [version, lanesCfg]);
}
