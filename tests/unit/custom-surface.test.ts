// A typed surface becomes a registry entry like the built-in ones: the same loss and gradient
// as the hand-written surface of the same formula, its parameters as a schema, its minima found
// numerically (Rosenbrock's curved valley, Himmelblau's four, none on a saddle).
import { describe, expect, it } from 'vitest';
import { customSurface, CUSTOM_SURFACE_ID } from '../../src/core/customSurface';
import { defaultValues } from '../../src/core/params';
import { mulberry32 } from '../../src/core/rng';
import { surfaceById } from '../../src/core/surfaces';
import type { SurfaceDef, Vec2 } from '../../src/core/types';

function defOf(text: string): SurfaceDef {
  const outcome = customSurface(text);
  if (!outcome.ok) throw new Error(`${text}: ${outcome.message} at ${outcome.position}`);
  return outcome.def;
}

function sortPoints(points: readonly Vec2[]): Vec2[] {
  return [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

const TYPED = {
  rosenbrock: '(1 - x)^2 + 100*(y - x^2)^2',
  himmelblau: '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  booth: '(x + 2*y - 7)^2 + (2*x + y - 5)^2',
  matyas: '0.26*(x^2 + y^2) - 0.48*x*y',
  three_hump_camel: '2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2',
};

describe('a typed surface', () => {
  it('computes the loss and gradient of the built-in surface of the same formula', () => {
    const rand = mulberry32(7);
    const mine = new Float64Array(3);
    const builtIn = new Float64Array(3);
    for (const [id, text] of Object.entries(TYPED)) {
      const typed = defOf(text);
      const reference = surfaceById(id)!;
      const params = defaultValues(reference.params);
      for (let k = 0; k < 50; k++) {
        const x = -3 + 6 * rand();
        const y = -3 + 6 * rand();
        typed.evaluate(x, y, {}, mine);
        reference.evaluate(x, y, params, builtIn);
        for (let i = 0; i < 3; i++) {
          const scale = Math.max(1, Math.abs(builtIn[i]!));
          expect(
            Math.abs(mine[i]! - builtIn[i]!) / scale,
            `${id} at (${x}, ${y}) [${i}]`,
          ).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('is a registry entry: its id, formula, WGSL function and window', () => {
    const def = defOf('x^2 + 3*y^2');
    expect(def.id).toBe(CUSTOM_SURFACE_ID);
    expect(def.wgsl).toMatch(
      /fn customSurface\(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>\) -> vec3<f32>/,
    );
    expect(def.formula.length).toBeGreaterThan(0);
    expect(def.view.xMin).toBeLessThan(def.view.xMax);
  });

  it('turns named parameters into a schema, in order, read from the values given', () => {
    const def = defOf('a*x^2 + b*(y - c)^2');
    expect(def.params.map((p) => p.key)).toEqual(['a', 'b', 'c']);
    expect(defaultValues(def.params)).toEqual({ a: 1, b: 1, c: 1 });
    const out = new Float64Array(3);
    def.evaluate(1, 0, { a: 2, b: 3, c: 1 }, out);
    expect(Array.from(out)).toEqual([2 + 3, 4, -6]);
    expect(def.minima({ a: 2, b: 3, c: 1.5 })).toEqual([
      [expect.closeTo(0, 6), expect.closeTo(1.5, 6)],
    ]);
  });

  it('finds the minima numerically: Rosenbrock at (1, 1), Himmelblau four, none on a saddle', () => {
    const [rosen] = defOf(TYPED.rosenbrock).minima({});
    expect(rosen![0]).toBeCloseTo(1, 6);
    expect(rosen![1]).toBeCloseTo(1, 6);
    const known = sortPoints(surfaceById('himmelblau')!.minima({}));
    const found = sortPoints(defOf(TYPED.himmelblau).minima({}));
    expect(found).toHaveLength(4);
    found.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(known[i]![0], 5);
      expect(y).toBeCloseTo(known[i]![1], 5);
    });
    expect(defOf('x^2 - y^2').minima({})).toEqual([]);
    // Lowest first: the global minimum of a tilted double well comes before the local one.
    const [global, local] = defOf('(x^2 - 1)^2 + 0.3*x + y^2').minima({});
    expect(global![0]).toBeLessThan(0);
    expect(local![0]).toBeGreaterThan(0);
  });

  it("passes the parser's message and position through", () => {
    const outcome = customSurface('x^2 + foo(y)');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.position).toBe(6);
    expect(outcome.message).toMatch(/foo/);
  });
});
