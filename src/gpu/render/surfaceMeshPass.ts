// SurfaceMeshPass: the loss surface as a lit 3-D mesh (shaders/render/mesh3d.wgsl). `build`
// evaluates the surface's own WGSL function on an n × n lattice over the window in a compute
// pass (heights, normals from the analytic gradient, colour coordinate) into a vertex storage
// buffer; `draw` renders it as indexed triangles with the frame's camera. Rebuild only when
// the surface, window, range or height scale changes: orbiting redraws the same buffer.

import frame3dWgsl from '../../../shaders/render/frame3d.wgsl?raw';
import mesh3dWgsl from '../../../shaders/render/mesh3d.wgsl?raw';
import { composeSurfaceRender, type SurfaceSource } from './composeRender';

/** MeshUniforms in mesh3d.wgsl: two vec4 rows. */
export const MESH_UNIFORM_BYTES = 32;
/** Floats per lattice point in the vertex buffer: (X, Y, Z, t) and (normal, 0). */
export const MESH_VERTEX_FLOATS = 8;
/** Most lattice points per side (the vertex buffer is n² × 32 bytes). */
export const MAX_MESH_N = 512;

export interface MeshBuild {
  /** Index of the surface in the list the pass was built with. */
  readonly surfaceIndex: number;
  /** The surface's numeric parameters in schema order (at most 4). */
  readonly params: readonly number[];
  /** (offset, count) of the points in the data buffer (data surfaces). */
  readonly data?: readonly [number, number];
  /** Lattice points per side, 2..MAX_MESH_N. */
  readonly n: number;
}

export function composeMeshShader(surfaces: readonly SurfaceSource[]): string {
  return composeSurfaceRender(
    [
      { name: 'shaders/render/frame3d.wgsl', wgsl: frame3dWgsl },
      { name: 'shaders/render/mesh3d.wgsl (declares surfaceData)', wgsl: mesh3dWgsl },
    ],
    surfaces,
  );
}

/** Triangle indices of an n × n lattice (two per cell), as the vertex shader numbers points. */
export function latticeIndices(n: number): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array((n - 1) * (n - 1) * 6);
  let o = 0;
  for (let j = 0; j + 1 < n; j++)
    for (let i = 0; i + 1 < n; i++) {
      const a = j * n + i;
      out.set([a, a + 1, a + n + 1, a, a + n + 1, a + n], o);
      o += 6;
    }
  return out;
}

type Pipelines = readonly [GPUComputePipeline, GPURenderPipeline];
const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<Pipelines>>>();

export class SurfaceMeshPass {
  private readonly uniforms: GPUBuffer;
  private dataBuffer: GPUBuffer;
  private vertices: GPUBuffer | null = null;
  private indices: GPUBuffer | null = null;
  private n = 0;
  private indexCount = 0;
  private computeGroups: [GPUBindGroup, GPUBindGroup] | null = null;
  private renderGroups: [GPUBindGroup, GPUBindGroup] | null = null;
  private destroyed = false;

