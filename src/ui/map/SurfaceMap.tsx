// The single-surface map: the WebGPU renderer (or the canvas-2D fallback) under an SVG
// overlay with axes, minima, the start point, divergence labels and the selected lane's step
// arrows. The renderer is fed from a store subscription, outside React's render cycle; React
// only redraws the overlay and the controls.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ViewWindow } from '../../core/types';
import { getResults } from '../results';
import { registerSnapshot } from '../snapshot';
import { resetView, setStart, setView, useStore } from '../store';
import { getTrainResults } from '../train/trainResults';
import { divergenceMarks, minimaOf, singleScene, stepArrows, surfaceSetup } from './buildScene';
import { ColorScale, LaneLegend } from './Legend';
import { FirstVisitHint } from './FirstVisitHint';
import { MapOverlay } from './MapOverlay';
import { stopText } from '../../core/runaway';
import { trainedPaths } from './trainedPaths';
import { meanPaths } from './meanPaths';
import { composePng, provideFrame, provideSnapshot, type MapFrame } from './snapshotPng';
import { useMapInteraction } from './useMapInteraction';
import { useElementSize } from './useElementSize';
import { useRenderer, type MapRenderer } from './useRenderer';
import { fitAspect } from './viewTransform';
import './map.css';

const HINT =
  'Click or drag: move the start · Shift+drag or right-drag: pan · Wheel or pinch: zoom · Keys: arrows, + −, 0';
const MOVE_START = 'Move start';
const MOVE_START_HELP =
  'On: one finger on the map moves the start point. Off: one finger scrolls the page.';

function dprNow(): number {
  return Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));
}

