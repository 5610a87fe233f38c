// Paths that coincide (a "Duplicate" lane; ε = 1e-8 beside ε = 1e-3) would hide each other,
// the later drawn over the earlier. Lanes whose paths run within a line width of an earlier
// lane's for most of the run form a bundle, and the map shifts each member of a bundle
// sideways by its own small offset, so every one of them shows as its own stripe. Paths that
// do not coincide are drawn exactly where they are.

import type { Vec2 } from '../../core/types';

/** CSS px between the centre lines of two bundled paths (the map's lines are 3 px wide). */
export const BUNDLE_SPACING_PX = 2.5;
/** Share of the compared steps that must lie within the tolerance to count as coinciding. */
const COINCIDE_SHARE = 0.8;

/**
 * Sideways offset in CSS px for each path (interleaved x, y per step, world units), given how
 * many world units a CSS pixel spans. Paths are taken in drawing order; 0 for a path alone.
 */
export function bundleOffsets(
  paths: readonly (Float64Array | null)[],
  unitsPerPx: number,
  tolerancePx = 3,
): number[] {
  const tol = tolerancePx * unitsPerPx;
  const bundleOf: number[] = paths.map((_, i) => i);
  for (let i = 0; i < paths.length; i++) {
    for (let j = 0; j < i; j++) {
      if (bundleOf[j] !== j) continue; // compare with each bundle's first path only
      if (coincide(paths[i] ?? null, paths[j] ?? null, tol)) {
        bundleOf[i] = j;
        break;
      }
    }
  }
  const offsets = paths.map(() => 0);
  for (let lead = 0; lead < paths.length; lead++) {
    const members = bundleOf.flatMap((b, i) => (b === lead ? [i] : []));
    if (members.length < 2) continue;
    members.forEach((m, k) => {
      offsets[m] = (k - (members.length - 1) / 2) * BUNDLE_SPACING_PX;
    });
  }
  return offsets;
}

function coincide(a: Float64Array | null, b: Float64Array | null, tol: number): boolean {
  if (!a || !b || !(tol > 0)) return false;
  const steps = Math.min(a.length, b.length) / 2;
  if (steps < 2) return false;
  // At most ~200 samples: enough to tell, cheap for 8 lanes of 10⁴ steps.
  const stride = Math.max(1, Math.floor(steps / 200));
  let near = 0;
  let seen = 0;
  for (let k = 0; k < steps; k += stride) {
    const p: Vec2 = [a[2 * k]!, a[2 * k + 1]!];
    const q: Vec2 = [b[2 * k]!, b[2 * k + 1]!];
    if (!Number.isFinite(p[0] + p[1]) || !Number.isFinite(q[0] + q[1])) break;
    seen++;
    if (Math.hypot(p[0] - q[0], p[1] - q[1]) <= tol) near++;
  }
  return seen >= 2 && near >= COINCIDE_SHARE * seen;
}
