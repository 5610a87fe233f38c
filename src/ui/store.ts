// The app's one zustand store, composed of three slices:
// - config: everything a shared link reproduces (persisted in the URL by url-sync.ts);
// - playback: play/pause and speed (not persisted);
// - view: GPU status, notices and messages (not persisted).
// Per-frame data (trajectories, losses, GPU record buffers) is NOT in the store: it lives in
// typed arrays in results.ts, and the store only carries `resultsVersion`, bumped whenever
// they change, so components re-render once per recompute.
// The config types live in src/core/config.ts (pure, shared with the URL codec and presets).
// Actions are module-level functions (bottom of the file) so GPU code and the map can call
// them without hooks.

import { create } from 'zustand';
import type { Vec2, ViewWindow } from '../core/types';
import type { ParamValue } from '../core/params';
import type { NoiseConfig } from '../core/noise';
import type { Message as CoreMessage } from '../core/messages';
import {
  defaultConfig,
  LANE_COLORS,
  makeLane,
  MAX_LANES,
  type ChartOptions,
  type Config,
  type LaneConfig,
  type ParamRecord,
} from '../core/config';
import { MAX_STEPS, MAX_START_ABS } from '../core/limits';
import { CUSTOM_SURFACE_ID } from '../core/surfaceRef';
import { clampOrbit, type OrbitConfig } from '../core/orbit';
import { optimizerById } from '../core/optimizers';
import { switchOptimizer } from '../core/switchOptimizer';

export type TrainingState = 'idle' | 'playing' | 'paused' | 'stopped';

export interface PlaybackState {
  readonly playing: boolean;
  /** Steps advanced per second while playing. */
  readonly speed: number;
  /**
   * The Train view's loop: idle (nothing trained yet, or reset), playing, paused, or stopped
   * (ended by the user: the results stay, playing again starts over).
   */
  readonly training: TrainingState;
}

export type GpuStatus =
  | { readonly kind: 'pending' }
  | { readonly kind: 'webgpu'; readonly adapter: string }
  | { readonly kind: 'cpu-fallback'; readonly reason: CoreMessage };

export interface Message {
  readonly id: number;
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
  /** Says the text in the current interface language (a language switch re-renders it). */
  readonly render?: () => string;
  /** How many times this text was pushed while shown (identical messages are merged). */
  readonly count: number;
  /** A message with a topic replaces the topic's previous one (e.g. 'link': the last link's problems). */
  readonly topic?: string;
}

/** The most messages shown at once: the oldest go first. */
export const MAX_MESSAGES = 5;

export interface ViewState {
  readonly gpu: GpuStatus;
  /** Dismissible messages: URL problems, device-lost notices, compute errors. */
  readonly messages: readonly Message[];
  /** Bumped after every recompute; the data itself is in results.ts. */
  readonly resultsVersion: number;
  /** Milliseconds the last recompute took (for the status line). */
  readonly computeMs: number;
  /** Milliseconds from submitting the last main GPU batch to the GPU finishing it (status line). */
  readonly gpuMs: number | null;
  /** Bumped whenever the Train view's results changed; the data is in src/ui/train/trainResults.ts. */
  readonly trainVersion: number;
  /**
   * The lane under the pointer in the lanes panel or a legend: the map draws its path in front
   * and dims the others, and the charts may do the same. Null: none.
   */
  readonly hoveredLane: string | null;
}

export interface AppState {
  readonly config: Config;
  readonly playback: PlaybackState;
  readonly view: ViewState;
}

export const useStore = create<AppState>()(() => ({
  config: defaultConfig(),
  playback: { playing: false, speed: 60, training: 'idle' },
  view: {
    gpu: { kind: 'pending' },
    messages: [],
    resultsVersion: 0,
    computeMs: 0,
    gpuMs: null,
    trainVersion: 0,
    hoveredLane: null,
  },
}));

// ---- actions -------------------------------------------------------------------------------

const get = () => useStore.getState();

