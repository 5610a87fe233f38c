// What the hyperparameter map (mode=sweep) and the basin map (mode=basins) show: part of the
// config a link carries (src/core/explore/url.ts).

import type { SweepColouring } from './colours';

/** One swept lane parameter: an optimizer parameter, or one of the lane's schedule's. */
export interface SweepAxisConfig {
  readonly target: 'optimizer' | 'schedule';
  /** The parameter's schema key (lr, beta1, momentum, gamma...). */
  readonly key: string;
  readonly min: number;
  readonly max: number;
  /** Runs along the axis. */
  readonly cells: number;
}

/** What a sweep cell's colour shows (src/core/explore/colours.ts). */
export type SweepColor = SweepColouring;

export interface SweepConfig {
  /** The lane whose settings are swept; null: the first visible lane. */
  readonly lane: string | null;
  readonly x: SweepAxisConfig;
  /** Null: a 1-D sweep of x, for every visible lane that has the parameter, on one chart. */
  readonly y: SweepAxisConfig | null;
  /** What a cell's colour shows. */
  readonly color: SweepColor;
  /** 'steps' colours by the first step whose loss is at or below this. */
  readonly threshold: number;
}

export interface BasinsConfig {
  /** Start points per side of each lane's grid. */
  readonly cells: number;
}

export interface ExploreConfig {
  readonly sweep: SweepConfig;
  readonly basins: BasinsConfig;
}

/** Most cells one sweep axis may have (a 2-D sweep is at most 256 × 256 runs). */
export const MAX_SWEEP_CELLS = 256;
/** Most cells per side of a basin map (512 × 512 runs per lane). */
export const MAX_BASIN_CELLS = 512;
/** Fewest runs along a sweep axis (one run is no sweep). */
export const MIN_SWEEP_CELLS = 2;
/** Fewest start points per side of a basin map. */
export const MIN_BASIN_CELLS = 8;

export function defaultExplore(): ExploreConfig {
  return {
    sweep: {
      lane: null,
      x: { target: 'optimizer', key: 'lr', min: 1e-4, max: 1, cells: 64 },
      y: { target: 'optimizer', key: 'beta1', min: 0, max: 0.999, cells: 64 },
      color: 'loss',
      threshold: 1e-3,
    },
    basins: { cells: 128 },
  };
}
