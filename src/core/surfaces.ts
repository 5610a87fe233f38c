// The 14 loss surfaces of docs/FORMAT.md: each entry holds its parameter schema, its float64
// loss and analytic gradient, its float32 WGSL snippet (shaders/surfaces/<id>.wgsl, which
// uses the dl* helpers of shaders/common/math.wgsl) and what the map needs to show it.

import type { NumberParam } from './params';
import { num } from './params';
import type { SurfaceData, SurfaceDef, Vec2 } from './types';

import ackleyWgsl from '../../shaders/surfaces/ackley.wgsl?raw';
import bealeWgsl from '../../shaders/surfaces/beale.wgsl?raw';
import boothWgsl from '../../shaders/surfaces/booth.wgsl?raw';
import goldsteinPriceWgsl from '../../shaders/surfaces/goldstein_price.wgsl?raw';
import himmelblauWgsl from '../../shaders/surfaces/himmelblau.wgsl?raw';
import linearRegressionWgsl from '../../shaders/surfaces/linear_regression.wgsl?raw';
import logisticRegressionWgsl from '../../shaders/surfaces/logistic_regression.wgsl?raw';
import matyasWgsl from '../../shaders/surfaces/matyas.wgsl?raw';
import quadraticWgsl from '../../shaders/surfaces/quadratic.wgsl?raw';
import rastriginWgsl from '../../shaders/surfaces/rastrigin.wgsl?raw';
import rosenbrockWgsl from '../../shaders/surfaces/rosenbrock.wgsl?raw';
import saddleWgsl from '../../shaders/surfaces/saddle.wgsl?raw';
import styblinskiTangWgsl from '../../shaders/surfaces/styblinski_tang.wgsl?raw';
import threeHumpCamelWgsl from '../../shaders/surfaces/three_hump_camel.wgsl?raw';

const TWO_PI = 2 * Math.PI;

/** A positive scale factor such as quadratic's curvatures. */
function curvature(key: string, symbol: string, def: number, help: string): NumberParam {
  return {
    kind: 'number',
    key,
    label: `${key} (curvature)`,
    symbol,
    help,
    default: def,
    min: 0,
    exclusiveMin: true,
    max: 1000,
    scale: 'log',
    slider: [0.1, 100],
  };
}

function dataOf(data: SurfaceData | undefined, id: string): SurfaceData {
  if (!data) throw new Error(`surface ${id} needs a data set`);
  return data;
}

/** Numerically stable ln(1 + e^z). */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** Numerically stable 1 / (1 + e^−z). */
function sigmoid(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/** Least-squares line fit v ≈ w·u + b in closed form; null when all u are equal. */
function linearFit(data: SurfaceData): Vec2 | null {
  const u = data.u;
  const v = data.v ?? [];
  const n = u.length;
  if (n === 0 || v.length !== n) return null;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < n; i++) {
    mu += u[i]!;
    mv += v[i]!;
  }
  mu /= n;
  mv /= n;
  let suu = 0;
  let suv = 0;
  for (let i = 0; i < n; i++) {
    const du = u[i]! - mu;
    suu += du * du;
    suv += du * (v[i]! - mv);
  }
  if (!(suu > 0)) return null;
  const w = suv / suu;
  return [w, mv - w * mu];
}

/**
 * Whether the labelled points can be split by a line through the origin (z = x·u + y·w has
 * no intercept): then the logistic loss has no minimum, it keeps falling towards 0 along the
 * separating direction. With s_i = ±1 for c_i = 1/0, a separating direction d needs
 * s_i·(d·a_i) ≥ 0 for every point a_i = (u_i, w_i), i.e. all s_i·a_i lie in one closed
 * half-plane: the largest angular gap between them is at least π.
 */
