// Contour lines of a surface over a window, for drawing on top of a basin map: the surface
// evaluated in float64 on a grid, marching squares at levels evenly spaced in log(f − min),
// segments in 0..1 fractions of the window (y up).

import type { SurfaceDef, SurfaceData, ViewWindow } from '../../core/types';
import type { ParamValues } from '../../core/params';

export type Segment = readonly [number, number, number, number];

export function contourSegments(
  def: SurfaceDef,
  params: ParamValues,
  data: SurfaceData | undefined,
  view: ViewWindow,
  grid = 96,
  levels = 12,
): Segment[] {
  const n = grid + 1;
  const f = new Float64Array(n * n);
  const out = new Float64Array(3);
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const x = view.xMin + ((view.xMax - view.xMin) * i) / grid;
      const y = view.yMin + ((view.yMax - view.yMin) * j) / grid;
      def.evaluate(x, y, params, out, data);
      const v = out[0] ?? NaN;
      f[j * n + i] = v;
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  if (!(hi > lo)) return [];
  // log(f − lo + ε): contours crowd where the surface is flat, as on the map.
  const eps = (hi - lo) * 1e-6;
  const g = (v: number): number => Math.log(v - lo + eps);
  const gLo = g(lo);
  const gHi = g(hi);
  const segments: Segment[] = [];
  for (let k = 1; k <= levels; k++) {
    const level = gLo + ((gHi - gLo) * k) / (levels + 1);
    for (let j = 0; j < grid; j++)
      for (let i = 0; i < grid; i++) {
        const corners = [
          [i, j],
          [i + 1, j],
          [i + 1, j + 1],
          [i, j + 1],
        ] as const;
        const vals = corners.map(([a, b]) => g(f[b * n + a] ?? NaN));
        if (!vals.every(Number.isFinite)) continue;
        const points: [number, number][] = [];
        for (let e = 0; e < 4; e++) {
          const v0 = vals[e]!;
          const v1 = vals[(e + 1) % 4]!;
          if (v0 < level === v1 < level) continue;
          const t = (level - v0) / (v1 - v0);
          const [a0, b0] = corners[e]!;
          const [a1, b1] = corners[(e + 1) % 4]!;
          points.push([(a0 + (a1 - a0) * t) / grid, (b0 + (b1 - b0) * t) / grid]);
        }
        // Two crossings: one segment; four (a saddle cell): two, paired in order.
        for (let p = 0; p + 1 < points.length; p += 2) {
          const [x0, y0] = points[p]!;
          const [x1, y1] = points[p + 1]!;
          segments.push([x0, y0, x1, y1]);
        }
      }
  }
  return segments;
}
