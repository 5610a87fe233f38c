// The 3-D view's mesh in Node (Dawn on SwiftShader): for every registry surface, the lattice
// the compute pass builds from the surface's own WGSL function has the heights, colour
// coordinates and normals of the float64 surface (SurfaceDef.evaluate through the TS twin
// of frame3d.wgsl), in linear and log height.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { SURFACES, packSurfaceData } from '../../src/core/surfaces';
import { defaultValues } from '../../src/core/params';
import { generateData } from '../../src/core/surfaceData';
import {
  BOX_HEIGHT,
  FRAME3D_BYTES,
  heightOfLoss,
  heightSlope,
  packFrame3d,
} from '../../src/gpu/render/frame3d';
import { estimateLossRange, lossToT } from '../../src/gpu/render/lossRange';
import {
  MESH_VERTEX_FLOATS,
  SurfaceMeshPass,
  latticeIndices,
} from '../../src/gpu/render/surfaceMeshPass';
import { paramNumbers } from '../../src/ui/map/scene';

const N = 17;

let gpu: NodeGpu;
beforeAll(async () => {
  gpu = await openNodeGpu();
});
afterAll(() => gpu?.close());

async function readBuffer(source: GPUBuffer, bytes: number): Promise<Float32Array> {
  const { device } = gpu;
  const readback = device.createBuffer({
    label: 'test.meshReadback',
    size: bytes, // the lattice's vertices
    usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
  });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(source, 0, readback, 0, bytes);
  device.queue.submit([encoder.finish()]);
  await readback.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(readback.getMappedRange().slice(0));
  readback.unmap();
  readback.destroy();
  return out;
}

describe('SurfaceMeshPass', () => {
  it('latticeIndices makes two triangles per cell over the n × n points', () => {
    const idx = latticeIndices(3);
    expect(idx.length).toBe(2 * 2 * 6);
    // Cell (0, 0): points 0, 1, 4 and 0, 4, 3 (n = 3, row-major).
    expect([...idx.slice(0, 6)]).toEqual([0, 1, 4, 0, 4, 3]);
    expect(Math.max(...idx)).toBe(8);
  });

  for (const def of SURFACES) {
    it(`${def.id}: mesh heights, colours and normals match the float64 surface`, async () => {
      const { device } = gpu;
      const params = defaultValues(def.params);
      const data = def.data ? generateData(def.data, 1) : undefined;
      const packed = data ? (packSurfaceData(def, data) as Float32Array<ArrayBuffer>) : null;
      const view = def.view;
      const range = estimateLossRange(def, params, view, data);
      const frame = device.createBuffer({
        label: 'test.frame3d',
        size: FRAME3D_BYTES, // Frame3d
        usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
      });
      const pass = await SurfaceMeshPass.create(
        device,
        'rgba8unorm',
        'depth24plus',
        SURFACES,
        frame,
      );
      pass.setData(packed);
      for (const logHeight of [false, true]) {
        device.queue.writeBuffer(
          frame,
          0,
          packFrame3d({
            viewProj: new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
            view,
            range,
            logHeight,
            width: 100,
            height: 100,
            dpr: 1,
            contours: 18,
            eye: [0, -3, 2],
          }),
        );
        await withErrorScopes(device, async () => {
          const encoder = device.createCommandEncoder();
          pass.build(encoder, {
            surfaceIndex: SURFACES.indexOf(def),
            params: paramNumbers(def, params),
            data: [0, packed ? packed.length / (def.data === 'logistic' ? 3 : 2) : 0],
            n: N,
          });
          device.queue.submit([encoder.finish()]);
        });
        const v = await readBuffer(pass.vertexBuffer!, N * N * MESH_VERTEX_FLOATS * 4);
        const out = new Float64Array(3);
        const bad: string[] = [];
        for (let j = 0; j < N; j++)
          for (let i = 0; i < N; i++) {
            const k = (j * N + i) * MESH_VERTEX_FLOATS;
            const x = view.xMin + (i / (N - 1)) * (view.xMax - view.xMin);
            const y = view.yMin + (j / (N - 1)) * (view.yMax - view.yMin);
            def.evaluate(x, y, params, out, data);
            const f = out[0]!;
            const z = heightOfLoss(f, range, logHeight);
            const t = lossToT(f, range);
            // Normal from the float64 gradient: (−dZ/dX, −dZ/dY, 1) normalised.
            const s = heightSlope(f, range, logHeight);
            const gx = out[1]! * s * ((view.xMax - view.xMin) / 2);
            const gy = out[2]! * s * ((view.yMax - view.yMin) / 2);
            const len = Math.hypot(gx, gy, 1);
            const where = `${logHeight ? 'log' : 'linear'} (${x.toFixed(3)}, ${y.toFixed(3)})`;
            expect(v[k]).toBeCloseTo((i / (N - 1)) * 2 - 1, 5);
            expect(v[k + 1]).toBeCloseTo((j / (N - 1)) * 2 - 1, 5);
            // float32 against float64: a thousandth of the box in height and colour.
            if (Math.abs(v[k + 2]! - z) > 1e-3 * BOX_HEIGHT)
              bad.push(`${where}: Z ${v[k + 2]} vs ${z}`);
            if (Math.abs(v[k + 3]! - t) > 1e-3) bad.push(`${where}: t ${v[k + 3]} vs ${t}`);
            // (Not at the clamp's kink, z at 0 or the top, where the slope jumps.)
            const inside = z > 1e-3 * BOX_HEIGHT && z < (1 - 1e-3) * BOX_HEIGHT;
            if (inside && len < 1e3 && Math.abs(v[k + 6]! - 1 / len) > 1e-2)
              bad.push(`${where}: normal z ${v[k + 6]} vs ${1 / len}`);
          }
        expect(bad.slice(0, 5), `${bad.length} lattice points off`).toEqual([]);
      }
      pass.destroy();
      frame.destroy();
    });
  }
});