export function SurfaceMap({ showHint = true }: { showHint?: boolean }) {
  const containerRef = useRef<HTMLDivElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const size = useElementSize(containerRef);
  const sizeRef = useRef(size);
  useEffect(() => {
    sizeRef.current = size;
  });

  const config = useStore((s) => s.config);
  const resultsVersion = useStore((s) => s.view.resultsVersion);
  const trainVersion = useStore((s) => s.view.trainVersion);

  // Feeds the renderer the current scene; called from the store subscription and on resize.
  const push = useCallback((renderer: MapRenderer | null) => {
    const canvas = canvasRef.current;
    const s = sizeRef.current;
    if (!renderer || !canvas || s.width <= 0 || s.height <= 0) return;
    const dpr = dprNow();
    const w = Math.round(s.width * dpr);
    const h = Math.round(s.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const state = useStore.getState();
    const { scene } = singleScene(state.config, getResults(), s, dpr, state.view.hoveredLane);
    renderer.setScene(scene);
  }, []);

  const renderer = useRenderer(canvasRef, push);

  // Store → renderer, without going through React renders.
  useEffect(() => {
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (
        s.config !== prev.config ||
        s.view.resultsVersion !== prev.view.resultsVersion ||
        s.view.hoveredLane !== prev.view.hoveredLane
      )
        push(renderer.ref.current);
    });
    return unsubscribe;
  }, [push, renderer.ref]);
  useEffect(() => {
    push(renderer.ref.current);
  }, [size, push, renderer.ref, renderer.kind]);

  const setup = surfaceSetup(config);
  const view: ViewWindow = fitAspect(config.view, size);
  const results = getResults();
  // resultsVersion keys the marks that read the (mutable) results module.
  const marks = useMemo(
    () => ({
      divergences: divergenceMarks(config, results),
      arrows: stepArrows(config, results, setup),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [config, resultsVersion, setup],
  );
  const minima = useMemo(() => minimaOf(setup), [setup]);
  const means = useMemo(
    () => meanPaths(config),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [config, resultsVersion],
  );
  // trainVersion keys the paths read from the (mutable) Train results.
  const trained = useMemo(
    () => trainedPaths(config, getTrainResults()),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [config, trainVersion],
  );

  // Touch: one finger scrolls the page unless "Move start" is on (a deliberate mode, shown
  // pressed, rather than a long-press nobody finds).
  const [moveStart, setMoveStart] = useState(false);
  const moveStartRef = useRef(moveStart);
  useEffect(() => {
    moveStartRef.current = moveStart;
  });
  const input = {
    moveStartByTouch: () => moveStartRef.current,
    view: () => fitAspect(useStore.getState().config.view, sizeRef.current),
    size: () => sizeRef.current,
    setView: (v: ViewWindow) => setView(v),
    setStart: (p: readonly [number, number]) => setStart([p[0], p[1]]),
    resetView: () => resetView(surfaceSetup(useStore.getState().config).def.view),
  };
  const panning = useMapInteraction(containerRef, input);

  // PNG export and the WebM recorder's frames.
  useEffect(() => {
    const frame = async (): Promise<MapFrame | null> => {
      const r = renderer.ref.current;
      if (!r) return null;
      const image = await r.snapshot();
      if (!image) return null;
      const c = useStore.getState().config;
      const s = surfaceSetup(c);
      const dpr = image.width / Math.max(1, sizeRef.current.width);
      return {
        image,
        marks: {
          view: fitAspect(c.view, sizeRef.current),
          size: sizeRef.current,
          dpr,
          minima: minimaOf(s),
          start: c.start,
        },
        legend: { lanes: c.lanes.filter((l) => l.visible), dpr },
      };
    };
    const take = async () => {
      const f = await frame();
      return f ? composePng(f.image, f.marks, f.legend) : null;
    };
    const a = provideSnapshot(take);
    const b = registerSnapshot(take);
    const c = provideFrame(frame);
    return () => {
      a();
      b();
      c();
    };
  }, [renderer.ref]);

  const visibleLanes = config.lanes.filter((l) => l.visible).length;
  const label =
    `Loss surface map of ${setup.def.label}, f(x, y) = ${setup.def.formula}, ` +
    `x from ${view.xMin.toPrecision(3)} to ${view.xMax.toPrecision(3)}, ` +
    `y from ${view.yMin.toPrecision(3)} to ${view.yMax.toPrecision(3)}; darker is lower loss. ` +
    `${visibleLanes} lane path${visibleLanes === 1 ? '' : 's'} from the start point ` +
    `(${config.start[0].toPrecision(3)}, ${config.start[1].toPrecision(3)}) at step ${config.step}.` +
    (marks.divergences.length
      ? ' ' + marks.divergences.map((d) => `${d.name} ${stopText(d)}.`).join(' ')
      : '') +
    (trained.length
      ? ` Dashed: the Train view's mini-batch paths of ${trained.map((t) => t.name).join(', ')}.`
      : '');

  return (
    <div
      ref={containerRef}
      className={`surface-map${panning ? ' panning' : ''}${moveStart ? ' moving-start' : ''}`}
      tabIndex={0}
      data-skip-target
      role="application"
      aria-roledescription="interactive map"
      aria-label={`${setup.def.label} map. ${HINT}`}
      data-renderer={renderer.kind}
    >
      <canvas key={renderer.kind} ref={canvasRef} role="img" aria-label={label} />
      <MapOverlay
        view={view}
        size={size}
        minima={minima}
        start={config.start}
        divergences={marks.divergences}
        arrows={marks.arrows}
        trainedPaths={trained}
        meanPaths={means}
      />
      {means.length > 0 && (
        <p className="map-mean-legend">
          Noisy lanes: a cloud of runs, the line is the mean path of the first{' '}
          {means.map((m) => `${m.runs} of ${m.of}`).join(', ')} runs (float64, CPU)
        </p>
      )}
      {trained.length > 0 && (
        <p className="map-trained-legend">
          <span className="dash" aria-hidden="true" /> the Train view&apos;s mini-batch paths (
          {config.train.batchSize} points a step, {trained[0]?.steps} steps); solid: the same lanes
          on all the points every step
        </p>
      )}
      <div className="map-controls">
        <button
          type="button"
          className="move-start-toggle"
          aria-pressed={moveStart}
          title={MOVE_START_HELP}
          onClick={() => setMoveStart((on) => !on)}
        >
          {MOVE_START}
        </button>
        <button
          type="button"
          onClick={() => resetView(setup.def.view)}
          aria-label="Reset view to the surface's default window"
        >
          Reset view
        </button>
      </div>
      <ColorScale className="map-legend bottom" />
      <LaneLegend lanes={config.lanes.filter((l) => l.visible)} />
      {showHint && <div className="map-hint">{HINT}</div>}
      {showHint && <FirstVisitHint />}
    </div>
  );
}
