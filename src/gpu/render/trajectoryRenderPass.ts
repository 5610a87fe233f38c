// TrajectoryRenderPass: every run's path and current position, drawn straight from the
// engine's record buffer (src/gpu/records.ts layout) bound as a read-only storage buffer in
// the vertex shader, so the map never reads trajectories back from the GPU.
// See shaders/render/trajectory.wgsl.

import { RunColorBuffer } from './runColorBuffer';
import marksWgsl from '../../../shaders/render/marks.wgsl?raw';
import trajectoryWgsl from '../../../shaders/render/trajectory.wgsl?raw';
import type { ViewWindow } from '../../core/types';
import { UniformSlots } from './uniformSlots';

/** PathUniforms in trajectory.wgsl: seven vec4 rows. */
export const PATH_UNIFORM_BYTES = 112;

const FLAG_SOLID = 1;
const FLAG_DOTS = 2;

/**
 * What one draw covers: runs firstRun, firstRun + runStride, ... of the batch, whose records
 * lie in `records` from `baseRecord` on, `recordStride` records apart.
 */
export interface RunSelection {
  readonly view: ViewWindow;
  /** Viewport size in device pixels. */
  readonly width: number;
  readonly height: number;
  /** A record buffer of the engine (one chunk's), not owned by the pass. */
  readonly records: GPUBuffer;
  /** Batch index of the first run drawn (indexes the run colours). */
  readonly firstRun: number;
  readonly runCount: number;
  /** Batch-index distance between consecutive runs drawn (1: a contiguous block). */
  readonly runStride?: number;
  /** Index in `records` of the first run's record 0. */
  readonly baseRecord?: number;
  /** Records from one drawn run's start to the next's (default runStride × recordsPerRun). */
  readonly recordStride?: number;
  readonly recordsPerRun: number;
  /** Records 0..visibleRecords−1 of each run are drawn (the scrubbed step's record + 1). */
  readonly visibleRecords: number;
  /** 0..1, multiplies every colour (default 1). */
  readonly opacity?: number;
  /** Premultiplied RGBA used instead of the runs' colours (a dark halo under the paths). */
  readonly solid?: readonly [number, number, number, number];
}

export interface PathDraw extends RunSelection {
  /** Line width in device pixels. */
  readonly lineWidth: number;
  /** Draw only the last `tail` segments (a swarm's fading trails); 0 or absent: the whole path. */
  readonly tail?: number;
  /** Fade older segments (with `tail`). */
  readonly fade?: boolean;
  /** Device px to shift the path sideways (left of its direction): coinciding lanes. */
  readonly offset?: number;
}

export interface MarkerDraw extends RunSelection {
  /** Marker radius in device pixels. */
  readonly radius: number;
  /** Dark outline width in device pixels (default 1.5). */
  readonly outline?: number;
  /** Plain dots without outline or divergence cross (swarm mode). */
  readonly dots?: boolean;
}

const pipelineCache = new WeakMap<
  GPUDevice,
  Map<string, Promise<readonly [GPURenderPipeline, GPURenderPipeline]>>
>();

