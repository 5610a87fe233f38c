// The map's render passes in Node (Dawn on SwiftShader), drawn into an offscreen texture and
// read back: the composed surface shader compiles for every surface, a Rosenbrock map is
// darker near its minimum, and paths land on the pixels they should (NaN records skipped).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { SURFACES, packSurfaceData } from '../../src/core/surfaces';
import { defaultValues, num } from '../../src/core/params';
import { generateData } from '../../src/core/surfaceData';
import type { SurfaceDef, ViewWindow } from '../../src/core/types';
import { composeSurfaceShader } from '../../src/gpu/render/composeRender';
import { estimateLossRange } from '../../src/gpu/render/lossRange';
import { SurfaceRenderPass } from '../../src/gpu/render/surfaceRenderPass';
import { TrajectoryRenderPass } from '../../src/gpu/render/trajectoryRenderPass';
import { packColor } from '../../src/gpu/render/runColorBuffer';

const FORMAT: GPUTextureFormat = 'rgba8unorm';
const W = 128;
const H = 128;

let gpu: NodeGpu;
beforeAll(async () => {
  gpu = await openNodeGpu();
});
afterAll(() => gpu?.close());

/** Renders `draw` into a W×H texture cleared to `clear` and returns its RGBA bytes. */
async function renderToBytes(
  draw: (pass: GPURenderPassEncoder) => void,
  clear: GPUColor = { r: 0, g: 0, b: 0, a: 1 },
): Promise<Uint8Array> {
  const { device } = gpu;
  const texture = device.createTexture({
    label: 'test.target',
    size: [W, H],
    format: FORMAT,
    usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC,
  });
  const readback = device.createBuffer({
    label: 'test.readback',
    size: W * H * 4, // W·4 = 512 bytes per row, a multiple of 256
    usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
  });
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginRenderPass({
    colorAttachments: [
      { view: texture.createView(), loadOp: 'clear', storeOp: 'store', clearValue: clear },
    ],
  });
  draw(pass);
  pass.end();
  encoder.copyTextureToBuffer({ texture }, { buffer: readback, bytesPerRow: W * 4 }, [W, H]);
  device.queue.submit([encoder.finish()]);
  await readback.mapAsync(GPUMapMode.READ);
  const bytes = new Uint8Array(readback.getMappedRange().slice(0));
  readback.unmap();
  readback.destroy();
  texture.destroy();
  return bytes;
}

