// Draws a Scene3d on a WebGPU canvas: the surface mesh (rebuilt on the GPU only when the
// surface, window, range or height scale changes; an orbit only redraws it), then the lanes'
// paths straight from the engine's record buffers: faint where the surface hides them, on a
// dark casing where it does not, and a marker at the scrubbed step on top. Frames are drawn
// on demand (one requestAnimationFrame per change).

import { SURFACES } from '../../core/surfaces';
import { isTypedSurface, surfacesWith } from '../../core/surfaceRef';
import type { SurfaceDef } from '../../core/types';
import { RECORD_BYTES, RECORD_FLOATS } from '../../gpu/records';
import { FRAME3D_BYTES, packFrame3d } from '../../gpu/render/frame3d';
import { Path3dPass, type Selection3d } from '../../gpu/render/path3dPass';
import { SurfaceMeshPass } from '../../gpu/render/surfaceMeshPass';
import { runColors, sliceChunks, visibleRecords, type RunGroup } from '../map/scene';
import { eyeOf, viewProjection } from './camera';
import { BACKGROUND, CONTOURS, type Scene3d } from './scene3d';

/** Lattice points per side of the mesh. */
export const MESH_N = 192;
const DEPTH_FORMAT: GPUTextureFormat = 'depth24plus';
const CASING: readonly [number, number, number, number] = [0.02, 0.02, 0.05, 0.9];
/** The box's floor outline (premultiplied light grey). */
const FLOOR: readonly [number, number, number, number] = [0.5, 0.53, 0.6, 0.75];
/** Paths float this far above the surface (box units; the box is 2 wide). */
const LIFT = 0.012;

const canvasOwner = new WeakMap<HTMLCanvasElement, GpuView3dRenderer>();

export class GpuView3dRenderer {
  private readonly context: GPUCanvasContext;
  private readonly frame: GPUBuffer;
  private depth: GPUTexture | null = null;
  private meshKey = '';
  /** The typed surface the mesh pass holds (at index SURFACES.length); null: built-ins only. */
  private meshTyped: SurfaceDef | null = null;
  /** A mesh pass being compiled for this typed surface. */
  private wantedTyped: SurfaceDef | null = null;
  private dataRef: Float32Array | null = null;
  private scene: Scene3d | null = null;
  /** The floor outline as five records (the window's corners at the lowest loss). */
  private readonly floor: GPUBuffer;
  private raf = 0;
  private destroyed = false;
  /** Frames drawn and the last validation error (for tests; never logged). */
  frames = 0;
  lastError: string | null = null;
  private failures = 0;

