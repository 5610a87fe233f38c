// Draws a FrameScene on a WebGPU canvas: the surface cells into a cached layer texture (re-
// rendered only when a window, surface or size changes), drawn onto the canvas each frame,
// then the paths and markers over it straight from the engine's record buffers.
// Frames are drawn on demand (one requestAnimationFrame per change), never in a busy loop.
// On a slow (software) GPU, where a full-resolution surface takes long, the layer is rendered
// at half or quarter resolution while the view keeps changing (pan, zoom, drag) and once more
// at full resolution when it stops: the map follows the hand, then sharpens.
// A scene with a typed surface needs a surface pass built with it (at index SURFACES.length):
// the pass is rebuilt when the formula changes, and frames wait for it meanwhile.

import blitWgsl from '../../../shaders/render/blit.wgsl?raw';
import { SURFACES } from '../../core/surfaces';
import { surfacesWith } from '../../core/surfaceRef';
import type { SurfaceDef } from '../../core/types';
import { RECORD_FLOATS } from '../../gpu/records';
import { SurfaceRenderPass } from '../../gpu/render/surfaceRenderPass';
import { TrajectoryRenderPass, type RunSelection } from '../../gpu/render/trajectoryRenderPass';
import {
  runColors,
  sliceChunks,
  visibleRecords,
  type CellScene,
  type FrameScene,
  type RecordChunkLike,
  type RunGroup,
} from './scene';

/**
 * Dark casing under the main paths (premultiplied): the bright lane colours read on it on the
 * bright walls, and on their own in the dark valleys, where the paths go.
 */
const CASING: readonly [number, number, number, number] = [0.02, 0.02, 0.05, 0.85];
/** A thin light edge outside the casing, so the casing itself reads in the dark valleys. */
const EDGE: readonly [number, number, number, number] = [0.5, 0.5, 0.5, 0.5];
/** Opacity of the other lanes while one is hovered. */
const DIMMED = 0.25;

function layerKey(scene: FrameScene, width: number, height: number): string {
  return JSON.stringify([
    width,
    height,
    scene.colorMap,
    scene.contours,
    scene.contourOpacity,
    scene.background,
    scene.cells.map((c) => [c.rect, c.surfaceIndex, c.paramNumbers, c.dataRange, c.view, c.range]),
    scene.surfaceData?.length ?? 0,
  ]);
}

/** Reduced-resolution layers only while view changes come faster than this (ms). */
const INTERACTION_MS = 450;
/** Full-resolution layer renders slower than this (ms) make the next interactive ones smaller. */
const SLOW_LAYER_MS = 60;

const blitCache = new WeakMap<GPUDevice, Map<string, Promise<GPURenderPipeline>>>();

