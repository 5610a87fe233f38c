// From the store's config and the published results to the FrameScene the renderers draw and
// the overlay's marks (minima, start, divergences, arrows).

import type { Config } from '../../core/config';
import { packSurfaceData } from '../../core/surfaces';
import type { SurfaceData, SurfaceDef, Vec2, ViewWindow } from '../../core/types';
import type { ParamValues } from '../../core/params';
import { filled, surfaceDef, surfaceRefOf, surfacesOf } from '../registry';
import type { Results } from '../results';
import { resolveSurface } from '../runs';
import { laneStop } from '../../core/runaway';
import type { DivergenceMark, StepArrows } from './MapOverlay';
import {
  cachedRange,
  paramNumbers,
  type CellScene,
  type FrameScene,
  type Rect,
  type RunGroup,
  type RunSource,
} from './scene';
import { fitAspect, type Size } from './viewTransform';
import { bundleOffsets } from './overlap';

export interface SurfaceSetup {
  readonly def: SurfaceDef;
  readonly index: number;
  readonly params: ParamValues;
  readonly data: SurfaceData | undefined;
  readonly packed: Float32Array<ArrayBuffer> | null;
  readonly dataKey: string;
}

const setupCache = new Map<string, SurfaceSetup>();

/** The surface of a config (or another surface with its default parameters, for the grid). */
export function surfaceSetup(config: Config, surfaceId = config.surface.id): SurfaceSetup {
  const def = surfaceDef(surfaceRefOf(config, surfaceId));
  const own = def.id === config.surface.id;
  const key = JSON.stringify([
    def.id,
    own ? (config.surface.expression ?? null) : null,
    own ? config.surface.params : null,
    def.data ? config.seed : 0,
  ]);
  let s = setupCache.get(key);
  if (!s) {
    const params = filled(def.params, own ? config.surface.params : {});
    const data = def.data ? resolveSurface(config, def.id).data : undefined;
    const packed = data ? (packSurfaceData(def, data) as Float32Array<ArrayBuffer>) : null;
    s = {
      def,
      index: Math.max(0, surfacesOf(config).indexOf(def)),
      params,
      data,
      packed,
      dataKey: def.data ? `seed${config.seed}` : '',
    };
    if (setupCache.size > 64) setupCache.clear();
    setupCache.set(key, s);
  }
  return s;
}

export function runSource(results: Results): RunSource | null {
  if (results.gpu) {
    return {
      chunks: results.gpu.chunks,
      records: null,
      recordsPerRun: results.gpu.recordsPerRun,
      recordEvery: results.gpu.recordEvery,
      steps: results.steps,
      runCount: results.runCount,
    };
  }
  if (results.records) {
    return {
      chunks: null,
      records: results.records,
      recordsPerRun: results.recordsPerRun,
      recordEvery: results.recordEvery,
      steps: results.steps,
      runCount: results.runCount,
    };
  }
  return null;
}

/** How the lanes are drawn beside each other: which is hovered, and the map's scale. */
export interface LaneLook {
  /** The hovered lane (drawn last, the others dimmed), or null. */
  readonly hovered: string | null;
  /** World units per CSS pixel, to find coinciding paths; absent: no offsets. */
  readonly unitsPerPx?: number;
}

/**
 * The visible lanes' run groups, when the results belong to this surface: coinciding paths
 * get sideways offsets, and a hovered lane comes last (drawn in front) with the others dimmed.
 */
export function laneGroups(
  config: Config,
  results: Results,
  look: LaneLook = { hovered: null },
): RunGroup[] {
  if (results.surfaceId !== config.surface.id) return [];
  const shown = config.lanes.flatMap((lane) => {
    if (!lane.visible) return [];
    const r = results.lanes.find((l) => l.laneId === lane.id);
    return r && r.runCount > 0 ? [{ lane, r }] : [];
  });
  const offsets = look.unitsPerPx
    ? bundleOffsets(
        shown.map(({ lane, r }) => (lane.noise ? null : (r.run?.x ?? null))),
        look.unitsPerPx,
      )
    : shown.map(() => 0);
  const hovered = shown.some(({ lane }) => lane.id === look.hovered) ? look.hovered : null;
  const out: RunGroup[] = shown.map(({ lane, r }, i) => ({
    firstRun: r.firstRun,
    runCount: r.runCount,
    color: lane.color,
    ...(lane.swarm?.draw === 'dots' ? { dots: true } : {}),
    ...(lane.noise ? { cloud: true } : {}),
    ...(offsets[i] ? { offset: offsets[i] } : {}),
    ...(hovered ? { emphasis: lane.id === hovered ? 'front' : 'dim' } : {}),
  }));
  // The hovered lane last: drawn over the others.
  return hovered
    ? [...out.filter((g) => g.emphasis === 'dim'), ...out.filter((g) => g.emphasis === 'front')]
    : out;
}

