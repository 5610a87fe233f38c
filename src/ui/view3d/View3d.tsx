// The 3-D view (mode=3d): the current surface as a lit mesh over the map's window, the lanes'
// paths lifted onto it and a marker at the scrubbed step, so the time bar's scrub and
// playback drive it as they drive the map. Orbit with drag, wheel, pinch or the keys; the
// camera and the log-height toggle live in the config (and so in the share link). WebGPU
// when the app has a device, else a canvas-2D drawing of the same scene at lower resolution.

import { nameOf, useTranslation } from '../i18n';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { DEFAULT_ORBIT } from '../../core/orbit';
import { VIEW3D_NS } from './strings';
import { surfaceDef } from '../registry';
import { getResults } from '../results';
import { registerSnapshot } from '../snapshot';
import { setOrbit, useStore } from '../store';
import { ColorScale } from '../map/Legend';
import { useElementSize } from '../map/useElementSize';
import { useCanvasRenderer, type RendererFactories } from '../map/useRenderer';
import { CpuView3dRenderer } from './cpuView3dRenderer';
import { GpuView3dRenderer } from './gpuView3dRenderer';
import { axisLabels } from './axes3d';
import { viewProjection } from './camera';
import { buildScene3d } from './scene3d';
import { useOrbitInput } from './useOrbitInput';
import '../map/map.css';
import './view3d.css';

export type View3dRenderer = GpuView3dRenderer | CpuView3dRenderer;

const FACTORIES: RendererFactories<View3dRenderer> = {
  gpu: (device, canvas) => GpuView3dRenderer.create(device, canvas),
  cpu: (canvas) => new CpuView3dRenderer(canvas),
};

function dprNow(): number {
  return Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
}

export function View3d({ showHint = true }: { showHint?: boolean }) {
  const { t } = useTranslation();
  const { t: t3 } = useTranslation(VIEW3D_NS);
  const keys = t('view3d.keys');
  const stageRef = useRef<HTMLDivElement | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const size = useElementSize(stageRef);
  const sizeRef = useRef(size);
  useEffect(() => {
    sizeRef.current = size;
  });

  const push = useCallback((renderer: View3dRenderer | null) => {
    const canvas = canvasRef.current;
    const s = sizeRef.current;
    if (!renderer || !canvas || s.width <= 0 || s.height <= 0) return;
    const dpr = dprNow();
    const w = Math.round(s.width * dpr);
    const h = Math.round(s.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    renderer.setScene(buildScene3d(useStore.getState().config, getResults(), dpr));
  }, []);

  const renderer = useCanvasRenderer(canvasRef, push, FACTORIES);
  useEffect(
    () =>
      useStore.subscribe((s, prev) => {
        if (s.config !== prev.config || s.view.resultsVersion !== prev.view.resultsVersion)
          push(renderer.ref.current);
      }),
    [push, renderer.ref],
  );
  useEffect(() => {
    push(renderer.ref.current);
  }, [size, push, renderer.ref, renderer.kind]);

  // PNG export: draw a frame now and read the canvas in the same task, while a WebGPU canvas
  // still holds it (the axis labels are HTML and not in the PNG).
  useEffect(
    () =>
      registerSnapshot(async () => {
        const r = renderer.ref.current;
        const canvas = canvasRef.current;
        if (!r || !canvas) return null;
        r.drawNow();
        return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      }),
    [renderer.ref],
  );

  const dragging = useOrbitInput(stageRef);
  const surface = useStore((s) => s.config.surface);
  const orbit = useStore((s) => s.config.orbit);
  const step = useStore((s) => s.config.step);
  const lanes = useStore((s) => s.config.lanes.filter((l) => l.visible).length);
  const viewWindow = useStore((s) => s.config.view);
  const labels = useMemo(
    () =>
      size.width > 0 && size.height > 0
        ? axisLabels(
            viewProjection(orbit, size.width / size.height),
            viewWindow,
            size.width,
            size.height,
          )
        : [],
    [orbit, viewWindow, size],
  );
  const label = t3('label', {
    surface: nameOf(surfaceDef(surface).label),
    height: orbit.logHeight ? t3('logLoss') : t3('loss'),
    yaw: orbit.yaw.toFixed(0),
    pitch: orbit.pitch.toFixed(0),
    count: lanes,
    step,
  });

  return (
    <div className="view3d" data-renderer={renderer.kind}>
      <div
        ref={stageRef}
        className={`view3d-stage${dragging ? ' dragging' : ''}`}
        tabIndex={0}
        role="application"
        aria-roledescription={t3('role')}
        aria-label={`${t('view3d.stage')}. ${keys}`}
      >
        <canvas key={renderer.kind} ref={canvasRef} role="img" aria-label={label} />
        <svg className="map-axes view3d-axes" aria-hidden="true">
          {labels.map((l, i) => (
            <text
              key={i}
              x={l.x}
              y={l.y}
              textAnchor="middle"
              dominantBaseline="middle"
              className={l.name ? 'map-axis-name' : undefined}
            >
              {l.text}
            </text>
          ))}
        </svg>
      </div>
      <div className="map-controls">
        <label className="view3d-toggle">
          <input
            type="checkbox"
            checked={orbit.logHeight}
            onChange={(e) => setOrbit({ logHeight: e.target.checked })}
          />
          {t3('logHeight')}
        </label>
        <button
          type="button"
          onClick={() =>
            setOrbit({
              yaw: DEFAULT_ORBIT.yaw,
              pitch: DEFAULT_ORBIT.pitch,
              distance: DEFAULT_ORBIT.distance,
            })
          }
        >
          {t3('resetCamera')}
        </button>
      </div>
      <ColorScale className="map-legend bottom" />
      {showHint && <div className="map-hint">{keys}</div>}
    </div>
  );
}