export function setConfig(patch: Partial<Config>): void {
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

/** Switch surface (`expression`: the typed surface's text, with id 'custom'). */
export function setSurface(id: string, view: ViewWindow, start: Vec2, expression?: string): void {
  const surface = expression === undefined ? { id, params: {} } : { id, params: {}, expression };
  setConfig({ surface, view, start, mode: 'single' });
}

/**
 * The typed surface's new text (the caller checked that it parses); the parameters keep their
 * values, so editing the formula does not reset the sliders. The window and start stay.
 */
export function setSurfaceExpression(expression: string): void {
  const { surface } = get().config;
  const params = surface.id === CUSTOM_SURFACE_ID ? surface.params : {};
  setConfig({ surface: { id: CUSTOM_SURFACE_ID, params, expression } });
}

export function setSurfaceParam(key: string, value: ParamValue): void {
  const { surface } = get().config;
  setConfig({ surface: { ...surface, params: { ...surface.params, [key]: value } } });
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

/** The 3-D view's camera and height scale (yaw wrapped, pitch and distance clamped). */
export function setOrbit(patch: Partial<OrbitConfig>): void {
  setConfig({ orbit: clampOrbit({ ...get().config.orbit, ...patch }) });
}

/** Open one surface from the grid view. */
export function openSurface(id: string, view: ViewWindow, start: Vec2): void {
  // The config's own surface keeps its parameters (and a typed surface its text).
  const { surface } = get().config;
  setConfig({
    surface: id === surface.id ? surface : { id, params: {} },
    view,
    start,
    mode: 'single',
  });
}

export function setHoveredLane(id: string | null): void {
  if (get().view.hoveredLane === id) return;
  useStore.setState((s) => ({ view: { ...s.view, hoveredLane: id } }));
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

export function addLane(optimizerId = 'adam', name = 'Adam'): void {
  const { lanes } = get().config;
  if (lanes.length >= MAX_LANES) return;
  const id = nextLaneId(lanes);
  setLanes([
    ...lanes,
    makeLane(id, name, nextColor(lanes), optimizerId, {}, { maxNorm: null, maxValue: null }),
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
  patchLane(id, (l) => {
    // A lane has a swarm or noise, not both: a new swarm turns the noise off.
    const { noise, ...rest } = l;
    return patch.swarm || !noise ? { ...rest, ...patch } : { ...rest, ...patch, noise };
  });
}

/** A lane's gradient noise (null: off); noise turns the lane's swarm off. */
export function setLaneNoise(id: string, noise: NoiseConfig | null): void {
  patchLane(id, (l) => {
    const { noise: old, ...rest } = l;
    void old;
    return noise ? { ...rest, swarm: null, noise } : rest;
  });
}

/** Switch a lane's optimizer; keeps the learning rate, other parameters go back to defaults. */
/** The lane keeps the settings that mean the same for the new optimizer, and a default name follows. */
export function setLaneOptimizer(id: string, optimizerId: string): void {
  const to = optimizerById(optimizerId);
  if (!to) return;
  patchLane(id, (l) => switchOptimizer(l, optimizerById(l.optimizer.id), to));
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

export function pushMessage(
  level: Message['level'],
  say: string | (() => string),
  options: { readonly topic?: string } = {},
): number {
  const id = ++messageId;
  const text = typeof say === 'string' ? say : say();
  const { topic } = options;
  useStore.setState((s) => {
    const same = s.view.messages.find((m) => m.text === text);
    const kept = s.view.messages.filter(
      (m) => m.text !== text && (topic === undefined || m.topic !== topic),
    );
    const message: Message = {
      id,
      level,
      text,
      ...(typeof say === 'function' ? { render: say } : {}),
      count: (same?.count ?? 0) + 1,
      ...(topic !== undefined ? { topic } : {}),
    };
    return { view: { ...s.view, messages: [...kept, message].slice(-MAX_MESSAGES) } };
  });
  // Confirmations ("Copied …") go away by themselves; warnings and errors stay until dismissed.
  if (level === 'info' && typeof setTimeout === 'function')
    setTimeout(() => dismissMessage(id), 6000);
  return id;
}

/** Removes the message of a topic (the new link had no problems: the old link's go). */
export function clearTopic(topic: string): void {
  useStore.setState((s) =>
    s.view.messages.some((m) => m.topic === topic)
      ? { view: { ...s.view, messages: s.view.messages.filter((m) => m.topic !== topic) } }
      : s,
  );
}

export function dismissMessage(id: number): void {
  useStore.setState((s) => ({
    view: { ...s.view, messages: s.view.messages.filter((m) => m.id !== id) },
  }));
}

/** Called by src/ui/compute/ when the GPU finished a main batch (no re-render of the results' readers). */
export function setGpuMs(gpuMs: number): void {
  useStore.setState((s) => ({ view: { ...s.view, gpuMs } }));
}

/** Called by src/ui/compute/mainKind.ts after results.ts changed. */
export function bumpResults(computeMs: number): void {
  useStore.setState((s) => ({
    view: { ...s.view, resultsVersion: s.view.resultsVersion + 1, computeMs },
  }));
}

export type {
  ClipConfig,
  ChartOptions,
  Config,
  LaneConfig,
  ParamRecord,
  SwarmConfig,
} from '../core/config';
export { defaultConfig, LANE_COLORS, MAX_LANES, MAX_SWARM } from '../core/config';