export function singleScene(
  config: Config,
  results: Results,
  size: Size,
  dpr: number,
  hovered: string | null = null,
): { scene: FrameScene; view: ViewWindow; setup: SurfaceSetup } {
  const setup = surfaceSetup(config);
  const view = fitAspect(config.view, size);
  const unitsPerPx = (view.xMax - view.xMin) / Math.max(1, size.width);
  const rect: Rect = {
    x: 0,
    y: 0,
    width: Math.round(size.width * dpr),
    height: Math.round(size.height * dpr),
  };
  const cell: CellScene = {
    rect,
    surface: setup.def,
    surfaceIndex: setup.index,
    params: setup.params,
    paramNumbers: paramNumbers(setup.def, setup.params),
    data: setup.data,
    dataRange: [
      0,
      setup.packed ? setup.packed.length / (setup.def.data === 'logistic' ? 3 : 2) : 0,
    ],
    view,
    range: cachedRange(setup.def, setup.params, view, setup.data, setup.dataKey),
    groups: laneGroups(config, results, { hovered, unitsPerPx }),
  };
  return {
    scene: {
      cells: [cell],
      surfaceData: setup.packed,
      runs: runSource(results),
      step: config.step,
      colorMap: 'viridis',
      contours: 18,
      contourOpacity: 1,
      dpr,
      background: [0.063, 0.075, 0.102],
    },
    view,
    setup,
  };
}

function lastFinite(x: Float64Array, upTo: number): Vec2 | null {
  for (let k = Math.min(upTo, x.length / 2 - 1); k >= 0; k--) {
    const a = x[2 * k]!;
    const b = x[2 * k + 1]!;
    if (Number.isFinite(a) && Number.isFinite(b)) return [a, b];
  }
  return null;
}

/**
 * "diverged at step k" and "ran away at step k" (src/ui/runaway.ts) marks for visible lanes
 * that did so at or before the scrubbed step.
 */
export function divergenceMarks(config: Config, results: Results): DivergenceMark[] {
  if (results.surfaceId !== config.surface.id) return [];
  const view = surfaceDef(config.surface).view;
  const out: DivergenceMark[] = [];
  for (const lane of config.lanes) {
    if (!lane.visible) continue;
    const run = results.lanes.find((l) => l.laneId === lane.id)?.run;
    const stop = run ? laneStop(run, view) : null;
    if (!run || !stop || config.step < stop.step) continue;
    const at = lastFinite(run.x, stop.step);
    if (at)
      out.push({
        laneId: lane.id,
        name: lane.name,
        color: lane.color,
        at,
        step: stop.step,
        kind: stop.kind,
      });
  }
  return out;
}

/** The selected lane's gradient and update at the scrubbed step (float64, from the CPU run). */
export function stepArrows(
  config: Config,
  results: Results,
  setup: SurfaceSetup,
): StepArrows | null {
  if (results.surfaceId !== config.surface.id) return null;
  const lane =
    config.lanes.find((l) => l.id === config.selectedLane && l.visible) ??
    config.lanes.find((l) => l.visible);
  if (!lane) return null;
  const run = results.lanes.find((l) => l.laneId === lane.id)?.run;
  if (!run) return null;
  const steps = run.x.length / 2 - 1;
  const s = Math.max(0, Math.min(config.step, steps));
  const fx = run.x[2 * s];
  const fy = run.x[2 * s + 1];
  if (fx === undefined || fy === undefined || !Number.isFinite(fx) || !Number.isFinite(fy))
    return null;
  const out = new Float64Array(3);
  let gradient: Vec2 | null = null;
  try {
    setup.def.evaluate(fx, fy, setup.params, out, setup.data);
    if (Number.isFinite(out[1]) && Number.isFinite(out[2])) gradient = [out[1]!, out[2]!];
  } catch {
    gradient = null;
  }
  let to: Vec2 | null = null;
  if (s < steps) {
    const tx = run.x[2 * s + 2]!;
    const ty = run.x[2 * s + 3]!;
    if (Number.isFinite(tx) && Number.isFinite(ty)) to = [tx, ty];
  }
  return { color: lane.color, from: [fx, fy], gradient, to };
}

export function minimaOf(setup: SurfaceSetup): Vec2[] {
  try {
    return setup.def.minima(setup.params, setup.data);
  } catch {
    return [];
  }
}
