// Stochastic gradients: the counter-based generator both engines share, and what a noisy lane
// asks for. This comment is the one definition; shaders/common/math.wgsl (noise section)
// repeats the same integer arithmetic in WGSL, and tests/gpu/noise.test.ts checks the two
// agree bit for bit.
//
// The generator is stateless: every random number is a pure function of (run seed, step t,
// counter k), so the float64 path, the WGSL engine and a replay of step t ("Explain this step")
// draw the same numbers without carrying a generator state along.
//   pcg(x)          = PCG-RXS-M-XS 32-bit output hash (Jarzynski & Olano, "Hash Functions for
//                     GPU Rendering", 2020): s = x·747796405 + 2891336453;
//                     w = ((s >> ((s >> 28) + 4)) ^ s)·277803737; pcg = (w >> 22) ^ w (mod 2³²)
//   stepKey(seed,t) = pcg(pcg(seed) + t)
//   draw(key, k)    = pcg(key + k)
//   uniform(h)      = ((h >> 9) + 0.5) / 2²³, in (0, 1), exact in float32 (24 bits)
// Counters: k = 0, 1 are the two uniforms of the Gaussian draw; k = 2 + i is sample i of a
// mini-batch.
//   Gaussian (Box–Muller): r = √(−2 ln u₀), θ = 2π·u₁ − π (inside [−π, π], where WGSL's
//   sin/cos are accurate), z = (r·cos θ, r·sin θ): one standard normal per coordinate.
//   Mini-batch sample i: point index draw(key, 2 + i) mod n (with replacement; the modulo bias
//   is below n/2³², nothing for the data sets' 32 or 100 points).
// The uniforms are bit-identical in both languages; the normals agree to float32 rounding
// (WGSL computes ln/sin/cos in float32 with the dl* helpers).
//
// Noise is added to the raw gradient before clipping:
//   absolute: g + σ·z        relative: g + σ·|∇f|·z   (|∇f| the Euclidean norm of g)
// On the data surfaces a noisy lane takes mini-batches instead: the loss and gradient are the
// mean over `batch` sampled points (and that batch loss is what is recorded: see noisyRun).

import { message, type Message } from './messages';
import type { GradientNoise, ResolvedRun } from './types';
import type { NumberParam } from './params';

/** Most runs one noisy lane may draw. */
export const MAX_NOISE_RUNS = 10_000;
/** σ range offered (log slider) and accepted. */
export const MIN_NOISE_SIGMA = 1e-4;
export const MAX_NOISE_SIGMA = 1e3;
/** Largest mini-batch (samples drawn per step, with replacement). */
export const MAX_BATCH = 1024;
/** The first counter of mini-batch sample indices (0 and 1 are the Gaussian's uniforms). */
export const SAMPLE_COUNTER = 2;

/** A lane's gradient noise, as the config and the link carry it. */
export interface NoiseConfig {
  /** σ of the Gaussian added to the gradient (non-data surfaces). */
  readonly sigma: number;
  /** σ is relative to |∇f| (true) or absolute (false). */
  readonly relative: boolean;
  /** Runs drawn, seeds 0..runs − 1, all from the lane's start. */
  readonly runs: number;
  /** Data surfaces: samples per mini-batch (with replacement). */
  readonly batch: number;
}

export const DEFAULT_NOISE: NoiseConfig = { sigma: 0.1, relative: false, runs: 200, batch: 8 };

/** The sliders of a lane's noise (the UI's "Gradient noise" section). */
export const NOISE_PARAMS = {
  sigma: {
    kind: 'number',
    key: 'sigma',
    label: 'noise σ',
    symbol: 'σ',
    help: 'Standard deviation of the Gaussian added to each gradient coordinate (times |∇f| when relative).',
    default: DEFAULT_NOISE.sigma,
    min: MIN_NOISE_SIGMA,
    max: MAX_NOISE_SIGMA,
    scale: 'log',
    slider: [1e-3, 100],
  },
  runs: {
    kind: 'number',
    key: 'runs',
    label: 'runs',
    symbol: 'N',
    help: 'How many noisy runs start from the start point, each with its own seed (0..N−1).',
    default: DEFAULT_NOISE.runs,
    min: 1,
    max: MAX_NOISE_RUNS,
    integer: true,
    scale: 'log',
    slider: [1, MAX_NOISE_RUNS],
  },
  batch: {
    kind: 'number',
    key: 'batch',
    label: 'batch size',
    symbol: 'b',
    help: 'Data points sampled (with replacement) for each step’s loss and gradient.',
    default: DEFAULT_NOISE.batch,
    min: 1,
    max: MAX_BATCH,
    integer: true,
    scale: 'log',
    slider: [1, 256],
  },
} as const satisfies Record<string, NumberParam>;

