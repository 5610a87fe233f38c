// The app's one zustand store, composed of three slices:
// - config: everything a shared link reproduces (persisted in the URL by url-sync.ts);
// - playback: play/pause and speed (not persisted);
// - view: GPU status, notices and messages (not persisted).
// Per-frame data (trajectories, losses, GPU record buffers) is NOT in the store: it lives in
// typed arrays in results.ts, and the store only carries `resultsVersion`, bumped whenever
// they change, so components re-render once per recompute.
// Actions are module-level functions (bottom of the file) so GPU code and the map can call
// them without hooks.

import { create } from 'zustand';
import type { Vec2, ViewWindow } from '../core/types';
import type { ParamValue } from '../core/params';
import { MAX_STEPS, MAX_START_ABS } from '../core/limits';

/** Parameter values a lane or surface sets explicitly; absent keys take the schema default. */
export type ParamRecord = Record<string, ParamValue>;

export interface SwarmConfig {
  /** 'grid': evenly spaced over the view window; 'cloud': seeded uniform random over it. */
  readonly kind: 'grid' | 'cloud';
  /** How many start points (a grid rounds to the nearest square). */
  readonly count: number;
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
}

export interface ChartOptions {
  /** Loss chart on a log y axis (default) or linear. */
  readonly logLoss: boolean;
}

export interface Config {
  readonly surface: { readonly id: string; readonly params: ParamRecord };
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
  readonly mode: 'single' | 'grid';
  /** Lane shown in "Explain this step" (null: the first visible lane). */
  readonly selectedLane: string | null;
  /** Hide the controls (for iframes). */
  readonly embed: boolean;
}

export interface PlaybackState {
  readonly playing: boolean;
  /** Steps advanced per second while playing. */
  readonly speed: number;
}

export type GpuStatus =
  | { readonly kind: 'pending' }
  | { readonly kind: 'webgpu'; readonly adapter: string }
  | { readonly kind: 'cpu-fallback'; readonly reason: string };

export interface Message {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

export interface ViewState {
  readonly gpu: GpuStatus;
  /** Dismissible messages: URL problems, device-lost notices, compute errors. */
  readonly messages: readonly Message[];
  /** Bumped after every recompute; the data itself is in results.ts. */
  readonly resultsVersion: number;
  /** Milliseconds the last recompute took (for the status line). */
  readonly computeMs: number;
}

export interface AppState {
  readonly config: Config;
  readonly playback: PlaybackState;
  readonly view: ViewState;
}

export const LANE_COLORS = [
  '#e6550d',
  '#3182bd',
  '#31a354',
  '#756bb1',
  '#d6336c',
  '#8c6d31',
  '#17becf',
  '#636363',
] as const;

export const DEFAULT_SURFACE = 'rosenbrock';
/** Rosenbrock's window and a start that shows the valley (also in surfaces.ts; used until it loads). */
export const FALLBACK_VIEW: ViewWindow = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };

/** SGD, SGD with momentum 0.9, RMSprop and Adam on Rosenbrock: lrs chosen so all four make progress. */
export function defaultLanes(): LaneConfig[] {
  const clip: ClipConfig = { maxNorm: null, maxValue: null };
  return [
    lane('l1', 'SGD', LANE_COLORS[0], 'sgd', { lr: 0.001 }, clip),
    lane('l2', 'Momentum', LANE_COLORS[1], 'sgd', { lr: 0.001, momentum: 0.9 }, clip),
    lane('l3', 'RMSprop', LANE_COLORS[2], 'rmsprop', { lr: 0.01 }, clip),
    lane('l4', 'Adam', LANE_COLORS[3], 'adam', { lr: 0.05 }, clip),
  ];
}

function lane(
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
    selectedLane: null,
    embed: false,
  };
}

export const useStore = create<AppState>()(() => ({
  config: defaultConfig(),
  playback: { playing: false, speed: 60 },
  view: { gpu: { kind: 'pending' }, messages: [], resultsVersion: 0, computeMs: 0 },
}));

// ---- actions -------------------------------------------------------------------------------

const get = () => useStore.getState();

function setConfig(patch: Partial<Config>): void {
  useStore.setState((s) => ({ config: { ...s.config, ...patch } }));
}

function setLanes(lanes: readonly LaneConfig[]): void {
  setConfig({ lanes });
}

function patchLane(id: string, fn: (lane: LaneConfig) => LaneConfig): void {
  setLanes(get().config.lanes.map((l) => (l.id === id ? fn(l) : l)));
}

/** Replace the whole config (a preset, a decoded URL). */
export function loadConfig(config: Config): void {
  useStore.setState((s) => ({ config, playback: { ...s.playback, playing: false } }));
}

export function setSurface(id: string, view: ViewWindow, start: Vec2): void {
  setConfig({ surface: { id, params: {} }, view, start, mode: 'single' });
}

export function setSurfaceParam(key: string, value: ParamValue): void {
  const { surface } = get().config;
  setConfig({ surface: { id: surface.id, params: { ...surface.params, [key]: value } } });
}

/** The map's pan/zoom. */
export function setView(view: ViewWindow): void {
  setConfig({ view });
}

/** Back to the surface's default window (the caller passes SurfaceDef.view). */
export function resetView(view: ViewWindow): void {
  setConfig({ view });
}

/** Move the start point (map click/drag). Clamped to the allowed range. */
export function setStart(start: Vec2): void {
  const c = (v: number) => Math.max(-MAX_START_ABS, Math.min(MAX_START_ABS, v));
  if (!Number.isFinite(start[0]) || !Number.isFinite(start[1])) return;
  setConfig({ start: [c(start[0]), c(start[1])] });
}

