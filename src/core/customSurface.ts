// A surface the user types: f(x, y) parsed, differentiated symbolically and turned into the
// same registry entry every built-in surface is (src/core/surfaces.ts), so the float64 path,
// the WGSL engine and the map run it like any other. The expression's named parameters become
// its schema (sliders, in the link like rosenbrock's a and b); its minima are found
// numerically, since nothing is known of them in closed form.

import {
  compileSurface,
  formatExpression,
  parseExpression,
  surfaceWgsl,
  type CompiledSurface,
} from './expr';
import { num, type NumberParam, type ParamValues } from './params';
import type { Message } from './messages';
import { surfaceFn } from './naming';
import { CUSTOM_SURFACE_ID } from './surfaceRef';
import type { SurfaceDef, Vec2, ViewWindow } from './types';

export { CUSTOM_SURFACE_ID };

/** The window a typed surface opens on. */
const CUSTOM_VIEW: ViewWindow = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };
/** Where its minima are looked for: wider, so panning out still shows them. */
const MINIMA_WINDOW: ViewWindow = { xMin: -6, xMax: 6, yMin: -6, yMax: 6 };

export type CustomSurfaceOutcome =
  | { readonly ok: true; readonly def: SurfaceDef }
  | {
      readonly ok: false;
      /** What is wrong, for the interface to say in its language. */
      readonly problem: Message;
      /** The problem in English (the command line, the tests). */
      readonly message: string;
      /** 0-based offset into the text and the length of the part at fault. */
      readonly position: number;
      readonly length: number;
    };

function parameterSchema(name: string): NumberParam {
  return {
    kind: 'number',
    key: name,
    label: name,
    help: `${name}, a parameter of your f(x, y)`,
    default: 1,
    min: -1e6,
    max: 1e6,
    scale: 'linear',
    slider: [-10, 10],
  };
}

/** The registry entry of the surface `text` describes, or where the text is wrong. */
export function customSurface(text: string): CustomSurfaceOutcome {
  const parsed = parseExpression(text);
  if (!parsed.ok) return parsed;
  const { expr, params } = parsed;
  const compiled = compileSurface(expr, params);
  const schema = params.map(parameterSchema);
  const values = (p: ParamValues): number[] => schema.map((s) => num(p, s.key));
  const minimaCache = new Map<string, Vec2[]>();
  return {
    ok: true,
    def: {
      id: CUSTOM_SURFACE_ID,
      label: 'Your surface',
      formula: formatExpression(expr),
      params: schema,
      evaluate(x, y, p, out) {
        compiled.evaluate(x, y, values(p), out);
      },
      wgsl: surfaceWgsl(expr, surfaceFn(CUSTOM_SURFACE_ID), params),
      view: CUSTOM_VIEW,
      defaultStart: [-2, 2],
      minima(p) {
        const v = values(p);
        const key = v.join(',');
        let found = minimaCache.get(key);
        if (!found) {
          found = findMinima(compiled, v, MINIMA_WINDOW);
          if (minimaCache.size > 64) minimaCache.clear();
          minimaCache.set(key, found);
        }
        return found;
      },
    },
  };
}

/** Most minima reported: the lowest ones. */
const MAX_MINIMA = 8;
const STARTS_PER_SIDE = 13;
const MAX_ITERATIONS = 100;

/**
 * Local minima of f inside `view`, lowest first: damped Newton from a grid of starts, kept
 * where f rises in every direction around the point (a saddle or a slope is not a minimum),
 * merged when closer than 1e-3 of the window. Deterministic and bounded: at most
 * STARTS² · MAX_ITERATIONS · ~45 evaluations.
 */
