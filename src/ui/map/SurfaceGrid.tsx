// Every surface at once: small multiples on ONE canvas (one device context, one render pass,
// a viewport and scissor per cell; the surfaces are cached in a layer texture so a scrub only
// redraws the paths), under a CSS grid of buttons that carry the titles and open a surface.

import { useCallback, useEffect, useMemo, useRef } from 'react';
import { nameOf, useTranslation } from '../i18n';
import { GRID_NS } from './gridStrings';
import { openSurface, useStore } from '../store';
import { minimaOf, surfaceSetup } from './buildScene';
import { CPU_GRID_BUDGET, computeGridRuns, gridKey, type GridRuns } from './gridRuns';
import { useGridResults } from './gridKind';
import { GridLegend } from './Legend';
import { MapOverlay } from './MapOverlay';
import { cachedRange, paramNumbers, type CellScene, type FrameScene, type Rect } from './scene';
import { composePng } from './snapshotPng';
import { useElementSize } from './useElementSize';
import { useRenderer, type MapRenderer } from './useRenderer';
import { fitAspect, type Size } from './viewTransform';
import type { Config } from '../../core/config';
import { registerSnapshot } from '../snapshot';
import './map.css';
import { surfacesOf } from '../registry';

const PAD = 6;
const GAP = 6;

interface Layout {
  readonly cols: number;
  readonly rows: number;
  readonly cell: Size;
}

function gridLayout(size: Size, count: number): Layout {
  const cols = size.width >= 1000 ? 5 : size.width >= 640 ? 4 : size.width >= 420 ? 3 : 2;
  const rows = Math.ceil(count / cols);
  return {
    cols,
    rows,
    cell: {
      width: Math.max(1, (size.width - 2 * PAD - GAP * (cols - 1)) / cols),
      height: Math.max(1, (size.height - 2 * PAD - GAP * (rows - 1)) / rows),
    },
  };
}

function cellRectCss(i: number, layout: Layout): Rect {
  const c = i % layout.cols;
  const r = Math.floor(i / layout.cols);
  return {
    x: PAD + c * (layout.cell.width + GAP),
    y: PAD + r * (layout.cell.height + GAP),
    width: layout.cell.width,
    height: layout.cell.height,
  };
}

const packCache = new Map<string, { all: Float32Array<ArrayBuffer>; ranges: [number, number][] }>();

/**
 * Packs every data surface's points one after the other; returns each cell's (offset, count).
 * Memoised: the renderer re-renders the surface layer whenever the array changes identity.
 */
function packAll(config: Config) {
  const key = JSON.stringify([config.seed, config.surface]);
  const hit = packCache.get(key);
  if (hit) return hit;
  const parts: Float32Array[] = [];
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const def of surfacesOf(config)) {
    const s = surfaceSetup(config, def.id);
    if (s.packed && s.packed.length > 0) {
      const stride = def.data === 'logistic' ? 3 : 2;
      ranges.push([offset, s.packed.length / stride]);
      parts.push(s.packed);
      offset += s.packed.length;
    } else ranges.push([0, 0]);
  }
  const all = new Float32Array(Math.max(4, offset));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  if (packCache.size > 16) packCache.clear();
  packCache.set(key, { all, ranges });
  return { all, ranges };
}

function gridScene(config: Config, runs: GridRuns | null, size: Size, dpr: number): FrameScene {
  const surfaces = surfacesOf(config);
  const layout = gridLayout(size, surfaces.length);
  const { all, ranges } = packAll(config);
  const cells: CellScene[] = surfaces.map((def, i) => {
    const setup = surfaceSetup(config, def.id);
    const css = cellRectCss(i, layout);
    const rect: Rect = {
      x: Math.round(css.x * dpr),
      y: Math.round(css.y * dpr),
      width: Math.round(css.width * dpr),
      height: Math.round(css.height * dpr),
    };
    const view = fitAspect(def.view, { width: rect.width, height: rect.height });
    return {
      rect,
      surface: def,
      surfaceIndex: setup.index,
      params: setup.params,
      paramNumbers: paramNumbers(def, setup.params),
      data: setup.data,
      dataRange: ranges[i] ?? [0, 0],
      view,
      range: cachedRange(def, setup.params, view, setup.data, setup.dataKey),
      groups: runs?.cells[i]?.groups ?? [],
    };
  });
  return {
    cells,
    surfaceData: all,
    runs: runs?.source ?? null,
    step: config.step,
    colorMap: 'viridis',
    contours: 12,
    contourOpacity: 0.8,
    dpr,
    background: [0.043, 0.051, 0.071],
  };
}

function formatLoss(v: number | null): string {
  if (v === null) return '';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(1) : v.toPrecision(3);
}