function separableThroughOrigin(data: SurfaceData): boolean {
  const angles: number[] = [];
  const w = data.w ?? [];
  const c = data.c ?? [];
  for (let i = 0; i < data.u.length; i++) {
    const s = c[i]! > 0.5 ? 1 : -1;
    const a = s * data.u[i]!;
    const b = s * w[i]!;
    if (a !== 0 || b !== 0) angles.push(Math.atan2(b, a));
  }
  if (angles.length === 0) return true;
  angles.sort((p, q) => p - q);
  let gap = angles[0]! + TWO_PI - angles[angles.length - 1]!;
  for (let i = 1; i < angles.length; i++) gap = Math.max(gap, angles[i]! - angles[i - 1]!);
  return gap >= Math.PI - 1e-12;
}

/** Mean logistic loss and gradient at (x, y), float64. */
function logisticEval(x: number, y: number, data: SurfaceData, out: Float64Array): void {
  const { u } = data;
  const w = data.w ?? [];
  const c = data.c ?? [];
  const n = u.length;
  let loss = 0;
  let gx = 0;
  let gy = 0;
  for (let i = 0; i < n; i++) {
    const ui = u[i]!;
    const wi = w[i]!;
    const ci = c[i]!;
    const z = x * ui + y * wi;
    loss += softplus(z) - ci * z;
    const gz = sigmoid(z) - ci;
    gx += gz * ui;
    gy += gz * wi;
  }
  out[0] = loss / n;
  out[1] = gx / n;
  out[2] = gy / n;
}

/** The logistic-regression optimum by damped Newton in float64; null if it does not exist. */
function logisticFit(data: SurfaceData): Vec2 | null {
  const n = data.u.length;
  const w = data.w ?? [];
  if (n === 0 || w.length !== n || (data.c ?? []).length !== n) return null;
  if (separableThroughOrigin(data)) return null;
  const cur = new Float64Array(3);
  const trial = new Float64Array(3);
  let x = 0;
  let y = 0;
  for (let iter = 0; iter < 100; iter++) {
    logisticEval(x, y, data, cur);
    // Hessian: mean of σ(1 − σ)·a·aᵀ.
    let hxx = 0;
    let hxy = 0;
    let hyy = 0;
    for (let i = 0; i < n; i++) {
      const ui = data.u[i]!;
      const wi = w[i]!;
      const s = sigmoid(x * ui + y * wi);
      const k = s * (1 - s);
      hxx += k * ui * ui;
      hxy += k * ui * wi;
      hyy += k * wi * wi;
    }
    hxx /= n;
    hxy /= n;
    hyy /= n;
    const det = hxx * hyy - hxy * hxy;
    if (!(det > 0)) return null;
    const dx = (hyy * cur[1]! - hxy * cur[2]!) / det;
    const dy = (hxx * cur[2]! - hxy * cur[1]!) / det;
    // Backtracking keeps the loss from rising on the first, far-from-quadratic steps.
    let t = 1;
    for (let k = 0; k < 50; k++) {
      logisticEval(x - t * dx, y - t * dy, data, trial);
      if (trial[0]! <= cur[0]!) break;
      t *= 0.5;
    }
    x -= t * dx;
    y -= t * dy;
    if (Math.abs(t * dx) + Math.abs(t * dy) <= 1e-15 * (1 + Math.abs(x) + Math.abs(y))) break;
  }
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}

// The real roots of styblinski_tang's 2v³ − 16v + 2.5 = 0 that are minima of the 1-D term
// (the middle root, 0.1567, is a maximum), refined by Newton from nearby starts.
function styblinskiRoot(start: number): number {
  let v = start;
  for (let i = 0; i < 30; i++) v -= (2 * v * v * v - 16 * v + 2.5) / (6 * v * v - 16);
  return v;
}
const ST_LOW = styblinskiRoot(-2.9);
const ST_HIGH = styblinskiRoot(2.75);

// three_hump_camel's two side minima: with y = −x/2, x⁴ − 4.2x² + 3.5 = 0, the larger root
// x² = 2.1 + √0.91 being the minima (the smaller one, saddles).
const CAMEL_X = Math.sqrt(2.1 + Math.sqrt(0.91));

