// The 3-D view without WebGPU: the same picture on a canvas 2-D context at lower resolution.
// The surface is a CPU_MESH_N² lattice evaluated in float64 (SurfaceDef.evaluate), its cells
// filled back to front (painter's algorithm) with the same colours and light as the GPU
// mesh; the lanes' paths come from Results.records (NaN records are skipped) and sit on top,
// with a marker at the scrubbed step.

import { lossColor } from '../../gpu/render/colormap';
import {
  AMBIENT,
  boxXY,
  heightOfLoss,
  heightSlope,
  lightDirection,
} from '../../gpu/render/frame3d';
import { lossToT } from '../../gpu/render/lossRange';
import { RECORD_FLOATS } from '../../gpu/records';
import { visibleRecords } from '../map/scene';
import { project, viewProjection, type Mat4, type Projected } from './camera';
import { BACKGROUND, type Scene3d } from './scene3d';

/** Lattice points per side on the CPU. */
export const CPU_MESH_N = 56;

export interface CpuLattice {
  readonly n: number;
  /** Per point: X, Y, Z (NaN where the loss is not finite). */
  readonly points: Float64Array;
  /** Per point: colour t (−1: not finite), then the normal's x, y, z. */
  readonly shade: Float64Array;
}

/** The lattice of a scene on the CPU: the float64 twin of mesh3d.wgsl's buildMesh. */
export function cpuLattice(scene: Scene3d, n = CPU_MESH_N): CpuLattice {
  const points = new Float64Array(n * n * 3);
  const shade = new Float64Array(n * n * 4);
  const out = new Float64Array(3);
  const { view, range } = scene;
  const log = scene.orbit.logHeight;
  const hx = (view.xMax - view.xMin) / 2;
  const hy = (view.yMax - view.yMin) / 2;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const s = i / (n - 1);
      const t = j / (n - 1);
      const x = view.xMin + s * (view.xMax - view.xMin);
      const y = view.yMin + t * (view.yMax - view.yMin);
      try {
        scene.surface.evaluate(x, y, scene.params, out, scene.data);
      } catch {
        out.fill(NaN);
      }
      const f = out[0]!;
      const k = j * n + i;
      const z = heightOfLoss(f, range, log);
      points.set([s * 2 - 1, t * 2 - 1, z], 3 * k);
      // The normal from the analytic gradient: dZ/dX = dZ/df · ∂f/∂x · dx/dX.
      const slope = heightSlope(f, range, log);
      const gx = out[1]! * slope * hx;
      const gy = out[2]! * slope * hy;
      const ok = Number.isFinite(z) && Number.isFinite(gx) && Number.isFinite(gy);
      const len = ok ? Math.hypot(gx, gy, 1) : 1;
      shade.set(
        [ok ? lossToT(f, range) : -1, ok ? -gx / len : 0, ok ? -gy / len : 0, 1 / len],
        4 * k,
      );
    }
  return { n, points, shade };
}

