// The composed step shader compiles cleanly, and the run layout the TypeScript side packs is
// the layout the WGSL side reads (a probe shader copies every field back through the same
// accessors and generated offsets the engine uses).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { composeStepShader } from '../../src/gpu/compose';
import { BatchEngine } from '../../src/gpu/engine';
import {
  RUN_LAYOUT,
  STATE_LAYOUT,
  constName,
  layoutFields,
  writeField,
} from '../../src/gpu/layout';
import { DEFAULT_REGISTRY } from '../../src/gpu/registry';
import { optimizerFn, surfaceFn } from '../../src/core/naming';

let gpu: NodeGpu;

beforeAll(async () => {
  gpu = await openNodeGpu();
});

afterAll(() => {
  gpu?.close();
});

describe('composeStepShader', () => {
  const code = composeStepShader(DEFAULT_REGISTRY);

  it('has one switch arm per registry entry, indexed by registry position', () => {
    DEFAULT_REGISTRY.surfaces.forEach((s, i) => {
      expect(code).toContain(`case ${i}u: { r = ${surfaceFn(s.id)}(p, sp, data); }`);
    });
    DEFAULT_REGISTRY.optimizers.forEach((o, i) => {
      // The element-wise update once per coordinate, each with its own state slots.
      const fn = optimizerFn(o.id);
      expect(code).toContain(
        `case ${i}u: { return vec2<f32>(${fn}(p.x, g.x, lr, t, s, c0, c1, opt0), ${fn}(p.y, g.y, lr, t, s, c0, c1, opt1)); }`,
      );
    });
    expect(code).toContain(`const RUN_STRIDE: u32 = ${RUN_LAYOUT.strideWords}u;`);
    expect(code).toContain(`const STATE_STRIDE: u32 = ${STATE_LAYOUT.strideWords}u;`);
  });

  it('compiles with no error messages', async () => {
    await withErrorScopes(gpu.device, async () => {
      const module = gpu.device.createShaderModule({ code });
      const info = await module.getCompilationInfo();
      const errors = info.messages
        .filter((m) => m.type === 'error')
        .map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
      expect(errors).toEqual([]);
    });
  });

  it('builds the engine pipeline without a validation error', async () => {
    await withErrorScopes(gpu.device, async () => {
      const engine = new BatchEngine(gpu.device, { registry: DEFAULT_REGISTRY });
      await expect(engine.ready).resolves.toBeUndefined();
    });
  });

  it('reports a broken snippet with the compiler message', async () => {
    const broken = {
      ...DEFAULT_REGISTRY,
      optimizers: [{ ...DEFAULT_REGISTRY.optimizers[0]!, wgsl: 'fn sgdStep( {' }],
    };
    const engine = new BatchEngine(gpu.device, { registry: broken });
    await expect(engine.ready).rejects.toThrow(/did not compile/);
  });
});