export const SURFACES: readonly SurfaceDef[] = [
  {
    id: 'quadratic',
    label: 'Quadratic bowl',
    formula: '½·(a·x² + b·y²)',
    params: [
      curvature('a', 'a', 1, 'Curvature along x: how steep the bowl rises in the x direction.'),
      curvature(
        'b',
        'b',
        10,
        'Curvature along y; b/a is the condition number that makes plain gradient descent zigzag.',
      ),
    ],
    evaluate(x, y, params, out) {
      const a = num(params, 'a');
      const b = num(params, 'b');
      out[0] = 0.5 * (a * x * x + b * y * y);
      out[1] = a * x;
      out[2] = b * y;
    },
    wgsl: quadraticWgsl,
    view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
    defaultStart: [4.5, 0.5],
    minima: () => [[0, 0]],
  },
  {
    id: 'rosenbrock',
    label: 'Rosenbrock',
    formula: '(a − x)² + b·(y − x²)²',
    params: [
      {
        kind: 'number',
        key: 'a',
        label: 'a (minimum position)',
        symbol: 'a',
        help: 'Where the minimum sits: at (a, a²), at the end of the curved valley y = x².',
        default: 1,
        min: -100,
        max: 100,
        scale: 'linear',
        slider: [0, 2],
      },
      {
        kind: 'number',
        key: 'b',
        label: 'b (valley steepness)',
        symbol: 'b',
        help: 'How steep the walls of the banana-shaped valley are; larger b makes the valley narrower and harder to follow.',
        default: 100,
        min: 0,
        exclusiveMin: true,
        max: 10000,
        scale: 'log',
        slider: [1, 1000],
      },
    ],
    evaluate(x, y, params, out) {
      const a = num(params, 'a');
      const b = num(params, 'b');
      const d = a - x;
      const t = y - x * x;
      out[0] = d * d + b * t * t;
      out[1] = -2 * d - 4 * b * x * t;
      out[2] = 2 * b * t;
    },
    wgsl: rosenbrockWgsl,
    view: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
    defaultStart: [-1.5, 2],
    minima: (params) => {
      const a = num(params, 'a');
      return [[a, a * a]];
    },
  },
  {
    id: 'beale',
    label: 'Beale',
    formula: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
    params: [],
    evaluate(x, y, _params, out) {
      const y2 = y * y;
      const y3 = y2 * y;
      const t1 = 1.5 - x + x * y;
      const t2 = 2.25 - x + x * y2;
      const t3 = 2.625 - x + x * y3;
      out[0] = t1 * t1 + t2 * t2 + t3 * t3;
      out[1] = 2 * t1 * (y - 1) + 2 * t2 * (y2 - 1) + 2 * t3 * (y3 - 1);
      out[2] = 2 * t1 * x + 4 * t2 * x * y + 6 * t3 * x * y2;
    },
    wgsl: bealeWgsl,
    view: { xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5 },
    defaultStart: [1, 1],
    minima: () => [[3, 0.5]],
  },
  {
    id: 'himmelblau',
    label: 'Himmelblau',
    formula: '(x² + y − 11)² + (x + y² − 7)²',
    params: [],
    evaluate(x, y, _params, out) {
      const a = x * x + y - 11;
      const b = x + y * y - 7;
      out[0] = a * a + b * b;
      out[1] = 4 * a * x + 2 * b;
      out[2] = 2 * a + 4 * b * y;
    },
    wgsl: himmelblauWgsl,
    view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
    defaultStart: [0, 0],
    // Four global minima, all with loss 0 (solved to float64 precision with mpmath).
    minima: () => [
      [3, 2],
      [-2.805118086952745, 3.131312518250573],
      [-3.779310253377747, -3.2831859912861696],
      [3.5844283403304917, -1.8481265269644036],
    ],
  },
  {
    id: 'booth',
    label: 'Booth',
    formula: '(x + 2y − 7)² + (2x + y − 5)²',
    params: [],
    evaluate(x, y, _params, out) {
      const a = x + 2 * y - 7;
      const b = 2 * x + y - 5;
      out[0] = a * a + b * b;
      out[1] = 2 * a + 4 * b;
      out[2] = 4 * a + 2 * b;
    },
    wgsl: boothWgsl,
    view: { xMin: -10, xMax: 10, yMin: -10, yMax: 10 },
    defaultStart: [8, -6],
    minima: () => [[1, 3]],
  },
  {
    id: 'matyas',
    label: 'Matyas',
    formula: '0.26·(x² + y²) − 0.48·xy',
    params: [],
    evaluate(x, y, _params, out) {
      out[0] = 0.26 * (x * x + y * y) - 0.48 * x * y;
      out[1] = 0.52 * x - 0.48 * y;
      out[2] = 0.52 * y - 0.48 * x;
    },
    wgsl: matyasWgsl,
    view: { xMin: -10, xMax: 10, yMin: -10, yMax: 10 },
    defaultStart: [7, -6],
    minima: () => [[0, 0]],
  },
  {
    id: 'three_hump_camel',
    label: 'Three-hump camel',
    formula: '2x² − 1.05x⁴ + x⁶/6 + xy + y²',
    params: [],
    evaluate(x, y, _params, out) {
      const x2 = x * x;
      const x3 = x2 * x;
      const x4 = x2 * x2;
      out[0] = 2 * x2 - 1.05 * x4 + (x4 * x2) / 6 + x * y + y * y;
      out[1] = 4 * x - 4.2 * x3 + x4 * x + y;
      out[2] = x + 2 * y;
    },
    wgsl: threeHumpCamelWgsl,
    view: { xMin: -2.5, xMax: 2.5, yMin: -2.5, yMax: 2.5 },
    defaultStart: [1.5, -1],
    // The global minimum and the two side minima (loss ≈ 0.2986).
    minima: () => [
      [0, 0],
      [CAMEL_X, -CAMEL_X / 2],
      [-CAMEL_X, CAMEL_X / 2],
    ],
  },
  {
    id: 'goldstein_price',
    label: 'Goldstein–Price',
    formula:
      '[1 + (x+y+1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]·[30 + (2x−3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)]',
    params: [],
    evaluate(x, y, _params, out) {
      const s = x + y + 1;
      const p = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
      const d = 2 * x - 3 * y;
      const q = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
      const fa = 1 + s * s * p;
      const fb = 30 + d * d * q;
      // ∂P/∂x = ∂P/∂y = −14 + 6x + 6y, so ∂A/∂x = ∂A/∂y.
      const da = 2 * s * p + s * s * (6 * x + 6 * y - 14);
      const dbx = 4 * d * q + d * d * (24 * x - 36 * y - 32);
      const dby = -6 * d * q + d * d * (54 * y - 36 * x + 48);
      out[0] = fa * fb;
      out[1] = da * fb + fa * dbx;
      out[2] = da * fb + fa * dby;
    },
    wgsl: goldsteinPriceWgsl,
    view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
    defaultStart: [-0.5, 0.5],
    minima: () => [[0, -1]],
  },
  {
    id: 'rastrigin',
    label: 'Rastrigin',
    formula: '2A + (x² − A·cos 2πx) + (y² − A·cos 2πy)',
    params: [
      {
        kind: 'number',
        key: 'A',
        label: 'A (ripple height)',
        symbol: 'A',
        help: 'Height of the cosine ripples that put a local minimum near every integer point; 0 leaves a plain bowl.',
        default: 10,
        min: 0,
        max: 100,
        scale: 'linear',
        slider: [0, 20],
      },
    ],
    evaluate(x, y, params, out) {
      const A = num(params, 'A');
      const tx = TWO_PI * x;
      const ty = TWO_PI * y;
      out[0] = 2 * A + (x * x - A * Math.cos(tx)) + (y * y - A * Math.cos(ty));
      out[1] = 2 * x + A * TWO_PI * Math.sin(tx);
      out[2] = 2 * y + A * TWO_PI * Math.sin(ty);
    },
    wgsl: rastriginWgsl,
    view: { xMin: -5.12, xMax: 5.12, yMin: -5.12, yMax: 5.12 },
    defaultStart: [-3.1, 2.32],
    minima: () => [[0, 0]],
  },
  {
    id: 'ackley',
    label: 'Ackley',
    formula: '−a·exp(−b·√(0.5(x²+y²))) − exp(0.5(cos cx + cos cy)) + a + e',
    params: [
      {
        kind: 'number',
        key: 'a',
        label: 'a (funnel depth)',
        symbol: 'a',
        help: 'Depth of the wide funnel that leads to the global minimum at the origin.',
        default: 20,
        min: 0,
        max: 100,
        scale: 'linear',
        slider: [0, 40],
      },
      {
        kind: 'number',
        key: 'b',
        label: 'b (funnel width)',
        symbol: 'b',
        help: 'How fast the funnel falls off with the distance from the origin; larger b makes it narrower.',
        default: 0.2,
        min: 0,
        exclusiveMin: true,
        max: 10,
        scale: 'log',
        slider: [0.02, 2],
      },
      {
        kind: 'number',
        key: 'c',
        label: 'c (ripple frequency)',
        symbol: 'c',
        help: 'Angular frequency of the cosine ripples; the default 2π puts a ripple at every integer.',
        default: TWO_PI,
        min: 0,
        max: 100,
        scale: 'linear',
        slider: [0, 4 * Math.PI],
      },
    ],
    evaluate(x, y, params, out) {
      const a = num(params, 'a');
      const b = num(params, 'b');
      const c = num(params, 'c');
      const r = Math.sqrt(0.5 * (x * x + y * y));
      const e1 = Math.exp(-b * r);
      const e2 = Math.exp(0.5 * (Math.cos(c * x) + Math.cos(c * y)));
      out[0] = -a * e1 - e2 + a + Math.E;
      // d/dx of −a·e^(−b·r) is a·b·e^(−b·r)·x/(2r); undefined at the origin, taken as 0 there
      // (as the WGSL does).
      const g = r > 0 ? (a * b * e1) / (2 * r) : 0;
      out[1] = g * x + 0.5 * e2 * c * Math.sin(c * x);
      out[2] = g * y + 0.5 * e2 * c * Math.sin(c * y);
    },
    wgsl: ackleyWgsl,
    view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
    defaultStart: [3.84, -1.29],
    minima: () => [[0, 0]],
  },
  {
    id: 'styblinski_tang',
    label: 'Styblinski–Tang',
    formula: '0.5·Σ (v⁴ − 16v² + 5v) over v ∈ {x, y}',
    params: [],
    evaluate(x, y, _params, out) {
      const x2 = x * x;
      const y2 = y * y;
      out[0] = 0.5 * (x2 * x2 - 16 * x2 + 5 * x + (y2 * y2 - 16 * y2 + 5 * y));
      out[1] = 2 * x2 * x - 16 * x + 2.5;
      out[2] = 2 * y2 * y - 16 * y + 2.5;
    },
    wgsl: styblinskiTangWgsl,
    view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
    defaultStart: [4, 4],
    // The global minimum first, then the three local ones (every pair of 1-D minima).
    minima: () => [
      [ST_LOW, ST_LOW],
      [ST_HIGH, ST_LOW],
      [ST_LOW, ST_HIGH],
      [ST_HIGH, ST_HIGH],
    ],
  },
  {
    id: 'saddle',
    label: 'Saddle',
    formula: 'a·x² − b·y²',
    params: [
      {
        kind: 'number',
        key: 'a',
        label: 'a (upward curvature)',
        symbol: 'a',
        help: 'Curvature along x, where the surface curves up.',
        default: 1,
        min: 0,
        exclusiveMin: true,
        max: 100,
        scale: 'log',
        slider: [0.1, 10],
      },
      {
        kind: 'number',
        key: 'b',
        label: 'b (downward curvature)',
        symbol: 'b',
        help: 'Curvature along y, where the surface curves down: a run starting near y = 0 must escape the saddle point.',
        default: 1,
        min: 0,
        exclusiveMin: true,
        max: 100,
        scale: 'log',
        slider: [0.1, 10],
      },
    ],
    evaluate(x, y, params, out) {
      const a = num(params, 'a');
      const b = num(params, 'b');
      out[0] = a * x * x - b * y * y;
      out[1] = 2 * a * x;
      out[2] = -2 * b * y;
    },
    wgsl: saddleWgsl,
    view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
    defaultStart: [-1.5, 0.02],
    // No minimum: the loss is unbounded below along y.
    minima: () => [],
  },
  {
    id: 'linear_regression',
    label: 'Linear regression (w, b)',
    formula: 'mean over i of (x·uᵢ + y − vᵢ)², fitting v ≈ x·u + y',
    params: [],
    data: 'linear',
    evaluate(x, y, _params, out, data) {
      const d = dataOf(data, 'linear_regression');
      const { u } = d;
      const v = d.v ?? [];
      const n = u.length;
      let sq = 0;
      let gx = 0;
      let gy = 0;
      for (let i = 0; i < n; i++) {
        const ui = u[i]!;
        const r = x * ui + y - v[i]!;
        sq += r * r;
        gx += 2 * r * ui;
        gy += 2 * r;
      }
      out[0] = sq / n;
      out[1] = gx / n;
      out[2] = gy / n;
    },
    wgsl: linearRegressionWgsl,
    view: { xMin: -3, xMax: 5, yMin: -3, yMax: 5 },
    defaultStart: [-2, 3],
    minima: (_params, data) => {
      const fit = data ? linearFit(data) : null;
      return fit ? [fit] : [];
    },
  },
  {
    id: 'logistic_regression',
    label: 'Logistic regression (w₁, w₂)',
    formula: 'mean over i of softplus(zᵢ) − cᵢ·zᵢ, zᵢ = x·uᵢ + y·wᵢ',
    params: [],
    data: 'logistic',
    evaluate(x, y, _params, out, data) {
      logisticEval(x, y, dataOf(data, 'logistic_regression'), out);
    },
    wgsl: logisticRegressionWgsl,
    view: { xMin: -3, xMax: 8, yMin: -5, yMax: 4 },
    defaultStart: [-2, 2],
    // Empty when the classes can be split by a line through the origin: no finite optimum.
    minima: (_params, data) => {
      const fit = data ? logisticFit(data) : null;
      return fit ? [fit] : [];
    },
  },
];