export function findMinima(
  f: CompiledSurface,
  params: readonly number[],
  view: ViewWindow,
): Vec2[] {
  const out = new Float64Array(3);
  const span = Math.max(view.xMax - view.xMin, view.yMax - view.yMin);
  const found: { point: Vec2; value: number }[] = [];
  for (let j = 0; j < STARTS_PER_SIDE; j++) {
    for (let i = 0; i < STARTS_PER_SIDE; i++) {
      const x0 = view.xMin + ((i + 0.5) * (view.xMax - view.xMin)) / STARTS_PER_SIDE;
      const y0 = view.yMin + ((j + 0.5) * (view.yMax - view.yMin)) / STARTS_PER_SIDE;
      const end = descend(f, params, x0, y0, span, out);
      if (!end) continue;
      const [x, y] = end;
      if (x < view.xMin || x > view.xMax || y < view.yMin || y > view.yMax) continue;
      if (!risesAround(f, params, x, y, span)) continue;
      const value = f.value(x, y, params);
      if (found.some((m) => Math.hypot(m.point[0] - x, m.point[1] - y) < 1e-3 * span)) continue;
      found.push({ point: [x, y], value });
    }
  }
  return found
    .sort((a, b) => a.value - b.value)
    .slice(0, MAX_MINIMA)
    .map((m) => m.point);
}

/**
 * Where damped Newton (Levenberg–Marquardt) from (x, y) settles; null if it leaves the finite.
 * The Hessian comes from central differences of the analytic gradient. Newton, not plain
 * descent: in a curved valley such as Rosenbrock's, steepest descent stalls far from the floor.
 */
function descend(
  f: CompiledSurface,
  params: readonly number[],
  x0: number,
  y0: number,
  span: number,
  out: Float64Array,
): Vec2 | null {
  const gradientAt = (x: number, y: number): [number, number, number] => {
    f.evaluate(x, y, params, out);
    return [out[0] as number, out[1] as number, out[2] as number];
  };
  let x = x0;
  let y = y0;
  let damping = 1e-3;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const [value, gx, gy] = gradientAt(x, y);
    if (!Number.isFinite(value) || !Number.isFinite(gx) || !Number.isFinite(gy)) return null;
    if (Math.hypot(gx, gy) <= 1e-12 * Math.max(1, Math.abs(value))) return [x, y];
    const hx = 1e-5 * Math.max(1, Math.abs(x));
    const hy = 1e-5 * Math.max(1, Math.abs(y));
    const [, gxR, gyR] = gradientAt(x + hx, y);
    const [, gxL, gyL] = gradientAt(x - hx, y);
    const [, gxU, gyU] = gradientAt(x, y + hy);
    const [, gxD, gyD] = gradientAt(x, y - hy);
    const hxx = (gxR - gxL) / (2 * hx);
    const hyy = (gyU - gyD) / (2 * hy);
    const hxy = ((gyR - gyL) / (2 * hx) + (gxU - gxD) / (2 * hy)) / 2;
    const scale = Math.abs(hxx) + Math.abs(hyy) + Math.abs(hxy) + 1e-300;
    let moved = false;
    for (let tries = 0; tries < 40; tries++) {
      const lambda = damping * scale;
      const a = hxx + lambda;
      const d = hyy + lambda;
      const det = a * d - hxy * hxy;
      if (a > 0 && det > 0) {
        const dx = -(d * gx - hxy * gy) / det;
        const dy = -(a * gy - hxy * gx) / det;
        const next = f.value(x + dx, y + dy, params);
        if (Number.isFinite(next) && next < value) {
          x += dx;
          y += dy;
          damping = Math.max(damping / 3, 1e-12);
          moved = true;
          if (Math.hypot(dx, dy) < 1e-13 * span) return [x, y];
          break;
        }
      }
      damping *= 4;
    }
    if (!moved) return [x, y];
  }
  return [x, y];
}

/** True when f is not lower anywhere on a small ring around (x, y). */
function risesAround(
  f: CompiledSurface,
  params: readonly number[],
  x: number,
  y: number,
  span: number,
): boolean {
  const centre = f.value(x, y, params);
  const r = 1e-3 * span;
  const tolerance = 1e-12 * Math.max(1, Math.abs(centre));
  for (let k = 0; k < 16; k++) {
    const a = (2 * Math.PI * k) / 16;
    const v = f.value(x + r * Math.cos(a), y + r * Math.sin(a), params);
    if (!(v > centre - tolerance)) return false;
  }
  return true;
}