function layoutFor(device: GPUDevice): GPUBindGroupLayout {
  const vf = GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT;
  return device.createBindGroupLayout({
    label: 'TrajectoryRenderPass.layout',
    entries: [
      {
        binding: 0,
        visibility: vf,
        buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: PATH_UNIFORM_BYTES },
      },
      { binding: 1, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
      { binding: 2, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
    ],
  });
}

export class TrajectoryRenderPass {
  private readonly slots: UniformSlots;
  private readonly colors: RunColorBuffer;
  /** A bind group per record buffer drawn; cleared when the uniform or colour buffer changes. */
  private bindGroups = new WeakMap<GPUBuffer, GPUBindGroup>();
  private destroyed = false;

  private constructor(
    private readonly device: GPUDevice,
    private readonly pathPipeline: GPURenderPipeline,
    private readonly markerPipeline: GPURenderPipeline,
    private readonly layout: GPUBindGroupLayout,
  ) {
    this.slots = new UniformSlots(device, 'TrajectoryRenderPass.uniforms', PATH_UNIFORM_BYTES, 8);
    this.colors = new RunColorBuffer(device, 'TrajectoryRenderPass.runColors');
  }

  static async create(device: GPUDevice, format: GPUTextureFormat): Promise<TrajectoryRenderPass> {
    let cache = pipelineCache.get(device);
    if (!cache) pipelineCache.set(device, (cache = new Map()));
    const layout = layoutFor(device);
    let pipelines = cache.get(format);
    if (!pipelines) {
      const module = device.createShaderModule({
        label: 'TrajectoryRenderPass.shader',
        code: [marksWgsl, trajectoryWgsl].join('\n\n'),
      });
      const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout] });
      // Premultiplied alpha, drawn over the map.
      const blend: GPUBlendState = {
        color: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
        alpha: { srcFactor: 'one', dstFactor: 'one-minus-src-alpha', operation: 'add' },
      };
      const make = (vs: string, fs: string, label: string) =>
        device.createRenderPipelineAsync({
          label,
          layout: pipelineLayout,
          vertex: { module, entryPoint: vs },
          fragment: { module, entryPoint: fs, targets: [{ format, blend }] },
          primitive: { topology: 'triangle-list' },
        });
      pipelines = Promise.all([
        make('pathVs', 'pathFs', 'TrajectoryRenderPass.paths'),
        make('markerVs', 'markerFs', 'TrajectoryRenderPass.markers'),
      ]);
      cache.set(format, pipelines);
      const key = format;
      pipelines.catch(() => cache.delete(key));
    }
    const [path, marker] = await pipelines;
    return new TrajectoryRenderPass(device, path, marker, layout);
  }

  private bindGroupFor(records: GPUBuffer): GPUBindGroup {
    let group = this.bindGroups.get(records);
    if (!group) {
      group = this.device.createBindGroup({
        label: 'TrajectoryRenderPass.bindGroup',
        layout: this.layout,
        entries: [
          { binding: 0, resource: { buffer: this.slots.gpuBuffer, size: PATH_UNIFORM_BYTES } },
          { binding: 1, resource: { buffer: records } },
          { binding: 2, resource: { buffer: this.colors.buffer } },
        ],
      });
      this.bindGroups.set(records, group);
    }
    return group;
  }

  /** One packed colour per run of the batch (packColor), indexed by batch run index. */
  setRunColors(colors: Uint32Array<ArrayBuffer>): void {
    if (this.colors.set(colors)) this.bindGroups = new WeakMap();
  }

  /** Call with the number of draws before encoding a frame. */
  reserve(draws: number): void {
    if (this.slots.ensure(draws)) this.bindGroups = new WeakMap();
  }

  private write(slot: number, d: RunSelection, flags: number, a: number[], b: number[]): number {
    return this.slots.write(slot, (f32, u32) => {
      f32.set([d.view.xMin, d.view.xMax, d.view.yMin, d.view.yMax], 0);
      f32.set([d.width, d.height, a[0]!, d.opacity ?? 1], 4);
      const stride = d.runStride ?? 1;
      u32.set([d.firstRun, d.runCount, stride, d.recordsPerRun], 8);
      u32.set([a[1]!, a[2]!, a[3]!, flags], 12);
      f32.set(d.solid ?? [0, 0, 0, 0], 16);
      f32.set(b, 20);
      u32.set([d.baseRecord ?? 0, d.recordStride ?? stride * d.recordsPerRun, 0, 0], 24);
    });
  }

  private usable(d: RunSelection): boolean {
    return !this.destroyed && d.runCount > 0 && d.recordsPerRun > 0 && d.width > 0 && d.height > 0;
  }

  /** The paths (segments between visible records) of the selected runs. */
  drawPaths(pass: GPURenderPassEncoder, slot: number, d: PathDraw): void {
    const visible = Math.min(d.visibleRecords, d.recordsPerRun);
    if (!this.usable(d) || visible < 2) return;
    const tail = d.tail && d.tail > 0 ? Math.min(d.tail, visible - 1) : visible - 1;
    const first = visible - 1 - tail;
    const flags = d.solid ? FLAG_SOLID : 0;
    const offset = this.write(
      slot,
      d,
      flags,
      [d.lineWidth / 2, visible, first, tail],
      [0, d.fade ? 1 : 0, d.offset ?? 0, 0],
    );
    pass.setPipeline(this.pathPipeline);
    pass.setBindGroup(0, this.bindGroupFor(d.records), [offset]);
    pass.draw(6, d.runCount * tail);
  }

  /** A marker per selected run at its last visible record (or where it diverged). */
  drawMarkers(pass: GPURenderPassEncoder, slot: number, d: MarkerDraw): void {
    const visible = Math.min(d.visibleRecords, d.recordsPerRun);
    if (!this.usable(d) || visible < 1) return;
    const flags = (d.solid ? FLAG_SOLID : 0) | (d.dots ? FLAG_DOTS : 0);
    const offset = this.write(
      slot,
      d,
      flags,
      [d.radius, visible, 0, 0],
      [d.dots ? 0 : (d.outline ?? 1.5), 0, 0, 0],
    );
    pass.setPipeline(this.markerPipeline);
    pass.setBindGroup(0, this.bindGroupFor(d.records), [offset]);
    pass.draw(6, d.runCount);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.slots.destroy();
    this.colors.destroy();
  }
}