const BY_ID = new Map(SURFACES.map((s) => [s.id, s]));

export function surfaceById(id: string): SurfaceDef | undefined {
  return BY_ID.get(id);
}

/** Floats per data point in `surfaceData`: (u, v) for the line fit, (u, w, c) for logistic. */
export function surfaceDataStride(def: SurfaceDef): number {
  return def.data === 'logistic' ? 3 : 2;
}

/**
 * A data set in the interleaved float32 layout the WGSL reads (linear: u, v, u, v, ...;
 * logistic: u, w, c, ...). Float32Array rounds each value to nearest, as PyTorch's
 * float32 tensors do. Empty for surfaces without data.
 */
export function packSurfaceData(def: SurfaceDef, data: SurfaceData): Float32Array<ArrayBuffer> {
  if (!def.data) return new Float32Array(0);
  const stride = surfaceDataStride(def);
  const n = data.u.length;
  const cols: readonly (readonly number[])[] =
    def.data === 'logistic' ? [data.u, data.w ?? [], data.c ?? []] : [data.u, data.v ?? []];
  const out = new Float32Array(n * stride);
  for (let k = 0; k < stride; k++) {
    const col = cols[k]!;
    if (col.length !== n)
      throw new Error(`${def.id} data: every column needs ${n} values, got ${col.length}`);
    for (let i = 0; i < n; i++) out[i * stride + k] = col[i]!;
  }
  return out;
}
