// What the 3-D view shows, as plain data built from the store's config and the published
// results: the surface (as the map draws it), its window and colour range, the camera, and
// the lanes' runs with the scrubbed step. Drawn by GpuView3dRenderer or CpuView3dRenderer.

import type { Config } from '../../core/config';
import type { OrbitConfig } from '../../core/orbit';
import type { ParamValues } from '../../core/params';
import type { SurfaceData, SurfaceDef, ViewWindow } from '../../core/types';
import type { LossRange } from '../../gpu/render/lossRange';
import type { Results } from '../results';
import { laneGroups, runSource, surfaceSetup } from '../map/buildScene';
import { cachedRange, paramNumbers, type RunGroup, type RunSource } from '../map/scene';

export interface Scene3d {
  readonly surface: SurfaceDef;
  readonly surfaceIndex: number;
  readonly params: ParamValues;
  readonly paramNumbers: readonly number[];
  readonly data: SurfaceData | undefined;
  /** The data surfaces' packed points and their (offset, count). */
  readonly surfaceData: Float32Array<ArrayBuffer> | null;
  readonly dataRange: readonly [number, number];
  /** The map's window: the box's floor. */
  readonly view: ViewWindow;
  readonly range: LossRange;
  readonly orbit: OrbitConfig;
  readonly runs: RunSource | null;
  readonly groups: readonly RunGroup[];
  /** The scrubbed step. */
  readonly step: number;
  /** Device pixels per CSS pixel. */
  readonly dpr: number;
}

export const BACKGROUND: readonly [number, number, number] = [0.063, 0.075, 0.102];
/** Contour lines over the colour range, as on the map. */
export const CONTOURS = 18;

export function buildScene3d(config: Config, results: Results, dpr: number): Scene3d {
  const setup = surfaceSetup(config);
  const view = config.view;
  return {
    surface: setup.def,
    surfaceIndex: setup.index,
    params: setup.params,
    paramNumbers: paramNumbers(setup.def, setup.params),
    data: setup.data,
    surfaceData: setup.packed,
    dataRange: [
      0,
      setup.packed ? setup.packed.length / (setup.def.data === 'logistic' ? 3 : 2) : 0,
    ],
    view,
    range: cachedRange(setup.def, setup.params, view, setup.data, setup.dataKey),
    orbit: config.orbit,
    runs: runSource(results),
    groups: laneGroups(config, results),
    step: config.step,
    dpr,
  };
}