const pixel = (bytes: Uint8Array, x: number, y: number) => {
  const i = (Math.round(y) * W + Math.round(x)) * 4;
  return [bytes[i]!, bytes[i + 1]!, bytes[i + 2]!] as const;
};
const luma = (bytes: Uint8Array, x: number, y: number) => {
  const [r, g, b] = pixel(bytes, x, y);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** World point → pixel centre of the W×H target showing `view`. */
const toPx = (view: ViewWindow, x: number, y: number) =>
  [
    ((x - view.xMin) / (view.xMax - view.xMin)) * W,
    (1 - (y - view.yMin) / (view.yMax - view.yMin)) * H,
  ] as const;

function surfaceSetup(def: SurfaceDef) {
  const params = defaultValues(def.params);
  const data = def.data ? generateData(def.data, 1) : undefined;
  const packed = data ? packSurfaceData(def, data) : new Float32Array(0);
  return {
    params: def.params.map((p) => num(params, p.key)),
    range: estimateLossRange(def, params, def.view, data),
    packed,
  };
}

describe('SurfaceRenderPass', () => {
  it('composes one shader that compiles without errors for all surfaces', async () => {
    const code = composeSurfaceShader(SURFACES);
    for (const s of SURFACES) expect(code).toContain(`case ${SURFACES.indexOf(s)}u`);
    await withErrorScopes(gpu.device, async () => {
      const module = gpu.device.createShaderModule({ code });
      const info = await module.getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === 'error');
      expect(errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`)).toEqual([]);
    });
  });

  it('draws every surface with finite, varied colours', async () => {
    await withErrorScopes(gpu.device, async () => {
      const pass = await SurfaceRenderPass.create(gpu.device, FORMAT, SURFACES);
      for (const [i, def] of SURFACES.entries()) {
        const s = surfaceSetup(def);
        pass.setData(s.packed.length ? (s.packed as Float32Array<ArrayBuffer>) : null);
        const count = s.packed.length / (def.data === 'logistic' ? 3 : 2);
        const bytes = await renderToBytes((p) =>
          pass.draw(p, 0, {
            surfaceIndex: i,
            view: def.view,
            width: W,
            height: H,
            params: s.params,
            range: s.range,
            data: [0, count],
          }),
        );
        // Not a flat fill: the map spans a good part of the colour range.
        let lo = 255;
        let hi = 0;
        for (let y = 4; y < H; y += 8)
          for (let x = 4; x < W; x += 8) {
            const l = luma(bytes, x, y);
            lo = Math.min(lo, l);
            hi = Math.max(hi, l);
          }
        expect(hi - lo, def.id).toBeGreaterThan(60);
      }
      pass.destroy();
    });
  });

  it('draws Rosenbrock darker near its minimum (1, 1) than far from it', async () => {
    const index = SURFACES.findIndex((s) => s.id === 'rosenbrock');
    const def = SURFACES[index]!;
    const s = surfaceSetup(def);
    const view = def.view;
    const bytes = await withErrorScopes(gpu.device, async () => {
      const pass = await SurfaceRenderPass.create(gpu.device, FORMAT, SURFACES);
      const out = await renderToBytes((p) =>
        pass.draw(p, 0, {
          surfaceIndex: index,
          view,
          width: W,
          height: H,
          params: s.params,
          range: s.range,
        }),
      );
      pass.destroy();
      return out;
    });
    const [mx, my] = toPx(view, 1, 1);
    // Average over a 3×3 block to stay off contour lines.
    const block = (cx: number, cy: number) => {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) sum += luma(bytes, cx + dx, cy + dy);
      return sum / 9;
    };
    const near = block(mx, my);
    for (const [x, y] of [
      [-1.8, -0.8],
      [1.8, -0.8],
      [-1.8, 2.8],
      [0, 2.5],
    ] as const) {
      const [px, py] = toPx(view, x, y);
      expect(block(px, py), `(${x}, ${y})`).toBeGreaterThan(near + 40);
    }
  });
});

describe('TrajectoryRenderPass', () => {
  it('draws paths into the expected pixels and skips NaN records', async () => {
    const { device } = gpu;
    const view: ViewWindow = { xMin: 0, xMax: 4, yMin: 0, yMax: 4 };
    const recordsPerRun = 4;
    const nan = Number.NaN;
    // run 0: (0.5, 0.5) → (3.5, 0.5) → (3.5, 3.5) → (0.5, 3.5), an open square (red)
    // run 1: (0.5, 2) → (2, 2) → then NaN: diverged after its second record (green)
    // prettier-ignore
    const records = new Float32Array([
      0.5, 0.5, 1, 0.1,   3.5, 0.5, 1, 0.1,   3.5, 3.5, 1, 0.1,   0.5, 3.5, 1, 0.1,
      0.5, 2.0, 1, 0.1,   2.0, 2.0, 1, 0.1,   nan, nan, nan, 0.1, nan, nan, nan, 0.1,
    ]);
    const bytes = await withErrorScopes(device, async () => {
      const buffer = device.createBuffer({
        size: records.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(buffer, 0, records);
      const pass = await TrajectoryRenderPass.create(device, FORMAT);
      pass.setRunColors(new Uint32Array([packColor('#ff0000'), packColor('#00ff00')]));
      pass.reserve(2);
      const sel = {
        view,
        width: W,
        height: H,
        records: buffer,
        firstRun: 0,
        runCount: 2,
        recordsPerRun,
      };
      const out = await renderToBytes((p) => {
        // Only the first three records of each run: run 0's last segment must not appear.
        pass.drawPaths(p, 0, { ...sel, visibleRecords: 3, lineWidth: 3 });
        pass.drawMarkers(p, 1, { ...sel, visibleRecords: 3, radius: 5 });
      });
      pass.destroy();
      buffer.destroy();
      return out;
    });
    const at = (x: number, y: number) => pixel(bytes, ...toPx(view, x, y));
    // On run 0's first two segments: red.
    for (const [x, y] of [
      [1.5, 0.5],
      [2.5, 0.5],
      [3.5, 1.5],
      [3.5, 2.5],
    ] as const) {
      const [r, g, b] = at(x, y);
      expect(r, `(${x}, ${y})`).toBeGreaterThan(200);
      expect(g + b).toBeLessThan(40);
    }
    // Run 0's third segment is past the scrubbed record: background.
    expect(at(2, 3.5)).toEqual([0, 0, 0]);
    // Run 1's finite segment: green; where NaN follows, nothing is drawn.
    const [r1, g1] = at(1.2, 2);
    expect(g1).toBeGreaterThan(200);
    expect(r1).toBeLessThan(40);
    expect(at(3, 2)).toEqual([0, 0, 0]);
    expect(at(2, 1.2)).toEqual([0, 0, 0]);
    // Run 1's divergence marker at its last finite record (2, 2): drawn, not the background.
    const [mr, mg, mb] = at(2, 2 + 0.8 * 5 * (4 / H));
    expect(mr + mg + mb).toBeGreaterThan(0);
    // Run 0's marker sits at record 2, (3.5, 3.5): its centre has the lane's colour.
    const [cr, cg] = at(3.5, 3.5);
    expect(cr).toBeGreaterThan(150);
    expect(cg).toBeLessThan(120);
  });

  it('addresses runs by base record and stride, and clips runaway segments', async () => {
    const { device } = gpu;
    const view: ViewWindow = { xMin: 0, xMax: 4, yMin: 0, yMax: 4 };
    const per = 3;
    // Four runs of three records; the draw takes runs 1 and 3 (stride 2) from base record 3.
    // run 0: along y = 0.5 (not drawn)       run 1: along y = 1.5
    // run 2: along y = 2.5 (not drawn)       run 3: from (0.5, 3.5) to (2, 3.5), then off to 1e30
    // prettier-ignore
    const records = new Float32Array([
      0.5, 0.5, 1, 0,  2, 0.5, 1, 0,  3.5, 0.5, 1, 0,
      0.5, 1.5, 1, 0,  2, 1.5, 1, 0,  3.5, 1.5, 1, 0,
      0.5, 2.5, 1, 0,  2, 2.5, 1, 0,  3.5, 2.5, 1, 0,
      0.5, 3.5, 1, 0,  2, 3.5, 1, 0,  1e30, 3.5, 1, 0,
    ]);
    const bytes = await withErrorScopes(device, async () => {
      const buffer = device.createBuffer({
        size: records.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(buffer, 0, records);
      const pass = await TrajectoryRenderPass.create(device, FORMAT);
      pass.setRunColors(new Uint32Array([0, packColor('#00ff00'), 0, packColor('#0000ff')]));
      pass.reserve(1);
      const out = await renderToBytes((p) =>
        pass.drawPaths(p, 0, {
          view,
          width: W,
          height: H,
          records: buffer,
          firstRun: 1,
          runCount: 2,
          runStride: 2,
          baseRecord: 3,
          recordsPerRun: per,
          visibleRecords: per,
          lineWidth: 3,
        }),
      );
      pass.destroy();
      buffer.destroy();
      return out;
    });
    const at = (x: number, y: number) => pixel(bytes, ...toPx(view, x, y));
    expect(at(1, 1.5)[1]).toBeGreaterThan(200); // run 1, green
    expect(at(3, 1.5)[1]).toBeGreaterThan(200);
    expect(at(1, 0.5)).toEqual([0, 0, 0]); // run 0 skipped
    expect(at(1, 2.5)).toEqual([0, 0, 0]); // run 2 skipped
    expect(at(1, 3.5)[2]).toBeGreaterThan(200); // run 3, blue
    // The runaway segment still runs along y = 3.5 to the right edge, and nowhere else.
    expect(at(3.8, 3.5)[2]).toBeGreaterThan(200);
    expect(at(3.8, 3)).toEqual([0, 0, 0]);
    let lit = 0;
    for (let i = 0; i < bytes.length; i += 4)
      if (bytes[i]! + bytes[i + 1]! + bytes[i + 2]! > 0) lit++;
    // Two lines ~3 px wide across the width: far less than the whole target.
    expect(lit).toBeLessThan(W * 12);
  });
});
