// The element-wise update applied to a whole parameter vector: what the 2-D simulator (two
// coordinates) and the training loop (every weight of a network) both call, so neither holds
// its own copy of the state layout or of the per-step bookkeeping.

import type { OptimizerDef, StepInputs } from '../types';
import { STEP_SCALARS } from '../types';
import type { ParamValues } from '../params';

/** Optimizer state for n elements, slot-major (slot k of element i at k·n + i), at its start values. */
export function createOptimizerState(
  def: OptimizerDef,
  params: ParamValues,
  n: number,
): Float64Array {
  const state = new Float64Array(Math.max(1, def.stateSlots) * n);
  const initial = def.initialState?.(params);
  if (initial) {
    initial.forEach((value, slot) => state.fill(value, slot * n, (slot + 1) * n));
  }
  return state;
}

/** A reusable StepInputs. */
export function createStepInputs(): StepInputs {
  return { lr: 0, t: 0, s0: 0, s1: 0, s2: 0 };
}

/** Sets `step` for loop index t (0-based; PyTorch's step count is t + 1). */
export function setStepInputs(
  step: StepInputs,
  lr: number,
  t: number,
  scalars: Float64Array,
): void {
  const row = t * STEP_SCALARS;
  step.lr = lr;
  step.t = t + 1;
  step.s0 = scalars[row] as number;
  step.s1 = scalars[row + 1] as number;
  step.s2 = scalars[row + 2] as number;
}

/** One optimizer step over every element of `x`, in place; `g` is the clipped gradient. */
export function updateAll(
  def: OptimizerDef,
  x: Float64Array,
  g: Float64Array,
  state: Float64Array,
  step: StepInputs,
  constants: Float64Array,
): void {
  const n = x.length;
  const update = def.update;
  for (let i = 0; i < n; i++) {
    x[i] = update(x[i] as number, g[i] as number, state, i, n, step, constants);
  }
}