function blitLayout(device: GPUDevice): GPUBindGroupLayout {
  return device.createBindGroupLayout({
    label: 'GpuMapRenderer.blitLayout',
    entries: [
      { binding: 0, visibility: GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
      { binding: 1, visibility: GPUShaderStage.FRAGMENT, texture: { sampleType: 'float' } },
      { binding: 2, visibility: GPUShaderStage.FRAGMENT, sampler: { type: 'filtering' } },
    ],
  });
}

function blitPipeline(device: GPUDevice, format: GPUTextureFormat): Promise<GPURenderPipeline> {
  let cache = blitCache.get(device);
  if (!cache) blitCache.set(device, (cache = new Map()));
  let p = cache.get(format);
  if (!p) {
    const module = device.createShaderModule({ label: 'GpuMapRenderer.blit', code: blitWgsl });
    p = device.createRenderPipelineAsync({
      label: 'GpuMapRenderer.blitPipeline',
      layout: device.createPipelineLayout({ bindGroupLayouts: [blitLayout(device)] }),
      vertex: { module, entryPoint: 'blitVs' },
      fragment: { module, entryPoint: 'blitFs', targets: [{ format }] },
      primitive: { topology: 'triangle-list' },
    });
    cache.set(format, p);
    const f = format;
    p.catch(() => cache.delete(f));
  }
  return p;
}

/** Which renderer configured a canvas last: only that one may unconfigure it (StrictMode). */
const canvasOwner = new WeakMap<HTMLCanvasElement, GpuMapRenderer>();

export class GpuMapRenderer {
  private readonly context: GPUCanvasContext;
  private readonly format: GPUTextureFormat;
  private layer: GPUTexture | null = null;
  private layerKey = '';
  private layerBindGroup: GPUBindGroup | null = null;
  private readonly blitUniforms: GPUBuffer;
  private readonly sampler: GPUSampler;
  /** The part of the layer the last surface render filled (1: full resolution). */
  private layerScale = 1;
  private lastLayerChange = -Infinity;
  /** Milliseconds the last full-resolution surface render took, submit to done. */
  private fullLayerMs = 0;
  private refineTimer: ReturnType<typeof setTimeout> | null = null;
  private refineDue = false;
  private dataRef: Float32Array | null = null;
  private scene: FrameScene | null = null;
  private raf = 0;
  private destroyed = false;
  /** CPU records (the fallback path, or the grid's own runs) uploaded for drawing. */
  private cpuBuffer: GPUBuffer | null = null;
  private cpuRef: Float32Array | null = null;
  /** The last validation error a frame raised (kept for tests; never logged). */
  lastError: string | null = null;
  /** Frames drawn (for tests and the benchmark). */
  frames = 0;
  lastFrameMs = 0;

  private constructor(
    readonly device: GPUDevice,
    readonly canvas: HTMLCanvasElement,
    private surfacePass: SurfaceRenderPass,
    private readonly trajectoryPass: TrajectoryRenderPass,
    private readonly blit: GPURenderPipeline,
    format: GPUTextureFormat,
    context: GPUCanvasContext,
  ) {
    this.format = format;
    this.context = context;
    this.blitUniforms = device.createBuffer({
      label: 'GpuMapRenderer.blitUniforms',
      size: 16, // BlitUniforms: one vec4
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.sampler = device.createSampler({
      label: 'GpuMapRenderer.layerSampler',
      magFilter: 'linear',
      minFilter: 'linear',
    });
  }

  static async create(device: GPUDevice, canvas: HTMLCanvasElement): Promise<GpuMapRenderer> {
    const context = canvas.getContext('webgpu');
    if (!context) throw new Error('this canvas has no WebGPU context');
    const format = navigator.gpu.getPreferredCanvasFormat();
    const [surfacePass, trajectoryPass, blit] = await Promise.all([
      SurfaceRenderPass.create(device, format, SURFACES),
      TrajectoryRenderPass.create(device, format),
      blitPipeline(device, format),
    ]);
    context.configure({
      device,
      format,
      alphaMode: 'opaque',
      usage: GPUTextureUsage.RENDER_ATTACHMENT,
    });
    const renderer = new GpuMapRenderer(
      device,
      canvas,
      surfacePass,
      trajectoryPass,
      blit,
      format,
      context,
    );
    canvasOwner.set(canvas, renderer);
    return renderer;
  }

  /** The typed surface the surface pass was built with (null: the built-in ones only). */
  private passTyped: SurfaceDef | null = null;
  /** The typed surface the latest scene needs; a pass built for another one is dropped. */
  private wantedTyped: SurfaceDef | null = null;

  private static typedOf(scene: FrameScene): SurfaceDef | null {
    return scene.cells.find((c) => c.surfaceIndex >= SURFACES.length)?.surface ?? null;
  }

  /** True when the surface pass can draw every cell of the scene. */
  private passFits(scene: FrameScene): boolean {
    const typed = GpuMapRenderer.typedOf(scene);
    return typed === null || typed.wgsl === this.passTyped?.wgsl;
  }

  /** Builds (asynchronously) a surface pass holding the scene's typed surface, if it needs one. */
  private ensurePass(scene: FrameScene): void {
    const typed = GpuMapRenderer.typedOf(scene);
    if (this.passFits(scene) || typed === null || typed === this.wantedTyped) return;
    this.wantedTyped = typed;
    SurfaceRenderPass.create(this.device, this.format, surfacesWith(typed)).then(
      (pass) => {
        if (this.destroyed || this.wantedTyped !== typed) {
          pass.destroy();
          return;
        }
        this.surfacePass.destroy();
        this.surfacePass = pass;
        this.passTyped = typed;
        // The new pass has no data points and the layer shows the old formula.
        this.dataRef = null;
        this.layerKey = '';
        if (this.scene) this.setScene(this.scene);
      },
      (error: unknown) => {
        if (this.wantedTyped === typed) this.wantedTyped = null;
        this.lastError = String(error);
      },
    );
  }

  setScene(scene: FrameScene): void {
    this.scene = scene;
    this.ensurePass(scene);
    if (this.raf === 0 && !this.destroyed) {
      this.raf = requestAnimationFrame(() => {
        this.raf = 0;
        this.drawNow();
      });
    }
  }

  /** Draws the current scene into the canvas now (also used right before a snapshot). */
  drawNow(): void {
    if (this.destroyed || !this.scene) return;
    // Until the pass with the new formula is built, the canvas keeps its last frame.
    if (!this.passFits(this.scene)) return;
    const t0 = performance.now();
    const { width, height } = this.canvas;
    if (width === 0 || height === 0) return;
    this.device.pushErrorScope('validation');
    try {
      const target = this.context.getCurrentTexture();
      const encoder = this.device.createCommandEncoder({ label: 'GpuMapRenderer.frame' });
      this.encode(encoder, target, this.scene);
      this.device.queue.submit([encoder.finish()]);
    } catch (error) {
      this.lastError = String(error);
    }
    void this.device.popErrorScope().then(
      (e) => {
        if (e) this.lastError = e.message;
      },
      () => undefined,
    );
    this.frames++;
    this.lastFrameMs = performance.now() - t0;
  }

  /**
   * Encodes a frame of `scene` into `target` (the canvas texture, or a snapshot texture).
   * `full` forces a full-resolution surface layer (snapshots).
   */
  encode(encoder: GPUCommandEncoder, target: GPUTexture, scene: FrameScene, full = false): void {
    const { width, height } = target;
    if (!this.layer || this.layer.width !== width || this.layer.height !== height) {
      this.layer?.destroy();
      this.layer = this.device.createTexture({
        label: 'GpuMapRenderer.surfaceLayer',
        size: [width, height], // the canvas's size, 4 bytes per pixel
        format: this.format,
        usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.TEXTURE_BINDING,
      });
      this.layerBindGroup = this.device.createBindGroup({
        label: 'GpuMapRenderer.blitBindGroup',
        layout: this.blit.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: { buffer: this.blitUniforms } },
          { binding: 1, resource: this.layer.createView() },
          { binding: 2, resource: this.sampler },
        ],
      });
      this.layerKey = '';
    }
    if (scene.surfaceData !== this.dataRef) {
      this.dataRef = scene.surfaceData;
      this.surfacePass.setData(scene.surfaceData);
      this.layerKey = '';
    }
    const key = layerKey(scene, width, height);
    const now = performance.now();
    if (key !== this.layerKey) {
      const interacting = now - this.lastLayerChange < INTERACTION_MS;
      this.lastLayerChange = now;
      let scale = 1;
      if (!full && interacting && this.fullLayerMs > SLOW_LAYER_MS)
        scale = this.fullLayerMs > 6 * SLOW_LAYER_MS ? 0.25 : 0.5;
      this.layerKey = key;
      this.renderLayer(encoder, this.layer, scene, scale);
    } else if ((this.refineDue || full) && this.layerScale < 1) {
      this.renderLayer(encoder, this.layer, scene, 1);
    }
    this.refineDue = false;
    const s = this.layerScale;
    this.device.queue.writeBuffer(
      this.blitUniforms,
      0,
      new Float32Array([s, s - 0.5 / width, s - 0.5 / height, 0]),
    );
    this.encodeRuns(encoder, target, scene);
  }

  private renderLayer(
    encoder: GPUCommandEncoder,
    layer: GPUTexture,
    scene: FrameScene,
    scale: number,
  ): void {
    this.layerScale = scale;
    this.encodeSurfaces(encoder, layer, scene, scale);
    if (this.refineTimer !== null) clearTimeout(this.refineTimer);
    this.refineTimer = null;
    if (scale < 1) {
      // Sharpen once the view has been still for a moment.
      this.refineTimer = setTimeout(() => {
        this.refineTimer = null;
        this.refineDue = true;
        if (this.scene) this.setScene(this.scene);
      }, INTERACTION_MS);
    } else {
      const t0 = performance.now();
      this.device.queue.onSubmittedWorkDone().then(
        () => {
          this.fullLayerMs = performance.now() - t0;
        },
        () => undefined,
      );
    }
  }

  private encodeSurfaces(
    encoder: GPUCommandEncoder,
    layer: GPUTexture,
    scene: FrameScene,
    scale: number,
  ): void {
    const [r, g, b] = scene.background;
    const pass = encoder.beginRenderPass({
      label: 'GpuMapRenderer.surfaces',
      colorAttachments: [
        {
          view: layer.createView(),
          loadOp: 'clear',
          storeOp: 'store',
          clearValue: { r, g, b, a: 1 },
        },
      ],
    });
    this.surfacePass.reserve(scene.cells.length);
    scene.cells.forEach((cell, i) => {
      const r = cell.rect;
      const scaled = {
        x: r.x * scale,
        y: r.y * scale,
        width: r.width * scale,
        height: r.height * scale,
      };
      const rect = clampRect(scaled, layer.width, layer.height);
      if (!rect) return;
      pass.setViewport(rect.x, rect.y, rect.width, rect.height, 0, 1);
      pass.setScissorRect(rect.x, rect.y, rect.width, rect.height);
      this.surfacePass.draw(pass, i, {
        surfaceIndex: cell.surfaceIndex,
        view: cell.view,
        width: rect.width,
        height: rect.height,
        params: cell.paramNumbers,
        range: cell.range,
        data: cell.dataRange,
        colorMap: scene.colorMap,
        contours: scene.contours,
        contourOpacity: scene.contourOpacity,
      });
    });
    pass.end();
  }

  /** The record buffers to draw from: the engine's chunks, or our upload of CPU records. */
  private chunksFor(scene: FrameScene): readonly RecordChunkLike[] | null {
    const runs = scene.runs;
    if (!runs) return null;
    if (runs.chunks) return runs.chunks;
    if (!runs.records) return null;
    if (runs.records !== this.cpuRef) {
      this.cpuRef = runs.records;
      const bytes = Math.max(16, runs.records.byteLength);
      if (!this.cpuBuffer || this.cpuBuffer.size < bytes) {
        this.cpuBuffer?.destroy();
        this.cpuBuffer = this.device.createBuffer({
          label: 'GpuMapRenderer.cpuRecords',
          size: bytes, // the CPU records, 16 bytes each
          usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
        });
      }
      this.device.queue.writeBuffer(
        this.cpuBuffer,
        0,
        runs.records.buffer as ArrayBuffer,
        runs.records.byteOffset,
        runs.records.byteLength,
      );
    }
    if (!this.cpuBuffer) return null;
    const per = runs.recordsPerRun;
    const count = Math.floor(runs.records.length / RECORD_FLOATS / Math.max(1, per));
    const recordBase = Array.from({ length: count }, (_, i) => i * per);
    return [{ firstRun: 0, runCount: count, records: this.cpuBuffer, recordBase }];
  }

  private encodeRuns(encoder: GPUCommandEncoder, target: GPUTexture, scene: FrameScene): void {
    const runs = scene.runs;
    const chunks = this.chunksFor(scene);
    const pass = encoder.beginRenderPass({
      label: 'GpuMapRenderer.runs',
      colorAttachments: [{ view: target.createView(), loadOp: 'clear', storeOp: 'store' }],
    });
    if (this.layerBindGroup) {
      pass.setPipeline(this.blit);
      pass.setBindGroup(0, this.layerBindGroup);
      pass.draw(3);
    }
    if (runs && chunks && runs.recordsPerRun > 0) {
      const allGroups = scene.cells.flatMap((c) => c.groups);
      this.trajectoryPass.setRunColors(runColors(allGroups, runs.runCount));
      this.trajectoryPass.reserve(
        Math.max(
          1,
          scene.cells.reduce((n, c) => n + c.groups.length, 0) * 6 * Math.max(1, chunks.length),
        ),
      );
      const visible = visibleRecords(scene.step, runs.steps, runs.recordEvery, runs.recordsPerRun);
      let slot = 0;
      const dpr = scene.dpr;
      for (const cell of scene.cells) {
        const rect = clampRect(cell.rect, target.width, target.height);
        if (!rect) continue;
        pass.setViewport(rect.x, rect.y, rect.width, rect.height, 0, 1);
        pass.setScissorRect(rect.x, rect.y, rect.width, rect.height);
        const small = rect.width < 400 * dpr;
        const base = { view: cell.view, width: rect.width, height: rect.height };
        const select = (g: RunGroup, from: number, count: number): RunSelection[] =>
          sliceChunks(chunks, g.firstRun + from, count).map((s) => ({
            ...base,
            ...s,
            recordsPerRun: runs.recordsPerRun,
            visibleRecords: visible,
          }));
        // Swarms first (behind): short fading trails and a dot per run.
        // A noisy cloud has no main run: all of it is cloud (its mean path is the overlay's).
        for (const g of cell.groups) {
          const from = g.cloud ? 0 : 1;
          if (g.runCount <= from) continue;
          const many = g.runCount - from > 2000;
          for (const s of select(g, from, g.runCount - from)) {
            if (!g.dots)
              this.trajectoryPass.drawPaths(pass, slot++, {
                ...s,
                lineWidth: (many ? 1 : 1.4) * dpr,
                tail: many ? 16 : 40,
                fade: true,
                opacity: (many ? 0.6 : 0.8) * (g.emphasis === 'dim' ? DIMMED : 1),
              });
            this.trajectoryPass.drawMarkers(pass, slot++, {
              ...s,
              radius: (many ? 1.4 : 2) * dpr * (g.dots ? 1.3 : 1),
              dots: true,
              opacity: 1,
            });
          }
        }
        // Main runs: dark edge, light casing and the path in the lane's colour, each layer for
        // every lane before the next (a bundled neighbour's stripe stays visible), then every
        // current position on top (a later path must not hide a marker). A hovered lane comes
        // last and the others fade.
        const width = (small ? 2 : 3) * dpr;
        const mains = mergeAdjacent(
          cell.groups.flatMap((g) =>
            g.cloud
              ? []
              : select(g, 0, 1).map((s) => ({
                  ...s,
                  offset: (g.offset ?? 0) * dpr,
                  opacity: g.emphasis === 'dim' ? DIMMED : 1,
                })),
          ),
        );
        const layers: { lineWidth: number; solid?: readonly [number, number, number, number] }[] = [
          { lineWidth: width + (small ? 3 : 3.5) * dpr, solid: EDGE },
          { lineWidth: width + (small ? 1.5 : 2) * dpr, solid: CASING },
          { lineWidth: width },
        ];
        for (const layer of layers)
          for (const s of mains) this.trajectoryPass.drawPaths(pass, slot++, { ...s, ...layer });
        for (const s of mains) {
          this.trajectoryPass.drawMarkers(pass, slot++, {
            ...s,
            radius: (small ? 3.5 : 5.5) * dpr,
            outline: 1.5 * dpr,
          });
        }
      }
    }
    pass.end();
  }

  /** Renders the scene into an offscreen texture and reads it back as RGBA pixels. */
  async snapshot(): Promise<ImageData | null> {
    const scene = this.scene;
    if (this.destroyed || !scene) return null;
    const { width, height } = this.canvas;
    const texture = this.device.createTexture({
      label: 'GpuMapRenderer.snapshot',
      size: [width, height], // the canvas's size, 4 bytes per pixel
      format: this.format,
      usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC,
    });
    const bytesPerRow = Math.ceil((width * 4) / 256) * 256;
    const buffer = this.device.createBuffer({
      label: 'GpuMapRenderer.snapshotReadback',
      size: bytesPerRow * height, // rows padded to 256 bytes
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
    });
    try {
      const encoder = this.device.createCommandEncoder({ label: 'GpuMapRenderer.snapshot' });
      this.encode(encoder, texture, scene, true);
      encoder.copyTextureToBuffer({ texture }, { buffer, bytesPerRow }, [width, height]);
      this.device.queue.submit([encoder.finish()]);
      await buffer.mapAsync(GPUMapMode.READ);
      const src = new Uint8Array(buffer.getMappedRange());
      const out = new Uint8ClampedArray(width * height * 4);
      const bgra = this.format === 'bgra8unorm';
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = y * bytesPerRow + x * 4;
          const o = (y * width + x) * 4;
          out[o] = src[bgra ? i + 2 : i]!;
          out[o + 1] = src[i + 1]!;
          out[o + 2] = src[bgra ? i : i + 2]!;
          out[o + 3] = 255;
        }
      }
      buffer.unmap();
      this.setScene(scene); // redraw the canvas from a fresh layer
      return new ImageData(out, width, height);
    } finally {
      buffer.destroy();
      texture.destroy();
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.raf !== 0) cancelAnimationFrame(this.raf);
    this.raf = 0;
    if (this.refineTimer !== null) clearTimeout(this.refineTimer);
    this.refineTimer = null;
    this.blitUniforms.destroy();
    this.surfacePass.destroy();
    this.trajectoryPass.destroy();
    this.layer?.destroy();
    this.cpuBuffer?.destroy();
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

/**
 * Joins selections of consecutive runs stored one after the other in the same buffer and drawn
 * alike (same sideways offset and opacity), so the lanes' main runs (usually runs 0..n−1) take
 * one draw per layer instead of one per lane: draw calls, not vertices, are what a software
 * GPU pays for here.
 */
function mergeAdjacent<T extends RunSelection & { readonly offset?: number }>(
  selections: T[],
): T[] {
  const out: T[] = [];
  for (const s of selections) {
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.records === s.records &&
      prev.offset === s.offset &&
      prev.opacity === s.opacity &&
      (prev.runStride ?? 1) === 1 &&
      (s.runStride ?? 1) === 1 &&
      s.firstRun === prev.firstRun + prev.runCount &&
      s.baseRecord === (prev.baseRecord ?? 0) + prev.runCount * prev.recordsPerRun
    ) {
      out[out.length - 1] = { ...prev, runCount: prev.runCount + s.runCount };
    } else out.push(s);
  }
  return out;
}

function clampRect(
  r: CellScene['rect'],
  width: number,
  height: number,
): { x: number; y: number; width: number; height: number } | null {
  const x = Math.max(0, Math.floor(r.x));
  const y = Math.max(0, Math.floor(r.y));
  const w = Math.min(width - x, Math.floor(r.width));
  const h = Math.min(height - y, Math.floor(r.height));
  return w > 0 && h > 0 ? { x, y, width: w, height: h } : null;
}
