// Symbolic partial derivatives, built with the folding constructors of build.ts so that the
// trees stay small; shared subtrees are differentiated once.

import { add, call, div, mul, neg, num, ONE, pow, sub, ZERO } from './build';
import type { Expr } from './types';

const isZero = (e: Expr) => e.kind === 'num' && e.value === 0;

/** ∂e/∂v, simplified. */
export function derivative(e: Expr, v: 'x' | 'y'): Expr {
  const memo = new Map<Expr, Expr>();
  const d = (n: Expr): Expr => {
    const hit = memo.get(n);
    if (hit) return hit;
    const out = rule(n);
    memo.set(n, out);
    return out;
  };
  const rule = (n: Expr): Expr => {
    switch (n.kind) {
      case 'num':
      case 'param':
        return ZERO;
      case 'var':
        return n.name === v ? ONE : ZERO;
      case 'neg':
        return neg(d(n.arg));
      case 'bin': {
        const u = n.left;
        const w = n.right;
        const du = d(u);
        const dw = d(w);
        switch (n.op) {
          case '+':
            return add(du, dw);
          case '-':
            return sub(du, dw);
          case '*':
            return add(mul(du, w), mul(u, dw));
          case '/':
            if (isZero(dw)) return div(du, w);
            return div(sub(mul(du, w), mul(u, dw)), pow(w, num(2)));
          case '^': {
            if (isZero(du) && isZero(dw)) return ZERO;
            // A constant exponent c: c·u^(c−1)·u'.
            if (isZero(dw)) return mul(mul(w, pow(u, sub(w, ONE))), du);
            // General: u^v·(v'·log u + v·u'/u).
            return mul(n, add(mul(dw, call('log', [u])), div(mul(w, du), u)));
          }
        }
        break;
      }
      case 'call': {
        const [a, b] = n.args as [Expr, Expr | undefined];
        if (n.fn === 'min' || n.fn === 'max') {
          const c = b!;
          const da = d(a);
          const dc = d(c);
          if (isZero(da) && isZero(dc)) return ZERO;
          // max picks a where a >= c; min picks a where c >= a (Math.min/max agree at ties).
          const step = n.fn === 'max' ? call('ge', [a, c]) : call('ge', [c, a]);
          return add(mul(step, da), mul(sub(ONE, step), dc));
        }
        if (n.fn === 'sign' || n.fn === 'ge') return ZERO;
        const da = d(a);
        if (isZero(da)) return ZERO;
        return chain(n.fn, a, n, da);
      }
    }
  };
  return d(e);
}

/** f'(a)·a' for a one-argument function f, where `fa` is the call f(a) itself. */
function chain(fn: string, a: Expr, fa: Expr, da: Expr): Expr {
  switch (fn) {
    case 'sin':
      return mul(call('cos', [a]), da);
    case 'cos':
      return neg(mul(call('sin', [a]), da));
    case 'tan':
      return div(da, pow(call('cos', [a]), num(2)));
    case 'exp':
      return mul(fa, da);
    case 'log':
      return div(da, a);
    case 'sqrt':
      return div(da, mul(num(2), fa));
    case 'abs':
      return mul(call('sign', [a]), da);
    case 'tanh':
      return mul(sub(ONE, pow(fa, num(2))), da);
    case 'sinh':
      return mul(call('cosh', [a]), da);
    case 'cosh':
      return mul(call('sinh', [a]), da);
  }
  throw new Error(`no derivative for ${fn}`);
}
