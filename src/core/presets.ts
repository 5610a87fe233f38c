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
  /** What to look at, one line. */
  readonly description: string;
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
    description:
      "Each point is a line (w, b) through the Train view's 100 points y = 2x + 1 + U(0, 1), every step seeing all of them. Adam with lr 0.01 moves about 0.01 per step in each coordinate at first, whatever the gradient size, and curves in on the least-squares line near w ≈ 2, b ≈ 1.5 (the noise has mean 0.5).",
    surface: 'linear_regression',
    start: [0, 0],
    view: { xMin: -1, xMax: 4, yMin: -1, yMax: 3 },
    steps: 1000,
    lanes: [{ name: 'Adam', optimizer: 'adam', params: { lr: 0.01 } }],
  },
  {
    id: 'adagrad-adam-rmsprop',
    title: 'AdaGrad vs Adam vs RMSprop',
    description:
      "AdaGrad's sum of g² only grows, so its steps keep shrinking and it stalls in the valley; RMSprop and Adam forget old gradients and keep walking.",
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
    description:
      'Momentum 0.9 swings across the steep y direction of a stretched bowl. step_lr divides lr by 10 every 50 steps (see the lr chart): after the first cut the swing dies down and the decayed lane pulls ahead (20× lower loss at step 100), then it crawls and the constant-lr lane catches up.',
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
    description:
      'All five find the curved valley fast; the difference is the walk along its flat floor to (1, 1), where the adaptive methods rescale the tiny gradient.',
    surface: 'rosenbrock',
    steps: 2000,
    lanes: classicFive(1),
  },
  {
    id: 'race-beale',
    title: 'Five classics race on Beale',
    description:
      "Beale's flat plateau and sharp ridges: plain SGD creeps, momentum and the adaptive methods head for the minimum at (3, 0.5).",
    surface: 'beale',
    steps: 2000,
    lanes: classicFive(10),
  },
  {
    id: 'race-himmelblau',
    title: 'Five classics race on Himmelblau',
    description:
      'Four equal minima: from one start point the methods can end in different basins; drag the start to see the basins change.',
    surface: 'himmelblau',
    steps: 1000,
    lanes: classicFive(10),
  },
  {
    id: 'adam-epsilon',
    title: "What Adam's ε does",
    description:
      'ε is added to √v̂: at 1e-8 Adam steps about lr whatever the gradient size; once ε exceeds the gradient (here near the minimum of a shallow bowl) the step becomes lr·g/ε and Adam turns into slow plain SGD: after 500 steps ε = 1 is still at loss 0.01, ε = 1e-8 at 1e-20.',
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
    description:
      "Rastrigin with A = 1: its cosine ripples make the gradient swing like noise. With β₂ 0.999, v̂ remembers the ripples' large gradients, the steps stay calm and Adam settles exactly at (0, 0); with β₂ 0.9, v̂ forgets in ~10 steps and Adam keeps jittering around the minimum (the loss chart's floor).",
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
    description:
      'Adam (lr 0.2, β₂ 0.9) jitters around the minimum of a rippled bowl without getting closer; after 20 steps without improvement ReduceLROnPlateau cuts lr ×0.1 (the lr chart steps down) and the loss drops by orders of magnitude each time.',
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
    description:
      "Goldstein–Price's walls are steep (gradients in the hundreds of thousands): plain SGD is thrown off and diverges at step 3; the same SGD with clip_grad_norm_ (max_norm 1) walks down 0.01 per step into the nearest basin (a local minimum, loss 30).",
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