function cssColor(rgb: readonly number[]): string {
  const c = rgb.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export class CpuView3dRenderer {
  private readonly ctx: CanvasRenderingContext2D;
  private scene: Scene3d | null = null;
  private raf = 0;
  private destroyed = false;
  private lattice: CpuLattice | null = null;
  private latticeKey = '';
  frames = 0;

  constructor(readonly canvas: HTMLCanvasElement) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this canvas has no 2-D context');
    this.ctx = ctx;
    canvas.addEventListener('contextrestored', this.restored);
  }

  /** A GPU-backed 2-D context lost with the GPU process comes back blank: draw it again. */
  private readonly restored = (): void => {
    if (this.scene) this.setScene(this.scene);
  };

  setScene(scene: Scene3d): void {
    this.scene = scene;
    if (this.raf === 0 && !this.destroyed)
      this.raf = requestAnimationFrame(() => {
        this.raf = 0;
        this.drawNow();
      });
  }

  drawNow(): void {
    const scene = this.scene;
    const { width, height } = this.canvas;
    if (this.destroyed || !scene || width === 0 || height === 0) return;
    const key = JSON.stringify([scene.surface.id, scene.params, scene.view, scene.orbit.logHeight]);
    if (!this.lattice || key !== this.latticeKey) {
      this.lattice = cpuLattice(scene);
      this.latticeKey = key;
    }
    const m = viewProjection(scene.orbit, width / height);
    const ctx = this.ctx;
    ctx.fillStyle = cssColor(BACKGROUND);
    ctx.fillRect(0, 0, width, height);
    // The box's floor first: the mesh, drawn over it, hides what it should.
    const floor = (
      [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
      ] as const
    ).map((c) => project(m, [c[0], c[1], 0], width, height));
    if (floor.every((p) => p.visible)) {
      ctx.strokeStyle = 'rgba(128,135,153,0.75)';
      ctx.lineWidth = 1.5 * scene.dpr;
      ctx.beginPath();
      for (const p of floor) ctx.lineTo(p.x, p.y);
      ctx.closePath();
      ctx.stroke();
    }
    this.drawMesh(m, this.lattice, width, height);
    this.drawPaths(m, scene, width, height);
    this.frames++;
  }

  private drawMesh(m: Mat4, lat: CpuLattice, width: number, height: number): void {
    const { n, points, shade } = lat;
    const proj: Projected[] = [];
    for (let k = 0; k < n * n; k++) {
      const z = points[3 * k + 2]!;
      proj.push(
        project(m, [points[3 * k]!, points[3 * k + 1]!, Number.isFinite(z) ? z : 0], width, height),
      );
    }
    const cells: { depth: number; k: number }[] = [];
    for (let j = 0; j + 1 < n; j++)
      for (let i = 0; i + 1 < n; i++) {
        const k = j * n + i;
        const c = [k, k + 1, k + n + 1, k + n].map((q) => proj[q]!);
        if (!c.every((p) => p.visible)) continue;
        cells.push({ depth: c.reduce((s, p) => s + p.depth, 0) / 4, k });
      }
    cells.sort((a, b) => b.depth - a.depth);
    const light = lightDirection();
    const ctx = this.ctx;
    for (const { k } of cells) {
      const t = shade[4 * k]!;
      const diffuse = Math.max(
        0,
        shade[4 * k + 1]! * light[0] + shade[4 * k + 2]! * light[1] + shade[4 * k + 3]! * light[2],
      );
      const lit = AMBIENT + (1 - AMBIENT) * diffuse;
      const rgb = t < 0 ? [0.35, 0.35, 0.38] : lossColor(t).map((v) => v * lit);
      ctx.fillStyle = cssColor(rgb);
      ctx.strokeStyle = ctx.fillStyle;
      ctx.lineWidth = 0.8;
      ctx.beginPath();
      for (const q of [k, k + 1, k + n + 1, k + n]) {
        const p = proj[q]!;
        ctx.lineTo(p.x, p.y);
      }
      ctx.closePath();
      ctx.fill();
      ctx.stroke(); // closes the hairline gaps between neighbouring cells
    }
  }

  private drawPaths(m: Mat4, scene: Scene3d, width: number, height: number): void {
    const runs = scene.runs;
    const records = runs?.records;
    if (!runs || !records || runs.recordsPerRun <= 0) return;
    const per = runs.recordsPerRun;
    const visible = visibleRecords(scene.step, runs.steps, runs.recordEvery, per);
    const ctx = this.ctx;
    const dpr = scene.dpr;
    const at = (run: number, k: number): Projected | null => {
      const o = (run * per + k) * RECORD_FLOATS;
      const x = records[o];
      const y = records[o + 1];
      const f = records[o + 2];
      if (x === undefined || y === undefined || f === undefined) return null;
      if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(f)) return null;
      const [bx, by] = boxXY(scene.view, x, y);
      if (Math.abs(bx) > 1 || Math.abs(by) > 1) return null;
      const p = project(
        m,
        [bx, by, heightOfLoss(f, scene.range, scene.orbit.logHeight) + 0.012],
        width,
        height,
      );
      return p.visible ? p : null;
    };
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    for (const g of scene.groups) {
      for (let r = 1; r < g.runCount; r++) {
        const p = at(g.firstRun + r, visible - 1);
        if (!p) continue;
        ctx.fillStyle = g.color;
        ctx.beginPath();
        ctx.arc(p.x, p.y, 2 * dpr, 0, 2 * Math.PI);
        ctx.fill();
      }
      for (const [style, w] of [
        ['rgba(5,5,13,0.9)', 6 * dpr],
        [g.color, 3 * dpr],
      ] as const) {
        ctx.strokeStyle = style;
        ctx.lineWidth = w;
        ctx.beginPath();
        let pen = false;
        for (let k = 0; k < visible; k++) {
          const p = at(g.firstRun, k);
          if (!p) {
            pen = false; // a NaN (diverged) or off-window record: skip it
            continue;
          }
          if (pen) ctx.lineTo(p.x, p.y);
          else ctx.moveTo(p.x, p.y);
          pen = true;
        }
        ctx.stroke();
      }
      let last: Projected | null = null;
      for (let k = visible - 1; k >= 0 && !last; k--) last = at(g.firstRun, k);
      if (last) {
        ctx.fillStyle = g.color;
        ctx.strokeStyle = 'rgb(13,13,20)';
        ctx.lineWidth = 1.5 * dpr;
        ctx.beginPath();
        ctx.arc(last.x, last.y, 5.5 * dpr, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.canvas.removeEventListener('contextrestored', this.restored);
    if (this.raf !== 0) cancelAnimationFrame(this.raf);
    this.raf = 0;
  }
}
