// One-click setups from the seed articles, each a complete config plus one line saying what to
// look at. Views and start points come from the surface registry unless a preset needs its own.

import type { Vec2, ViewWindow } from './types';
import {
  defaultConfig,
  LANE_COLORS,
  makeLane,
  type ClipConfig,
  type Config,
  type LaneConfig,
  type ParamRecord,
} from './config';
import type { Registries } from './url-codec';

export interface LaneSpec {
  readonly name: string;
  readonly optimizer: string;
  readonly params: ParamRecord;
  readonly schedule?: { readonly id: string; readonly params: ParamRecord };
  readonly clip?: Partial<ClipConfig>;
}

export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly surface: string;
  readonly surfaceParams?: ParamRecord;
  readonly start?: Vec2;
  readonly view?: ViewWindow;
  readonly steps: number;
  readonly lanes: readonly LaneSpec[];
}

const NO_CLIP: ClipConfig = { maxNorm: null, maxValue: null };

/** SGD, momentum, AdaGrad, RMSprop and Adam: the five classic methods. */
function classicFive(lrScale: number): LaneSpec[] {
  return [
    { name: 'SGD', optimizer: 'sgd', params: { lr: 0.001 * lrScale } },
    { name: 'Momentum', optimizer: 'sgd', params: { lr: 0.001 * lrScale, momentum: 0.9 } },
    { name: 'AdaGrad', optimizer: 'adagrad', params: { lr: 0.5 } },
    { name: 'RMSprop', optimizer: 'rmsprop', params: { lr: 0.01 } },
    { name: 'Adam', optimizer: 'adam', params: { lr: 0.05 } },
  ];
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'adam-line-fit',
    title: 'Adam fits a line (y = 2x + 1 + noise)',
    surface: 'linear_regression',
    start: [0, 0],
    view: { xMin: -1, xMax: 4, yMin: -1, yMax: 3 },
    steps: 1000,
    lanes: [{ name: 'Adam', optimizer: 'adam', params: { lr: 0.01 } }],
  },
  {
    id: 'adagrad-adam-rmsprop',
    title: 'AdaGrad vs Adam vs RMSprop',
    surface: 'rosenbrock',
    steps: 1000,
    lanes: [
      { name: 'AdaGrad', optimizer: 'adagrad', params: { lr: 0.1 } },
      { name: 'Adam', optimizer: 'adam', params: { lr: 0.1 } },
      { name: 'RMSprop', optimizer: 'rmsprop', params: { lr: 0.01 } },
    ],
  },
  {
    id: 'momentum-step-decay',
    title: 'SGD + momentum with step decay',
    surface: 'quadratic',
    surfaceParams: { a: 1, b: 10 },
    start: [-4, 2],
    view: { xMin: -5, xMax: 5, yMin: -3, yMax: 3 },
    steps: 200,
    lanes: [
      {
        name: 'Momentum + step decay',
        optimizer: 'sgd',
        params: { lr: 0.05, momentum: 0.9 },
        schedule: { id: 'step_lr', params: { step_size: 50, gamma: 0.1 } },
      },
      { name: 'Momentum', optimizer: 'sgd', params: { lr: 0.05, momentum: 0.9 } },
    ],
  },
  {
    id: 'race-rosenbrock',
    title: 'Five classics race on Rosenbrock',
    surface: 'rosenbrock',
    steps: 2000,
    lanes: classicFive(1),
  },
  {
    id: 'race-beale',
    title: 'Five classics race on Beale',
    surface: 'beale',
    steps: 2000,
    lanes: classicFive(10),
  },
  {
    id: 'race-himmelblau',
    title: 'Five classics race on Himmelblau',
    surface: 'himmelblau',
    steps: 1000,
    lanes: classicFive(10),
  },
  {
    id: 'adam-epsilon',
    title: "What Adam's ε does",
    surface: 'quadratic',
    surfaceParams: { a: 0.1, b: 1 },
    start: [-4, 3],
    view: { xMin: -5, xMax: 5, yMin: -4, yMax: 4 },
    steps: 500,
    lanes: [
      { name: 'ε = 1e-8', optimizer: 'adam', params: { lr: 0.05, eps: 1e-8 } },
      { name: 'ε = 1e-3', optimizer: 'adam', params: { lr: 0.05, eps: 1e-3 } },
      { name: 'ε = 0.1', optimizer: 'adam', params: { lr: 0.05, eps: 0.1 } },
      { name: 'ε = 1', optimizer: 'adam', params: { lr: 0.05, eps: 1 } },
    ],
  },
  {
    id: 'adam-beta2-noisy',
    title: 'β₂ 0.9 vs 0.999 on a noisy ridge',
    surface: 'rastrigin',
    surfaceParams: { A: 1 },
    start: [-4.2, 3.3],
    view: { xMin: -5.12, xMax: 5.12, yMin: -5.12, yMax: 5.12 },
    steps: 600,
    lanes: [
      { name: 'β₂ = 0.9', optimizer: 'adam', params: { lr: 0.2, beta2: 0.9 } },
      { name: 'β₂ = 0.999', optimizer: 'adam', params: { lr: 0.2, beta2: 0.999 } },
    ],
  },
  {
    id: 'plateau',
    title: 'ReduceLROnPlateau firing',
    surface: 'rastrigin',
    surfaceParams: { A: 1 },
    start: [-4.2, 3.3],
    view: { xMin: -5.12, xMax: 5.12, yMin: -5.12, yMax: 5.12 },
    steps: 400,
    lanes: [
      {
        name: 'Adam + plateau',
        optimizer: 'adam',
        params: { lr: 0.2, beta2: 0.9 },
        schedule: { id: 'reduce_lr_on_plateau', params: { patience: 20, factor: 0.1 } },
      },
      { name: 'Adam', optimizer: 'adam', params: { lr: 0.2, beta2: 0.9 } },
    ],
  },
  {
    id: 'clip-cliff',
    title: 'Clipping tames a cliff',
    surface: 'goldstein_price',
    start: [-1.5, 1.5],
    steps: 500,
    lanes: [
      { name: 'SGD', optimizer: 'sgd', params: { lr: 0.01 } },
      { name: 'SGD + clip', optimizer: 'sgd', params: { lr: 0.01 }, clip: { maxNorm: 1 } },
    ],
  },
];

