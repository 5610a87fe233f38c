// A lane's gradient noise in the share link (the lanes JSON's "noise" object):
// {"sigma": σ, "relative": true?, "runs": N, "batch": b}. linkSchema.ts reads it back.

import type { NoiseConfig } from './noise';

export function encodeNoise(noise: NoiseConfig): Record<string, unknown> {
  return {
    sigma: noise.sigma,
    ...(noise.relative ? { relative: true } : {}),
    runs: noise.runs,
    batch: noise.batch,
  };
}
