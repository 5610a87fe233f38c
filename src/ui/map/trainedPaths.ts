// Where the two halves of Descent Lab meet: the Train view's line fit trains (w, b) by
// mini-batches on the same 100 points the map's linear_regression surface is the MSE of (same
// seed, src/core/surfaceData.ts), so its paths can be drawn on that surface beside the map's
// own full-batch runs of the same lanes.

import type { Config } from '../../core/config';
import type { Vec2 } from '../../core/types';
import { tracedPath, type TrainResults } from '../train/trainResults';

export interface TrainedPath {
  readonly laneId: string;
  readonly name: string;
  readonly color: string;
  /** The initial (w, b), then (w, b) after every step run, thinned to at most MAX_POINTS. */
  readonly points: readonly Vec2[];
  /** Steps the path covers. */
  readonly steps: number;
}

/** More points than this add nothing an SVG polyline can show. */
const MAX_POINTS = 1500;

/** True when the map shows the surface the Train view's line fit descended. */
export function showsTrainedLine(config: Config, results: TrainResults | null): boolean {
  return (
    config.mode === 'single' &&
    config.surface.id === 'linear_regression' &&
    results?.task.source === 'line' &&
    results.dataSeed === config.seed
  );
}

/** The Train view's (w, b) paths of the map's visible lanes, when they fit this map. */
export function trainedPaths(config: Config, results: TrainResults | null): TrainedPath[] {
  if (!results || !showsTrainedLine(config, results)) return [];
  const out: TrainedPath[] = [];
  for (const lane of config.lanes) {
    const result = results.lanes.find((r) => r.laneId === lane.id);
    if (!lane.visible || !result?.path || !result.pathStart || result.step === 0) continue;
    const full = tracedPath(result);
    // Thinned, but the start and the last step run are always kept.
    const every = Math.max(1, Math.ceil(result.step / MAX_POINTS));
    const points = full.filter(
      (_, i) => i === 0 || (i - 1) % every === every - 1 || i === result.step,
    );
    out.push({ laneId: lane.id, name: lane.name, color: lane.color, points, steps: result.step });
  }
  return out;
}
