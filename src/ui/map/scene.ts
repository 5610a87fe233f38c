// What a map canvas shows, as plain data: one or more cells (a viewport each), each with a
// surface, a window, a colour range and groups of runs to draw. Built from the store and the
// results by SurfaceMap / SurfaceGrid; drawn by GpuMapRenderer or CpuMapRenderer.

import type { ParamValues } from '../../core/params';
import { num } from '../../core/params';
import type { SurfaceData, SurfaceDef, ViewWindow } from '../../core/types';
import { estimateLossRange, type LossRange } from '../../gpu/render/lossRange';
import type { ColorMapName } from '../../gpu/render/colormap';
import { packColor } from '../../gpu/render/runColorBuffer';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A lane's runs in the batch: the main run, then its swarm runs. */
export interface RunGroup {
  readonly firstRun: number;
  readonly runCount: number;
  readonly color: string;
  /** Draw the swarm runs as moving dots only (no fading trails). */
  readonly dots?: boolean;
  /** A noisy lane's cloud: every run (the main one too) in the cloud colour; the mean path is drawn over it. */
  readonly cloud?: boolean;
  /** CSS px to shift the main path sideways: it coincides with other lanes' (overlap.ts). */
  readonly offset?: number;
  /** A hovered lane: 'front' is drawn last and in full, 'dim' faded behind it. */
  readonly emphasis?: 'front' | 'dim';
}

export interface CellScene {
  /** Viewport in device pixels of the canvas. */
  readonly rect: Rect;
  readonly surface: SurfaceDef;
  readonly surfaceIndex: number;
  /** Parameter values (defaults filled in) and the same as numbers in schema order. */
  readonly params: ParamValues;
  readonly paramNumbers: readonly number[];
  readonly data: SurfaceData | undefined;
  /** (offset, count) of this cell's points in the frame's packed surface data. */
  readonly dataRange: readonly [number, number];
  /** The window drawn (already fitted to the rect's aspect). */
  readonly view: ViewWindow;
  readonly range: LossRange;
  readonly groups: readonly RunGroup[];
}

/** The part of the engine's RecordChunk (src/gpu/engine.ts) the map reads. */
export interface RecordChunkLike {
  readonly firstRun: number;
  readonly runCount: number;
  readonly records: GPUBuffer;
  /** First record of each run of the chunk. */
  readonly recordBase: readonly number[];
}

/** The batch the paths come from: GPU chunks, or CPU records (fallback), and the scrub. */
export interface RunSource {
  readonly chunks: readonly RecordChunkLike[] | null;
  readonly records: Float32Array | null;
  readonly recordsPerRun: number;
  readonly recordEvery: number;
  readonly steps: number;
  /** Batch run count (sizes the colour table). */
  readonly runCount: number;
}

export interface FrameScene {
  readonly cells: readonly CellScene[];
  /** Every cell's data points, packed one after the other. */
  readonly surfaceData: Float32Array<ArrayBuffer> | null;
  readonly runs: RunSource | null;
  /** The scrubbed step. */
  readonly step: number;
  readonly colorMap: ColorMapName;
  /** Contour lines per cell (fewer in the small grid cells). */
  readonly contours: number;
  readonly contourOpacity: number;
  /** Device pixels per CSS pixel: line widths and marker sizes scale with it. */
  readonly dpr: number;
  /** Background outside the cells (grid gaps). */
  readonly background: readonly [number, number, number];
}

export function paramNumbers(def: SurfaceDef, params: ParamValues): number[] {
  return def.params.slice(0, 4).map((p) => {
    try {
      return num(params, p.key);
    } catch {
      return p.default;
    }
  });
}

/** Records 0..n−1 have been reached at `step` (records.ts: record k holds step k·every). */
export function visibleRecords(
  step: number,
  steps: number,
  recordEvery: number,
  per: number,
): number {
  if (per <= 0) return 0;
  if (step >= steps) return per;
  return Math.max(1, Math.min(per, Math.floor(Math.max(0, step) / Math.max(1, recordEvery)) + 1));
}

const rangeCache = new Map<string, LossRange>();

/** The loss range of a window, memoised (panning back and forth reuses it). */
export function cachedRange(
  def: SurfaceDef,
  params: ParamValues,
  view: ViewWindow,
  data: SurfaceData | undefined,
  dataKey: string,
): LossRange {
  const key = JSON.stringify([def.id, params, view, dataKey]);
  let r = rangeCache.get(key);
  if (!r) {
    r = estimateLossRange(def, params, view, data);
    if (rangeCache.size > 256) rangeCache.clear();
    rangeCache.set(key, r);
  }
  return r;
}

/** '#rrggbb' mixed towards white by `amount` (0..1). */
export function lighten(css: string, amount: number): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(css.trim());
  if (!m) return css;
  const v = parseInt(m[1]!, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const r = mix((v >> 16) & 255);
  const g = mix((v >> 8) & 255);
  const b = mix(v & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}

/**
 * One packed colour per batch run: each group's main run in the lane's colour, its swarm runs
 * (and all of a noisy cloud) lighter, so the crowd reads on the dark valleys it gathers in.
 */
export function runColors(groups: readonly RunGroup[], runCount: number): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(Math.max(1, runCount));
  for (const g of groups) {
    const main = packColor(g.color, 1);
    const swarm = packColor(lighten(g.color, 0.45), 0.85);
    for (let i = 0; i < g.runCount; i++) {
      const r = g.firstRun + i;
      if (r < out.length) out[r] = i === 0 && !g.cloud ? main : swarm;
    }
  }
  return out;
}

/** The part of a selection of contiguous runs inside each chunk. */
export interface ChunkSlice {
  readonly records: GPUBuffer;
  readonly firstRun: number;
  readonly runCount: number;
  readonly baseRecord: number;
}

export function sliceChunks(
  chunks: readonly RecordChunkLike[],
  firstRun: number,
  runCount: number,
): ChunkSlice[] {
  const out: ChunkSlice[] = [];
  const end = firstRun + runCount;
  for (const c of chunks) {
    const a = Math.max(firstRun, c.firstRun);
    const b = Math.min(end, c.firstRun + c.runCount);
    if (b <= a) continue;
    const base = c.recordBase[a - c.firstRun];
    if (base === undefined) continue;
    out.push({ records: c.records, firstRun: a, runCount: b - a, baseRecord: base });
  }
  return out;
}
