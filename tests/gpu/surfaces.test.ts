// Every surface's WGSL snippet against its float64 evaluate(): the float32 loss and gradient
// at a grid over the view, at the reference cases' start points and around them (with the
// cases' parameters and data), compared with float64 on the same float32-rounded inputs.
//
// Tolerance: |gpu − f64| ≤ TOL·mag per component, where mag is the same formula evaluated
// with every term made non-negative (|x|, |y|, |constants|, minus signs turned into plus,
// plus the argument-rounding terms of cos/sin/exp), i.e. the classic forward-error bound
// for float32 arithmetic, Σ|terms|·k·2⁻²⁴. A plain relative error is meaningless where
// the result cancels (rosenbrock's gradient near its minimum is 400·x·y − 400·x³ ≈ 0).
// TOL = 2e-6 ≈ 34 ulps of the largest term: the measured worst ratio is reported by the
// test's log and sits well below (see the surfaces report); a missing term, a wrong
// constant or a built-in cos/sin (1.9e-4 off on SwiftShader) exceeds it by orders of magnitude.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import mathWgsl from '../../shaders/common/math.wgsl?raw';
import { surfaceFn } from '../../src/core/naming';
import { defaultValues, num, type ParamValues } from '../../src/core/params';
import { SURFACES, packSurfaceData, surfaceDataStride } from '../../src/core/surfaces';
import type { SurfaceData, SurfaceDef } from '../../src/core/types';
import { loadReferenceCases } from '../reference';

const TOL = 2e-6;

interface RefCase {
  readonly id: string;
  readonly surface: { readonly name: string; readonly data?: SurfaceData } & Record<
    string,
    unknown
  >;
  readonly start: readonly [number, number];
  readonly f32_compare_steps: number;
  readonly expected: {
    readonly float32: { readonly x: readonly [number, number][]; readonly loss: readonly number[] };
  };
}

const CASES = loadReferenceCases<RefCase>();

const f32 = Math.fround;

/** The surface's parameters for a case (defaults filled in), as float32 values. */
function paramsOf(def: SurfaceDef, spec: Record<string, unknown> | null): ParamValues {
  const values = defaultValues(def.params);
  if (spec)
    for (const p of def.params)
      if (typeof spec[p.key] === 'number') values[p.key] = spec[p.key] as number;
  for (const p of def.params) values[p.key] = f32(num(values, p.key));
  return values;
}

/** A data set read back from its float32 packing, so float64 sees what the GPU sees. */
function roundedData(def: SurfaceDef, data: SurfaceData): SurfaceData {
  const packed = packSurfaceData(def, data);
  const stride = surfaceDataStride(def);
  const col = (k: number) =>
    Array.from({ length: packed.length / stride }, (_, i) => packed[i * stride + k]!);
  return def.data === 'logistic' ? { u: col(0), w: col(1), c: col(2) } : { u: col(0), v: col(1) };
}

