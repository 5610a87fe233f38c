// Text for a tree, with only the parentheses the grammar needs, that parseExpression reads
// back to a tree of the same value (internal functions such as sign() only come from
// derivatives and are written as calls, which the parser does not accept).

import type { Expr } from './types';

// Binding strength: sums 1, products 2, unary minus 3, powers 4, atoms 5.
function precedence(e: Expr): number {
  switch (e.kind) {
    case 'num':
      return e.value < 0 || Object.is(e.value, -0) ? 3 : 5;
    case 'var':
    case 'param':
    case 'call':
      return 5;
    case 'neg':
      return 3;
    case 'bin':
      return e.op === '+' || e.op === '-' ? 1 : e.op === '^' ? 4 : 2;
  }
}

function formatNumber(v: number): string {
  if (v === Math.PI) return 'pi';
  if (v === Math.E) return 'e';
  if (v === -Math.PI) return '-pi';
  if (v === -Math.E) return '-e';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

export function formatExpression(e: Expr): string {
  const wrap = (s: string, yes: boolean) => (yes ? `(${s})` : s);
  const go = (n: Expr): string => {
    switch (n.kind) {
      case 'num':
        return formatNumber(n.value);
      case 'var':
      case 'param':
        return n.name;
      case 'neg': {
        const a = go(n.arg);
        return `-${wrap(a, precedence(n.arg) < 4)}`;
      }
      case 'call':
        return `${n.fn}(${n.args.map(go).join(', ')})`;
      case 'bin': {
        const p = precedence(n);
        const pl = precedence(n.left);
        const pr = precedence(n.right);
        const l = go(n.left);
        const r = go(n.right);
        if (n.op === '^') return `${wrap(l, pl <= 4)}^${wrap(r, pr < 4)}`;
        const left = wrap(l, pl < p);
        // The right operand binds tighter than the operator (a − (b − c)), and a negative
        // operand is parenthesized for readability (a + (-b)).
        const right = wrap(r, pr <= p || pr === 3);
        return n.op === '*' || n.op === '/'
          ? `${left}${n.op === '*' ? '*' : '/'}${right}`
          : `${left} ${n.op} ${right}`;
      }
    }
  };
  return go(e);
}
