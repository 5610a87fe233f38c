// Hyperparameter sweeps: one or two axes over a lane's optimizer or schedule parameters, each
// on the parameter's own scale (η and ε log, β/ρ/momentum on log(1 − β)), and the grid of runs
// they make. Pure: the sweep view and the bench plan with it, either engine runs the plan.

import type { NumberParam, ParamSchema, ParamValue, ParamValues } from '../params';
import type { ResolvedRun } from '../types';
import { optimizerById } from '../optimizers';
import { scheduleById } from '../schedules';
import { MAX_SWEEP_CELLS } from './config';

export { MAX_SWEEP_CELLS };

export type SweepScale = 'log' | 'linear' | 'log1m';

export interface SweepAxis {
  /** Whose parameter: the run's optimizer or its schedule. */
  readonly target: 'optimizer' | 'schedule';
  /** The parameter's key in its schema (ParamSchema.key), e.g. 'lr', 'beta1'. */
  readonly key: string;
  /** First and last value (both are cells: the axis is inclusive). */
  readonly min: number;
  readonly max: number;
  readonly cells: number;
  /** 'log1m': evenly spaced log(1 − v), for β-like parameters in [0, 1). */
  readonly scale: SweepScale;
}

/** Cells of an axis made by defaultAxis. */
export const DEFAULT_SWEEP_CELLS = 64;

/**
 * An axis over one number parameter: its own scale, over its slider's range widened to include
 * the current value (a log axis keeps a positive lower end: weight decay 0 sweeps from the
 * slider's 1e-6). Throws for a parameter that is not a number.
 */
export function defaultAxis(
  schema: ParamSchema,
  value: number,
  target: SweepAxis['target'] = 'optimizer',
  cells = DEFAULT_SWEEP_CELLS,
): SweepAxis {
  if (schema.kind !== 'number') throw new Error(`${schema.key} is not a number parameter`);
  let [min, max] = schema.slider;
  if (Number.isFinite(value)) {
    const usable = schema.scale === 'log' ? value > 0 : schema.scale === 'log1m' ? value < 1 : true;
    if (usable) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
  }
  return { target, key: schema.key, min, max, cells, scale: schema.scale };
}

/** A message when the axis cannot be swept (bad cells, range or scale); null when fine. */
export function axisProblem(axis: SweepAxis): string | null {
  const { key, min, max, cells, scale } = axis;
  if (!Number.isInteger(cells) || cells < 1 || cells > MAX_SWEEP_CELLS) {
    return `the ${key} axis needs 1 to ${MAX_SWEEP_CELLS} cells, got ${cells}`;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return `the ${key} axis range must be finite`;
  if (min > max) return `the ${key} axis goes from ${min} to ${max}: the start is above the end`;
  if (scale === 'log' && min <= 0) return `a log axis needs values above 0 (${key} from ${min})`;
  if (scale === 'log1m' && max >= 1)
    return `a log(1 − v) axis needs values below 1 (${key} to ${max})`;
  return null;
}

/** The axis's values, first to last, evenly spaced on its scale (one cell: the minimum). */
export function axisValues(axis: SweepAxis): number[] {
  const problem = axisProblem(axis);
  if (problem) throw new Error(problem);
  const { min, max, cells, scale } = axis;
  const out: number[] = [];
  for (let i = 0; i < cells; i++) {
    const f = cells === 1 ? 0 : i / (cells - 1);
    // The ends exactly as given, whatever the rounding of the scale's transform.
    if (i === 0) out.push(min);
    else if (i === cells - 1) out.push(max);
    else if (scale === 'linear') out.push(min + (max - min) * f);
    else if (scale === 'log')
      out.push(Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * f));
    else {
      const a = Math.log1p(-min);
      out.push(-Math.expm1(a + (Math.log1p(-max) - a) * f));
    }
  }
  return out;
}