describe('run layout', () => {
  it('offsets are aligned and the stride covers every field', () => {
    for (const layout of [RUN_LAYOUT, STATE_LAYOUT]) {
      for (const f of layout.fields) {
        expect(f.offset % f.words).toBe(0);
        expect(f.offset + f.words * f.count).toBeLessThanOrEqual(layout.strideWords);
      }
      expect(layout.strideWords % 4).toBe(0);
    }
    const probe = layoutFields('P', [
      ['a', 'u32'],
      ['b', 'vec4f'],
      ['c', 'vec2u'],
    ]);
    expect(probe.fields.map((f) => f.offset)).toEqual([0, 4, 8]);
    expect(probe.strideWords).toBe(12);
    expect(constName('RUN', 'surfaceIndex')).toBe('RUN_SURFACE_INDEX');
  });

  it('the WGSL reads every field where TypeScript packed it', async () => {
    const runCount = 3;
    // Distinct values per run and field: u32 fields get integers, float fields non-integers.
    const words = new Uint32Array(runCount * RUN_LAYOUT.strideWords);
    const floats = new Float32Array(words.buffer);
    const expected: number[][] = [];
    for (let r = 0; r < runCount; r++) {
      const row: number[] = [];
      RUN_LAYOUT.fields.forEach((f, fi) => {
        const values = Array.from({ length: f.words * f.count }, (_, j) =>
          f.type.endsWith('f') || f.type === 'f32'
            ? r * 1000 + fi * 10 + j + 0.25
            : r * 1000 + fi * 10 + j,
        );
        writeField(RUN_LAYOUT, words, floats, r * RUN_LAYOUT.strideWords, f.name, values);
        row.push(...values);
      });
      expected.push(row);
    }
    const perRun = expected[0]!.length;
    // Each field through the engine's own typed accessor (runU32, runVec4f, ...), written back as bits.
    const copies: string[] = [];
    let out = 0;
    for (const f of RUN_LAYOUT.fields) {
      for (let e = 0; e < f.count; e++) {
        const at = `${constName('RUN', f.name)} + ${e * f.words}u`;
        const accessor = {
          u32: 'runU32',
          f32: 'runF32',
          vec2u: 'runVec2u',
          vec2f: 'runVec2f',
          vec4f: 'runVec4f',
        }[f.type];
        copies.push(`  { let v = ${accessor}(rb, ${at});`);
        for (let j = 0; j < f.words; j++) {
          const component = f.words === 1 ? 'v' : `v[${j}]`;
          const bits =
            f.type.endsWith('u') || f.type === 'u32' ? component : `bitcast<u32>(${component})`;
          copies.push(`    probeOut[r * ${perRun}u + ${out}u] = ${bits};`);
          out++;
        }
        copies.push('  }');
      }
    }
    const code = composeStepShader(DEFAULT_REGISTRY).replace(
      '@compute @workgroup_size(WORKGROUP_SIZE)',
      [
        '@group(1) @binding(0) var<storage, read_write> probeOut: array<u32>;',
        '@compute @workgroup_size(1)',
        'fn probe(@builtin(global_invocation_id) gid: vec3<u32>) {',
        '  let r = gid.x;',
        '  let rb = r * RUN_STRIDE;',
        ...copies,
        '}',
        '',
        '@compute @workgroup_size(WORKGROUP_SIZE)',
      ].join('\n'),
    );
    const device = gpu.device;
    const result = await withErrorScopes(device, async () => {
      const module = device.createShaderModule({ code });
      const pipeline = device.createComputePipeline({
        layout: 'auto',
        compute: { module, entryPoint: 'probe' },
      });
      const runs = device.createBuffer({
        size: words.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(runs, 0, words);
      const outBytes = runCount * perRun * 4;
      const outBuffer = device.createBuffer({
        size: outBytes,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
      });
      const read = device.createBuffer({
        size: outBytes,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(
        0,
        device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [{ binding: 1, resource: { buffer: runs } }],
        }),
      );
      pass.setBindGroup(
        1,
        device.createBindGroup({
          layout: pipeline.getBindGroupLayout(1),
          entries: [{ binding: 0, resource: { buffer: outBuffer } }],
        }),
      );
      pass.dispatchWorkgroups(runCount);
      pass.end();
      encoder.copyBufferToBuffer(outBuffer, 0, read, 0, outBytes);
      device.queue.submit([encoder.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const copy = read.getMappedRange().slice(0);
      for (const b of [runs, outBuffer, read]) b.destroy();
      return copy;
    });
    const u = new Uint32Array(result);
    const f = new Float32Array(result);
    for (let r = 0; r < runCount; r++) {
      let k = 0;
      const got: number[] = [];
      for (const field of RUN_LAYOUT.fields) {
        const isFloat = field.type === 'f32' || field.type.endsWith('f');
        for (let j = 0; j < field.words * field.count; j++, k++) {
          got.push(isFloat ? f[r * perRun + k]! : u[r * perRun + k]!);
        }
      }
      expect(got).toEqual(expected[r]);
    }
  });
});
