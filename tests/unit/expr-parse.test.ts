// The formula parser: precedence, constants, parameters, every error with the span it points
// at, hostile input, and formatExpression's round trip.
import { describe, expect, it } from 'vitest';

import {
  EXPRESSION_LIMITS,
  compileSurface,
  formatExpression,
  parseExpression,
  simplify,
  type Expr,
} from '../../src/core/expr';
import { parseWithLimits } from '../../src/core/expr/parse';
import { RANDOM_PARAMS, randomExpression } from '../expr-random';
import { mulberry32 } from '../../src/core/rng';

function parsed(text: string): { expr: Expr; params: string[] } {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r;
}

/** f(x, y) of a text, float64. */
function valueOf(text: string, x = 0.3, y = -0.7, params: number[] = [1.5, -0.5, 2, 3]): number {
  const { expr, params: names } = parsed(text);
  return compileSurface(expr, names).value(x, y, params);
}

function failure(text: string) {
  const r = parseExpression(text);
  expect(r.ok, text).toBe(false);
  if (r.ok) throw new Error('parsed');
  expect(r.message.length, text).toBeGreaterThan(10);
  return r;
}

describe('parseExpression: the grammar', () => {
  it('binds ^ tighter than unary minus, right-associatively', () => {
    expect(valueOf('-x^2', 3)).toBe(-9);
    expect(parsed('-x^2').expr).toEqual({
      kind: 'neg',
      arg: {
        kind: 'bin',
        op: '^',
        left: { kind: 'var', name: 'x' },
        right: { kind: 'num', value: 2 },
      },
    });
    expect(valueOf('2^3^2')).toBe(512);
    expect(valueOf('2^-1')).toBe(0.5);
    expect(valueOf('2^-1^2')).toBe(0.5); // 2^(-(1^2))
    expect(valueOf('(-2)^2')).toBe(4);
    expect(valueOf('-2^2')).toBe(-4);
  });

  it('is left-associative for - and /, with * and / above + and -', () => {
    expect(valueOf('1-2-3')).toBe(-4);
    expect(valueOf('8/4/2')).toBe(1);
    expect(valueOf('1+2*3')).toBe(7);
    expect(valueOf('(1+2)*3')).toBe(9);
    expect(valueOf('2*3^2')).toBe(18);
    expect(valueOf('1 - -1')).toBe(2);
    expect(valueOf('+x', 4)).toBe(4);
    expect(valueOf('6 ÷ 3 × 2 · 2')).toBe(8);
    expect(valueOf('6 − 1')).toBe(5); // U+2212 minus sign
  });

  it('reads numbers, x and y, the constants and whitespace anywhere', () => {
    expect(valueOf('12')).toBe(12);
    expect(valueOf('1.5')).toBe(1.5);
    expect(valueOf('.5')).toBe(0.5);
    expect(valueOf('1e-3')).toBe(1e-3);
    expect(valueOf('2.5E+2')).toBe(250);
    expect(valueOf('pi')).toBe(Math.PI);
    expect(valueOf('π')).toBe(Math.PI);
    expect(valueOf('e')).toBe(Math.E);
    expect(valueOf('  x\t*\n y ', 2, 3)).toBe(6);
    expect(valueOf('sin ( x )', 1)).toBe(Math.sin(1));
    expect(valueOf('min(x, y) + max(x, y)', 1, 5)).toBe(6);
  });

  it('evaluates every function with Math.*', () => {
    const x = 0.4;
    const cases: [string, number][] = [
      ['sin(x)', Math.sin(x)],
      ['cos(x)', Math.cos(x)],
      ['tan(x)', Math.tan(x)],
      ['exp(x)', Math.exp(x)],
      ['log(x)', Math.log(x)],
      ['sqrt(x)', Math.sqrt(x)],
      ['abs(-x)', x],
      ['tanh(x)', Math.tanh(x)],
      ['sinh(x)', Math.sinh(x)],
      ['cosh(x)', Math.cosh(x)],
      ['min(x, 0.1)', 0.1],
      ['max(x, 0.1)', x],
      ['x^1.5', Math.pow(x, 1.5)],
    ];
    for (const [text, want] of cases) expect(valueOf(text, x), text).toBe(want);
  });

  it('lists named parameters in order of first appearance', () => {
    expect(parsed('b*x + a*y + b + c_1').params).toEqual(['b', 'a', 'c_1']);
    expect(parsed('x + y + pi + e').params).toEqual([]);
    expect(parsed('alpha2*x').params).toEqual(['alpha2']);
    expect(valueOf('a*x + b', 2, 0, [3, 4])).toBe(10);
  });
});

