// The configuration a shared link reproduces: pure data, used by the store (src/ui/store.ts),
// the URL codec and the presets. Optimizer/schedule/surface parameters hold only the values
// set explicitly; absent keys take the registry schema's default.

import type { Vec2, ViewWindow } from './types';
import type { ParamValue } from './params';
import { defaultTrainConfig, type TrainConfig } from './train/trainConfig';
import { defaultExplore, type ExploreConfig } from './explore/config';
import { DEFAULT_ORBIT, type OrbitConfig } from './orbit';
import type { NoiseConfig } from './noise';

/** Parameter values a lane or surface sets explicitly; absent keys take the schema default. */
export type ParamRecord = Record<string, ParamValue>;

export interface SwarmConfig {
  /** 'grid': evenly spaced over the view window; 'cloud': seeded uniform random over it. */
  readonly kind: 'grid' | 'cloud';
  /** How many start points (a grid rounds to the nearest square). */
  readonly count: number;
  /** How the map draws them: fading trails with a dot at their heads (default), or dots only. */
  readonly draw?: 'trails' | 'dots';
}

export interface ClipConfig {
  readonly maxNorm: number | null;
  readonly maxValue: number | null;
}

export interface LaneConfig {
  readonly id: string;
  readonly name: string;
  /** CSS colour '#rrggbb'. */
  readonly color: string;
  readonly visible: boolean;
  readonly optimizer: { readonly id: string; readonly params: ParamRecord };
  readonly schedule: { readonly id: string; readonly params: ParamRecord } | null;
  readonly clip: ClipConfig;
  /** Null: one run from the config's start point. Otherwise many runs over the view. */
  readonly swarm: SwarmConfig | null;
  /**
   * Stochastic gradients (src/core/noise.ts): `runs` runs from the start point, seeds 0..runs−1,
   * drawn as a cloud with their mean path. Absent: the exact gradient. A lane has a swarm or
   * noise, not both.
   */
  readonly noise?: NoiseConfig;
  /**
   * Train view: this lane's own seed for its initial weights and batch order. Absent: the
   * shared seed (the fair default: every lane starts from the same weights, same batches).
   */
  readonly seed?: number;
  /**
   * Train view: how many replicas this lane trains, each from its own seed (the lane's seed,
   * then seed + 1, …), drawn as their mean with the spread around it. Absent: one.
   */
  readonly seeds?: number;
}

/** Most replicas (seeds) one Train-view lane may train. */
export const MAX_SEEDS_PER_LANE = 4;

export interface ChartOptions {
  /** Loss chart on a log y axis (default) or linear. */
  readonly logLoss: boolean;
}

/** Every view a link can open (src/ui/views.ts registers what each one shows). */
export const VIEW_MODES = ['single', '3d', 'grid', 'sweep', 'basins', 'train'] as const;
export type ViewMode = (typeof VIEW_MODES)[number];

export interface Config {
  /** A built-in surface by id, or the typed one: id 'custom' and its text (src/core/surfaceRef.ts). */
  readonly surface: {
    readonly id: string;
    readonly params: ParamRecord;
    readonly expression?: string;
  };
  /** The map's window; written by the map (pan/zoom) through setView/resetView. */
  readonly view: ViewWindow;
  readonly lanes: readonly LaneConfig[];
  /** Steps per run, 1..MAX_STEPS. */
  readonly steps: number;
  /** Start point of every non-swarm lane; written by the map through setStart. */
  readonly start: Vec2;
  /** Seed of the swarm clouds (and of nothing else). */
  readonly seed: number;
  /** The scrubbed step, 0..steps: drives the map markers, the charts' cursor and Explain. */
  readonly step: number;
  readonly chart: ChartOptions;
  readonly mode: ViewMode;
  /** The 3-D view's camera and height scale (src/core/orbit.ts). */
  readonly orbit: OrbitConfig;
  /** The Train view's task, model, data and loop settings. */
  readonly train: TrainConfig;
  /** The hyperparameter map's and the basin map's settings. */
  readonly explore: ExploreConfig;
  /** Lane shown in "Explain this step" (null: the first visible lane). */
  readonly selectedLane: string | null;
  /** Hide the controls (for iframes). */
  readonly embed: boolean;
  /**
   * Keys of the first lane's optimizer parameters an embed shows as sliders (the link's
   * `controls=lr,beta1`); at most MAX_EMBED_CONTROLS.
   */
  readonly controls: readonly string[];
  /**
   * The preset this config was opened from (src/core/presets.ts): its "what to look at" text
   * shows while the config still sets up the preset's figure (presetMatches). Null: none.
   */
  readonly preset: string | null;
  /** Interface language (src/ui/i18n): English, or Simplified Chinese with `lang=zh`. */
  readonly lang: Language;
}

/** Most sliders an embed shows. */
export const MAX_EMBED_CONTROLS = 2;

/** The interface languages a link can ask for. */
export const LANGUAGES = ['en', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Lane colours: Okabe & Ito's colour-blind-safe set (2008, black dropped: it vanishes in the
 * map's dark valleys) and Paul Tol's grey as the eighth. In this order the first lanes are the
 * most distinct; tests/unit/palette.test.ts checks the pairwise CIEDE2000 distance for normal
 * vision and simulated protanopia, deuteranopia and tritanopia.
 */
export const LANE_COLORS = [
  '#e69f00', // orange
  '#56b4e9', // sky blue
  '#009e73', // bluish green
  '#cc79a7', // reddish purple
  '#d55e00', // vermillion
  '#0072b2', // blue
  '#f0e442', // yellow
  '#bbbbbb', // grey
] as const;

export const DEFAULT_SURFACE = 'rosenbrock';
/** Rosenbrock's window and a start that shows the valley (also in surfaces.ts; used until it loads). */
export const FALLBACK_VIEW: ViewWindow = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };

/** SGD, SGD with momentum 0.9, RMSprop and Adam on Rosenbrock: lrs chosen so all four make progress. */
export function defaultLanes(): LaneConfig[] {
  const clip: ClipConfig = { maxNorm: null, maxValue: null };
  return [
    makeLane('l1', 'SGD', LANE_COLORS[0], 'sgd', { lr: 0.001 }, clip),
    makeLane('l2', 'Momentum', LANE_COLORS[1], 'sgd', { lr: 0.001, momentum: 0.9 }, clip),
    makeLane('l3', 'RMSprop', LANE_COLORS[2], 'rmsprop', { lr: 0.01 }, clip),
    makeLane('l4', 'Adam', LANE_COLORS[3], 'adam', { lr: 0.05 }, clip),
  ];
}

export function makeLane(
  id: string,
  name: string,
  color: string,
  optimizer: string,
  params: ParamRecord,
  clip: ClipConfig,
): LaneConfig {
  return {
    id,
    name,
    color,
    visible: true,
    optimizer: { id: optimizer, params },
    schedule: null,
    clip,
    swarm: null,
  };
}

export function defaultConfig(): Config {
  return {
    surface: { id: DEFAULT_SURFACE, params: {} },
    view: FALLBACK_VIEW,
    lanes: defaultLanes(),
    steps: 500,
    start: [-1.5, 2],
    seed: 1,
    step: 500,
    chart: { logLoss: true },
    mode: 'single',
    orbit: DEFAULT_ORBIT,
    train: defaultTrainConfig(),
    explore: defaultExplore(),
    selectedLane: null,
    embed: false,
    controls: [],
    preset: null,
    lang: 'en',
  };
}

/** Most lanes a config may hold. */
export const MAX_LANES = 8;
/** Most start points one swarm lane may have (the CPU fallback runs fewer). */
export const MAX_SWARM = 65_536;
