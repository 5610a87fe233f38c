// The generated WGSL of typed surfaces against their float64 evaluation: the classic surfaces
// typed as text and 200 random expressions, each compiled into a compute shader with
// math.wgsl, evaluated at points over [−2, 2]² and compared with compileSurface on the same
// float32-rounded inputs.
//
// Tolerance: |gpu − f64| ≤ 1e-5·|f64| + 16·bound, where bound is a first-order forward error
// bound of float32 evaluation propagated through the same trees (each operation's rounding,
// 2⁻²⁴ of its result, carried to the output through the partial derivatives; a few ulps for
// the dl* helpers and for tanh/sinh/cosh; |v·log u| ulps for u^v through exp and log). A
// point is skipped where the bound is not finite or a step (sign, ge) is within its error of
// switching; the test counts skips and requires most points checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import mathWgsl from '../../shaders/common/math.wgsl?raw';
import {
  compileSurface,
  derivative,
  formatExpression,
  parseExpression,
  simplify,
  surfaceWgsl,
  type Expr,
} from '../../src/core/expr';
import { CLASSIC_SURFACES, RANDOM_PARAMS, randomExpression } from '../expr-random';
import { mulberry32 } from '../../src/core/rng';

const U = 2 ** -24;
const f32 = Math.fround;
const PARAMS = [f32(1.3), f32(0.7)];
const POINTS_PER_EXPR = 24;

/** Value and float32 error bound of a tree at a point. */
function bounded(e: Expr, x: number, y: number, p: readonly number[]): [number, number] {
  const memo = new Map<Expr, [number, number]>();
  const go = (n: Expr): [number, number] => {
    const hit = memo.get(n);
    if (hit) return hit;
    const r = rule(n);
    memo.set(n, r);
    return r;
  };
  const rule = (n: Expr): [number, number] => {
    switch (n.kind) {
      case 'num':
        return [n.value, Math.abs(n.value) * U];
      case 'var':
        return [n.name === 'x' ? x : y, 0];
      case 'param':
        return [p[RANDOM_PARAMS.indexOf(n.name as 'a' | 'b')]!, 0];
      case 'neg': {
        const [a, ea] = go(n.arg);
        return [-a, ea];
      }
      case 'bin': {
        const [a, ea] = go(n.left);
        const [b, eb] = go(n.right);
        switch (n.op) {
          case '+':
            return [a + b, ea + eb + U * Math.abs(a + b)];
          case '-':
            return [a - b, ea + eb + U * Math.abs(a - b)];
          case '*':
            return [a * b, Math.abs(b) * ea + Math.abs(a) * eb + ea * eb + U * Math.abs(a * b)];
          case '/':
            return [a / b, ea / Math.abs(b) + (Math.abs(a) * eb) / (b * b) + U * Math.abs(a / b)];
          case '^': {
            const v = Math.pow(a, b);
            const dLog = Math.abs(b * Math.log(Math.abs(a)));
            const ops = Number.isInteger(b) && Math.abs(b) <= 16 ? Math.abs(b) + 1 : 4 + 2 * dLog;
            const du = Math.abs(b * Math.pow(a, b - 1)) * ea;
            const dv = eb === 0 ? 0 : Math.abs(v * Math.log(Math.abs(a))) * eb;
            return [v, du + dv + ops * U * Math.abs(v)];
          }
        }
        break;
      }
      case 'call': {
        const [a, ea] = go(n.args[0]!);
        const [b, eb] = n.args[1] ? go(n.args[1]) : [0, 0];
        const fn = n.fn;
        const k = (v: number, d: number, ulps: number): [number, number] => [
          v,
          Math.abs(d) * ea + ulps * U * Math.abs(v),
        ];
        switch (fn) {
          case 'sin':
            return k(Math.sin(a), Math.cos(a), 4);
          case 'cos':
            return k(Math.cos(a), Math.sin(a), 4);
          case 'tan':
            return k(Math.tan(a), 1 / Math.cos(a) ** 2, 8);
          case 'exp':
            return k(Math.exp(a), Math.exp(a), 4);
          case 'log':
            return k(Math.log(a), 1 / a, 4);
          case 'sqrt':
            return k(Math.sqrt(a), 0.5 / Math.sqrt(a), 2);
          case 'abs':
            return k(Math.abs(a), 1, 0);
          case 'tanh':
            return k(Math.tanh(a), 1 - Math.tanh(a) ** 2, 8);
          case 'sinh':
            return k(Math.sinh(a), Math.cosh(a), 8 + 2 * Math.abs(a));
          case 'cosh':
            return k(Math.cosh(a), Math.sinh(a), 8 + 2 * Math.abs(a));
          case 'sign':
            return [Math.sign(a), Math.abs(a) <= ea ? Infinity : 0];
          case 'ge':
          case 'min':
          case 'max': {
            if (Math.abs(a - b) <= ea + eb) {
              if (fn === 'ge') return [a >= b ? 1 : 0, Infinity];
            }
            if (fn === 'ge') return [a >= b ? 1 : 0, 0];
            const v = fn === 'min' ? Math.min(a, b) : Math.max(a, b);
            return [v, Math.max(ea, eb)];
          }
        }
      }
    }
    return [NaN, Infinity];
  };
  return go(e);
}

