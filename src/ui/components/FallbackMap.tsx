// A Canvas 2D map for when WebGPU is unavailable (and until the WebGPU map mounts): the loss
// on a coarse grid in float64, log-scaled and coloured, with the lanes' paths and markers at
// the scrubbed step. Click or drag to move the start point; wheel to zoom.

import { useEffect, useRef } from 'react';
import { generateData } from '../../core/rng';
import { filled, surfaceDef } from '../registry';
import { getResults } from '../results';
import { setStart, setView, useStore } from '../store';
import type { ViewWindow } from '../../core/types';

const CELLS_X = 160;

/** viridis-like ramp: t in [0, 1] to rgb. */
function ramp(t: number): [number, number, number] {
  const stops: [number, number, number][] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const x = Math.min(0.9999, Math.max(0, t)) * (stops.length - 1);
  const i = Math.floor(x);
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export function FallbackMap({ label }: { label: string }) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const surface = useStore((s) => s.config.surface);
  const seed = useStore((s) => s.config.seed);
  const view = useStore((s) => s.config.view);
  const lanes = useStore((s) => s.config.lanes);
  const step = useStore((s) => s.config.step);
  const version = useStore((s) => s.view.resultsVersion);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const W = canvas.width;
    const H = canvas.height;
    const def = surfaceDef(surface.id);
    const params = filled(def.params, surface.params);
    const data = def.data ? generateData(def.data, seed) : undefined;
    const nx = CELLS_X;
    const ny = Math.max(1, Math.round((CELLS_X * H) / W));
    const out = new Float64Array(3);
    const vals = new Float64Array(nx * ny);
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const x = view.xMin + ((i + 0.5) / nx) * (view.xMax - view.xMin);
        const y = view.yMax - ((j + 0.5) / ny) * (view.yMax - view.yMin);
        def.evaluate(x, y, params, out, data);
        const v = out[0] ?? NaN;
        vals[j * nx + i] = v;
        if (Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    // log(loss − min + ε): contours of every order of magnitude stay visible.
    const eps = Math.max(1e-12, (hi - lo) * 1e-6);
    const lmin = Math.log(eps);
    const lmax = Math.log(hi - lo + eps);
    const img = ctx.createImageData(nx, ny);
    for (let k = 0; k < nx * ny; k++) {
      const v = vals[k] ?? NaN;
      const t = Number.isFinite(v) ? (Math.log(v - lo + eps) - lmin) / (lmax - lmin || 1) : 1;
      const band = Math.abs(((t * 12) % 1) - 0.5) < 0.04 ? 0.8 : 1; // contour bands
      const [r, g, b] = ramp(t);
      img.data[4 * k] = r * band;
      img.data[4 * k + 1] = g * band;
      img.data[4 * k + 2] = b * band;
      img.data[4 * k + 3] = 255;
    }
    const off = document.createElement('canvas');
    off.width = nx;
    off.height = ny;
    off.getContext('2d')?.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, 0, 0, W, H);

    const px = (x: number) => ((x - view.xMin) / (view.xMax - view.xMin)) * W;
    const py = (y: number) => ((view.yMax - y) / (view.yMax - view.yMin)) * H;
    // Minima.
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    for (const m of def.minima(params, data)) {
      const x = px(m[0]);
      const y = py(m[1]);
      ctx.beginPath();
      ctx.moveTo(x - 6, y - 6);
      ctx.lineTo(x + 6, y + 6);
      ctx.moveTo(x + 6, y - 6);
      ctx.lineTo(x - 6, y + 6);
      ctx.stroke();
    }
    // Paths and markers.
    const results = getResults();
    const records = results.records;
    for (const lane of lanes) {
      if (!lane.visible) continue;
      const r = results.lanes.find((l) => l.laneId === lane.id);
      if (!r?.run) continue;
      // Swarm runs (CPU fallback records), faint.
      if (records && r.runCount > 1) {
        ctx.strokeStyle = `${lane.color}40`;
        ctx.lineWidth = 1;
        const per = results.recordsPerRun;
        for (let run = r.firstRun + 1; run < r.firstRun + r.runCount; run++) {
          ctx.beginPath();
          const last = Math.min(step, per - 1);
          for (let k = 0; k <= last; k++) {
            const at = (run * per + k) * 4;
            const x = records[at] ?? NaN;
            const y = records[at + 1] ?? NaN;
            if (!Number.isFinite(x) || !Number.isFinite(y)) break;
            if (k === 0) ctx.moveTo(px(x), py(y));
            else ctx.lineTo(px(x), py(y));
          }
          ctx.stroke();
        }
      }
      const t = r.run;
      const n = Math.min(step, t.loss.length - 1);
      ctx.strokeStyle = lane.color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      let lastX = NaN;
      let lastY = NaN;
      for (let k = 0; k <= n; k++) {
        const x = t.x[2 * k] ?? NaN;
        const y = t.x[2 * k + 1] ?? NaN;
        if (!Number.isFinite(x) || !Number.isFinite(y)) break;
        const X = Math.max(-1e4, Math.min(1e4, px(x)));
        const Y = Math.max(-1e4, Math.min(1e4, py(y)));
        if (k === 0) ctx.moveTo(X, Y);
        else ctx.lineTo(X, Y);
        lastX = X;
        lastY = Y;
      }
      ctx.stroke();
      if (Number.isFinite(lastX)) {
        ctx.fillStyle = lane.color;
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.arc(lastX, lastY, 5, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
  }, [surface, seed, view, lanes, step, version]);

  const toWorld = (e: { clientX: number; clientY: number }): [number, number] | null => {
    const canvas = canvasRef.current;
    if (!canvas) return null;
    const rect = canvas.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width;
    const fy = (e.clientY - rect.top) / rect.height;
    return [view.xMin + fx * (view.xMax - view.xMin), view.yMax - fy * (view.yMax - view.yMin)];
  };

  return (
    <canvas
      ref={canvasRef}
      className="fallback-map"
      width={720}
      height={540}
      role="img"
      aria-label={label}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = toWorld(e);
        if (p) setStart(p);
      }}
      onPointerMove={(e) => {
        if (e.buttons !== 1) return;
        const p = toWorld(e);
        if (p) setStart(p);
      }}
      onWheel={(e) => {
        const p = toWorld(e);
        if (!p) return;
        const k = e.deltaY > 0 ? 1.15 : 1 / 1.15;
        const v: ViewWindow = {
          xMin: p[0] + (view.xMin - p[0]) * k,
          xMax: p[0] + (view.xMax - p[0]) * k,
          yMin: p[1] + (view.yMin - p[1]) * k,
          yMax: p[1] + (view.yMax - p[1]) * k,
        };
        setView(v);
      }}
    />
  );
}