/** The 32-bit PCG output hash (see the header). */
export function pcgHash(x: number): number {
  const s = (Math.imul(x >>> 0, 747796405) + 2891336453) >>> 0;
  const w = Math.imul(((s >>> ((s >>> 28) + 4)) ^ s) >>> 0, 277803737) >>> 0;
  return ((w >>> 22) ^ w) >>> 0;
}

/** The key of step t of the run with this seed. */
export function stepKey(seed: number, t: number): number {
  return pcgHash((pcgHash(seed) + t) >>> 0);
}

/** Counter k's 32 bits at a step key. */
export function noiseDraw(key: number, k: number): number {
  return pcgHash((key + k) >>> 0);
}

/** A uniform in (0, 1) from 32 bits: 23 bits plus a half, exact in float32. */
export function uniformOf(h: number): number {
  return ((h >>> 9) + 0.5) / 8388608;
}

/** The two standard normals of step t (one per coordinate), written into `out`. */
export function gaussianPair(seed: number, t: number, out: Float64Array): void {
  const key = stepKey(seed, t);
  const r = Math.sqrt(-2 * Math.log(uniformOf(noiseDraw(key, 0))));
  const theta = 2 * Math.PI * uniformOf(noiseDraw(key, 1)) - Math.PI;
  out[0] = r * Math.cos(theta);
  out[1] = r * Math.sin(theta);
}

/** Index of mini-batch sample i of step t among n points. */
export function batchIndex(seed: number, t: number, i: number, n: number): number {
  return noiseDraw(stepKey(seed, t), SAMPLE_COUNTER + i) % n;
}

/** Adds step t's Gaussian noise to the raw gradient `g` in place (z: scratch of 2). */
export function addGradientNoise(
  g: Float64Array,
  noise: GradientNoise,
  t: number,
  z: Float64Array,
): void {
  if (!(noise.sigma > 0)) return;
  gaussianPair(noise.seed, t, z);
  const gx = g[0] as number;
  const gy = g[1] as number;
  const scale = noise.relative ? noise.sigma * Math.hypot(gx, gy) : noise.sigma;
  g[0] = gx + scale * (z[0] as number);
  g[1] = gy + scale * (z[1] as number);
}

/** Why a noise config is out of range, or null. */
export function noiseProblem(n: NoiseConfig): Message | null {
  if (!(n.sigma >= MIN_NOISE_SIGMA && n.sigma <= MAX_NOISE_SIGMA))
    return message('noise.sigma', { min: MIN_NOISE_SIGMA, max: MAX_NOISE_SIGMA });
  if (!Number.isInteger(n.runs) || n.runs < 1 || n.runs > MAX_NOISE_RUNS)
    return message('noise.runs', { max: MAX_NOISE_RUNS });
  if (!Number.isInteger(n.batch) || n.batch < 1 || n.batch > MAX_BATCH)
    return message('noise.batch', { max: MAX_BATCH });
  return null;
}

/**
 * Run `seed` of a noisy lane. On a data surface it samples mini-batches (σ unused); elsewhere
 * it adds Gaussian noise. On a data surface the recorded loss is the batch loss, the loss this
 * step's optimizer saw: its mean over the lane's runs is an unbiased estimate of the mean
 * full-data loss (each batch is drawn independently of where the run is), and recording it
 * costs nothing, where the full loss would evaluate every point each step.
 */
export function noisyRun(
  run: ResolvedRun,
  noise: NoiseConfig,
  seed: number,
  id: string,
): ResolvedRun {
  const data = run.surface.data !== undefined;
  return {
    ...run,
    id,
    noise: data
      ? { seed, sigma: 0, relative: false, batch: noise.batch }
      : { seed, sigma: noise.sigma, relative: noise.relative, batch: 0 },
  };
}