interface Case {
  readonly label: string;
  readonly expr: Expr;
  readonly params: readonly string[];
  readonly wgsl: string;
}

function buildCases(): Case[] {
  const cases: Case[] = [];
  const add = (label: string, text: string) => {
    const r = parseExpression(text);
    if (!r.ok) throw new Error(`${text}: ${r.message}`);
    const params = [...RANDOM_PARAMS];
    const fn = `exprSurface${cases.length}`;
    cases.push({ label, expr: r.expr, params, wgsl: surfaceWgsl(r.expr, fn, params) });
  };
  for (const [name, text] of CLASSIC_SURFACES) add(name, text);
  const rand = mulberry32(99);
  for (let i = 0; i < 200; i++) {
    const text = formatExpression(randomExpression(rand, 4));
    add(text, text);
  }
  // Constant subexpressions that are not finite must still compile (no const-eval error).
  add('non-finite constants', 'x + 0*sqrt(-1) + y*(1/0)^0 + min(x, log(0))');
  return cases;
}

function shaderFor(cases: readonly Case[], first: number): string {
  const arms = cases
    .map(
      (_, i) =>
        `    case ${i}u: { r = exprSurface${first + i}(p, sp, vec4<u32>(0u, 0u, 0u, 0u)); }`,
    )
    .join('\n');
  return [
    mathWgsl,
    ...cases.map((c) => c.wgsl),
    `
@group(0) @binding(0) var<storage, read> pts: array<vec4<f32>>; // x, y, case, 0
@group(0) @binding(1) var<storage, read_write> outp: array<vec4<f32>>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= arrayLength(&outp)) {
    return;
  }
  let p = pts[i].xy;
  let sp = vec4<f32>(${PARAMS.map((v) => `${v}`).join(', ')}, 0.0, 0.0);
  var r = vec3<f32>(0.0);
  switch (u32(pts[i].z)) {
${arms}
    default: {}
  }
  outp[i] = vec4<f32>(r, 0.0);
}
`,
  ].join('\n');
}

let gpu: NodeGpu;
let cases: Case[];
const points: { c: number; x: number; y: number }[] = [];
const results: Float32Array[] = [];
const BATCH = 30;
const compileErrors: string[] = [];

