// The data sets of the map's two data surfaces, generated from the config's seed (so a link
// reproduces them), in the shape docs/FORMAT.md describes.
// - linear: the Train view's line fit, exactly (src/core/train/data/synthetic.ts): 100 points,
//   u = x ∈ [0, 1), v = y = 2u + 1 + U(0, 1). With the same seed the map's MSE surface is the
//   one the Train view's line fit descends, so its (w, b) paths can be drawn on the map.
// - logistic: 32 points, u, w standard normal, c = [2u − w + noise (σ 0.5) > 0], 4 decimals as
//   the reference cases are written.

import { mulberry32, normal } from './rng';
import { lineData } from './train/data/synthetic';
import type { SurfaceData } from './types';

const LOGISTIC_POINTS = 32;
const LOGISTIC_SALT = 0x5eed;

/** Rounds to 4 decimals, as the reference data sets are written. */
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export function generateData(kind: 'linear' | 'logistic', seed: number): SurfaceData {
  if (kind === 'linear') {
    const { x, y } = lineData(seed).train;
    return { u: Array.from(x), v: Array.from(y) };
  }
  const rand = mulberry32(seed ^ LOGISTIC_SALT);
  const u: number[] = [];
  const w: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < LOGISTIC_POINTS; i++) {
    const ui = r4(normal(rand));
    const wi = r4(normal(rand));
    u.push(ui);
    w.push(wi);
    c.push(2 * ui - wi + 0.5 * normal(rand) > 0 ? 1 : 0);
  }
  return { u, w, c };
}
