// Seeded pseudo-random numbers for swarm clouds: the seed is in the URL, so a shared link
// reproduces the same cloud. mulberry32: tiny, fast, 32-bit state, good enough for start points.

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample from two uniforms (Box–Muller). */
export function normal(rand: () => number): number {
  const u = 1 - rand(); // (0, 1]: log stays finite
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Round to 4 decimals, as the reference data sets are written. */
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * The data set of a data surface, generated from the config's seed (so a link reproduces it),
 * in the shape docs/FORMAT.md describes: 32 points, 4 decimals.
 * - linear: u in [0, 1), v = 2u + 1 + noise (σ 0.1): the line fit v = 2u + 1.
 * - logistic: u, w standard normal, c = [2u − w + noise (σ 0.5) > 0].
 */
export function generateData(
  kind: 'linear' | 'logistic',
  seed: number,
  count = 32,
): { u: number[]; v?: number[]; w?: number[]; c?: number[] } {
  const rand = mulberry32(seed ^ 0x5eed);
  const u: number[] = [];
  if (kind === 'linear') {
    const v: number[] = [];
    for (let i = 0; i < count; i++) {
      const ui = r4(rand());
      u.push(ui);
      v.push(r4(2 * ui + 1 + 0.1 * normal(rand)));
    }
    return { u, v };
  }
  const w: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < count; i++) {
    const ui = r4(normal(rand));
    const wi = r4(normal(rand));
    u.push(ui);
    w.push(wi);
    c.push(2 * ui - wi + 0.5 * normal(rand) > 0 ? 1 : 0);
  }
  return { u, w, c };
}
