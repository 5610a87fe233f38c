// The canvas-2D fallback for browsers without WebGPU: each cell's surface evaluated on the
// CPU (float64 SurfaceDef.evaluate) on a coarse grid, coloured with the same colour map and
// contour levels as the shader and scaled up smoothly, then the paths drawn from the CPU
// records. Coarser than the GPU map, but the same picture.

import { lossColor } from '../../gpu/render/colormap';
import { lossToT } from '../../gpu/render/lossRange';
import { RECORD_FLOATS } from '../../gpu/records';
import { lighten, visibleRecords, type CellScene, type FrameScene } from './scene';
import { worldToPixel } from './viewTransform';

/** Opacity of the other lanes while one is hovered (as the GPU renderer). */
const DIMMED = 0.25;

/**
 * A polyline shifted sideways by d px (left of its direction, as the shader's offset): each
 * vertex moves along the mean of its two segments' normals.
 */
export function offsetPolyline(
  pts: readonly (readonly [number, number])[],
  d: number,
): [number, number][] {
  const normal = (a: readonly [number, number], b: readonly [number, number]) => {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len = Math.hypot(dx, dy);
    return len > 1e-9 ? [-dy / len, dx / len] : null;
  };
  let lastNormal: number[] = [0, 0];
  return pts.map((p, i) => {
    const before = i > 0 ? normal(pts[i - 1]!, p) : null;
    const after = i + 1 < pts.length ? normal(p, pts[i + 1]!) : null;
    const n =
      before && after ? [before[0]! + after[0]!, before[1]! + after[1]!] : (before ?? after);
    const len = n ? Math.hypot(n[0]!, n[1]!) : 0;
    if (n && len > 1e-9) lastNormal = [n[0]! / len, n[1]! / len];
    return [p[0] + lastNormal[0]! * d, p[1] + lastNormal[1]! * d];
  });
}

/** Longest side of the evaluated image per cell, in samples. */
const MAX_SAMPLES = 260;

function cellImage(cell: CellScene, scene: FrameScene, w: number, h: number): ImageData {
  const img = new ImageData(w, h);
  const t = new Float32Array(w * h);
  const out = new Float64Array(3);
  const { view } = cell;
  for (let j = 0; j < h; j++) {
    const y = view.yMax - ((j + 0.5) / h) * (view.yMax - view.yMin);
    for (let i = 0; i < w; i++) {
      const x = view.xMin + ((i + 0.5) / w) * (view.xMax - view.xMin);
      cell.surface.evaluate(x, y, cell.params, out, cell.data);
      t[j * w + i] = Number.isFinite(out[0]) ? lossToT(out[0]!, cell.range) : Number.NaN;
    }
  }
  const levels = scene.contours;
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const k = j * w + i;
      const v = t[k]!;
      const o = k * 4;
      if (!Number.isFinite(v)) {
        img.data.set([89, 89, 97, 255], o);
        continue;
      }
      const [r, g, b] = lossColor(v, scene.colorMap);
      // A contour where the level index changes towards the right or lower neighbour.
      const band = Math.floor(v * levels);
      const right = i + 1 < w ? Math.floor(t[k + 1]! * levels) : band;
      const down = j + 1 < h ? Math.floor(t[k + w]! * levels) : band;
      const line = band !== right || band !== down ? 0.3 * scene.contourOpacity : 0;
      img.data[o] = (r + (1 - r) * line) * 255;
      img.data[o + 1] = (g + (1 - g) * line) * 255;
      img.data[o + 2] = (b + (1 - b) * line) * 255;
      img.data[o + 3] = 255;
    }
  }
  return img;
}