  private constructor(
    readonly device: GPUDevice,
    readonly canvas: HTMLCanvasElement,
    context: GPUCanvasContext,
    frame: GPUBuffer,
    private mesh: SurfaceMeshPass,
    private readonly format: GPUTextureFormat,
    private readonly paths: Path3dPass,
  ) {
    this.context = context;
    this.frame = frame;
    this.floor = device.createBuffer({
      label: 'GpuView3dRenderer.floor',
      size: 5 * RECORD_BYTES, // five records of vec4<f32>
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
  }

  static async create(device: GPUDevice, canvas: HTMLCanvasElement): Promise<GpuView3dRenderer> {
    const context = canvas.getContext('webgpu');
    if (!context) throw new Error('this canvas has no WebGPU context');
    const format = navigator.gpu.getPreferredCanvasFormat();
    const frame = device.createBuffer({
      label: 'GpuView3dRenderer.frame',
      size: FRAME3D_BYTES, // Frame3d: a mat4 and six vec4 rows
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    try {
      const [mesh, paths] = await Promise.all([
        SurfaceMeshPass.create(device, format, DEPTH_FORMAT, SURFACES, frame),
        Path3dPass.create(device, format, DEPTH_FORMAT, frame),
      ]);
      context.configure({ device, format, alphaMode: 'opaque' });
      const r = new GpuView3dRenderer(device, canvas, context, frame, mesh, format, paths);
      canvasOwner.set(canvas, r);
      return r;
    } catch (error) {
      frame.destroy();
      throw error;
    }
  }

  setScene(scene: Scene3d): void {
    this.scene = scene;
    this.fitMesh(scene);
    if (this.raf === 0 && !this.destroyed) {
      this.raf = requestAnimationFrame(() => {
        this.raf = 0;
        this.drawNow();
      });
    }
  }

  /**
   * A typed surface needs a mesh pass compiled with its WGSL: built asynchronously, swapped in
   * when ready (until then the old pass draws, as the map keeps its last surface).
   */
  private fitMesh(scene: Scene3d): void {
    const typed = isTypedSurface(scene.surface) ? scene.surface : null;
    if (typed === null || typed.wgsl === this.meshTyped?.wgsl || typed === this.wantedTyped) return;
    this.wantedTyped = typed;
    SurfaceMeshPass.create(
      this.device,
      this.format,
      DEPTH_FORMAT,
      surfacesWith(typed),
      this.frame,
    ).then(
      (mesh) => {
        if (this.destroyed || this.wantedTyped !== typed) {
          mesh.destroy();
          return;
        }
        this.mesh.destroy();
        this.mesh = mesh;
        this.meshTyped = typed;
        this.wantedTyped = null;
        this.dataRef = null;
        this.meshKey = '';
        if (this.scene) this.setScene(this.scene);
      },
      (error: unknown) => {
        this.lastError = String(error);
        if (this.wantedTyped === typed) this.wantedTyped = null;
      },
    );
  }

  drawNow(): void {
    const scene = this.scene;
    if (this.destroyed || !scene) return;
    const { width, height } = this.canvas;
    if (width === 0 || height === 0) return;
    this.device.pushErrorScope('validation');
    try {
      const target = this.context.getCurrentTexture();
      const encoder = this.device.createCommandEncoder({ label: 'GpuView3dRenderer.frame' });
      this.encode(encoder, target, scene);
      this.device.queue.submit([encoder.finish()]);
    } catch (error) {
      this.lastError = String(error);
    }
    void this.device.popErrorScope().then(
      (e) => {
        if (!e) {
          this.failures = 0;
          return;
        }
        this.lastError = e.message;
        // The frame may have carried the mesh's build: build it again (a few times at most).
        this.meshKey = '';
        if (this.failures++ < 2 && this.scene) this.setScene(this.scene);
      },
      () => undefined,
    );
    this.frames++;
  }

  private encode(encoder: GPUCommandEncoder, target: GPUTexture, scene: Scene3d): void {
    const { width, height } = target;
    if (!this.depth || this.depth.width !== width || this.depth.height !== height) {
      this.depth?.destroy();
      this.depth = this.device.createTexture({
        label: 'GpuView3dRenderer.depth',
        size: [width, height], // the canvas's size, 4 bytes per pixel
        format: DEPTH_FORMAT,
        usage: GPUTextureUsage.RENDER_ATTACHMENT,
      });
    }
    this.device.queue.writeBuffer(
      this.frame,
      0,
      packFrame3d({
        viewProj: viewProjection(scene.orbit, width / height),
        view: scene.view,
        range: scene.range,
        logHeight: scene.orbit.logHeight,
        width,
        height,
        dpr: scene.dpr,
        contours: CONTOURS,
        eye: eyeOf(scene.orbit),
      }),
    );
    if (scene.surfaceData !== this.dataRef) {
      this.dataRef = scene.surfaceData;
      this.mesh.setData(scene.surfaceData);
      this.meshKey = '';
    }
    const key = JSON.stringify([
      scene.surfaceIndex,
      this.meshTyped?.wgsl ?? null,
      scene.paramNumbers,
      scene.dataRange,
      scene.view,
      scene.range,
      scene.orbit.logHeight,
    ]);
    if (key !== this.meshKey) {
      this.meshKey = key;
      this.mesh.build(encoder, {
        surfaceIndex: scene.surfaceIndex,
        params: scene.paramNumbers,
        data: scene.dataRange,
        n: MESH_N,
      });
    }
    const [r, g, b] = BACKGROUND;
    const pass = encoder.beginRenderPass({
      label: 'GpuView3dRenderer.scene',
      colorAttachments: [
        {
          view: target.createView(),
          loadOp: 'clear',
          storeOp: 'store',
          clearValue: { r, g, b, a: 1 },
        },
      ],
      depthStencilAttachment: {
        view: this.depth.createView(),
        depthLoadOp: 'clear',
        depthStoreOp: 'store',
        depthClearValue: 1,
      },
    });
    this.mesh.draw(pass);
    // Every uniform slot of the frame first: growing the slots' buffer between draws would
    // leave the earlier draws bound to a destroyed buffer.
    const chunkCount = Math.max(1, scene.runs?.chunks?.length ?? 1);
    this.paths.reserve(2 + scene.groups.length * 5 * chunkCount);
    this.encodeFloor(pass, scene);
    this.encodeRuns(pass, scene);
    pass.end();
  }

  private encodeFloor(pass: GPURenderPassEncoder, scene: Scene3d): void {
    const { xMin, xMax, yMin, yMax } = scene.view;
    const lo = scene.range.lo;
    const corners = [xMin, yMin, xMax, yMin, xMax, yMax, xMin, yMax, xMin, yMin];
    const records = new Float32Array(5 * RECORD_FLOATS);
    for (let k = 0; k < 5; k++) records.set([corners[2 * k]!, corners[2 * k + 1]!, lo, 0], 4 * k);
    this.device.queue.writeBuffer(this.floor, 0, records);
    const s: Selection3d = {
      records: this.floor,
      firstRun: 0,
      runCount: 1,
      baseRecord: 0,
      recordsPerRun: 5,
      visibleRecords: 5,
    };
    const size = 1.5 * scene.dpr;
    this.paths.drawPaths(pass, 0, s, { size, lift: 0, solid: FLOOR, ghost: true, opacity: 0.4 });
    this.paths.drawPaths(pass, 1, s, { size, lift: 0, solid: FLOOR });
  }

  private encodeRuns(pass: GPURenderPassEncoder, scene: Scene3d): void {
    const runs = scene.runs;
    const chunks = runs?.chunks;
    if (!runs || !chunks || runs.recordsPerRun <= 0 || scene.groups.length === 0) return;
    this.paths.setRunColors(runColors(scene.groups, runs.runCount));
    const visible = visibleRecords(scene.step, runs.steps, runs.recordEvery, runs.recordsPerRun);
    const select = (grp: RunGroup, from: number, count: number): Selection3d[] =>
      sliceChunks(chunks, grp.firstRun + from, count).map((s) => ({
        ...s,
        recordsPerRun: runs.recordsPerRun,
        visibleRecords: visible,
      }));
    const dpr = scene.dpr;
    let slot = 2; // after the floor's
    // Swarms: a dot per run at the scrubbed step.
    for (const grp of scene.groups) {
      if (grp.runCount <= 1) continue;
      for (const s of select(grp, 1, grp.runCount - 1))
        this.paths.drawMarkers(pass, slot++, s, {
          size: (grp.runCount > 2000 ? 1.4 : 2.2) * dpr,
          lift: LIFT,
          dots: true,
        });
    }
    const mains = scene.groups.flatMap((grp) => select(grp, 0, 1));
    const width = 3 * dpr;
    // Where the surface hides a path it still shows, faint; then the visible parts on top.
    for (const s of mains)
      this.paths.drawPaths(pass, slot++, s, {
        size: width,
        lift: LIFT,
        ghost: true,
        opacity: 0.35,
      });
    for (const s of mains) {
      this.paths.drawPaths(pass, slot++, s, { size: width + 3 * dpr, lift: LIFT, solid: CASING });
      this.paths.drawPaths(pass, slot++, s, { size: width, lift: LIFT });
    }
    for (const s of mains)
      this.paths.drawMarkers(pass, slot++, s, {
        size: 5.5 * dpr,
        lift: LIFT,
        outline: 1.5 * dpr,
      });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.raf !== 0) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.mesh.destroy();
    this.paths.destroy();
    this.frame.destroy();
    this.floor.destroy();
    this.depth?.destroy();
    if (canvasOwner.get(this.canvas) === this) {
      canvasOwner.delete(this.canvas);
      try {
        this.context.unconfigure();
      } catch {
        // a lost device's context may refuse; nothing to release then
      }
    }
  }
}