/** Σ|terms| of the loss, ∂x and ∂y: the scale float32 rounding errors are relative to. */
function magnitude(
  id: string,
  x: number,
  y: number,
  p: ParamValues,
  data?: SurfaceData,
): [number, number, number] {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const x2 = x * x;
  const y2 = y * y;
  switch (id) {
    case 'quadratic': {
      const a = num(p, 'a');
      const b = num(p, 'b');
      return [0.5 * (a * x2 + b * y2), a * ax, b * ay];
    }
    case 'rosenbrock': {
      const a = Math.abs(num(p, 'a'));
      const b = num(p, 'b');
      const d = a + ax;
      const t = ay + x2;
      return [d * d + b * t * t, 2 * d + 4 * b * ax * t, 2 * b * t];
    }
    case 'beale': {
      const t1 = 1.5 + ax + ax * ay;
      const t2 = 2.25 + ax + ax * y2;
      const t3 = 2.625 + ax + ax * y2 * ay;
      return [
        t1 * t1 + t2 * t2 + t3 * t3,
        2 * t1 * (ay + 1) + 2 * t2 * (y2 + 1) + 2 * t3 * (y2 * ay + 1),
        2 * t1 * ax + 4 * t2 * ax * ay + 6 * t3 * ax * y2,
      ];
    }
    case 'himmelblau': {
      const a = x2 + ay + 11;
      const b = ax + y2 + 7;
      return [a * a + b * b, 4 * a * ax + 2 * b, 2 * a + 4 * b * ay];
    }
    case 'booth': {
      const a = ax + 2 * ay + 7;
      const b = 2 * ax + ay + 5;
      return [a * a + b * b, 2 * a + 4 * b, 4 * a + 2 * b];
    }
    case 'matyas':
      return [0.26 * (x2 + y2) + 0.48 * ax * ay, 0.52 * ax + 0.48 * ay, 0.52 * ay + 0.48 * ax];
    case 'three_hump_camel':
      return [
        2 * x2 + 1.05 * x2 * x2 + (x2 * x2 * x2) / 6 + ax * ay + y2,
        4 * ax + 4.2 * x2 * ax + x2 * x2 * ax + ay,
        ax + 2 * ay,
      ];
    case 'goldstein_price': {
      const s = ax + ay + 1;
      const pp = 19 + 14 * ax + 3 * x2 + 14 * ay + 6 * ax * ay + 3 * y2;
      const d = 2 * ax + 3 * ay;
      const q = 18 + 32 * ax + 12 * x2 + 48 * ay + 36 * ax * ay + 27 * y2;
      const fa = 1 + s * s * pp;
      const fb = 30 + d * d * q;
      const da = 2 * s * pp + s * s * (6 * ax + 6 * ay + 14);
      const dbx = 4 * d * q + d * d * (24 * ax + 36 * ay + 32);
      const dby = 6 * d * q + d * d * (54 * ay + 36 * ax + 48);
      return [fa * fb, da * fb + fa * dbx, da * fb + fa * dby];
    }
    case 'rastrigin': {
      // The cos/sin argument fl32(2π)·x carries an absolute error of about |2πx|·2⁻²⁴, which
      // moves A·cos by A·|2πx|·|sin| and A·2π·sin by A·2π·|2πx|·|cos|.
      const A = num(p, 'A');
      const c = 2 * Math.PI;
      const term = (v: number) => {
        const t = c * v;
        return [
          A * (Math.abs(Math.cos(t)) + Math.abs(t * Math.sin(t))),
          A * c * (Math.abs(Math.sin(t)) + Math.abs(t * Math.cos(t))),
        ] as const;
      };
      const [lx, gx] = term(x);
      const [ly, gy] = term(y);
      return [2 * A + x2 + y2 + lx + ly, 2 * ax + gx, 2 * ay + gy];
    }
    case 'ackley': {
      const a = num(p, 'a');
      const b = num(p, 'b');
      const c = num(p, 'c');
      const r = Math.sqrt(0.5 * (x2 + y2));
      const e1 = Math.exp(-b * r);
      const tx = c * x;
      const ty = c * y;
      const e2 = Math.exp(0.5 * (Math.cos(tx) + Math.cos(ty)));
      // e2's argument errs by about (|tx·sin tx| + |ty·sin ty|)/2 ulps of 1, e1's by b·r ulps.
      const arg2 = 1 + 0.5 * (Math.abs(tx * Math.sin(tx)) + Math.abs(ty * Math.sin(ty)));
      const g = r > 0 ? (a * b * e1 * (1 + b * r)) / (2 * r) : 0;
      const h = 0.5 * e2 * c;
      return [
        a * e1 * (1 + b * r) + e2 * arg2 + a + Math.E,
        g * ax + h * (Math.abs(Math.sin(tx)) * arg2 + Math.abs(tx * Math.cos(tx))),
        g * ay + h * (Math.abs(Math.sin(ty)) * arg2 + Math.abs(ty * Math.cos(ty))),
      ];
    }
    case 'styblinski_tang':
      return [
        0.5 * (x2 * x2 + 16 * x2 + 5 * ax + y2 * y2 + 16 * y2 + 5 * ay),
        2 * x2 * ax + 16 * ax + 2.5,
        2 * y2 * ay + 16 * ay + 2.5,
      ];
    case 'saddle': {
      const a = num(p, 'a');
      const b = num(p, 'b');
      return [a * x2 + b * y2, 2 * a * ax, 2 * b * ay];
    }
    case 'linear_regression': {
      const d = data!;
      const n = d.u.length;
      let ml = 0;
      let mx = 0;
      let my = 0;
      for (let i = 0; i < n; i++) {
        const u = d.u[i]!;
        const s = Math.abs(x * u) + ay + Math.abs(d.v![i]!);
        ml += s * s;
        mx += 2 * s * Math.abs(u);
        my += 2 * s;
      }
      return [ml / n, mx / n, my / n];
    }
    case 'logistic_regression': {
      const d = data!;
      const n = d.u.length;
      let ml = 0;
      let mx = 0;
      let my = 0;
      for (let i = 0; i < n; i++) {
        const u = d.u[i]!;
        const w = d.w![i]!;
        const z = x * u + y * w;
        const s = Math.abs(x * u) + Math.abs(y * w);
        const sp = Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
        ml += sp + Math.abs(d.c![i]! * z) + s;
        const k = 1 / (1 + Math.exp(-z)) + d.c![i]! + 0.25 * s;
        mx += k * Math.abs(u);
        my += k * Math.abs(w);
      }
      return [ml / n, mx / n, my / n];
    }
    default:
      throw new Error(`no magnitude for ${id}`);
  }
}

