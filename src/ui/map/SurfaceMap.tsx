// The single-surface map: the WebGPU renderer (or the canvas-2D fallback) under an SVG
// overlay with axes, minima, the start point, divergence labels and the selected lane's step
// arrows. The renderer is fed from a store subscription, outside React's render cycle; React
// only redraws the overlay and the controls.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { nameOf, useTranslation } from '../i18n';
import type { ViewWindow } from '../../core/types';
import { getResults } from '../results';
import { provideFrame, registerSnapshot, type MapFrame } from '../snapshot';
import { resetView, setStart, setView, useStore } from '../store';
import { getTrainResults } from '../train/trainResults';
import { divergenceMarks, minimaOf, singleScene, stepArrows, surfaceSetup } from './buildScene';
import { ColorScale, LaneLegend } from './Legend';
import { FirstVisitHint } from './FirstVisitHint';
import { MapOverlay } from './MapOverlay';
import { trainedPaths } from './trainedPaths';
import { meanPaths } from './meanPaths';
import { useMapInteraction } from './useMapInteraction';
import { useElementSize } from './useElementSize';
import { useRenderer, type MapRenderer } from './useRenderer';
import { fitAspect } from './viewTransform';
import './map.css';

function dprNow(): number {
  return Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));
}

export function SurfaceMap({ showHint = true }: { showHint?: boolean }) {
  const { t } = useTranslation();
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
      if (!f) return null;
      const { composePng } = await import('./snapshotPng');
      return composePng(f.image, f.marks, f.legend);
    };
    const a = registerSnapshot(take);
    const b = provideFrame(frame);
    return () => {
      a();
      b();
    };
  }, [renderer.ref]);

  const visibleLanes = config.lanes.filter((l) => l.visible).length;
  const surfaceName = nameOf(setup.def.label);
  const hint = t('map.keys');
  const label =
    t('map.label', {
      surface: surfaceName,
      formula: setup.def.formula,
      x0: view.xMin.toPrecision(3),
      x1: view.xMax.toPrecision(3),
      y0: view.yMin.toPrecision(3),
      y1: view.yMax.toPrecision(3),
      paths: t('map.paths', { count: visibleLanes }),
      start: `(${config.start[0].toPrecision(3)}, ${config.start[1].toPrecision(3)})`,
      step: config.step,
    }) +
    (marks.divergences.length
      ? ' ' +
        marks.divergences
          .map((d) =>
            t(d.kind === 'diverged' ? 'map.divergedSentence' : 'map.ranAwaySentence', {
              name: d.name,
              step: d.step,
            }),
          )
          .join(' ')
      : '') +
    (trained.length
      ? ' ' + t('map.dashedSentence', { names: trained.map((p) => p.name).join(', ') })
      : '');

  return (
    <div
      ref={containerRef}
      className={`surface-map${panning ? ' panning' : ''}${moveStart ? ' moving-start' : ''}`}
      tabIndex={0}
      data-skip-target
      role="application"
      aria-roledescription={t('map.roleDescription')}
      aria-label={t('map.appLabel', { surface: surfaceName, hint })}
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
          {t('map.meanLegend', {
            runs: means.map((m) => t('map.runsOf', { runs: m.runs, of: m.of })).join(', '),
          })}
        </p>
      )}
      {trained.length > 0 && (
        <p className="map-trained-legend">
          <span className="dash" aria-hidden="true" />{' '}
          {t('map.trainedLegend', {
            batch: config.train.batchSize,
            steps: trained[0]?.steps ?? 0,
          })}
        </p>
      )}
      <div className="map-controls">
        <button
          type="button"
          className="move-start-toggle"
          aria-pressed={moveStart}
          title={t('map.moveStartHelp')}
          onClick={() => setMoveStart((on) => !on)}
        >
          {t('map.moveStart')}
        </button>
        <button
          type="button"
          onClick={() => resetView(setup.def.view)}
          aria-label={t('map.resetViewLabel')}
        >
          {t('map.resetView')}
        </button>
      </div>
      <ColorScale className="map-legend bottom" />
      <LaneLegend lanes={config.lanes.filter((l) => l.visible)} />
      {showHint && <div className="map-hint">{hint}</div>}
      {showHint && <FirstVisitHint />}
    </div>
  );
}
