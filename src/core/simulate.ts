// The float64 reference simulator: docs/FORMAT.md's loop (evaluate, record, clip, optimizer step,
// schedule step) with the registries' float64 implementations. It is the ground truth the
// WebGPU path is compared with, and what "Explain this step" replays.

import type { OptimizerDef, ResolvedRun, Trajectory } from './types';
import { STEP_SCALARS } from './types';
import { prepare, Stepper, type SurfaceLookup } from './stepper';

export type { SurfaceLookup } from './stepper';

export interface SimulateOptions {
  /**
   * Keep the optimizer state after every step in `Trajectory.state` (the CSV export). Off by
   * default: the map's runs keep no state rows.
   */
  readonly recordState?: boolean;
}

/**
 * Runs one case in float64. Never throws on divergence: the first entry t whose position,
 * loss, gradient or optimizer state is not finite is `divergedAt`, and x, loss and lr hold
 * NaN from entry t on (as the GPU records do).
 */
export function simulate(
  run: ResolvedRun,
  surfaceOf?: SurfaceLookup,
  options: SimulateOptions = {},
): Trajectory {
  const n = run.steps;
  const x = new Float64Array(2 * (n + 1)).fill(NaN);
  const loss = new Float64Array(n + 1).fill(NaN);
  const lr = new Float64Array(n).fill(NaN);
  const s = new Stepper(run, prepare(run, surfaceOf));
  const width = s.state.length;
  const state = options.recordState ? new Float64Array(width * (n + 1)).fill(NaN) : null;
  let divergedAt: number | null = null;
  for (let t = 0; t <= n; t++) {
    if (!s.evaluate(t)) {
      divergedAt = t;
      break;
    }
    x[2 * t] = s.pos[0] as number;
    x[2 * t + 1] = s.pos[1] as number;
    loss[t] = s.eval[0] as number;
    // Row t: the state after t steps, beside x_t (PyTorch's state["step"] == t).
    state?.set(s.state, t * width);
    if (t === n) break;
    lr[t] = s.lr;
    s.clip();
    s.update(t);
  }
  return state ? { x, loss, lr, divergedAt, state } : { x, loss, lr, divergedAt };
}

/** What "Explain this step" shows for step t (0-based: from x_t to x_{t+1}). */
export interface StepExplanation {
  readonly t: number;
  /** PyTorch's optimizer step count, t + 1. */
  readonly stepCount: number;
  readonly x: readonly [number, number];
  readonly loss: number;
  readonly gradient: readonly [number, number];
  readonly clippedGradient: readonly [number, number];
  readonly lr: number;
  /** Row t of the optimizer's stepScalars. */
  readonly scalars: readonly number[];
  readonly stateNames: readonly string[];
  /** state[name] = [x, y] before and after the step. */
  readonly stateBefore: Readonly<Record<string, readonly [number, number]>>;
  readonly stateAfter: Readonly<Record<string, readonly [number, number]>>;
  readonly next: readonly [number, number];
  /**
   * The optimizer's own step size per coordinate (OptimizerDef.effectiveStep: Adam
   * η/(√v̂ + ε), AdaGrad ηₜ/(√s + ε), SGD η...), what the step-size chart plots: defined where
   * the gradient is 0, unlike −Δθ/g.
   */
  readonly effectiveStep: readonly [number, number];
  /** Loss at x_{t+1}. */
  readonly nextLoss: number;
}

function namedState(
  def: OptimizerDef,
  state: Float64Array,
): Record<string, readonly [number, number]> {
  const out: Record<string, readonly [number, number]> = {};
  def.stateNames.forEach((name, slot) => {
    out[name] = [state[2 * slot] as number, state[2 * slot + 1] as number];
  });
  return out;
}

/**
 * Replays the run up to step t and explains it; null when t is outside 0..steps−1 or the run
 * diverged at or before step t.
 */
export function explainStep(
  run: ResolvedRun,
  t: number,
  surfaceOf?: SurfaceLookup,
): StepExplanation | null {
  if (!Number.isInteger(t) || t < 0 || t >= run.steps) return null;
  const p = prepare(run, surfaceOf);
  const s = new Stepper(run, p);
  for (let k = 0; k < t; k++) {
    if (!s.evaluate(k)) return null;
    s.clip();
    s.update(k);
  }
  if (!s.evaluate(t)) return null;
  const x: [number, number] = [s.pos[0] as number, s.pos[1] as number];
  const loss = s.eval[0] as number;
  const gradient: [number, number] = [s.eval[1] as number, s.eval[2] as number];
  const lr = s.lr;
  s.clip();
  const clippedGradient: [number, number] = [s.grad[0] as number, s.grad[1] as number];
  const stateBefore = namedState(p.optimizer, s.state);
  const before = s.state.slice();
  s.update(t);
  const stateAfter = namedState(p.optimizer, s.state);
  const effectiveStep: [number, number] = [0, 1].map((i) =>
    p.optimizer.effectiveStep(before, s.state, i, 2, s.step, p.constants),
  ) as [number, number];
  const next: [number, number] = [s.pos[0] as number, s.pos[1] as number];
  s.evaluate(Math.min(t + 1, run.steps - 1));
  return {
    t,
    stepCount: t + 1,
    x,
    loss,
    gradient,
    clippedGradient,
    lr,
    scalars: Array.from(p.scalars.subarray(t * STEP_SCALARS, (t + 1) * STEP_SCALARS)),
    stateNames: p.optimizer.stateNames,
    stateBefore,
    stateAfter,
    next,
    effectiveStep,
    nextLoss: s.eval[0] as number,
  };
}