interface Probe {
  readonly surface: number;
  readonly x: number;
  readonly y: number;
  readonly params: ParamValues;
  readonly data: SurfaceData | undefined;
  /** Offset (floats) and count of the probe's data set in surfaceData. */
  readonly dataRange: readonly [number, number];
  readonly where: string;
  /** PyTorch's float32 loss at this point, for points of a reference trajectory. */
  readonly torchLoss?: number;
}

function composeShader(): string {
  const arms = SURFACES.map(
    (s, i) =>
      `    case ${i}u: { r = ${surfaceFn(s.id)}(p, sps[i], vec4<u32>(info[i].yz, 0u, 0u)); }`,
  ).join('\n');
  return [
    mathWgsl,
    ...SURFACES.map((s) => s.wgsl),
    `
@group(0) @binding(0) var<storage, read> surfaceData: array<f32>;
@group(0) @binding(1) var<storage, read> pts: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> sps: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> info: array<vec4<u32>>; // surface, data offset, count, 0
@group(0) @binding(4) var<storage, read_write> outp: array<vec4<f32>>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= arrayLength(&outp)) {
    return;
  }
  let p = pts[i];
  var r = vec3<f32>(0.0);
  switch (info[i].x) {
${arms}
    default: {}
  }
  outp[i] = vec4<f32>(r, 0.0);
}
`,
  ].join('\n');
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Probes for every surface and the surfaceData array they index. */
function buildProbes(): { probes: Probe[]; dataArray: Float32Array } {
  const probes: Probe[] = [];
  const chunks: Float32Array[] = [];
  let dataLength = 0;
  const rand = mulberry32(12345);
  SURFACES.forEach((def, surface) => {
    const cases = CASES.filter((c) => c.surface.name === def.id);
    const sets: {
      params: ParamValues;
      data: SurfaceData | undefined;
      range: [number, number];
      starts: [number, number][];
      tag: string;
      trajectory?: RefCase['expected']['float32'] & { steps: number };
    }[] = [];
    for (const c of cases) {
      let data: SurfaceData | undefined;
      let range: [number, number] = [0, 0];
      if (def.data) {
        const packed = packSurfaceData(def, c.surface.data!);
        data = roundedData(def, c.surface.data!);
        range = [dataLength, data.u.length];
        chunks.push(packed);
        dataLength += packed.length;
      }
      sets.push({
        params: paramsOf(def, c.surface),
        data,
        range,
        starts: [[c.start[0], c.start[1]]],
        tag: c.id,
        trajectory: { ...c.expected.float32, steps: c.f32_compare_steps },
      });
    }
    if (!def.data)
      sets.unshift({
        params: paramsOf(def, null),
        data: undefined,
        range: [0, 0],
        starts: [],
        tag: 'defaults',
      });
    const { xMin, xMax, yMin, yMax } = def.view;
    sets.forEach((set, k) => {
      const add = (x: number, y: number, where: string, torchLoss?: number) =>
        probes.push({
          surface,
          x: f32(x),
          y: f32(y),
          params: set.params,
          data: set.data,
          dataRange: set.range,
          where: `${set.tag} ${where}`,
          ...(torchLoss === undefined ? {} : { torchLoss: f32(torchLoss) }),
        });
      // The float32 trajectory's points inside its compare window, with PyTorch's loss there.
      const tr = set.trajectory;
      if (tr)
        for (let t = 0; t <= tr.steps; t++) add(tr.x[t]![0], tr.x[t]![1], `step ${t}`, tr.loss[t]);
      // The first set gets a fine grid, later ones a coarse grid plus random points.
      const n = k === 0 ? 41 : 9;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          add(xMin + ((xMax - xMin) * i) / (n - 1), yMin + ((yMax - yMin) * j) / (n - 1), 'grid');
      for (let i = 0; i < 40; i++)
        add(xMin + (xMax - xMin) * rand(), yMin + (yMax - yMin) * rand(), 'random');
      for (const [sx, sy] of set.starts) {
        add(sx, sy, 'start');
        for (let i = 0; i < 8; i++)
          add(sx + 0.1 * (rand() - 0.5), sy + 0.1 * (rand() - 0.5), 'near start');
      }
    });
  });
  const dataArray = new Float32Array(Math.max(dataLength, 4));
  let at = 0;
  for (const c of chunks) {
    dataArray.set(c, at);
    at += c.length;
  }
  return { probes, dataArray };
}

let gpu: NodeGpu;
let results: Float32Array;
let probes: Probe[];

beforeAll(async () => {
  gpu = await openNodeGpu();
  const built = buildProbes();
  probes = built.probes;
  const device = gpu.device;
  const n = probes.length;
  results = await withErrorScopes(device, async () => {
    const module = device.createShaderModule({ label: 'surfaces.test', code: composeShader() });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === 'error');
    if (errors.length > 0)
      throw new Error(errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`).join('\n'));
    const pipeline = device.createComputePipeline({
      label: 'surfaces.test',
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
    });
    const pts = new Float32Array(2 * n);
    const sps = new Float32Array(4 * n);
    const info32 = new Uint32Array(4 * n);
    probes.forEach((p, i) => {
      pts[2 * i] = p.x;
      pts[2 * i + 1] = p.y;
      SURFACES[p.surface]!.params.forEach(
        (param, k) => (sps[4 * i + k] = num(p.params, param.key)),
      );
      info32[4 * i] = p.surface;
      info32[4 * i + 1] = p.dataRange[0];
      info32[4 * i + 2] = p.dataRange[1];
    });
    const buffer = (label: string, data: ArrayBufferView & { byteLength: number }) => {
      const b = device.createBuffer({
        label,
        size: data.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(b, 0, data.buffer, data.byteOffset, data.byteLength);
      return b;
    };
    const buffers = [
      buffer('surfaceData', built.dataArray),
      buffer('pts', pts),
      buffer('sps', sps),
      buffer('info', info32),
    ];
    // n probes × vec4<f32> (16 bytes).
    const out = device.createBuffer({
      label: 'outp',
      size: 16 * n,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    });
    const read = device.createBuffer({
      label: 'read',
      size: 16 * n,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [...buffers, out].map((b, binding) => ({ binding, resource: { buffer: b } })),
    });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(n / 64));
    pass.end();
    encoder.copyBufferToBuffer(out, 0, read, 0, 16 * n);
    device.queue.submit([encoder.finish()]);
    await read.mapAsync(GPUMapMode.READ);
    const copy = new Float32Array(read.getMappedRange().slice(0));
    read.unmap();
    for (const b of [...buffers, out, read]) b.destroy();
    return copy;
  });
});

afterAll(() => {
  gpu?.close();
});

describe('surface WGSL snippets vs float64 evaluate()', () => {
  it('every snippet defines its function once, with the contract signature', () => {
    for (const def of SURFACES) {
      const sig = `fn ${surfaceFn(def.id)}(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32>`;
      expect(def.wgsl.split(sig).length - 1, def.id).toBe(1);
      // Snippets declare no bindings: the engine owns surfaceData.
      expect(def.wgsl, def.id).not.toMatch(/@group|@binding|var<storage/);
    }
  });

  it('every snippet is valid in a fragment shader too (the map renders with them)', async () => {
    const calls = SURFACES.map(
      (s, i) =>
        `  acc = acc + ${surfaceFn(s.id)}(p, vec4<f32>(1.0, 2.0, 3.0, 0.0), vec4<u32>(${i}u, 4u, 0u, 0u));`,
    ).join('\n');
    const code = [
      mathWgsl,
      ...SURFACES.map((s) => s.wgsl),
      `
@group(0) @binding(0) var<storage, read> surfaceData: array<f32>;

@vertex
fn vs(@builtin(vertex_index) i: u32) -> @builtin(position) vec4<f32> {
  let xy = vec2<f32>(f32(i & 1u), f32(i >> 1u)) * 2.0 - 1.0;
  return vec4<f32>(xy, 0.0, 1.0);
}

@fragment
fn fs(@builtin(position) pos: vec4<f32>) -> @location(0) vec4<f32> {
  let p = pos.xy * 0.01;
  var acc = vec3<f32>(0.0);
${calls}
  return vec4<f32>(acc, 1.0);
}
`,
    ].join('\n');
    const device = gpu.device;
    await withErrorScopes(device, async () => {
      const module = device.createShaderModule({ label: 'surfaces.fragment', code });
      await device.createRenderPipelineAsync({
        label: 'surfaces.fragment',
        layout: 'auto',
        vertex: { module, entryPoint: 'vs' },
        fragment: { module, entryPoint: 'fs', targets: [{ format: 'rgba8unorm' }] },
        primitive: { topology: 'triangle-strip' },
      });
    });
  });

  it.each(SURFACES.map((s, i) => [s.id, i] as const))('%s matches within %#', (id, index) => {
    const def = SURFACES[index]!;
    const ref = new Float64Array(3);
    let worst = 0;
    let worstAt = '';
    let count = 0;
    probes.forEach((p, i) => {
      if (p.surface !== index) return;
      count++;
      def.evaluate(p.x, p.y, p.params, ref, p.data);
      const mag = magnitude(id, p.x, p.y, p.params, p.data);
      for (let k = 0; k < 3; k++) {
        const got = results[4 * i + k]!;
        const ratio = Math.abs(got - ref[k]!) / (mag[k]! + 1e-30);
        if (!(ratio <= worst)) {
          worst = ratio;
          worstAt = `${p.where} (${p.x}, ${p.y}) component ${k}: gpu ${got}, f64 ${ref[k]}, mag ${mag[k]}`;
        }
      }
    });
    console.log(
      `${id}: ${count} probes, worst |gpu − f64|/mag = ${worst.toExponential(2)} at ${worstAt}`,
    );
    expect(count).toBeGreaterThan(100);
    expect(worst, worstAt).toBeLessThanOrEqual(TOL);
  });
});

describe('surface WGSL snippets vs PyTorch float32', () => {
  // Same inputs (PyTorch's float32 trajectory points), so only the order of float32
  // operations differs: the bound is the same TOL·Σ|terms| as against float64.
  it('gives PyTorch float32 losses along the reference trajectories', () => {
    let worst = 0;
    let worstRel = 0;
    let worstAt = '';
    let count = 0;
    probes.forEach((p, i) => {
      if (p.torchLoss === undefined) return;
      count++;
      const def = SURFACES[p.surface]!;
      const got = results[4 * i]!;
      const mag = magnitude(def.id, p.x, p.y, p.params, p.data)[0];
      const ratio = Math.abs(got - p.torchLoss) / mag;
      worstRel = Math.max(worstRel, Math.abs(got - p.torchLoss) / (1 + Math.abs(p.torchLoss)));
      if (!(ratio <= worst)) {
        worst = ratio;
        worstAt = `${p.where} (${p.x}, ${p.y}): gpu ${got}, torch ${p.torchLoss}, mag ${mag}`;
      }
    });
    console.log(
      `${count} trajectory points: worst |gpu − torch|/mag = ${worst.toExponential(2)} at ${worstAt}; ` +
        `worst |gpu − torch|/(1 + |torch|) = ${worstRel.toExponential(2)}`,
    );
    expect(count).toBeGreaterThan(20000);
    expect(worst, worstAt).toBeLessThanOrEqual(TOL);
  });
});

describe('math.wgsl helpers vs float64', () => {
  /** ulps of float32 at v: the spacing of float32 numbers around |v|. */
  const ulp = (v: number) => {
    const a = Math.abs(f32(v));
    return a < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(a)) - 23);
  };

  async function evaluateHelpers(args: Float32Array<ArrayBuffer>): Promise<Float32Array> {
    const device = gpu.device;
    const n = args.length;
    const code = `${mathWgsl}
@group(0) @binding(0) var<storage, read> args: array<f32>;
@group(0) @binding(1) var<storage, read_write> outp: array<f32>; // 12 per argument
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= arrayLength(&args)) {
    return;
  }
  let a = args[i];
  let sc = dlSinCos(a);
  let r = array<f32, 12>(sc.x, sc.y, dlSin(a), dlCos(a), dlExp(a), dlLog(abs(a)),
    dlLog1p(abs(a)), dlSoftplus(a), dlSigmoid(a), sin(a), cos(a), exp(a));
  for (var k = 0u; k < 12u; k = k + 1u) {
    outp[12u * i + k] = r[k];
  }
}`;
    return withErrorScopes(device, async () => {
      const module = device.createShaderModule({ label: 'math.test', code });
      const pipeline = device.createComputePipeline({
        label: 'math.test',
        layout: 'auto',
        compute: { module, entryPoint: 'main' },
      });
      const inBuf = device.createBuffer({
        label: 'args',
        size: 4 * n, // n × f32
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(inBuf, 0, args);
      const out = device.createBuffer({
        label: 'outp',
        size: 48 * n, // n × 12 × f32
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
      });
      const read = device.createBuffer({
        label: 'read',
        size: 48 * n,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [inBuf, out].map((b, binding) => ({ binding, resource: { buffer: b } })),
      });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(Math.ceil(n / 64));
      pass.end();
      encoder.copyBufferToBuffer(out, 0, read, 0, 48 * n);
      device.queue.submit([encoder.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const copy = new Float32Array(read.getMappedRange().slice(0));
      read.unmap();
      for (const b of [inBuf, out, read]) b.destroy();
      return copy;
    });
  }

  it('dl* functions are within a few ulps where PyTorch needs them', async () => {
    // Arguments: rastrigin's fl32(2π)·x for |x| ≤ 5.12 (|arg| ≤ 32.2), ackley's exponents,
    // tiny values where sin must stay accurate relative to itself, and softplus's range.
    const rand = mulberry32(99);
    const list: number[] = [0, 1, -1, Math.PI, -Math.PI / 2, 1e-30, 88, -88];
    for (let i = 0; i < 20000; i++) list.push(f32(-33 + 66 * rand()));
    for (let i = 0; i < 2000; i++) list.push(f32((rand() - 0.5) * 10 ** (-8 * rand())));
    for (let i = 0; i < 2000; i++) list.push(f32(f32(2 * Math.PI) * f32((rand() - 0.5) * 10.24)));
    for (let i = 0; i < 2000; i++) list.push(f32(-90 + 180 * rand()));
    const args = new Float32Array(list);
    const out = await evaluateHelpers(args);
    const names = [
      'sin',
      'cos',
      'dlSin',
      'dlCos',
      'dlExp',
      'dlLog',
      'dlLog1p',
      'dlSoftplus',
      'dlSigmoid',
      'builtin sin',
      'builtin cos',
      'builtin exp',
    ];
    const refs: ((a: number) => number)[] = [
      Math.sin,
      Math.cos,
      Math.sin,
      Math.cos,
      Math.exp,
      (a) => Math.log(Math.abs(a)),
      (a) => Math.log1p(Math.abs(a)),
      (a) => Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a))),
      (a) => 1 / (1 + Math.exp(-a)),
      Math.sin,
      Math.cos,
      Math.exp,
    ];
    // Error in ulps of the result; for sin/cos also the absolute error (their ulps blow up
    // at the zeros, where an absolute bound is what the optimizers see).
    const worstUlp = new Array<number>(12).fill(0);
    const worstAbs = new Array<number>(12).fill(0);
    args.forEach((a, i) => {
      for (let k = 0; k < 12; k++) {
        const want = refs[k]!(a);
        const got = out[12 * i + k]!;
        if (!Number.isFinite(want) || Math.abs(want) > 3e38 || Math.abs(want) < 1e-37) continue;
        if (k === 5 && a === 0) continue;
        const e = Math.abs(got - want);
        worstUlp[k] = Math.max(worstUlp[k]!, e / ulp(want));
        worstAbs[k] = Math.max(worstAbs[k]!, e);
      }
    });
    console.log(
      names
        .map((n, k) => `${n}: ${worstUlp[k]!.toFixed(2)} ulp, ${worstAbs[k]!.toExponential(2)} abs`)
        .join('\n'),
    );
    // sin/cos within 2 ulps of the result over |x| ≤ 33 (including tiny x and near zeros of cos:
    // the reduction keeps ~24 + 8 bits of the reduced argument).
    for (const k of [0, 1, 2, 3]) expect(worstUlp[k], names[k]).toBeLessThanOrEqual(2);
    expect(worstUlp[4], 'dlExp').toBeLessThanOrEqual(2);
    expect(worstUlp[5], 'dlLog').toBeLessThanOrEqual(2);
    expect(worstUlp[6], 'dlLog1p').toBeLessThanOrEqual(3);
    expect(worstUlp[7], 'dlSoftplus').toBeLessThanOrEqual(4);
    expect(worstUlp[8], 'dlSigmoid').toBeLessThanOrEqual(4);
  });
});
