// Symbolic derivatives against central finite differences of the float64 value, for the
// classic surfaces typed as text and for random expressions from a seeded generator.
import { describe, expect, it } from 'vitest';

import {
  compileSurface,
  derivative,
  formatExpression,
  parseExpression,
  type CompiledSurface,
  type Expr,
} from '../../src/core/expr';
import { CLASSIC_SURFACES, RANDOM_PARAMS, randomExpression } from '../expr-random';
import { mulberry32 } from '../../src/core/rng';

const PARAMS = [1.3, 0.7];

function parsed(text: string): Expr {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(`${text}: ${r.message}`);
  return r.expr;
}

/** Central difference of f along x (k = 0) or y (k = 1) with step h. */
function central(f: CompiledSurface, x: number, y: number, k: 0 | 1, h: number): number {
  const p = (d: number) => (k === 0 ? f.value(x + d, y, PARAMS) : f.value(x, y + d, PARAMS));
  return (p(h) - p(-h)) / (2 * h);
}

type Check = 'ok' | 'skipped';

/**
 * Compares the analytic gradient at (x, y) with finite differences. A point is skipped when
 * f is not finite there or the difference is unstable (it changes between steps h and 10h:
 * a kink, a pole, or cancellation); otherwise the analytic value must agree to 1e-5.
 */
function check(f: CompiledSurface, x: number, y: number, label: string): Check {
  const out = new Float64Array(3);
  f.evaluate(x, y, PARAMS, out);
  if (!out.every(Number.isFinite)) return 'skipped';
  for (const k of [0, 1] as const) {
    const at = k === 0 ? x : y;
    const h = 1e-6 * Math.max(1, Math.abs(at));
    const fine = central(f, x, y, k, h);
    const coarse = central(f, x, y, k, 10 * h);
    const scale = Math.max(Math.abs(fine), 1e-6 * (1 + Math.abs(out[0]!)));
    if (!Number.isFinite(fine) || Math.abs(fine - coarse) > 1e-6 * scale) return 'skipped';
    const analytic = out[1 + k]!;
    const ok = Math.abs(analytic - fine) <= 1e-5 * scale;
    if (!ok)
      expect.fail(
        `${label} at (${x}, ${y}): ∂/∂${k ? 'y' : 'x'} analytic ${analytic}, finite difference ${fine}`,
      );
  }
  return 'ok';
}

describe('derivative', () => {
  it('gives the textbook rules, simplified', () => {
    const d = (text: string, v: 'x' | 'y' = 'x') => formatExpression(derivative(parsed(text), v));
    expect(d('x^3')).toBe('3*x^2');
    expect(d('x^a')).toBe('a*x^(a - 1)');
    expect(d('sin(x)')).toBe('cos(x)');
    expect(d('cos(2*x)')).toBe('-(2*sin(2*x))');
    expect(d('exp(x)')).toBe('exp(x)');
    expect(d('log(x)')).toBe('1/x');
    expect(d('sqrt(x)')).toBe('1/(2*sqrt(x))');
    expect(d('tan(x)')).toBe('1/cos(x)^2');
    expect(d('abs(x)')).toBe('sign(x)');
    expect(d('max(x, y)')).toBe('ge(x, y)');
    expect(d('min(x, y)', 'y')).toBe('1 - ge(y, x)');
    expect(d('2^x')).toBe(`${Math.LN2}*2^x`);
    expect(d('x*y + a', 'y')).toBe('x');
    expect(d('a*b + sin(y)')).toBe('0');
    expect(d('-x')).toBe('-1');
  });

  it.each(CLASSIC_SURFACES.map(([name, text]) => [name, text] as const))(
    '%s matches finite differences',
    (name, text) => {
      const r = parseExpression(text);
      if (!r.ok) throw new Error(r.message);
      const params: string[] = [...RANDOM_PARAMS];
      expect(r.params.every((p) => params.includes(p))).toBe(true);
      const f = compileSurface(r.expr, params);
      const rand = mulberry32(name.length * 7919);
      let checked = 0;
      for (let i = 0; i < 60; i++) {
        const x = -3 + 6 * rand();
        const y = -3 + 6 * rand();
        if (check(f, x, y, name) === 'ok') checked++;
      }
      expect(checked, name).toBeGreaterThanOrEqual(54);
    },
  );

  it('matches finite differences on 300 random expressions', () => {
    const rand = mulberry32(20240611);
    let checked = 0;
    let skipped = 0;
    const names = [...RANDOM_PARAMS];
    for (let i = 0; i < 300; i++) {
      const e = randomExpression(rand, 4);
      const text = formatExpression(e);
      const r = parseExpression(text);
      if (!r.ok) throw new Error(`${text}: ${r.message}`);
      const f = compileSurface(r.expr, names);
      for (let j = 0; j < 4; j++) {
        const x = -2 + 4 * rand();
        const y = -2 + 4 * rand();
        if (check(f, x, y, text) === 'ok') checked++;
        else skipped++;
      }
    }
    console.log(`random expressions: ${checked} points checked, ${skipped} skipped`);
    expect(checked + skipped).toBe(1200);
    expect(skipped).toBeLessThan(0.15 * 1200);
  });

  it('differentiates shared subtrees once (linear size for nested chains)', () => {
    const e = parsed('sin('.repeat(40) + 'x' + ')'.repeat(40));
    const f = compileSurface(e, []);
    expect(check(f, 0.7, 0, 'sin^40')).toBe('ok');
  });
});