export function setSteps(steps: number): void {
  const n = Math.max(1, Math.min(MAX_STEPS, Math.round(steps)));
  const { step, steps: old } = get().config;
  // Keep "at the end" at the end; otherwise clamp.
  setConfig({ steps: n, step: step >= old ? n : Math.min(step, n) });
}

export function setSeed(seed: number): void {
  if (Number.isInteger(seed) && seed >= 0) setConfig({ seed });
}

/** Scrub to step k (clamped to 0..steps). */
export function setStep(k: number): void {
  const { steps } = get().config;
  setConfig({ step: Math.max(0, Math.min(steps, Math.round(k))) });
}

export function setChart(patch: Partial<ChartOptions>): void {
  setConfig({ chart: { ...get().config.chart, ...patch } });
}

export function setMode(mode: 'single' | 'grid'): void {
  setConfig({ mode });
}

/** Open one surface from the grid view. */
export function openSurface(id: string, view: ViewWindow, start: Vec2): void {
  setConfig({ surface: { id, params: {} }, view, start, mode: 'single' });
}

export function selectLane(id: string | null): void {
  setConfig({ selectedLane: id });
}

function nextLaneId(lanes: readonly LaneConfig[]): string {
  let n = 1;
  const ids = new Set(lanes.map((l) => l.id));
  while (ids.has(`l${n}`)) n++;
  return `l${n}`;
}

function nextColor(lanes: readonly LaneConfig[]): string {
  const used = new Set(lanes.map((l) => l.color));
  return LANE_COLORS.find((c) => !used.has(c)) ?? LANE_COLORS[lanes.length % LANE_COLORS.length]!;
}

export const MAX_LANES = 8;

export function addLane(optimizerId = 'adam', name = 'Adam'): void {
  const { lanes } = get().config;
  if (lanes.length >= MAX_LANES) return;
  const id = nextLaneId(lanes);
  setLanes([
    ...lanes,
    lane(id, name, nextColor(lanes), optimizerId, {}, { maxNorm: null, maxValue: null }),
  ]);
  selectLane(id);
}

export function duplicateLane(id: string): void {
  const { lanes } = get().config;
  const i = lanes.findIndex((l) => l.id === id);
  const src = lanes[i];
  if (!src || lanes.length >= MAX_LANES) return;
  const copy: LaneConfig = {
    ...src,
    id: nextLaneId(lanes),
    name: `${src.name} copy`,
    color: nextColor(lanes),
  };
  setLanes([...lanes.slice(0, i + 1), copy, ...lanes.slice(i + 1)]);
  selectLane(copy.id);
}

export function removeLane(id: string): void {
  const { lanes, selectedLane } = get().config;
  setConfig({
    lanes: lanes.filter((l) => l.id !== id),
    selectedLane: selectedLane === id ? null : selectedLane,
  });
}

/** Move a lane up (−1) or down (+1) in the list. */
export function moveLane(id: string, delta: -1 | 1): void {
  const lanes = [...get().config.lanes];
  const i = lanes.findIndex((l) => l.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= lanes.length) return;
  [lanes[i], lanes[j]] = [lanes[j]!, lanes[i]!];
  setLanes(lanes);
}

export function updateLane(
  id: string,
  patch: Partial<Pick<LaneConfig, 'name' | 'color' | 'visible' | 'clip' | 'swarm'>>,
): void {
  patchLane(id, (l) => ({ ...l, ...patch }));
}

/** Switch a lane's optimizer; keeps the learning rate, other parameters go back to defaults. */
export function setLaneOptimizer(id: string, optimizerId: string): void {
  patchLane(id, (l) => {
    const lr = l.optimizer.params['lr'];
    return { ...l, optimizer: { id: optimizerId, params: lr === undefined ? {} : { lr } } };
  });
}

export function setLaneParam(id: string, key: string, value: ParamValue): void {
  patchLane(id, (l) => ({
    ...l,
    optimizer: { id: l.optimizer.id, params: { ...l.optimizer.params, [key]: value } },
  }));
}

/** Null removes the schedule; `params` are the schedule's starting values (required ones). */
export function setLaneSchedule(
  id: string,
  scheduleId: string | null,
  params: ParamRecord = {},
): void {
  patchLane(id, (l) => ({
    ...l,
    schedule: scheduleId === null ? null : { id: scheduleId, params },
  }));
}

export function setLaneScheduleParam(id: string, key: string, value: ParamValue): void {
  patchLane(id, (l) =>
    l.schedule
      ? { ...l, schedule: { id: l.schedule.id, params: { ...l.schedule.params, [key]: value } } }
      : l,
  );
}

// ---- playback ------------------------------------------------------------------------------

export function setPlaying(playing: boolean): void {
  useStore.setState((s) => ({ playback: { ...s.playback, playing } }));
}

export function setSpeed(speed: number): void {
  useStore.setState((s) => ({ playback: { ...s.playback, speed } }));
}

// ---- view ----------------------------------------------------------------------------------

let messageId = 0;

export function setGpuStatus(gpu: GpuStatus): void {
  useStore.setState((s) => ({ view: { ...s.view, gpu } }));
}

export function pushMessage(level: Message['level'], text: string): number {
  const id = ++messageId;
  useStore.setState((s) => ({
    view: {
      ...s.view,
      messages: [...s.view.messages.filter((m) => m.text !== text), { id, level, text }],
    },
  }));
  return id;
}

export function dismissMessage(id: number): void {
  useStore.setState((s) => ({
    view: { ...s.view, messages: s.view.messages.filter((m) => m.id !== id) },
  }));
}

/** Called by compute.ts after results.ts changed. */
export function bumpResults(computeMs: number): void {
  useStore.setState((s) => ({
    view: { ...s.view, resultsVersion: s.view.resultsVersion + 1, computeMs },
  }));
}
