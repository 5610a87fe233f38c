// The Train view's store actions: choosing a task, changing the model and loop settings, and
// the training loop's play / pause / stop / reset (src/ui/train/session.ts acts on them).
// Entering the Train view keeps the map's lanes aside and races the task's lanes; leaving it
// brings the map's lanes back (the link holds the lanes of the view it shows).

import type { LaneConfig, ViewMode } from '../../core/config';
import { MAX_STEPS } from '../../core/limits';
import { laneFromSpec } from '../../core/presets';
import { generateData } from '../../core/surfaceData';
import { initParams } from '../../core/train/init';
import type { Vec2, ViewWindow } from '../../core/types';
import { taskById } from '../../core/train/tasks';
import {
  trainConfigForTask,
  trainModel,
  trainTask,
  type TrainConfig,
} from '../../core/train/trainConfig';
import { surfaceDef } from '../registry';
import { setConfig, useStore, type TrainingState } from '../store';
import { getTrainResults, tracedPath } from './trainResults';

const get = () => useStore.getState();

/** The lanes of the other kind of view, while this one shows. */
let stashedLanes: { train: readonly LaneConfig[] | null; map: readonly LaneConfig[] | null } = {
  train: null,
  map: null,
};

function setTraining(training: TrainingState): void {
  useStore.setState((s) => ({ playback: { ...s.playback, training } }));
}

/** Keeps the Train view's lanes aside for its return and pauses training. */
function leaveTrainView(): void {
  const { config, playback } = get();
  stashedLanes = { ...stashedLanes, train: config.lanes };
  if (playback.training === 'playing') setTraining('paused');
}

/** Switches between the views (the map, the 3-D view, the grid and the Train view). */
export function setViewMode(mode: ViewMode): void {
  const { config } = get();
  if (mode === config.mode) return;
  if (mode === 'train') {
    stashedLanes = { ...stashedLanes, map: config.lanes };
    const lanes = stashedLanes.train ?? trainTask(config.train).lanes.map(laneFromSpec);
    setConfig({ mode, lanes, selectedLane: null });
  } else if (config.mode === 'train') {
    leaveTrainView();
    setConfig({ mode, lanes: stashedLanes.map ?? config.lanes, selectedLane: null });
  } else {
    setConfig({ mode });
  }
}

/**
 * From the line fit to the map: the linear_regression surface of the same points (the map's
 * seed becomes the data seed), the same lanes run there on every point each step from the
 * training's initial (w, b), for as many steps as training takes; the map draws the training's
 * mini-batch paths beside them (src/ui/map/trainedPaths.ts). Training pauses, as on any switch.
 */
export function showLineFitOnMap(): void {
  const { config } = get();
  const results = getTrainResults();
  if (config.mode !== 'train' || trainTask(config.train).source !== 'line') return;
  leaveTrainView();
  const init = initParams(trainModel(config.train), config.train.seed);
  const start: Vec2 = [init[0] as number, init[1] as number];
  const surface = surfaceDef('linear_regression');
  const minima = surface.minima({}, generateData('linear', config.train.seed));
  const points: Vec2[] = [start, ...minima];
  let steps = 0;
  for (const lane of results?.lanes ?? []) {
    steps = Math.max(steps, lane.totalSteps);
    points.push(...tracedPath(lane));
  }
  const lanes = config.lanes.map(({ seed: _seed, seeds: _seeds, ...lane }) => {
    void _seed;
    void _seeds;
    return lane;
  });
  const runSteps = Math.min(MAX_STEPS, Math.max(1, steps || 1000));
  setConfig({
    mode: 'single',
    surface: { id: 'linear_regression', params: {} },
    seed: config.train.seed,
    start,
    view: windowAround(points),
    steps: runSteps,
    step: runSteps,
    lanes,
    selectedLane: null,
  });
}

/** The smallest window holding every point, with a margin. */
function windowAround(points: readonly Vec2[]): ViewWindow {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const [x, y] of points) {
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  const padX = Math.max(0.5, 0.15 * (xMax - xMin));
  const padY = Math.max(0.5, 0.15 * (yMax - yMin));
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/** Opens a task with its own settings and lanes (training starts over). */
export function selectTask(id: string): void {
  const task = taskById(id);
  if (!task) return;
  setTraining('idle');
  setConfig({
    mode: 'train',
    train: trainConfigForTask(task, get().config.train.seed),
    lanes: task.lanes.map(laneFromSpec),
    selectedLane: null,
  });
}

/** Changes model or loop settings (every lane starts over). */
export function setTrainConfig(patch: Partial<Omit<TrainConfig, 'task'>>): void {
  setConfig({ train: { ...get().config.train, ...patch } });
}

/** Gives a lane its own seed (null: back to the shared one); that lane starts over. */
export function setLaneSeed(laneId: string, seed: number | null): void {
  setConfig({
    lanes: get().config.lanes.map((l) => {
      if (l.id !== laneId) return l;
      if (seed === null) {
        const { seed: _dropped, ...rest } = l;
        void _dropped;
        return rest;
      }
      return { ...l, seed };
    }),
  });
}

/** How many replicas (consecutive seeds) a lane trains; that lane starts over. */
export function setLaneSeeds(laneId: string, seeds: number): void {
  setConfig({
    lanes: get().config.lanes.map((l) => {
      if (l.id !== laneId) return l;
      if (seeds <= 1) {
        const { seeds: _dropped, ...rest } = l;
        void _dropped;
        return rest;
      }
      return { ...l, seeds };
    }),
  });
}

/** Plays (after a stop: from step 0). */
export function playTraining(): void {
  if (get().playback.training === 'stopped') bumpTrainReset();
  setTraining('playing');
}

/** Ends training where it is; the curves stay. */
export function stopTraining(): void {
  const state = get().playback.training;
  if (state === 'playing' || state === 'paused') setTraining('stopped');
}

export function pauseTraining(): void {
  if (get().playback.training === 'playing') setTraining('paused');
}

/** Back to step 0 for every lane, not playing. */
export function resetTraining(): void {
  setTraining('idle');
  bumpTrainReset();
}

let resetCount = 0;
const resetListeners = new Set<() => void>();
/** The session restarts every lane when this changes. */
export function trainResetCount(): number {
  return resetCount;
}
/** Calls `listener` after every reset; returns its remover. */
export function onTrainReset(listener: () => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}
function bumpTrainReset(): void {
  resetCount++;
  for (const listener of resetListeners) listener();
}

/** Called by the session when the data changed: components re-read getTrainResults(). */
export function bumpTrainVersion(): void {
  useStore.setState((s) => ({ view: { ...s.view, trainVersion: s.view.trainVersion + 1 } }));
}

/** The session clears a link's autostart once it started. */
export function clearAutostart(): void {
  const { train } = get().config;
  if (train.autostart) setConfig({ train: { ...train, autostart: false } });
}