export function SurfaceGrid() {
  const { t } = useTranslation(GRID_NS);
  const containerRef = useRef<HTMLDivElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const size = useElementSize(containerRef);
  const sizeRef = useRef(size);
  useEffect(() => {
    sizeRef.current = size;
  });

  const config = useStore((s) => s.config);
  const key = gridKey(config);
  const onGpu = useStore((s) => s.view.gpu.kind) === 'webgpu';
  const visibleLanes = config.lanes.filter((l) => l.visible).length;
  // Float64 on the CPU when cheap (also gives the titles' best losses) or without a GPU.
  const cheap =
    !onGpu || visibleLanes * surfacesOf(config).length * (config.steps + 1) <= CPU_GRID_BUDGET;
  const cpuRuns = useMemo(
    () => (cheap ? computeGridRuns(useStore.getState().config) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, cheap],
  );
  // With WebGPU: every lane on every surface in one engine batch (gridKind.ts), drawn from
  // its buffers.
  const gpuRuns = useGridResults((s) => (onGpu ? s.runs : null));
  const runs = useMemo((): GridRuns | null => {
    const gpuCurrent = gpuRuns && gpuRuns.key === key ? gpuRuns : null;
    if (!gpuCurrent) return cpuRuns ?? gpuRuns;
    return {
      ...gpuCurrent,
      cells: gpuCurrent.cells.map((c, i) => ({
        ...c,
        bestLoss: cpuRuns?.cells[i]?.bestLoss ?? null,
      })),
    };
  }, [gpuRuns, cpuRuns, key]);
  const runsRef = useRef<GridRuns | null>(runs);
  useEffect(() => {
    runsRef.current = runs;
  });

  const push = useCallback((renderer: MapRenderer | null) => {
    const canvas = canvasRef.current;
    const s = sizeRef.current;
    if (!renderer || !canvas || s.width <= 0 || s.height <= 0) return;
    const dpr = Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
    const w = Math.round(s.width * dpr);
    const h = Math.round(s.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    renderer.setScene(gridScene(useStore.getState().config, runsRef.current, s, dpr));
  }, []);
  const renderer = useRenderer(canvasRef, push);

  useEffect(() => {
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.config.step !== prev.config.step || s.config.lanes !== prev.config.lanes)
        push(renderer.ref.current);
    });
    return unsubscribe;
  }, [push, renderer.ref]);
  useEffect(() => {
    push(renderer.ref.current);
  }, [size, runs, push, renderer.ref, renderer.kind]);

  useEffect(() => {
    const take = async () => {
      const r = renderer.ref.current;
      const image = r ? await r.snapshot() : null;
      if (!image) return null;
      const lanes = useStore.getState().config.lanes.filter((l) => l.visible);
      const dpr = image.width / Math.max(1, sizeRef.current.width);
      return composePng(image, null, { lanes, dpr });
    };
    return registerSnapshot(take);
  }, [renderer.ref]);

  const surfaces = surfacesOf(config);
  const layout = gridLayout(size, surfaces.length);
  const lanes = config.lanes.filter((l) => l.visible).length;
  return (
    <div
      ref={containerRef}
      className="surface-grid"
      data-renderer={renderer.kind}
      data-runs={runs?.source.chunks ? 'gpu' : runs ? 'cpu' : 'none'}
      aria-label={t('region')}
    >
      <canvas
        key={renderer.kind}
        ref={canvasRef}
        role="img"
        aria-label={t('canvas', {
          surfaces: surfaces.length,
          count: lanes,
          step: config.step,
        })}
      />
      <div
        className="surface-grid-cells"
        style={{
          gridTemplateColumns: `repeat(${layout.cols}, 1fr)`,
          gridTemplateRows: `repeat(${layout.rows}, 1fr)`,
        }}
      >
        {surfaces.map((def, i) => {
          const cell = runs?.cells[i];
          const setup = surfaceSetup(config, def.id);
          const view = fitAspect(def.view, layout.cell);
          const diverged = cell?.diverged ?? 0;
          const best =
            cell?.bestLoss !== null && cell?.bestLoss !== undefined
              ? t('best', { loss: formatLoss(cell.bestLoss) })
              : '';
          const ranAway = cell?.ranAway ?? 0;
          const divergedText = [
            diverged > 0 ? `· ${t('diverged', { count: diverged })}` : '',
            ranAway > 0 ? `· ${t('ranAway', { count: ranAway })}` : '',
          ]
            .filter(Boolean)
            .join(' ');
          // The accessible name starts with the visible title (WCAG 2.5.3, label in name).
          const title = [nameOf(def.label), best, divergedText].filter(Boolean).join(' ');
          return (
            <button
              key={def.id}
              type="button"
              className="surface-grid-cell"
              onClick={() => openSurface(def.id, def.view, def.defaultStart)}
              aria-label={t('open', { title })}
            >
              <MapOverlay
                view={view}
                size={layout.cell}
                minima={minimaOf(setup)}
                start={def.defaultStart}
                divergences={[]}
                arrows={null}
                compact
              />
              <span className="title">
                {nameOf(def.label)}
                {best && ' '}
                {best && <span className="meta">{best}</span>}
                {divergedText && ' '}
                {divergedText && <span className="meta">{divergedText}</span>}
              </span>
            </button>
          );
        })}
        {layout.cols * layout.rows > surfaces.length && (
          <GridLegend lanes={config.lanes.filter((l) => l.visible)} />
        )}
      </div>
    </div>
  );
}