beforeAll(async () => {
  gpu = await openNodeGpu();
  cases = buildCases();
  const rand = mulberry32(5);
  cases.forEach((_, c) => {
    for (let j = 0; j < POINTS_PER_EXPR; j++)
      points.push({ c, x: f32(-2 + 4 * rand()), y: f32(-2 + 4 * rand()) });
  });
  const device = gpu.device;
  for (let first = 0; first < cases.length; first += BATCH) {
    const batch = cases.slice(first, first + BATCH);
    const mine = points.filter((p) => p.c >= first && p.c < first + batch.length);
    const out = await withErrorScopes(device, async () => {
      const module = device.createShaderModule({
        label: 'expr-wgsl',
        code: shaderFor(batch, first),
      });
      const info = await module.getCompilationInfo();
      const errors = info.messages.filter((m) => m.type === 'error');
      for (const m of errors)
        compileErrors.push(`batch ${first}: ${m.lineNum}:${m.linePos} ${m.message}`);
      if (errors.length > 0) return new Float32Array(4 * mine.length).fill(NaN);
      const pipeline = await device.createComputePipelineAsync({
        layout: 'auto',
        compute: { module, entryPoint: 'main' },
      });
      const pts = new Float32Array(4 * mine.length);
      mine.forEach((p, i) => pts.set([p.x, p.y, p.c - first, 0], 4 * i));
      const inBuf = device.createBuffer({
        size: pts.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(inBuf, 0, pts);
      const outBuf = device.createBuffer({
        size: pts.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
      });
      const read = device.createBuffer({
        size: pts.byteLength,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
      const bindGroup = device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [inBuf, outBuf].map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(Math.ceil(mine.length / 64));
      pass.end();
      encoder.copyBufferToBuffer(outBuf, 0, read, 0, pts.byteLength);
      device.queue.submit([encoder.finish()]);
      await read.mapAsync(GPUMapMode.READ);
      const copy = new Float32Array(read.getMappedRange().slice(0));
      read.unmap();
      for (const b of [inBuf, outBuf, read]) b.destroy();
      return copy;
    });
    results.push(out);
  }
});

afterAll(() => {
  gpu?.close();
});

describe('surfaceWgsl', () => {
  it('emits the contract signature, no user text and no bindings', () => {
    const r = parseExpression('alpha*x^2 + beta*sin(y)');
    if (!r.ok) throw new Error(r.message);
    const code = surfaceWgsl(r.expr, 'customSurface', r.params);
    expect(code).toContain(
      'fn customSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {',
    );
    expect(code).not.toMatch(/alpha|beta|@group|@binding/);
    expect(code).toContain('sp.x');
    expect(code).toContain('sp.y');
    expect(code).toContain('dlSin(p.y)');
    expect(code).toMatch(/return vec3<f32>\(\w+, \w+, \w+\);/);
  });

  it('shares subtrees: nested chains give code linear in their length', () => {
    const text = (n: number) => 'sin('.repeat(n) + 'x*y' + ')'.repeat(n);
    const size = (n: number) => {
      const r = parseExpression(text(n));
      if (!r.ok) throw new Error(r.message);
      return surfaceWgsl(r.expr, 'f', []).split('\n').length;
    };
    expect(size(40) - size(20)).toBeLessThanOrEqual(4 * 20 + 2);
  });

  it('every generated shader compiles without errors', () => {
    expect(cases.length).toBe(CLASSIC_SURFACES.length + 201);
    expect(compileErrors).toEqual([]);
  });

  it('matches float64 within float32 error bounds', () => {
    let checked = 0;
    let skipped = 0;
    let worst = 0;
    let worstAt = '';
    const failures: string[] = [];
    const ref = new Float64Array(3);
    const flat = new Float32Array(4 * points.length);
    let at = 0;
    for (const r of results) {
      flat.set(r, at);
      at += r.length;
    }
    const trees = new Map<number, [Expr, Expr, Expr]>();
    points.forEach((pt, i) => {
      const c = cases[pt.c]!;
      let t = trees.get(pt.c);
      if (!t) {
        const s = simplify(c.expr);
        t = [s, derivative(s, 'x'), derivative(s, 'y')];
        trees.set(pt.c, t);
      }
      compileSurface(c.expr, c.params).evaluate(pt.x, pt.y, PARAMS, ref);
      const bounds = t.map((e) => bounded(e, pt.x, pt.y, PARAMS)[1]);
      const usable =
        ref.every(Number.isFinite) &&
        bounds.every(Number.isFinite) &&
        ref.every((v) => Math.abs(v) < 1e30);
      if (!usable) {
        skipped++;
        return;
      }
      checked++;
      for (let k = 0; k < 3; k++) {
        const got = flat[4 * i + k]!;
        const tol = 1e-5 * Math.abs(ref[k]!) + 16 * bounds[k]! + 1e-30;
        const ratio = Math.abs(got - ref[k]!) / tol;
        if (!(ratio <= worst)) {
          worst = ratio;
          worstAt = `${c.label} at (${pt.x}, ${pt.y}) component ${k}: gpu ${got}, f64 ${ref[k]}, bound ${bounds[k]}`;
        }
        if (!(ratio <= 1) && failures.length < 10) failures.push(worstAt);
      }
    });
    console.log(
      `expr WGSL: ${checked} points checked, ${skipped} skipped; worst |gpu − f64|/tol = ${worst.toExponential(2)} at ${worstAt}`,
    );
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0.85 * points.length);
  });
});
