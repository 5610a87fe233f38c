// The 3-D view's paths in Node (Dawn on SwiftShader), drawn from a record buffer into an
// offscreen texture with a depth buffer and read back: a segment between finite records is
// drawn where the camera puts it, segments touching a NaN record (a diverged run) are not,
// and the marker of a run that diverged stands at its last finite record.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { FRAME3D_BYTES, packFrame3d } from '../../src/gpu/render/frame3d';
import { Path3dPass } from '../../src/gpu/render/path3dPass';
import { packColor } from '../../src/gpu/render/runColorBuffer';

const W = 64;
const H = 64;

let gpu: NodeGpu;
beforeAll(async () => {
  gpu = await openNodeGpu();
});
afterAll(() => gpu?.close());

/** Pixel (column, row) of box point (X, Y) under the identity camera (clip = box). */
const px = (X: number, Y: number): [number, number] => [
  Math.floor((X * 0.5 + 0.5) * W),
  Math.floor((0.5 - Y * 0.5) * H),
];

describe('Path3dPass', () => {
  it('draws finite segments, skips those touching NaN, marks the last finite record', async () => {
    const { device } = gpu;
    const frame = device.createBuffer({
      label: 'test.frame3d',
      size: FRAME3D_BYTES, // Frame3d
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    // Identity view-projection: clip = (X, Y, Z, 1); the window is [−1, 1]², loss 0..1.
    device.queue.writeBuffer(
      frame,
      0,
      packFrame3d({
        viewProj: new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
        view: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
        range: { lo: 0, hi: 1, delta: 0.01 },
        logHeight: false,
        width: W,
        height: H,
        dpr: 1,
        contours: 18,
        eye: [0, 0, -5],
      }),
    );
    // One run: (−0.8, 0.5) → (−0.1, 0.5) → NaN → (0.7, 0.5), at loss 0.5 (depth 0.45).
    const records = new Float32Array([
      -0.8,
      0.5,
      0.5,
      0,
      -0.1,
      0.5,
      0.5,
      0,
      NaN,
      NaN,
      NaN,
      NaN,
      0.7,
      0.5,
      0.5,
      0,
    ]);
    const recordBuffer = device.createBuffer({
      label: 'test.records',
      size: records.byteLength, // four records
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(recordBuffer, 0, records);
    const pass3d = await Path3dPass.create(device, 'rgba8unorm', 'depth24plus', frame);
    pass3d.setRunColors(new Uint32Array([packColor('#ff0000')]));
    pass3d.reserve(2);
    const target = device.createTexture({
      label: 'test.target',
      size: [W, H],
      format: 'rgba8unorm',
      usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC,
    });
    const depth = device.createTexture({
      label: 'test.depth',
      size: [W, H],
      format: 'depth24plus',
      usage: GPUTextureUsage.RENDER_ATTACHMENT,
    });
    const readback = device.createBuffer({
      label: 'test.readback',
      size: W * H * 4, // 256 bytes per row
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
    });
    const selection = {
      records: recordBuffer,
      firstRun: 0,
      runCount: 1,
      baseRecord: 0,
      recordsPerRun: 4,
    };
    await withErrorScopes(device, async () => {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginRenderPass({
        colorAttachments: [
          {
            view: target.createView(),
            loadOp: 'clear',
            storeOp: 'store',
            clearValue: { r: 0, g: 0, b: 0, a: 1 },
          },
        ],
        depthStencilAttachment: {
          view: depth.createView(),
          depthLoadOp: 'clear',
          depthStoreOp: 'store',
          depthClearValue: 1,
        },
      });
      pass3d.drawPaths(pass, 0, { ...selection, visibleRecords: 4 }, { size: 3, lift: 0 });
      // Scrubbed to record 2 (NaN): the marker falls back to record 1, as a ring.
      pass3d.drawMarkers(pass, 1, { ...selection, visibleRecords: 3 }, { size: 5, lift: 0 });
      pass.end();
      encoder.copyTextureToBuffer({ texture: target }, { buffer: readback, bytesPerRow: W * 4 }, [
        W,
        H,
      ]);
      device.queue.submit([encoder.finish()]);
    });
    await readback.mapAsync(GPUMapMode.READ);
    const bytes = new Uint8Array(readback.getMappedRange().slice(0));
    readback.unmap();
    const red = (X: number, Y: number) => {
      const [c, r] = px(X, Y);
      return bytes[(r * W + c) * 4]!;
    };
    // On the first segment, away from the marker: drawn in the run's colour.
    expect(red(-0.6, 0.5)).toBeGreaterThan(200);
    // Where the segments through the NaN record would run: nothing.
    expect(red(0.3, 0.5)).toBe(0);
    expect(red(0.6, 0.5)).toBe(0);
    // Off the path: nothing.
    expect(red(-0.6, -0.5)).toBe(0);
    // The marker (a ring round record 1, whose cross is lane-coloured): colour near it.
    let near = 0;
    const [c1, r1] = px(-0.1, 0.5);
    for (let r = r1 - 6; r <= r1 + 6; r++)
      for (let c = c1 - 6; c <= c1 + 6; c++) if (bytes[(r * W + c) * 4]! > 150) near++;
    expect(near).toBeGreaterThan(10);
    for (const b of [frame, recordBuffer, readback]) b.destroy();
    target.destroy();
    depth.destroy();
    pass3d.destroy();
  });
});