describe('parseExpression: errors point at the offending text', () => {
  const cases: [text: string, position: number, length: number, pattern: RegExp][] = [
    ['2x', 1, 1, /missing operator between 2 and "x"/i],
    ['x y', 2, 1, /missing operator/i],
    ['(x)(y)', 3, 1, /missing operator/i],
    ['foo(x)', 0, 3, /unknown function "foo"/i],
    ['x + foo(1)', 4, 3, /unknown function/i],
    [')', 0, 1, /unexpected "\)"/i],
    ['x)', 1, 1, /no matching "\("/i],
    ['(x', 0, 1, /never closed/i],
    ['sin(x', 3, 1, /never closed/i],
    ['((x)', 0, 1, /never closed/i],
    ['', 0, 0, /empty/i],
    ['   ', 0, 0, /empty/i],
    ['x $ y', 2, 1, /"\$" is not allowed/],
    ['x + 1e999', 4, 5, /too large/i],
    ['sin', 0, 3, /function/i],
    ['x * cos + 1', 4, 3, /cos is a function/i],
    ['min(x)', 5, 1, /2 arguments/],
    ['max(x, y, 1)', 8, 1, /2 arguments/],
    ['sin(x, y)', 5, 1, /one argument/],
    ['sin()', 4, 1, /one argument/],
    ['()', 1, 1, /empty parentheses/i],
    ['x +', 2, 1, /ends after "\+"/],
    ['x * * y', 4, 1, /unexpected "\*"/i],
    ['x, y', 1, 1, /","/],
    ['a + b + c + d + f', 16, 1, /too many parameters/i],
    ['abcdefghijklm', 0, 13, /too long/i],
    ['toString', 0, 8, /reserved/i],
    ['x + valueOf', 4, 7, /reserved/i],
  ];
  it.each(cases)('%j', (text, position, length, pattern) => {
    const r = failure(text);
    expect(r.message).toMatch(pattern);
    expect([r.position, r.length]).toEqual([position, length]);
  });

  it('rejects a text over maxLength, pointing past the limit', () => {
    const text = 'x+'.repeat(250) + 'x';
    const r = failure(text);
    expect(r.message).toMatch(/too long/i);
    expect(r.position).toBe(EXPRESSION_LIMITS.maxLength);
    expect(r.length).toBe(text.length - EXPRESSION_LIMITS.maxLength);
    expect(parseExpression('x+'.repeat(199) + 'x').ok).toBe(true); // 399 characters
  });

  it('rejects nesting deeper than maxDepth at the first token too deep', () => {
    const depth = EXPRESSION_LIMITS.maxDepth;
    expect(parseExpression('('.repeat(depth) + 'x' + ')'.repeat(depth)).ok).toBe(true);
    const r = failure('('.repeat(depth + 1) + 'x' + ')'.repeat(depth + 1));
    expect(r.message).toMatch(/nested too deeply/i);
    expect(r.position).toBe(depth);
    const s = failure('sin('.repeat(depth + 1) + 'x' + ')'.repeat(depth + 1));
    expect(s.message).toMatch(/nested too deeply/i);
    expect(s.position).toBe(4 * depth + 3);
    expect(failure('-'.repeat(60) + 'x').message).toMatch(/nested too deeply/i);
    expect(failure('2^'.repeat(60) + 'x').message).toMatch(/nested too deeply/i);
  });

  it('rejects more than maxNodes nodes (reachable only under other limits)', () => {
    const limits = { ...EXPRESSION_LIMITS, maxNodes: 5 };
    expect(parseWithLimits('x+y+x', limits).ok).toBe(true);
    const r = parseWithLimits('x+y+x+y', limits);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/too large/i);
    expect([r.position, r.length]).toEqual([6, 1]);
  });

  it('answers hostile strings with an error, never a throw', () => {
    const hostile = [
      '('.repeat(100_000),
      ')'.repeat(100_000),
      '-'.repeat(399) + 'x',
      '('.repeat(200) + 'x' + ')'.repeat(199),
      '__proto__',
      'constructor(x)',
      'constructor',
      'hasOwnProperty(x)',
      'x;alert(1)',
      'x\u0000',
      '😀',
      'x + 😀',
      '1e999',
      '1e309',
      'toString',
      'x)',
      ')',
      'x.y',
      '1..2',
      "x'",
      'x = 1',
      '${x}',
      '\u200bx',
      'x /* */',
      'NaN',
      'Infinity',
      'x\ny\n',
    ];
    for (const text of hostile) {
      const r = parseExpression(text);
      expect(r.ok, JSON.stringify(text.slice(0, 20))).toBe(false);
      if (r.ok) continue;
      expect(r.message).toMatch(/\w{3,}/);
      expect(r.position).toBeGreaterThanOrEqual(0);
      expect(r.position + r.length).toBeLessThanOrEqual(text.length);
    }
    // Non-strings from untyped callers (a URL hash) are answered too.
    expect(parseExpression(undefined as unknown as string).ok).toBe(false);
  });

  it('points at a whole surrogate pair, and names control characters', () => {
    const r = failure('x + 😀');
    expect([r.position, r.length]).toEqual([4, 2]);
    expect(failure('x\u0000').message).toMatch(/U\+0000/);
  });
});

