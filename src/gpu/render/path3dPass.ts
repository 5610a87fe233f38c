// Path3dPass: the lanes' paths and current positions on the 3-D surface, drawn straight from
// the engine's record buffers (src/gpu/records.ts) bound as storage in the vertex shader, so
// the 3-D view never reads trajectories back. See shaders/render/path3d.wgsl.

import { RunColorBuffer } from './runColorBuffer';
import marksWgsl from '../../../shaders/render/marks.wgsl?raw';
import frame3dWgsl from '../../../shaders/render/frame3d.wgsl?raw';
import path3dWgsl from '../../../shaders/render/path3d.wgsl?raw';
import { FRAME3D_BYTES } from './frame3d';
import { UniformSlots } from './uniformSlots';

/** Path3dUniforms in path3d.wgsl: four vec4 rows. */
export const PATH3D_UNIFORM_BYTES = 64;

const FLAG_SOLID = 1;
const FLAG_DOTS = 2;

/** Runs firstRun, firstRun + runStride, ... whose records lie in `records` from baseRecord on. */
export interface Selection3d {
  readonly records: GPUBuffer;
  readonly firstRun: number;
  readonly runCount: number;
  readonly runStride?: number;
  readonly baseRecord: number;
  /** Records from one drawn run's start to the next's (default runStride × recordsPerRun). */
  readonly recordStride?: number;
  readonly recordsPerRun: number;
  /** Records 0..visibleRecords−1 of each run are drawn. */
  readonly visibleRecords: number;
}

export interface Path3dStyle {
  /** Line width (paths) or radius (markers) in device pixels. */
  readonly size: number;
  /** 0..1, multiplies every colour (default 1). */
  readonly opacity?: number;
  /** Height above the surface in box units. */
  readonly lift: number;
  /** Premultiplied colour instead of the runs' own. */
  readonly solid?: readonly [number, number, number, number];
  /** Paths: also where the mesh hides them (drawn faint, before the depth-tested pass). */
  readonly ghost?: boolean;
  /** Markers: plain dots (swarms). */
  readonly dots?: boolean;
  /** Markers: dark outline width in device pixels. */
  readonly outline?: number;
}

type Pipelines = readonly [GPURenderPipeline, GPURenderPipeline, GPURenderPipeline];
const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<Pipelines>>>();