/** The schema entry an axis sweeps on this run; throws with a message when there is none. */
export function axisParam(base: ResolvedRun, axis: SweepAxis): NumberParam {
  let schema: readonly ParamSchema[];
  if (axis.target === 'optimizer') {
    const def = optimizerById(base.optimizer.id);
    if (!def) throw new Error(`unknown optimizer ${base.optimizer.id}`);
    schema = def.params;
  } else {
    if (!base.schedule) throw new Error(`the run has no schedule to sweep ${axis.key} of`);
    const def = scheduleById(base.schedule.id);
    if (!def) throw new Error(`unknown schedule ${base.schedule.id}`);
    schema = def.params;
  }
  const param = schema.find((p) => p.key === axis.key);
  if (!param) throw new Error(`the ${axis.target} has no parameter ${axis.key}`);
  if (param.kind !== 'number') throw new Error(`${axis.key} is not a number parameter`);
  return param;
}

/**
 * A swept value made valid for its schema: clamped into [min, max], rounded for an integer
 * parameter, and an exclusive minimum replaced by min + 1e-9·(max − min). The sweep view shows
 * the values the runs used (sweepValues), so a clamped cell is visible as a repeated value.
 */
export function validSweepValue(param: NumberParam, value: number): number {
  let v = Math.min(param.max, Math.max(param.min, value));
  if (param.integer) v = Math.round(v);
  if (param.exclusiveMin && v <= param.min) {
    v = param.integer ? param.min + 1 : param.min + 1e-9 * (param.max - param.min);
  }
  return v;
}

/** The values each axis's cells use after validSweepValue, per axis. */
export function sweepValues(
  base: ResolvedRun,
  axes: readonly [SweepAxis] | readonly [SweepAxis, SweepAxis],
): number[][] {
  return axes.map((axis) => {
    const param = axisParam(base, axis);
    return axisValues(axis).map((v) => validSweepValue(param, v));
  });
}

/**
 * The runs of a 1-D or 2-D sweep: base with each cell's parameter values, row-major with the
 * second axis outer (run j·cells₀ + i has value i of axis 0 and value j of axis 1). Values
 * outside the schema's range are clamped (validSweepValue). Throws with a message for an axis
 * that cannot be swept (axisProblem, axisParam) or two axes on the same parameter.
 */
export function planSweep(
  base: ResolvedRun,
  axes: readonly [SweepAxis] | readonly [SweepAxis, SweepAxis],
): ResolvedRun[] {
  const [a0, a1] = axes;
  if (a1 && a1.target === a0.target && a1.key === a0.key) {
    throw new Error(`both sweep axes are ${a0.key}`);
  }
  const [v0 = [], v1 = [NaN]] = sweepValues(base, axes);
  // Parameter objects are shared wherever the values are (a row of a β₁ × γ sweep shares its
  // optimizer object): the engines prepare per object, not per run.
  const paramsFor = <P extends { readonly id: string; readonly params: ParamValues }>(
    entry: P,
    target: SweepAxis['target'],
  ): ((i: number, j: number) => P) => {
    const on0 = a0.target === target;
    const on1 = a1?.target === target;
    const make = (i: number, j: number): P => {
      const params: Record<string, ParamValue> = { ...entry.params };
      if (on0) params[a0.key] = v0[i] as number;
      if (a1 && on1) params[a1.key] = v1[j] as number;
      return { ...entry, params };
    };
    if (on0 && on1) return make;
    if (on0) {
      const byI = v0.map((_, i) => make(i, 0));
      return (i) => byI[i] as P;
    }
    if (on1) {
      const byJ = v1.map((_, j) => make(0, j));
      return (_i, j) => byJ[j] as P;
    }
    return () => entry;
  };
  const optimizerAt = paramsFor(base.optimizer, 'optimizer');
  const schedule = base.schedule;
  const scheduleAt = schedule ? paramsFor(schedule, 'schedule') : () => null;
  const runs: ResolvedRun[] = new Array<ResolvedRun>(v0.length * v1.length);
  for (let j = 0; j < v1.length; j++) {
    for (let i = 0; i < v0.length; i++) {
      runs[j * v0.length + i] = {
        ...base,
        id: `${base.id}:sweep:${i},${j}`,
        optimizer: optimizerAt(i, j),
        schedule: scheduleAt(i, j),
      };
    }
  }
  return runs;
}