describe('formatExpression', () => {
  const texts = [
    '-x^2',
    '(-x)^2',
    '2^3^2',
    '(2^3)^2',
    '1-2-3',
    '1-(2-3)',
    '1/(2/x)',
    '(1/2)/x',
    '(1-x)^2 + 100*(y-x^2)^2',
    '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
    '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)',
    '-20*exp(-0.2*sqrt(0.5*(x^2+y^2))) - exp(0.5*(cos(2*pi*x)+cos(2*pi*y))) + e + 20',
    'a*x^b - -y',
    'x - -y',
    '-(-x)',
    '2^-x',
    'x^-1.5e-7',
    'min(x, -y) * max(-x, y)',
    'abs(x)/-y',
    '-x*y',
    '-(x*y)',
    '-(x+y)',
    'e^x + pi',
    'x^y^a',
    '1e21*x + 1.5e-300',
  ];
  it.each(texts)('%s reads back to the same tree', (text) => {
    const { expr } = parsed(text);
    const again = parsed(formatExpression(expr));
    expect(again.expr).toEqual(expr);
  });

  it('writes text that reads back to the same value for simplified trees', () => {
    for (const text of texts) {
      const s = simplify(parsed(text).expr);
      const back = parsed(formatExpression(s));
      for (const [x, y] of [
        [0.3, -0.7],
        [1.7, 2.2],
      ] as const) {
        const a = compileSurface(s, back.params).value(x, y, [1.5, 2]);
        const b = compileSurface(back.expr, back.params).value(x, y, [1.5, 2]);
        expect(b, text).toBe(a);
      }
    }
  });

  it('round-trips 300 random expressions exactly', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const e = randomExpression(rand, 5);
      const text = formatExpression(e);
      const r = parseExpression(text);
      if (!r.ok && /too long|too deeply/.test(r.message)) continue;
      expect(r.ok, `${text}: ${r.ok ? '' : r.message}`).toBe(true);
      if (!r.ok) continue;
      expect(r.expr, text).toEqual(e);
      for (const p of r.params) expect(RANDOM_PARAMS).toContain(p);
      const s = simplify(e);
      const back = parsed(formatExpression(s));
      const names = [...RANDOM_PARAMS];
      const a = compileSurface(s, names).value(0.37, -1.1, [0.8, 1.3]);
      const b = compileSurface(back.expr, names).value(0.37, -1.1, [0.8, 1.3]);
      expect(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)), `${text}: ${a} vs ${b}`).toBe(
        true,
      );
    }
  });
});

describe('simplify', () => {
  const s = (text: string) => formatExpression(simplify(parsed(text).expr));
  it('folds constants and applies the 0/1 identities', () => {
    expect(s('2*3 + x')).toBe('6 + x');
    expect(s('0*x + 1*y')).toBe('y');
    expect(s('x^1 + 0')).toBe('x');
    expect(s('x^0')).toBe('1');
    expect(s('--x')).toBe('x');
    expect(s('x - -y')).toBe('x + y');
    expect(s('x/1 - 0')).toBe('x');
    expect(s('sin(0) + cos(0)*x')).toBe('x');
    expect(s('2*pi')).toBe(String(2 * Math.PI));
  });
  it('keeps operations whose value is not finite', () => {
    expect(s('1/0 + x')).toBe('1/0 + x');
    expect(s('sqrt(-1)')).toBe('sqrt(-1)');
  });
});