export class CpuMapRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  private scene: FrameScene | null = null;
  private raf = 0;
  private destroyed = false;
  private readonly images = new Map<string, HTMLCanvasElement>();

  constructor(readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas context');
    this.ctx = ctx;
    canvas.addEventListener('contextrestored', this.restored);
  }

  /**
   * A 2-D canvas can be GPU-backed: when the GPU process goes away (a WebGPU canvas that
   * cannot present takes it down, and then the app falls back to this renderer) Chromium
   * loses every 2-D context and restores it blank. The cached surface images were lost too.
   */
  private readonly restored = (): void => {
    this.images.clear();
    if (this.scene) this.setScene(this.scene);
  };

  setScene(scene: FrameScene): void {
    this.scene = scene;
    if (this.raf === 0 && !this.destroyed) {
      this.raf = requestAnimationFrame(() => {
        this.raf = 0;
        this.drawNow();
      });
    }
  }

  private surfaceCanvas(cell: CellScene, scene: FrameScene): HTMLCanvasElement {
    const key = JSON.stringify([
      cell.surfaceIndex,
      cell.paramNumbers,
      cell.view,
      cell.range,
      cell.rect.width,
      cell.rect.height,
      scene.colorMap,
      scene.contours,
      cell.dataRange,
    ]);
    let c = this.images.get(key);
    if (!c) {
      const scale = Math.min(1, MAX_SAMPLES / Math.max(cell.rect.width, cell.rect.height));
      const w = Math.max(2, Math.round(cell.rect.width * scale));
      const h = Math.max(2, Math.round(cell.rect.height * scale));
      c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      c.getContext('2d')?.putImageData(cellImage(cell, scene, w, h), 0, 0);
      if (this.images.size > 64) this.images.clear();
      this.images.set(key, c);
    }
    return c;
  }

  drawNow(): void {
    const scene = this.scene;
    if (this.destroyed || !scene) return;
    const ctx = this.ctx;
    const [br, bg, bb] = scene.background;
    ctx.fillStyle = `rgb(${br * 255},${bg * 255},${bb * 255})`;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    for (const cell of scene.cells) {
      const { x, y, width, height } = cell.rect;
      ctx.save();
      ctx.beginPath();
      ctx.rect(x, y, width, height);
      ctx.clip();
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(this.surfaceCanvas(cell, scene), x, y, width, height);
      this.drawRuns(cell, scene);
      ctx.restore();
    }
  }

  private drawRuns(cell: CellScene, scene: FrameScene): void {
    const runs = scene.runs;
    const rec = runs?.records;
    if (!runs || !rec || runs.recordsPerRun <= 0) return;
    const ctx = this.ctx;
    const per = runs.recordsPerRun;
    const visible = visibleRecords(scene.step, runs.steps, runs.recordEvery, per);
    const size = { width: cell.rect.width, height: cell.rect.height };
    const px = (r: number, k: number): [number, number] | null => {
      const o = (r * per + k) * RECORD_FLOATS;
      const x = rec[o];
      const y = rec[o + 1];
      if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y))
        return null;
      const [u, v] = worldToPixel(cell.view, size, x, y);
      return [cell.rect.x + u, cell.rect.y + v];
    };
    const dpr = scene.dpr;
    const small = cell.rect.width < 400 * dpr;
    // The visible records of run r from `from` on (up to a divergence), in canvas px.
    const points = (r: number, from: number): [number, number][] => {
      const out: [number, number][] = [];
      for (let k = from; k < visible; k++) {
        const p = px(r, k);
        if (!p) break; // NaN from here on: the run diverged
        out.push(p);
      }
      return out;
    };
    const stroke = (pts: readonly (readonly [number, number])[]) => {
      ctx.beginPath();
      pts.forEach((p, i) => (i === 0 ? ctx.moveTo(p[0], p[1]) : ctx.lineTo(p[0], p[1])));
      ctx.stroke();
    };
    const path = (r: number, from: number) => {
      const pts = points(r, from);
      stroke(pts);
      return pts[pts.length - 1] ?? null;
    };
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    for (const g of cell.groups) {
      ctx.strokeStyle = lighten(g.color, 0.45);
      ctx.fillStyle = lighten(g.color, 0.45);
      ctx.globalAlpha = 0.55 * (g.emphasis === 'dim' ? DIMMED : 1);
      ctx.lineWidth = 1 * dpr;
      // A noisy cloud has no main run: all of it is cloud (its mean path is the overlay's).
      for (let i = g.cloud ? 0 : 1; i < g.runCount; i++) {
        // Dots only: a path from the last visible record strokes nothing but finds the head.
        const last = path(g.firstRun + i, Math.max(0, visible - (g.dots ? 1 : 40)));
        if (last) ctx.fillRect(last[0] - dpr, last[1] - dpr, 2 * dpr, 2 * dpr);
      }
      ctx.globalAlpha = 1;
    }
    // Main paths: each layer (light edge, dark casing, lane colour) for every lane before the
    // next, so a bundled neighbour's stripe stays visible; a hovered lane last, others faded.
    const width = (small ? 2 : 3) * dpr;
    const mains = cell.groups.flatMap((g) => {
      if (g.runCount < 1 || g.cloud) return [];
      const pts = points(g.firstRun, 0);
      return [
        {
          g,
          pts: g.offset ? offsetPolyline(pts, g.offset * dpr) : pts,
          end: pts[pts.length - 1] ?? null,
          alpha: g.emphasis === 'dim' ? DIMMED : 1,
        },
      ];
    });
    const layers = [
      { style: (): string => 'rgba(255,255,255,0.5)', w: width + (small ? 3 : 3.5) * dpr },
      { style: (): string => 'rgba(5,5,13,0.85)', w: width + (small ? 1.5 : 2) * dpr },
      { style: (g: (typeof mains)[number]['g']) => g.color, w: width },
    ];
    for (const layer of layers) {
      for (const m of mains) {
        ctx.globalAlpha = m.alpha;
        ctx.strokeStyle = layer.style(m.g);
        ctx.lineWidth = layer.w;
        stroke(m.pts);
      }
    }
    for (const m of mains) {
      if (!m.end) continue;
      ctx.globalAlpha = m.alpha;
      ctx.beginPath();
      ctx.arc(m.end[0], m.end[1], (small ? 3.5 : 5.5) * dpr, 0, 2 * Math.PI);
      ctx.fillStyle = m.g.color;
      ctx.fill();
      ctx.lineWidth = 1.5 * dpr;
      ctx.strokeStyle = 'rgb(13,13,20)';
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  /** The canvas as drawn (the fallback draws synchronously, so no read-back is needed). */
  snapshot(): ImageData | null {
    if (this.destroyed) return null;
    this.drawNow();
    return this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  destroy(): void {
    this.destroyed = true;
    this.canvas.removeEventListener('contextrestored', this.restored);
    if (this.raf !== 0) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.images.clear();
  }
}
