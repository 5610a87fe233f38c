// A lane's gradient noise in the share link (the lanes JSON's "noise" object), and back with
// every field validated: {"sigma": σ, "relative": true?, "runs": N, "batch": b}.

import {
  DEFAULT_NOISE,
  MAX_BATCH,
  MAX_NOISE_RUNS,
  MAX_NOISE_SIGMA,
  MIN_NOISE_SIGMA,
  noiseProblem,
  type NoiseConfig,
} from './noise';
import { truncate } from './errors';

export function encodeNoise(noise: NoiseConfig): Record<string, unknown> {
  return {
    sigma: noise.sigma,
    ...(noise.relative ? { relative: true } : {}),
    runs: noise.runs,
    batch: noise.batch,
  };
}

const FORMAT =
  `{sigma: ${MIN_NOISE_SIGMA}..${MAX_NOISE_SIGMA}, relative?: true|false, ` +
  `runs: 1..${MAX_NOISE_RUNS}, batch: 1..${MAX_BATCH}}`;

/** The noise object of a lane in a link; null (and a problem) when absent or malformed. */
export function decodeNoise(raw: unknown, what: string, problems: string[]): NoiseConfig | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${what}: noise must be ${FORMAT}, ignored`);
    return null;
  }
  const field = (key: string): unknown =>
    Object.prototype.hasOwnProperty.call(raw, key)
      ? (raw as Record<string, unknown>)[key]
      : undefined;
  for (const key of Object.keys(raw))
    if (!['sigma', 'relative', 'runs', 'batch'].includes(key))
      problems.push(`${what} noise: unknown field "${truncate(key)}" ignored`);
  const sigma = field('sigma') ?? DEFAULT_NOISE.sigma;
  const relative = field('relative') ?? false;
  const runs = field('runs') ?? DEFAULT_NOISE.runs;
  const batch = field('batch') ?? DEFAULT_NOISE.batch;
  if (
    typeof sigma !== 'number' ||
    typeof relative !== 'boolean' ||
    typeof runs !== 'number' ||
    typeof batch !== 'number'
  ) {
    problems.push(`${what}: noise must be ${FORMAT}, ignored`);
    return null;
  }
  const noise: NoiseConfig = { sigma, relative, runs, batch };
  const problem = noiseProblem(noise);
  if (problem) {
    problems.push(`${what}: ${problem}, noise ignored`);
    return null;
  }
  return noise;
}