function layoutFor(device: GPUDevice): GPUBindGroupLayout {
  const vf = GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT;
  return device.createBindGroupLayout({
    label: 'Path3dPass.layout',
    entries: [
      { binding: 0, visibility: vf, buffer: { type: 'uniform', minBindingSize: FRAME3D_BYTES } },
      {
        binding: 1,
        visibility: vf,
        buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: PATH3D_UNIFORM_BYTES },
      },
      { binding: 2, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
      { binding: 3, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
    ],
  });
}

export class Path3dPass {
  private readonly slots: UniformSlots;
  private readonly colors: RunColorBuffer;
  private bindGroups = new WeakMap<GPUBuffer, GPUBindGroup>();
  private destroyed = false;

  private constructor(
    private readonly device: GPUDevice,
    private readonly pipelines: Pipelines,
    private readonly layout: GPUBindGroupLayout,
    private readonly frame: GPUBuffer,
  ) {
    this.slots = new UniformSlots(device, 'Path3dPass.uniforms', PATH3D_UNIFORM_BYTES, 8);
    this.colors = new RunColorBuffer(device, 'Path3dPass.runColors');
  }

  static async create(
    device: GPUDevice,
    format: GPUTextureFormat,
    depthFormat: GPUTextureFormat,
    frame: GPUBuffer,
  ): Promise<Path3dPass> {
    let cache = pipelineCache.get(device);
    if (!cache) pipelineCache.set(device, (cache = new Map()));
    const layout = layoutFor(device);
    const key = `${format}|${depthFormat}`;
    let pipelines = cache.get(key);
    if (!pipelines) {
      const module = device.createShaderModule({
        label: 'Path3dPass.shader',
        code: [frame3dWgsl, marksWgsl, path3dWgsl].join('\n\n'),
      });
      const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
      const blend: GPUBlendState = {
        color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
        alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
      };
      const make = (vs: string, fs: string, depthCompare: GPUCompareFunction, label: string) =>
        device.createRenderPipelineAsync({
          label,
          layout: pipelineLayout,
          vertex: { module, entryPoint: vs },
          fragment: { module, entryPoint: fs, targets: [{ format, blend }] },
          primitive: { topology: 'triangle-list' },
          depthStencil: { format: depthFormat, depthWriteEnabled: false, depthCompare },
        });
      pipelines = Promise.all([
        make('pathVs', 'pathFs', 'less-equal', 'Path3dPass.paths'),
        make('pathVs', 'pathFs', 'always', 'Path3dPass.ghostPaths'),
        make('markerVs', 'markerFs', 'always', 'Path3dPass.markers'),
      ]);
      cache.set(key, pipelines);
      pipelines.catch(() => cache.delete(key));
    }
    return new Path3dPass(device, await pipelines, layout, frame);
  }

  /** One packed colour per run of the batch (packColor), indexed by batch run index. */
  setRunColors(colors: Uint32Array<ArrayBuffer>): void {
    if (this.colors.set(colors)) this.bindGroups = new WeakMap();
  }

  /** Call with the number of draws before encoding a frame. */
  reserve(draws: number): void {
    if (this.slots.ensure(draws)) this.bindGroups = new WeakMap();
  }

  private bindGroupFor(records: GPUBuffer): GPUBindGroup {
    let g = this.bindGroups.get(records);
    if (!g) {
      g = this.device.createBindGroup({
        label: 'Path3dPass.bindGroup',
        layout: this.layout,
        entries: [
          { binding: 0, resource: { buffer: this.frame } },
          {
            binding: 1,
            resource: { buffer: this.slots.gpuBuffer, size: PATH3D_UNIFORM_BYTES },
          },
          { binding: 2, resource: { buffer: records } },
          { binding: 3, resource: { buffer: this.colors.buffer } },
        ],
      });
      this.bindGroups.set(records, g);
    }
    return g;
  }

  private write(slot: number, s: Selection3d, style: Path3dStyle, flags: number): number {
    const stride = s.runStride ?? 1;
    return this.slots.write(slot, (f32, u32) => {
      u32.set([s.firstRun, s.runCount, stride, s.recordsPerRun], 0);
      u32.set(
        [s.visibleRecords, s.baseRecord, s.recordStride ?? stride * s.recordsPerRun, flags],
        4,
      );
      f32.set([style.size, style.opacity ?? 1, style.lift, style.outline ?? 1.5], 8);
      f32.set(style.solid ?? [0, 0, 0, 0], 12);
    });
  }

  drawPaths(pass: GPURenderPassEncoder, slot: number, s: Selection3d, style: Path3dStyle): void {
    const segs = s.visibleRecords - 1;
    if (this.destroyed || segs < 1 || s.runCount < 1) return;
    const offset = this.write(
      slot,
      s,
      { ...style, size: style.size / 2 },
      style.solid ? FLAG_SOLID : 0,
    );
    pass.setPipeline(this.pipelines[style.ghost ? 1 : 0]);
    pass.setBindGroup(0, this.bindGroupFor(s.records), [offset]);
    pass.draw(6, s.runCount * segs);
  }

  drawMarkers(pass: GPURenderPassEncoder, slot: number, s: Selection3d, style: Path3dStyle): void {
    if (this.destroyed || s.visibleRecords < 1 || s.runCount < 1) return;
    const offset = this.write(slot, s, style, style.dots ? FLAG_DOTS : 0);
    pass.setPipeline(this.pipelines[2]);
    pass.setBindGroup(0, this.bindGroupFor(s.records), [offset]);
    pass.draw(6, s.runCount);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.slots.destroy();
    this.colors.destroy();
  }
}
