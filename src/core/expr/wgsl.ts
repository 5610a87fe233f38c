// The float32 back end: a WGSL function returning (f, ∂f/∂x, ∂f/∂y), one `let` per distinct
// subtree of the three trees (see dag.ts), so derivative trees cost no more than their
// distinct parts. Nothing typed reaches the code: variables are p.x and p.y, parameters
// sp.x … sp.w, numbers are printed by formatF32 and every local name is generated.
//
// sin, cos, exp and log use the accurate dl* helpers of shaders/common/math.wgsl (the
// built-ins are off by up to 2e-4 on SwiftShader); tanh, sinh and cosh follow Cephes' float32
// routines (a short polynomial near 0, exponentials of |u| otherwise, halved before they can
// overflow); u^n for an integer constant |n| ≤ 16 is repeated multiplication.

import { simplify } from './build';
import { buildDag, slotOperands, type Slot } from './dag';
import { derivative } from './derive';
import type { Expr } from './types';

const F32_MAX = 3.4028234663852886e38;
const F32_MIN_NORMAL = 1.1754943508222875e-38;
const LN2 = '0.6931471805599453';
const COMPONENTS = ['x', 'y', 'z', 'w'] as const;
/** A zero the compiler cannot fold: an operation on literals only would be evaluated when
 * the shader is created, and one that gives inf or NaN (1/0, sqrt(−1)) is an error there. */
const OPAQUE_ZERO = 'f32(data.x & 0u)';

/**
 * A WGSL f32 literal for v: rounded to float32, clamped to the largest finite float32 (a
 * literal that overflows is an error), subnormals flushed to 0, negative values in
 * parentheses; always with a '.' or an exponent, so it is a float literal.
 */
export function formatF32(v: number): string {
  let f = Math.fround(v);
  if (Number.isNaN(f)) f = 0; // not produced: simplify keeps only finite constants
  if (!Number.isFinite(f)) f = f > 0 ? F32_MAX : -F32_MAX;
  if (Math.abs(f) < F32_MIN_NORMAL) f = 0;
  let s = String(Math.abs(f));
  if (!/[.e]/.test(s)) s += '.0';
  return f < 0 ? `(-${s})` : s;
}

export function surfaceWgsl(expr: Expr, fnName: string, params: readonly string[]): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(fnName)) throw new Error(`bad WGSL function name ${fnName}`);
  if (params.length > COMPONENTS.length) throw new Error('at most 4 parameters');
  const simplified = simplify(expr);
  const dag = buildDag(
    [simplified, derivative(simplified, 'x'), derivative(simplified, 'y')],
    params,
  );
  const lines: string[] = [];
  const names: string[] = [];
  const leaf = (s: Slot): string | null => {
    switch (s.kind) {
      case 'num':
        return formatF32(s.value);
      case 'var':
        return `p.${s.name}`;
      case 'param':
        return `sp.${COMPONENTS[s.index]!}`;
      default:
        return null;
    }
  };
  dag.slots.forEach((slot, id) => {
    const asLeaf = leaf(slot);
    if (asLeaf !== null) {
      names.push(asLeaf);
      return;
    }
    const name = `t${id}`;
    let helpers = 0;
    const emit = (code: string): string => {
      const local = `${name}_${helpers++}`;
      lines.push(`  let ${local} = ${code};`);
      return local;
    };
    const operands = slotOperands(slot);
    const refs = operands.map((k) => names[k]!);
    if (operands.every((k) => dag.slots[k]!.kind === 'num'))
      refs[0] = `(${refs[0]!} + ${OPAQUE_ZERO})`;
    const [a, b] = refs as [string, string];
    let code: string;
    switch (slot.kind) {
      case 'neg':
        code = `-${a}`;
        break;
      case 'bin': {
        const r = dag.slots[slot.right]!;
        code =
          slot.op === '^'
            ? power(a, b, r.kind === 'num' ? r.value : null, emit)
            : `${a} ${slot.op} ${b}`;
        break;
      }
      case 'call':
        code = callCode(slot.fn, a, b, emit);
        break;
      default:
        throw new Error('unreachable');
    }
    lines.push(`  let ${name} = ${code};`);
    names.push(name);
  });
  const [f, fx, fy] = dag.roots.map((k) => names[k]!);
  return [
    `fn ${fnName}(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {`,
    ...lines,
    `  return vec3<f32>(${f}, ${fx}, ${fy});`,
    '}',
    '',
  ].join('\n');
}

