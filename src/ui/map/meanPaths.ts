// The mean path of each visible noisy lane (src/ui/noiseSummary.ts), up to the scrubbed step,
// for the overlay to draw in the lane's colour over the lane's cloud.

import type { Config } from '../../core/config';
import type { Vec2 } from '../../core/types';
import { noiseSummary } from '../noiseSummary';

export interface MeanPath {
  readonly laneId: string;
  readonly color: string;
  /** Mean positions of steps 0..step, thinned to at most MAX_POINTS. */
  readonly points: readonly Vec2[];
  /** Runs averaged, of the lane's runs. */
  readonly runs: number;
  readonly of: number;
}

const MAX_POINTS = 1500;

export function meanPaths(config: Config): MeanPath[] {
  const out: MeanPath[] = [];
  for (const lane of config.lanes) {
    if (!lane.visible || !lane.noise) continue;
    const s = noiseSummary(config, lane.id);
    if (!s) continue;
    const last = Math.min(config.step, s.mean.loss.length - 1);
    const every = Math.max(1, Math.ceil(last / MAX_POINTS));
    const points: Vec2[] = [];
    for (let t = 0; t <= last; t++) {
      if (t % every !== 0 && t !== last) continue;
      const x = s.mean.x[2 * t]!;
      const y = s.mean.x[2 * t + 1]!;
      if (Number.isFinite(x) && Number.isFinite(y)) points.push([x, y]);
    }
    out.push({ laneId: lane.id, color: lane.color, points, runs: s.runs, of: s.of });
  }
  return out;
}
