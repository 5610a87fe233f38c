// The float64 back end: f, ∂f/∂x and ∂f/∂y as one list of closures over a shared register
// file (one entry per distinct subtree), built once per expression; no code is generated.

import { applyFn, simplify } from './build';
import { buildDag } from './dag';
import { derivative } from './derive';
import type { Expr } from './types';

export interface CompiledSurface {
  readonly params: readonly string[];
  /** f(x, y) and its analytic gradient, float64: out[0] = f, out[1] = ∂f/∂x, out[2] = ∂f/∂y. */
  evaluate(x: number, y: number, params: ArrayLike<number>, out: Float64Array): void;
  value(x: number, y: number, params: ArrayLike<number>): number;
}

type Step = (r: Float64Array, x: number, y: number, p: ArrayLike<number>) => number;

function steps(roots: readonly Expr[], params: readonly string[]) {
  const dag = buildDag(roots, params);
  const ops: Step[] = dag.slots.map((s): Step => {
    switch (s.kind) {
      case 'num': {
        const v = s.value;
        return () => v;
      }
      case 'var':
        return s.name === 'x' ? (_r, x) => x : (_r, _x, y) => y;
      case 'param': {
        const k = s.index;
        return (_r, _x, _y, p) => p[k] ?? NaN;
      }
      case 'neg': {
        const a = s.arg;
        return (r) => -r[a]!;
      }
      case 'bin': {
        const a = s.left;
        const b = s.right;
        switch (s.op) {
          case '+':
            return (r) => r[a]! + r[b]!;
          case '-':
            return (r) => r[a]! - r[b]!;
          case '*':
            return (r) => r[a]! * r[b]!;
          case '/':
            return (r) => r[a]! / r[b]!;
          default:
            return (r) => Math.pow(r[a]!, r[b]!);
        }
      }
      case 'call': {
        const fn = s.fn;
        const a = s.args[0]!;
        const b = s.args[1] ?? a;
        return (r) => applyFn(fn, r[a]!, r[b]!);
      }
    }
  });
  return { ops, roots: dag.roots };
}

/** f and its gradient as float64 closures over the tree (no eval). */
export function compileSurface(expr: Expr, params: readonly string[]): CompiledSurface {
  const names = [...params];
  const simplified = simplify(expr);
  const grad = steps([simplified, derivative(simplified, 'x'), derivative(simplified, 'y')], names);
  const only = steps([simplified], names);
  const reg = new Float64Array(grad.ops.length);
  const regF = new Float64Array(only.ops.length);
  const [rf, rx, ry] = grad.roots as [number, number, number];
  const fRoot = only.roots[0]!;
  return {
    params: names,
    evaluate(x, y, p, out) {
      const ops = grad.ops;
      for (let i = 0; i < ops.length; i++) reg[i] = ops[i]!(reg, x, y, p);
      out[0] = reg[rf]!;
      out[1] = reg[rx]!;
      out[2] = reg[ry]!;
    },
    value(x, y, p) {
      const ops = only.ops;
      for (let i = 0; i < ops.length; i++) regF[i] = ops[i]!(regF, x, y, p);
      return regF[fRoot]!;
    },
  };
}
