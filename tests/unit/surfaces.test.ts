// The surface registry in float64: schema defaults as in docs/FORMAT.md, analytic gradients
// against finite differences, minima, a few loss values worked out by hand, data packing.

import { describe, expect, it } from 'vitest';

import { surfaceFn } from '../../src/core/naming';
import { defaultValues, validateParam, type ParamValues } from '../../src/core/params';
import { SURFACES, packSurfaceData, surfaceById, surfaceDataStride } from '../../src/core/surfaces';
import type { SurfaceData, SurfaceDef } from '../../src/core/types';
import { loadReferenceCases } from '../reference';

interface RefCase {
  readonly id: string;
  readonly surface: { readonly name: string; readonly data?: SurfaceData } & Record<
    string,
    unknown
  >;
  readonly expected: {
    readonly float64: { readonly x: readonly [number, number][]; readonly loss: readonly number[] };
  };
}
const CASES = loadReferenceCases<RefCase>();

/** The data sets of the reference cases on one surface. */
function caseData(id: string): SurfaceData[] {
  return CASES.filter((c) => c.surface.name === id && c.surface.data).map((c) => c.surface.data!);
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

function get(id: string): SurfaceDef {
  const def = surfaceById(id);
  if (!def) throw new Error(`no surface ${id}`);
  return def;
}

function evalAt(
  def: SurfaceDef,
  x: number,
  y: number,
  params: ParamValues = defaultValues(def.params),
  data?: SurfaceData,
): [number, number, number] {
  const out = new Float64Array(3);
  def.evaluate(x, y, params, out, data);
  // + 0 turns −0 into 0, so that exact expectations need not spell signed zeros.
  return [out[0]! + 0, out[1]! + 0, out[2]! + 0];
}

/** Parameter sets and data sets each surface is checked with. */
function variants(def: SurfaceDef): { params: ParamValues; data?: SurfaceData }[] {
  const params = defaultValues(def.params);
  if (def.data) return caseData(def.id).map((data) => ({ params, data }));
  const out: { params: ParamValues; data?: SurfaceData }[] = [{ params }];
  // A second parameter set: every parameter moved inside its slider range.
  if (def.params.length > 0) {
    const moved: Record<string, number> = {};
    for (const p of def.params) moved[p.key] = p.slider[0] + 0.37 * (p.slider[1] - p.slider[0]);
    out.push({ params: moved });
  }
  return out;
}

describe('surface registry', () => {
  it('holds the 14 docs/FORMAT.md surfaces in order, found by id', () => {
    expect(SURFACES.map((s) => s.id)).toEqual([
      'quadratic',
      'rosenbrock',
      'beale',
      'himmelblau',
      'booth',
      'matyas',
      'three_hump_camel',
      'goldstein_price',
      'rastrigin',
      'ackley',
      'styblinski_tang',
      'saddle',
      'linear_regression',
      'logistic_regression',
    ]);
    for (const s of SURFACES) expect(surfaceById(s.id)).toBe(s);
    expect(surfaceById('nope')).toBeUndefined();
  });

  it('has docs/FORMAT.md defaults for every parameter', () => {
    const defaults = Object.fromEntries(SURFACES.map((s) => [s.id, defaultValues(s.params)]));
    expect(defaults).toEqual({
      quadratic: { a: 1, b: 10 },
      rosenbrock: { a: 1, b: 100 },
      beale: {},
      himmelblau: {},
      booth: {},
      matyas: {},
      three_hump_camel: {},
      goldstein_price: {},
      rastrigin: { A: 10 },
      ackley: { a: 20, b: 0.2, c: 2 * Math.PI },
      styblinski_tang: {},
      saddle: { a: 1, b: 1 },
      linear_regression: {},
      logistic_regression: {},
    });
    expect(get('linear_regression').data).toBe('linear');
    expect(get('logistic_regression').data).toBe('logistic');
    expect(SURFACES.filter((s) => s.data).length).toBe(2);
  });

  it.each(SURFACES.map((s) => [s.id, s] as const))(
    '%s: schema, view and snippet are consistent',
    (_id, def) => {
      expect(def.params.length).toBeLessThanOrEqual(4);
      for (const p of def.params) {
        expect(validateParam(p, p.default), p.key).toBeNull();
        expect(validateParam(p, p.slider[0]), p.key).toBeNull();
        expect(validateParam(p, p.slider[1]), p.key).toBeNull();
        expect(p.slider[0]).toBeLessThan(p.slider[1]);
        expect(p.help.length).toBeGreaterThan(10);
      }
      const { xMin, xMax, yMin, yMax } = def.view;
      expect(xMin).toBeLessThan(xMax);
      expect(yMin).toBeLessThan(yMax);
      const [sx, sy] = def.defaultStart;
      expect(sx >= xMin && sx <= xMax && sy >= yMin && sy <= yMax).toBe(true);
      expect(def.wgsl).toContain(`fn ${surfaceFn(def.id)}(`);
      expect(def.formula.length).toBeGreaterThan(5);
    },
  );
});

describe('analytic gradients match central differences', () => {
  // Richardson-extrapolated central differences: error O(h⁴) from truncation plus
  // ~1e-16·|f|/h from rounding; with h = 1e-4·(1 + |v|) both are far below the tolerance
  // 1e-7·(1 + |g|) + 1e-10·|f| on these surfaces (|f| reaches 1e6 on goldstein_price).
  function numericGrad(
    f: (x: number, y: number) => number,
    x: number,
    y: number,
  ): [number, number] {
    const d = (g: (t: number) => number, t: number) => {
      const h = 1e-4 * (1 + Math.abs(t));
      const c = (k: number) => (g(t + k) - g(t - k)) / (2 * k);
      return (4 * c(h / 2) - c(h)) / 3;
    };
    return [d((t) => f(t, y), x), d((t) => f(x, t), y)];
  }

  it.each(SURFACES.map((s) => [s.id, s] as const))('%s', (_id, def) => {
    const rand = mulberry32(7);
    const { xMin, xMax, yMin, yMax } = def.view;
    let checked = 0;
    for (const { params, data } of variants(def)) {
      const f = (x: number, y: number) => evalAt(def, x, y, params, data)[0];
      for (let i = 0; i < 200; i++) {
        const x = xMin + (xMax - xMin) * rand();
        const y = yMin + (yMax - yMin) * rand();
        const [loss, gx, gy] = evalAt(def, x, y, params, data);
        const [nx, ny] = numericGrad(f, x, y);
        const tol = (g: number) => 1e-7 * (1 + Math.abs(g)) + 1e-10 * Math.abs(loss);
        expect(Math.abs(gx - nx), `∂x at (${x}, ${y})`).toBeLessThanOrEqual(tol(gx));
        expect(Math.abs(gy - ny), `∂y at (${x}, ${y})`).toBeLessThanOrEqual(tol(gy));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(200);
  });
});

describe('minima', () => {
  it.each(SURFACES.map((s) => [s.id, s] as const))(
    '%s: known minima have zero gradient and are local minima',
    (id, def) => {
      let seen = 0;
      for (const { params, data } of variants(def)) {
        const minima = def.minima(params, data);
        if (id === 'saddle') {
          expect(minima).toEqual([]);
          continue;
        }
        expect(minima.length).toBeGreaterThan(0);
        for (const [mx, my] of minima) {
          const [loss, gx, gy] = evalAt(def, mx, my, params, data);
          expect(Math.hypot(gx, gy), `gradient at (${mx}, ${my})`).toBeLessThan(1e-9);
          // Lower than every point 1e-3 away, in 16 directions.
          for (let k = 0; k < 16; k++) {
            const a = (k * Math.PI) / 8;
            const [other] = evalAt(
              def,
              mx + 1e-3 * Math.cos(a),
              my + 1e-3 * Math.sin(a),
              params,
              data,
            );
            expect(other, `(${mx}, ${my}) direction ${k}`).toBeGreaterThan(loss);
          }
          seen++;
        }
      }
      if (id !== 'saddle') expect(seen).toBeGreaterThan(0);
    },
  );

  it('lists the documented minima', () => {
    const d = defaultValues([]);
    expect(get('rosenbrock').minima({ a: 1.5, b: 100 })).toEqual([[1.5, 2.25]]);
    expect(get('beale').minima(d)).toEqual([[3, 0.5]]);
    expect(get('goldstein_price').minima(d)).toEqual([[0, -1]]);
    expect(get('booth').minima(d)).toEqual([[1, 3]]);
    expect(get('himmelblau').minima(d)).toHaveLength(4);
    const st = get('styblinski_tang').minima(d);
    expect(st[0]![0]).toBeCloseTo(-2.903534, 6);
    expect(st[0]![1]).toBeCloseTo(-2.903534, 6);
    // The global minimum is listed first: 2·(−39.16616570377142).
    expect(evalAt(get('styblinski_tang'), st[0]![0], st[0]![1])[0]).toBeCloseTo(
      -78.33233140754284,
      10,
    );
  });

  it('linear_regression: the closed form matches a hand-solved fit', () => {
    // Points (0, 1), (1, 3), (2, 5) lie on v = 2u + 1 exactly.
    expect(get('linear_regression').minima({}, { u: [0, 1, 2], v: [1, 3, 5] })).toEqual([[2, 1]]);
    // All u equal: every line through (u, mean v) fits, no single minimum.
    expect(get('linear_regression').minima({}, { u: [1, 1], v: [0, 2] })).toEqual([]);
  });

  it('logistic_regression: no minimum when the classes are separable through the origin', () => {
    const def = get('logistic_regression');
    // c = [u > 0]: the direction (1, 0) separates them, the loss falls towards 0 forever.
    const separable = { u: [1, 2, -1, -0.5], w: [0.3, -1, 0.2, 2], c: [1, 1, 0, 0] };
    expect(def.minima({}, separable)).toEqual([]);
    // Signed points s·(u, w) in all four quadrants: no half-plane holds them, so the classes
    // overlap and a finite optimum exists.
    const overlapping = { u: [1, -1, 1, -1, 0.5], w: [1, 1, -1, -1, 0.2], c: [1, 0, 0, 1, 1] };
    expect(def.minima({}, overlapping)).toHaveLength(1);
    // The reference cases' data sets are not separable.
    for (const data of caseData('logistic_regression'))
      expect(def.minima({}, data)).toHaveLength(1);
  });
});

describe('loss values worked out by hand', () => {
  const at = (id: string, x: number, y: number, params?: ParamValues, data?: SurfaceData) =>
    evalAt(get(id), x, y, params ?? defaultValues(get(id).params), data);

  it('polynomial surfaces', () => {
    // quadratic (a 1, b 10) at (1, 2): 0.5·(1 + 10·4) = 20.5, gradient (a·x, b·y) = (1, 20).
    expect(at('quadratic', 1, 2)).toEqual([20.5, 1, 20]);
    // rosenbrock at its minimum (1, 1): 0; at (0, 0): (1 − 0)² + 100·0² = 1, ∂x = −2.
    expect(at('rosenbrock', 1, 1)).toEqual([0, 0, 0]);
    expect(at('rosenbrock', 0, 0)).toEqual([1, -2, 0]);
    // beale at (3, 0.5): 1.5 − 3 + 1.5 = 0, 2.25 − 3 + 0.75 = 0, 2.625 − 3 + 0.375 = 0.
    expect(at('beale', 3, 0.5)).toEqual([0, 0, 0]);
    // beale at (0, 0): 1.5² + 2.25² + 2.625² = 2.25 + 5.0625 + 6.890625 = 14.203125.
    expect(at('beale', 0, 0)[0]).toBe(14.203125);
    // himmelblau at (0, 0): 121 + 49 = 170; ∂x = 4·0·(−11) + 2·(−7) = −14, ∂y = −22.
    expect(at('himmelblau', 0, 0)).toEqual([170, -14, -22]);
    // booth at (1, 3): 1 + 6 − 7 = 0 and 2 + 3 − 5 = 0.
    expect(at('booth', 1, 3)).toEqual([0, 0, 0]);
    // booth at (0, 0): 49 + 25 = 74; ∂x = 2·(−7) + 4·(−5) = −34, ∂y = 4·(−7) + 2·(−5) = −38.
    expect(at('booth', 0, 0)).toEqual([74, -34, -38]);
    // matyas at (1, 1): 0.26·2 − 0.48 = 0.04; ∂x = ∂y = 0.52 − 0.48 = 0.04.
    const m = at('matyas', 1, 1);
    for (const v of m) expect(v).toBeCloseTo(0.04, 15);
    // three_hump_camel at (1, 1): 2 − 1.05 + 1/6 + 1 + 1 = 3.11666…; ∂x = 4 − 4.2 + 1 + 1 = 1.8, ∂y = 3.
    const c = at('three_hump_camel', 1, 1);
    expect(c[0]).toBeCloseTo(3.1166666666666667, 14);
    expect(c[1]).toBeCloseTo(1.8, 14);
    expect(c[2]).toBe(3);
    // goldstein_price at (0, −1): [1 + 0²·…]·[30 + 3²·(18 − 48 + 27)] = 30 + 9·(−3) = 3.
    expect(at('goldstein_price', 0, -1)).toEqual([3, 0, 0]);
    // goldstein_price at (0, 0): [1 + 1·19]·[30 + 0] = 600.
    expect(at('goldstein_price', 0, 0)[0]).toBe(600);
    // styblinski_tang at (1, 0): 0.5·(1 − 16 + 5) = −5; ∂x = 2 − 16 + 2.5 = −11.5, ∂y = 2.5.
    expect(at('styblinski_tang', 1, 0)).toEqual([-5, -11.5, 2.5]);
    // saddle (a 1, b 1) at (1, 1): 1 − 1 = 0, gradient (2, −2).
    expect(at('saddle', 1, 1)).toEqual([0, 2, -2]);
  });

  it('rastrigin and ackley', () => {
    // rastrigin (A 10) at (0, 0): 20 + (0 − 10) + (0 − 10) = 0.
    expect(at('rastrigin', 0, 0)).toEqual([0, 0, 0]);
    // at (0.5, 0): 20 + (0.25 − 10·cos π) + (0 − 10) = 20.25; ∂x = 1 + 10·2π·sin π ≈ 1.
    const r = at('rastrigin', 0.5, 0);
    expect(r[0]).toBeCloseTo(20.25, 13);
    expect(r[1]).toBeCloseTo(1, 12);
    // A = 3 at (1, 1): 6 + (1 − 3) + (1 − 3) = 2.
    expect(at('rastrigin', 1, 1, { A: 3 })[0]).toBeCloseTo(2, 13);
    // ackley at the origin: −20·e⁰ − e¹ + 20 + e = 0, gradient taken as 0 there.
    const a0 = at('ackley', 0, 0);
    expect(Math.abs(a0[0])).toBeLessThan(1e-14);
    expect([a0[1], a0[2]]).toEqual([0, 0]);
    // ackley at (1, 0), c = 2π: r = √0.5, cos 2π = cos 0 = 1:
    // −20·e^(−0.2·√0.5) − e + 20 + e = 20·(1 − e^(−0.1414213562)) = 2.6355227...
    expect(at('ackley', 1, 0)[0]).toBeCloseTo(20 * (1 - Math.exp(-0.2 * Math.SQRT1_2)), 13);
  });

  it('data surfaces', () => {
    // Line fit on (0, 1), (1, 3) at (0, 0): residuals −1, −3; loss (1 + 9)/2 = 5;
    // ∂x = mean(2r·u) = (0 − 6)/2 = −3, ∂y = mean(2r) = (−2 − 6)/2 = −4.
    expect(at('linear_regression', 0, 0, {}, { u: [0, 1], v: [1, 3] })).toEqual([5, -3, -4]);
    // Logistic at (0, 0): z = 0, softplus 0 = ln 2, σ(0) = ½:
    // ∂x = mean((½ − c)·u) = ((½ − 1)·2 + (½ − 0)·4)/2 = (−1 + 2)/2 = 0.5, ∂y = ((−½)·1 + ½·(−2))/2 = −0.75.
    const l = at('logistic_regression', 0, 0, {}, { u: [2, 4], w: [1, -2], c: [1, 0] });
    expect(l[0]).toBeCloseTo(Math.LN2, 15);
    expect(l[1]).toBeCloseTo(0.5, 15);
    expect(l[2]).toBeCloseTo(-0.75, 15);
    // Far out the stable softplus does not overflow: z = 1000 with c = 0 gives loss 1000.
    const far = at('logistic_regression', 1000, 0, {}, { u: [1], w: [0], c: [0] });
    expect(far).toEqual([1000, 1, 0]);
  });

  it('data surfaces refuse to run without data', () => {
    expect(() => at('linear_regression', 0, 0, {})).toThrow(/data/);
  });
});

describe('packSurfaceData', () => {
  it('interleaves the columns and rounds to float32', () => {
    const lin = get('linear_regression');
    expect(surfaceDataStride(lin)).toBe(2);
    const packed = packSurfaceData(lin, { u: [0.1, 0.5], v: [1.3, 2] });
    expect(Array.from(packed)).toEqual([Math.fround(0.1), Math.fround(1.3), 0.5, 2]);
    expect(packed[0]).not.toBe(0.1);

    const log = get('logistic_regression');
    expect(surfaceDataStride(log)).toBe(3);
    expect(Array.from(packSurfaceData(log, { u: [1, 2], w: [3, 4], c: [0, 1] }))).toEqual([
      1, 3, 0, 2, 4, 1,
    ]);
    expect(() => packSurfaceData(log, { u: [1, 2], w: [3], c: [0, 1] })).toThrow(/column/);
    expect(packSurfaceData(get('booth'), { u: [1] }).length).toBe(0);
  });

  it('packs a reference case the same length as its points', () => {
    const data = caseData('logistic_regression')[0]!;
    const packed = packSurfaceData(get('logistic_regression'), data);
    expect(packed.length).toBe(3 * data.u.length);
    expect(packed[3 * 5 + 1]).toBe(Math.fround(data.w![5]!));
  });
});

describe('losses along the reference trajectories', () => {
  // PyTorch's float64 loss at every recorded point of every case: the loss formulas, the
  // defaults and the parameter names must all agree with docs/FORMAT.md for this to hold.
  it('match expected.float64.loss to 1e-12 relative', () => {
    const out = new Float64Array(3);
    let worst = 0;
    let worstAt = '';
    let points = 0;
    for (const c of CASES) {
      const def = get(c.surface.name);
      const params: Record<string, number> = {};
      for (const p of def.params) {
        const v = c.surface[p.key];
        params[p.key] = typeof v === 'number' ? v : p.default;
      }
      const { x, loss } = c.expected.float64;
      x.forEach(([px, py], t) => {
        def.evaluate(px, py, params, out, c.surface.data);
        const err = Math.abs(out[0]! - loss[t]!) / (1 + Math.abs(loss[t]!));
        if (!(err <= worst)) {
          worst = err;
          worstAt = `${c.id} step ${t}: ${out[0]} vs ${loss[t]}`;
        }
        points++;
      });
    }
    console.log(
      `${points} points, worst relative loss error ${worst.toExponential(2)} (${worstAt})`,
    );
    expect(points).toBeGreaterThan(10000);
    expect(worst, worstAt).toBeLessThan(1e-12);
  });
});
