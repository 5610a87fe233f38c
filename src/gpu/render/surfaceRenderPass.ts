// SurfaceRenderPass: the loss surface as a colour map with contour lines, evaluated per pixel
// (shaders/render/surface.wgsl). One pipeline serves every surface (a switch on a uniform
// index), and each draw reads its own uniform slot, so a grid of cells is one render pass
// with a viewport per cell.

import type { ViewWindow } from '../../core/types';
import { COLOR_MAP_INDEX, type ColorMapName } from './colormap';
import { composeSurfaceShader, type SurfaceSource } from './composeRender';
import type { LossRange } from './lossRange';
import { UniformSlots } from './uniformSlots';

/** SurfaceUniforms in surface.wgsl: five vec4 rows. */
export const SURFACE_UNIFORM_BYTES = 80;

export interface SurfaceDraw {
  /** Index of the surface in the list the pass was built with. */
  readonly surfaceIndex: number;
  readonly view: ViewWindow;
  /** Viewport size in device pixels. */
  readonly width: number;
  readonly height: number;
  /** The surface's numeric parameters in schema order (at most 4). */
  readonly params: readonly number[];
  readonly range: LossRange;
  /** (offset, count) of the points in the data buffer (data surfaces). */
  readonly data?: readonly [number, number];
  readonly colorMap?: ColorMapName;
  /** Contour lines over the whole colour range (default 18). */
  readonly contours?: number;
  /** 0..1 (default 1). */
  readonly contourOpacity?: number;
}

const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<GPURenderPipeline>>>();
/** Pipelines kept per device: one per typed formula seen, plus the built-in list's. */
const MAX_CACHED_PIPELINES = 16;

function layoutFor(device: GPUDevice): GPUBindGroupLayout {
  return device.createBindGroupLayout({
    label: 'SurfaceRenderPass.layout',
    entries: [
      {
        binding: 0,
        visibility: GPUShaderStage.FRAGMENT,
        buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: SURFACE_UNIFORM_BYTES },
      },
      { binding: 1, visibility: GPUShaderStage.FRAGMENT, buffer: { type: 'read-only-storage' } },
    ],
  });
}

export class SurfaceRenderPass {
  private readonly slots: UniformSlots;
  private dataBuffer: GPUBuffer;
  private bindGroup: GPUBindGroup;
  private destroyed = false;

  private constructor(
    private readonly device: GPUDevice,
    private readonly pipeline: GPURenderPipeline,
    private readonly layout: GPUBindGroupLayout,
  ) {
    this.slots = new UniformSlots(device, 'SurfaceRenderPass.uniforms', SURFACE_UNIFORM_BYTES);
    this.dataBuffer = device.createBuffer({
      label: 'SurfaceRenderPass.surfaceData',
      size: 16, // a dummy vec4 until a data surface sets its points
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    this.bindGroup = this.makeBindGroup();
  }

  /**
   * Builds (or takes from the per-device cache) the pipeline for these surfaces and target
   * format. Async so that the page keeps responding while the shader compiles.
   */
  static async create(
    device: GPUDevice,
    format: GPUTextureFormat,
    surfaces: readonly SurfaceSource[],
  ): Promise<SurfaceRenderPass> {
    let cache = pipelineCache.get(device);
    if (!cache) pipelineCache.set(device, (cache = new Map()));
    const layout = layoutFor(device);
    // Keyed by the code, not the ids: a typed surface keeps its id while its formula changes.
    const code = composeSurfaceShader(surfaces);
    const key = `${format}\n${code}`;
    let pipeline = cache.get(key);
    if (!pipeline) {
      if (cache.size >= MAX_CACHED_PIPELINES) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      const module = device.createShaderModule({ label: 'SurfaceRenderPass.shader', code });
      pipeline = device.createRenderPipelineAsync({
        label: 'SurfaceRenderPass.pipeline',
        layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
        vertex: { module, entryPoint: 'surfaceVs' },
        fragment: { module, entryPoint: 'surfaceFs', targets: [{ format }] },
        primitive: { topology: 'triangle-list' },
      });
      cache.set(key, pipeline);
      pipeline.catch(() => cache.delete(key));
    }
    // Bind group layouts are compared by structure, so a fresh one matches a cached pipeline.
    return new SurfaceRenderPass(device, await pipeline, layout);
  }

  private makeBindGroup(): GPUBindGroup {
    return this.device.createBindGroup({
      label: 'SurfaceRenderPass.bindGroup',
      layout: this.layout,
      entries: [
        { binding: 0, resource: { buffer: this.slots.gpuBuffer, size: SURFACE_UNIFORM_BYTES } },
        { binding: 1, resource: { buffer: this.dataBuffer } },
      ],
    });
  }

  /** The data surfaces' points (packSurfaceData's array); null for none. */
  setData(data: Float32Array<ArrayBuffer> | null): void {
    const bytes = Math.max(16, Math.ceil(((data?.length ?? 0) * 4) / 16) * 16);
    if (bytes > this.dataBuffer.size) {
      this.dataBuffer.destroy();
      this.dataBuffer = this.device.createBuffer({
        label: 'SurfaceRenderPass.surfaceData',
        size: bytes, // the points as f32, rounded up to 16 bytes
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      this.bindGroup = this.makeBindGroup();
    }
    if (data && data.length > 0) this.device.queue.writeBuffer(this.dataBuffer, 0, data);
  }

  /** Call with the number of draws before encoding a frame. */
  reserve(draws: number): void {
    if (this.slots.ensure(draws)) this.bindGroup = this.makeBindGroup();
  }

  /** Writes slot `slot` and draws it into the current viewport of `pass`. */
  draw(pass: GPURenderPassEncoder, slot: number, d: SurfaceDraw): void {
    if (this.destroyed) return;
    const r = d.range;
    const logDelta = Math.log(r.delta);
    const span = Math.log(r.hi - r.lo + r.delta) - logDelta;
    const offset = this.slots.write(slot, (f32, u32) => {
      f32.set([d.view.xMin, d.view.xMax, d.view.yMin, d.view.yMax], 0);
      f32.set([d.width, d.height, d.contours ?? 18, d.contourOpacity ?? 1], 4);
      for (let i = 0; i < 4; i++) f32[8 + i] = d.params[i] ?? 0;
      f32.set([r.lo, r.delta, logDelta, span > 0 && Number.isFinite(span) ? 1 / span : 1], 12);
      u32.set(
        [
          d.data?.[0] ?? 0,
          d.data?.[1] ?? 0,
          d.surfaceIndex,
          COLOR_MAP_INDEX[d.colorMap ?? 'viridis'],
        ],
        16,
      );
    });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bindGroup, [offset]);
    pass.draw(3);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.slots.destroy();
    this.dataBuffer.destroy();
  }
}
