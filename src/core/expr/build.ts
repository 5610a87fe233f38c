// Smart constructors that fold constants and apply the 0/1 identities as they build, and
// simplify(), which rebuilds a tree through them. derivative() builds with them too, so its
// trees stay small without a second pass.

import type { BinOp, Expr, FnName, InternalFn } from './types';

/** Math.* for every function, typed or internal: the float64 meaning of a call. */
export function applyFn(fn: FnName | InternalFn, a: number, b: number): number {
  switch (fn) {
    case 'sin':
      return Math.sin(a);
    case 'cos':
      return Math.cos(a);
    case 'tan':
      return Math.tan(a);
    case 'exp':
      return Math.exp(a);
    case 'log':
      return Math.log(a);
    case 'sqrt':
      return Math.sqrt(a);
    case 'abs':
      return Math.abs(a);
    case 'tanh':
      return Math.tanh(a);
    case 'sinh':
      return Math.sinh(a);
    case 'cosh':
      return Math.cosh(a);
    case 'min':
      return Math.min(a, b);
    case 'max':
      return Math.max(a, b);
    case 'sign':
      return Math.sign(a);
    case 'ge':
      return a >= b ? 1 : 0;
  }
}

export function applyBin(op: BinOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '^':
      return Math.pow(a, b);
  }
}

export const num = (value: number): Expr => ({ kind: 'num', value });
export const ZERO = num(0);
export const ONE = num(1);

const isNum = (e: Expr, v?: number): e is { kind: 'num'; value: number } =>
  e.kind === 'num' && (v === undefined || e.value === v);

/** A folded constant, kept only when finite (an inf or NaN stays an operation). */
function folded(value: number): Expr | null {
  return Number.isFinite(value) ? num(value === 0 ? 0 : value) : null;
}

export function neg(a: Expr): Expr {
  if (a.kind === 'num') return num(a.value === 0 ? 0 : -a.value);
  if (a.kind === 'neg') return a.arg;
  // −(a − b) = b − a
  if (a.kind === 'bin' && a.op === '-') return bin('-', a.right, a.left);
  return { kind: 'neg', arg: a };
}

export function bin(op: BinOp, l: Expr, r: Expr): Expr {
  if (l.kind === 'num' && r.kind === 'num') {
    const f = folded(applyBin(op, l.value, r.value));
    if (f) return f;
    return { kind: 'bin', op, left: l, right: r };
  }
  switch (op) {
    case '+':
      if (isNum(l, 0)) return r;
      if (isNum(r, 0)) return l;
      if (r.kind === 'neg') return bin('-', l, r.arg);
      if (l.kind === 'neg') return bin('-', r, l.arg);
      break;
    case '-':
      if (isNum(r, 0)) return l;
      if (isNum(l, 0)) return neg(r);
      if (r.kind === 'neg') return bin('+', l, r.arg);
      break;
    case '*':
      if (isNum(l, 0) || isNum(r, 0)) return ZERO;
      if (isNum(l, 1)) return r;
      if (isNum(r, 1)) return l;
      if (isNum(l, -1)) return neg(r);
      if (isNum(r, -1)) return neg(l);
      if (l.kind === 'neg' && r.kind === 'neg') return bin('*', l.arg, r.arg);
      if (l.kind === 'neg') return neg(bin('*', l.arg, r));
      if (r.kind === 'neg') return neg(bin('*', l, r.arg));
      // Constants first, and two constant factors merged: 2·(3·u) = 6·u.
      if (r.kind === 'num') return bin('*', r, l);
      if (l.kind === 'num' && r.kind === 'bin' && r.op === '*' && r.left.kind === 'num') {
        const f = folded(l.value * r.left.value);
        if (f) return bin('*', f, r.right);
      }
      break;
    case '/':
      if (isNum(r, 1)) return l;
      if (isNum(l, 0)) return ZERO;
      if (isNum(r, -1)) return neg(l);
      if (l.kind === 'neg') return neg(bin('/', l.arg, r));
      if (r.kind === 'neg') return neg(bin('/', l, r.arg));
      break;
    case '^':
      if (isNum(r, 0)) return ONE;
      if (isNum(r, 1)) return l;
      if (isNum(l, 1)) return ONE;
      break;
  }
  return { kind: 'bin', op, left: l, right: r };
}

export function call(fn: FnName | InternalFn, args: readonly Expr[]): Expr {
  const [a, b] = args;
  if (a && a.kind === 'num' && (args.length === 1 || (b && b.kind === 'num'))) {
    const f = folded(applyFn(fn, a.value, b && b.kind === 'num' ? b.value : 0));
    if (f) return f;
  }
  if (fn === 'abs' && a && (a.kind === 'neg' || (a.kind === 'call' && a.fn === 'abs')))
    return a.kind === 'neg' ? call('abs', [a.arg]) : a;
  return { kind: 'call', fn, args };
}

export const add = (a: Expr, b: Expr) => bin('+', a, b);
export const sub = (a: Expr, b: Expr) => bin('-', a, b);
export const mul = (a: Expr, b: Expr) => bin('*', a, b);
export const div = (a: Expr, b: Expr) => bin('/', a, b);
export const pow = (a: Expr, b: Expr) => bin('^', a, b);

/** Constant folding, the 0/1 identities and −−a, bottom-up (shared subtrees visited once). */
export function simplify(e: Expr): Expr {
  const memo = new Map<Expr, Expr>();
  const go = (n: Expr): Expr => {
    const hit = memo.get(n);
    if (hit) return hit;
    let out: Expr;
    switch (n.kind) {
      case 'num':
      case 'var':
      case 'param':
        out = n;
        break;
      case 'neg':
        out = neg(go(n.arg));
        break;
      case 'bin':
        out = bin(n.op, go(n.left), go(n.right));
        break;
      case 'call':
        out = call(n.fn, n.args.map(go));
        break;
    }
    memo.set(n, out);
    return out;
  };
  return go(e);
}
