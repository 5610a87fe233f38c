// Seeded pseudo-random numbers for swarm clouds and generated data sets: the seed is in the
// URL, so a shared link reproduces the same cloud and the same data. mulberry32: tiny, fast, 32-bit state, good enough for start points.

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