type Emit = (code: string) => string;

/** u^v; `c` is v when v is a constant. */
function power(u: string, v: string, c: number | null, emit: Emit): string {
  if (c !== null && Number.isInteger(c) && Math.abs(c) <= 16) {
    if (c === 0) return '1.0';
    let m = Math.abs(c);
    let cur = u;
    let acc: string | null = null;
    while (m > 0) {
      if (m & 1) acc = acc === null ? cur : emit(`${acc} * ${cur}`);
      m >>= 1;
      if (m > 0) cur = emit(`${cur} * ${cur}`);
    }
    return c > 0 ? acc! : `1.0 / ${acc!}`;
  }
  if (c === 0.5) return `sqrt(${u})`;
  if (c !== null && !Number.isInteger(c)) return `dlExp(${v} * dlLog(${u}))`; // NaN for u < 0
  // An integer exponent, constant or not: |u|^v with the sign of u for odd v (as Math.pow);
  // a non-integer one keeps u, so that the log of a negative u gives NaN.
  const isInt = c !== null ? 'true' : emit(`${v} == round(${v})`);
  const odd =
    c !== null
      ? String(Math.abs(c) % 2 === 1)
      : emit(`${isInt} && (${v} * 0.5 != round(${v} * 0.5))`);
  const base = c !== null ? `abs(${u})` : emit(`select(${u}, abs(${u}), ${isInt})`);
  const m = emit(`dlExp(${v} * dlLog(${base}))`);
  const signed = emit(`select(${m}, -${m}, ${odd} && ${u} < 0.0)`);
  return c !== null ? signed : `select(${signed}, 1.0, ${v} == 0.0)`;
}

function callCode(fn: string, a: string, b: string, emit: Emit): string {
  switch (fn) {
    case 'sin':
      return `dlSin(${a})`;
    case 'cos':
      return `dlCos(${a})`;
    case 'tan':
      return `dlSin(${a}) / dlCos(${a})`;
    case 'exp':
      return `dlExp(${a})`;
    case 'log':
      return `dlLog(${a})`;
    case 'sqrt':
    case 'abs':
    case 'sign':
      return `${fn}(${a})`;
    case 'min':
    case 'max':
      return `${fn}(${a}, ${b})`;
    case 'ge':
      return `select(0.0, 1.0, ${a} >= ${b})`;
    case 'tanh': {
      // Cephes tanhf: a polynomial for |u| < 0.625, else 1 − 2/(e^{2|u|} + 1) with u's sign.
      const abs = emit(`abs(${a})`);
      const z = emit(`${abs} * ${abs}`);
      const small = emit(
        `((((-5.70498872745e-3 * ${z} + 2.06390887954e-2) * ${z} - 5.37397155531e-2) * ${z} + 1.33314422036e-1) * ${z} - 3.33332819422e-1) * ${z} * ${a} + ${a}`,
      );
      const large = emit(`sign(${a}) * (1.0 - 2.0 / (dlExp(2.0 * ${abs}) + 1.0))`);
      return `select(${large}, ${small}, ${abs} < 0.625)`;
    }
    case 'sinh': {
      // Cephes sinhf: a polynomial for |u| <= 1, else h − 1/(4h) with h = e^{|u|}/2 = e^{|u|−ln 2}.
      const abs = emit(`abs(${a})`);
      const z = emit(`${abs} * ${abs}`);
      const small = emit(
        `((2.03721912945e-4 * ${z} + 8.33028376239e-3) * ${z} + 1.66667160211e-1) * ${z} * ${a} + ${a}`,
      );
      const h = emit(`dlExp(${abs} - ${LN2})`);
      return `select(sign(${a}) * (${h} - 0.25 / ${h}), ${small}, ${abs} <= 1.0)`;
    }
    case 'cosh': {
      const h = emit(`dlExp(abs(${a}) - ${LN2})`);
      return `${h} + 0.25 / ${h}`;
    }
  }
  throw new Error(`no WGSL for ${fn}`);
}
