// Stochastic gradients on the WGSL engine (src/core/noise.ts): the generator's integers and
// uniforms are bit-identical to TypeScript's, its normals agree to float32 rounding, and noisy
// runs (Gaussian noise; mini-batches on a data surface) follow the float64 path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mathWgsl from '../../shaders/common/math.wgsl?raw';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import {
  gaussianPair,
  noiseDraw,
  noisyRun,
  pcgHash,
  stepKey,
  uniformOf,
  DEFAULT_NOISE,
  type NoiseConfig,
} from '../../src/core/noise';
import { defaultValues } from '../../src/core/params';
import { simulate } from '../../src/core/simulate';
import { generateData } from '../../src/core/surfaceData';
import type { ResolvedRun, Trajectory } from '../../src/core/types';
import { BatchEngine } from '../../src/gpu/engine';
import { DEFAULT_REGISTRY } from '../../src/gpu/registry';

let gpu: NodeGpu;
let engine: BatchEngine;

beforeAll(async () => {
  gpu = await openNodeGpu();
  engine = await BatchEngine.create(gpu.device, { registry: DEFAULT_REGISTRY });
});

afterAll(() => {
  gpu?.close();
});

const KERNEL = `
@group(0) @binding(0) var<storage, read> inputs: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<u32>>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= arrayLength(&inputs)) {
    return;
  }
  let seed = inputs[i].x;
  let t = inputs[i].y;
  let key = stepKey(seed, t);
  let z = gaussianPair(key);
  out[2u * i] = vec4<u32>(pcgHash(seed), key, noiseDraw(key, 5u), bitcast<u32>(uniformOf(noiseDraw(key, 0u))));
  out[2u * i + 1u] = vec4<u32>(bitcast<u32>(uniformOf(noiseDraw(key, 1u))), bitcast<u32>(z.x), bitcast<u32>(z.y), 0u);
}
`;

/** Runs the test kernel over (seed, t) pairs; 8 words back per pair. */
async function generatorOnGpu(pairs: Uint32Array<ArrayBuffer>): Promise<Uint32Array> {
  const device = gpu.device;
  return withErrorScopes(device, async () => {
    const n = pairs.length / 2;
    const module = device.createShaderModule({
      label: 'noise.kernel',
      code: `${mathWgsl}\n${KERNEL}`,
    });
    const pipeline = device.createComputePipeline({
      label: 'noise.kernel',
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
    });
    const input = device.createBuffer({
      label: 'noise.inputs',
      size: pairs.byteLength,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    });
    device.queue.writeBuffer(input, 0, pairs);
    const out = device.createBuffer({
      label: 'noise.out',
      size: n * 32, // two vec4<u32> per pair
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    });
    const read = device.createBuffer({
      label: 'noise.read',
      size: n * 32,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: input } },
        { binding: 1, resource: { buffer: out } },
      ],
    });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(n / 64));
    pass.end();
    encoder.copyBufferToBuffer(out, 0, read, 0, n * 32);
    device.queue.submit([encoder.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    const words = new Uint32Array(read.getMappedRange().slice(0));
    read.unmap();
    for (const b of [input, out, read]) b.destroy();
    return words;
  });
}

describe('the counter-based generator in WGSL', () => {
  it('gives the same hashes and uniform bits as TypeScript, normals to float32 rounding', async () => {
    const pairs: number[] = [];
    for (let s = 0; s < 64; s++)
      for (let t = 0; t < 64; t++) pairs.push(s * 977 + (s & 1 ? 0xfffffff0 : 0), t * 131);
    pairs.push(0xffffffff, 0xffffffff, 0, 0);
    const words = await generatorOnGpu(new Uint32Array(pairs.map((v) => v >>> 0)));
    const f32 = new Float32Array(words.buffer);
    const z = new Float64Array(2);
    let worstNormal = 0;
    for (let i = 0; i < pairs.length / 2; i++) {
      const seed = pairs[2 * i]! >>> 0;
      const t = pairs[2 * i + 1]! >>> 0;
      const key = stepKey(seed, t);
      const at = 8 * i;
      expect(words[at], `pcg(${seed})`).toBe(pcgHash(seed));
      expect(words[at + 1], `stepKey(${seed}, ${t})`).toBe(key);
      expect(words[at + 2]).toBe(noiseDraw(key, 5));
      // Bit-identical uniforms: TS's float64 value is exactly a float32.
      expect(f32[at + 3]).toBe(uniformOf(noiseDraw(key, 0)));
      expect(f32[at + 4]).toBe(uniformOf(noiseDraw(key, 1)));
      gaussianPair(seed, t, z);
      for (let k = 0; k < 2; k++) {
        const err = Math.abs(f32[at + 5 + k]! - z[k]!) / (1 + Math.abs(z[k]!));
        worstNormal = Math.max(worstNormal, err);
      }
    }
    // ln, sin and cos in float32 (the dl* helpers, ~1 ulp) and θ rounded to float32.
    expect(worstNormal).toBeLessThan(2e-6);
  });
});