  private constructor(
    private readonly device: GPUDevice,
    private readonly compute: GPUComputePipeline,
    private readonly render: GPURenderPipeline,
    private readonly frame: GPUBuffer,
  ) {
    this.uniforms = device.createBuffer({
      label: 'SurfaceMeshPass.uniforms',
      size: MESH_UNIFORM_BYTES, // MeshUniforms: two vec4 rows
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    this.dataBuffer = this.makeDataBuffer(16);
  }

  /** `frame` is the Frame3d uniform buffer (FRAME3D_BYTES) the caller writes each frame. */
  static async create(
    device: GPUDevice,
    format: GPUTextureFormat,
    depthFormat: GPUTextureFormat,
    surfaces: readonly SurfaceSource[],
    frame: GPUBuffer,
  ): Promise<SurfaceMeshPass> {
    let cache = pipelineCache.get(device);
    if (!cache) pipelineCache.set(device, (cache = new Map()));
    const key = `${format}|${depthFormat}|${surfaces.map((s) => s.id).join(',')}`;
    let pipelines = cache.get(key);
    if (!pipelines) {
      const module = device.createShaderModule({
        label: 'SurfaceMeshPass.shader',
        code: composeMeshShader(surfaces),
      });
      pipelines = Promise.all([
        device.createComputePipelineAsync({
          label: 'SurfaceMeshPass.build',
          layout: 'auto',
          compute: { module, entryPoint: 'buildMesh' },
        }),
        device.createRenderPipelineAsync({
          label: 'SurfaceMeshPass.draw',
          layout: 'auto',
          vertex: { module, entryPoint: 'meshVs' },
          fragment: { module, entryPoint: 'meshFs', targets: [{ format }] },
          primitive: { topology: 'triangle-list' },
          depthStencil: { format: depthFormat, depthWriteEnabled: true, depthCompare: 'less' },
        }),
      ]);
      cache.set(key, pipelines);
      pipelines.catch(() => cache.delete(key));
    }
    const [compute, render] = await pipelines;
    return new SurfaceMeshPass(device, compute, render, frame);
  }

  private makeDataBuffer(bytes: number): GPUBuffer {
    return this.device.createBuffer({
      label: 'SurfaceMeshPass.surfaceData',
      size: bytes, // the data surfaces' points as f32, rounded up to 16 bytes
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
  }

  /** The data surfaces' points (packSurfaceData's array); null for none. */
  setData(data: Float32Array<ArrayBuffer> | null): void {
    const bytes = Math.max(16, Math.ceil(((data?.length ?? 0) * 4) / 16) * 16);
    if (bytes > this.dataBuffer.size) {
      this.dataBuffer.destroy();
      this.dataBuffer = this.makeDataBuffer(bytes);
      this.computeGroups = null;
    }
    if (data && data.length > 0) this.device.queue.writeBuffer(this.dataBuffer, 0, data);
  }

  /** The lattice points: MESH_VERTEX_FLOATS floats each, row-major from (xMin, yMin). */
  get vertexBuffer(): GPUBuffer | null {
    return this.vertices;
  }

  private ensureLattice(n: number): void {
    if (n === this.n && this.vertices && this.indices) return;
    this.vertices?.destroy();
    this.indices?.destroy();
    this.vertices = this.device.createBuffer({
      label: 'SurfaceMeshPass.vertices',
      size: n * n * MESH_VERTEX_FLOATS * 4, // n² points × two vec4<f32>
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    });
    const indices = latticeIndices(n);
    this.indices = this.device.createBuffer({
      label: 'SurfaceMeshPass.indices',
      size: indices.byteLength, // (n − 1)² cells × 6 u32
      usage: GPUBufferUsage.INDEX | GPUBufferUsage.COPY_DST,
    });
    this.device.queue.writeBuffer(this.indices, 0, indices);
    this.n = n;
    this.indexCount = indices.length;
    this.computeGroups = null;
    this.renderGroups = null;
  }

  /** Encodes the lattice's evaluation (reads the Frame3d buffer as written for this submit). */
  build(encoder: GPUCommandEncoder, b: MeshBuild): void {
    if (this.destroyed) return;
    const n = Math.max(2, Math.min(MAX_MESH_N, Math.floor(b.n)));
    this.ensureLattice(n);
    const staging = new ArrayBuffer(MESH_UNIFORM_BYTES);
    const f32 = new Float32Array(staging);
    for (let i = 0; i < 4; i++) f32[i] = b.params[i] ?? 0;
    new Uint32Array(staging).set([n, b.surfaceIndex, b.data?.[0] ?? 0, b.data?.[1] ?? 0], 4);
    this.device.queue.writeBuffer(this.uniforms, 0, staging);
    if (!this.computeGroups) {
      const layout0 = this.compute.getBindGroupLayout(0);
      this.computeGroups = [
        this.device.createBindGroup({
          label: 'SurfaceMeshPass.buildGroup0',
          layout: layout0,
          entries: [
            { binding: 0, resource: { buffer: this.frame } },
            { binding: 1, resource: { buffer: this.uniforms } },
            { binding: 2, resource: { buffer: this.dataBuffer } },
          ],
        }),
        this.device.createBindGroup({
          label: 'SurfaceMeshPass.buildGroup1',
          layout: this.compute.getBindGroupLayout(1),
          entries: [{ binding: 0, resource: { buffer: this.vertices! } }],
        }),
      ];
    }
    const pass = encoder.beginComputePass({ label: 'SurfaceMeshPass.build' });
    pass.setPipeline(this.compute);
    pass.setBindGroup(0, this.computeGroups[0]);
    pass.setBindGroup(1, this.computeGroups[1]);
    pass.dispatchWorkgroups(Math.ceil(n / 8), Math.ceil(n / 8));
    pass.end();
  }

  /** Draws the last built lattice into `pass` (which has a depth attachment). */
  draw(pass: GPURenderPassEncoder): void {
    if (this.destroyed || !this.vertices || !this.indices) return;
    if (!this.renderGroups) {
      this.renderGroups = [
        this.device.createBindGroup({
          label: 'SurfaceMeshPass.drawGroup0',
          layout: this.render.getBindGroupLayout(0),
          entries: [{ binding: 0, resource: { buffer: this.frame } }],
        }),
        this.device.createBindGroup({
          label: 'SurfaceMeshPass.drawGroup1',
          layout: this.render.getBindGroupLayout(1),
          entries: [{ binding: 1, resource: { buffer: this.vertices } }],
        }),
      ];
    }
    pass.setPipeline(this.render);
    pass.setBindGroup(0, this.renderGroups[0]);
    pass.setBindGroup(1, this.renderGroups[1]);
    pass.setIndexBuffer(this.indices, 'uint32');
    pass.drawIndexed(this.indexCount);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.uniforms.destroy();
    this.dataBuffer.destroy();
    this.vertices?.destroy();
    this.indices?.destroy();
  }
}