export function laneFromSpec(spec: LaneSpec, index: number): LaneConfig {
  const lane = makeLane(
    `l${index + 1}`,
    spec.name,
    LANE_COLORS[index % LANE_COLORS.length]!,
    spec.optimizer,
    { ...spec.params },
    { ...NO_CLIP, ...spec.clip },
  );
  return spec.schedule
    ? { ...lane, schedule: { id: spec.schedule.id, params: { ...spec.schedule.params } } }
    : lane;
}

/** The complete config of a preset (view and start from the registry where the preset has none). */
export function presetConfig(preset: Preset, reg: Registries): Config {
  const surf = reg.surfaces.find((s) => s.id === preset.surface);
  const base = defaultConfig();
  return {
    ...base,
    surface: { id: preset.surface, params: { ...preset.surfaceParams } },
    view: preset.view ?? surf?.view ?? base.view,
    start: preset.start ?? surf?.defaultStart ?? base.start,
    steps: preset.steps,
    step: preset.steps,
    lanes: preset.lanes.map(laneFromSpec),
    preset: preset.id,
  };
}

/** What makes a config show a preset's figure: surface, start, steps and each lane's run. */
function figureKey(config: Config): string {
  // Keys sorted: a link's parameters come back in the link's order, not the preset's.
  const sorted = (_k: string, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v;
  return JSON.stringify(
    [
      config.surface.id,
      config.surface.params,
      config.surface.expression ?? null,
      config.start,
      config.steps,
      config.lanes.map((l) => [l.optimizer, l.schedule, l.clip, l.swarm, l.noise ?? null]),
    ],
    sorted,
  );
}

/**
 * The preset whose text applies to this config: the one it names, while its surface, start,
 * steps and lanes' runs are still the preset's (scrubbing, zooming, renaming keep it).
 */
export function matchingPreset(config: Config, reg: Registries): Preset | undefined {
  const preset = config.preset === null ? undefined : findPreset(config.preset);
  if (!preset) return undefined;
  return figureKey(presetConfig(preset, reg)) === figureKey(config) ? preset : undefined;
}

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