function baseRun(surfaceId: string, optimizerId: string, lr: number, steps: number): ResolvedRun {
  const s = DEFAULT_REGISTRY.surfaces.find((d) => d.id === surfaceId)!;
  const o = DEFAULT_REGISTRY.optimizers.find((d) => d.id === optimizerId)!;
  return {
    id: `${surfaceId}/${optimizerId}`,
    surface: s.data
      ? { id: s.id, params: defaultValues(s.params), data: generateData(s.data, 1) }
      : { id: s.id, params: defaultValues(s.params) },
    start: s.defaultStart,
    optimizer: { id: o.id, params: { ...defaultValues(o.params), lr } },
    schedule: null,
    clip: { maxNorm: null, maxValue: null },
    steps,
  };
}

async function onGpu(runs: ResolvedRun[]): Promise<Trajectory[]> {
  return withErrorScopes(gpu.device, async () => {
    const batch = engine.prepare(runs);
    try {
      await batch.run(64);
      return await batch.readBack();
    } finally {
      batch.destroy();
    }
  });
}

/** Worst |gpu − f64| / (1 + |f64|) over x and loss of every step of every run. */
function worstError(gpuRuns: Trajectory[], cpuRuns: Trajectory[]): number {
  let worst = 0;
  gpuRuns.forEach((g, r) => {
    const c = cpuRuns[r]!;
    expect(g.divergedAt, `run ${r}`).toBe(c.divergedAt);
    for (const key of ['x', 'loss'] as const) {
      c[key].forEach((v, i) => {
        const err = Math.abs(g[key][i]! - v) / (1 + Math.abs(v));
        if (!(err <= worst)) worst = err;
      });
    }
  });
  return worst;
}

describe('noisy runs on the WGSL engine vs the float64 path', () => {
  const cases: [string, string, number, Partial<NoiseConfig>][] = [
    ['booth', 'sgd', 0.02, { sigma: 1, relative: false }],
    ['booth', 'adam', 0.1, { sigma: 0.5, relative: true }],
    ['quadratic', 'adam', 0.05, { sigma: 0.3, relative: false }],
    ['quadratic', 'sgd', 0.02, { sigma: 0.2, relative: true }],
  ];
  it.each(cases)('%s / %s (lr %s, %o), 48 seeds × 300 steps', async (surface, opt, lr, n) => {
    const base = baseRun(surface, opt, lr, 300);
    const noise = { ...DEFAULT_NOISE, ...n };
    const runs = Array.from({ length: 48 }, (_, seed) => noisyRun(base, noise, seed, `s${seed}`));
    const cpu = runs.map((r) => simulate(r));
    const got = await onGpu(runs);
    // The seeds really differ: the runs end apart.
    const ends = new Set(cpu.map((t) => t.x[600]!.toFixed(6)));
    expect(ends.size).toBe(48);
    // float32 vs float64 on a contracting surface: the noise sequence is the same, so the
    // rounding differences stay at the float32 level (docs/TOLERANCES.md: x 1e-4).
    expect(worstError(got, cpu)).toBeLessThan(1e-4);
  });

  it('mini-batches on linear_regression (SGD and Adam, batch 1 and 10) follow the float64 path', async () => {
    const runs: ResolvedRun[] = [];
    for (const [opt, lr] of [
      ['sgd', 0.05],
      ['adam', 0.05],
    ] as const) {
      for (const batch of [1, 10]) {
        const base = baseRun('linear_regression', opt, lr, 300);
        for (let seed = 0; seed < 16; seed++)
          runs.push(noisyRun(base, { ...DEFAULT_NOISE, batch }, seed, `${opt}${batch}s${seed}`));
      }
    }
    const cpu = runs.map((r) => simulate(r));
    const got = await onGpu(runs);
    expect(worstError(got, cpu)).toBeLessThan(1e-4);
    // A batch loss is not the full loss: the noiseless run's loss at step 0 differs.
    const full = simulate(baseRun('linear_regression', 'sgd', 0.05, 1));
    expect(got[0]!.loss[0]).not.toBeCloseTo(full.loss[0]!, 3);
  });

  it('leaves noiseless runs in the same batch unchanged', async () => {
    const base = baseRun('booth', 'adam', 0.1, 200);
    const noisy = noisyRun(base, { ...DEFAULT_NOISE, sigma: 0.5 }, 1, 'noisy');
    const [plain, withNoise] = await onGpu([base, noisy]);
    const [alone] = await onGpu([base]);
    expect(Array.from(plain!.x)).toEqual(Array.from(alone!.x));
    expect(Array.from(plain!.x)).not.toEqual(Array.from(withNoise!.x));
  });
});
