// What a worked example is: one optimizer step of one coordinate written out as a textbook
// works it, each line a rule in TeX, the same rule with this step's numbers substituted, and
// its value. The templates (sgd.ts, adam.ts) compute every value in the order and with the
// arithmetic of the optimizer's own update (src/core/optimizers/<id>.ts), so the last line
// reproduces the engine's Δθ (tests/unit/worked.test.ts checks this for every optimizer).

import type { ParamValues } from '../../params';
import { withWeightDecay } from '../schema';

/** One coordinate of one step, as the optimizer receives it. */
export interface WorkedInput {
  /** PyTorch's step count (1 on the first step). */
  readonly t: number;
  /** θ before the step. */
  readonly x: number;
  /** The gradient the optimizer receives (after noise and clipping). */
  readonly g: number;
  /** η at this step (the schedule's lr_t, or the constant lr). */
  readonly lr: number;
  /** Every optimizer parameter, defaults filled in. */
  readonly params: ParamValues;
  /** Row t − 1 of the optimizer's stepScalars (bias corrections and the like). */
  readonly scalars: readonly number[];
  /** Each state slot's value before the step, by PyTorch state name. */
  readonly before: Readonly<Record<string, number>>;
}

export interface WorkedLine {
  /** Left-hand side in TeX (a math name: m_t, \hat v_t, \Delta\theta). */
  readonly lhs: string;
  /** The PyTorch name of the same quantity (a state slot such as exp_avg), when it has one. */
  readonly torch?: string;
  /** The rule in symbols, TeX. */
  readonly rule: string;
  /** The rule with this step's numbers substituted, TeX. */
  readonly numbers: string;
  readonly value: number;
  /** i18n key of a short note beside the line (src/ui/i18n), when it needs one. */
  readonly note?: string;
}

export interface WorkedExample {
  readonly lines: readonly WorkedLine[];
  /** θ after the step. */
  readonly next: number;
}

/** Writes out one optimizer's step for one coordinate. */
export type WorkedTemplate = (input: WorkedInput) => WorkedExample;

/** A number in TeX: 6 significant digits, ×10^k for very small or large magnitudes. */
export function texNum(v: number): string {
  if (Number.isNaN(v)) return '\\text{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e6) {
    const [mant, exp] = v.toExponential(5).split('e');
    const m = String(Number(mant));
    return `${m}\\times10^{${Number(exp)}}`;
  }
  return String(Number(v.toPrecision(6)));
}

/** A number to substitute after an operator: negative ones in parentheses. */
export function texArg(v: number): string {
  const s = texNum(v);
  return v < 0 || s.includes('\\times') ? `\\left(${s}\\right)` : s;
}

/** A state slot's value before the step (0 when the run does not have that slot). */
export function slot(input: WorkedInput, name: string): number {
  return input.before[name] ?? 0;
}

/** A number parameter (absent or not a number: 0). */
export function param(input: WorkedInput, key: string): number {
  const v = input.params[key];
  return typeof v === 'number' ? v : 0;
}

export function flag(input: WorkedInput, key: string): boolean {
  return input.params[key] === true;
}

/** Collects lines; each helper returns the value it wrote down, so templates read as the rule. */
export class Sheet {
  readonly lines: WorkedLine[] = [];

  line(
    lhs: string,
    rule: string,
    numbers: string,
    value: number,
    extra?: { torch?: string; note?: string },
  ): number {
    this.lines.push({ lhs, rule, numbers, value, ...extra });
    return value;
  }

  /** L2 weight decay g ← g + λθ (torch: grad.add(param, alpha=weight_decay)); skipped at λ = 0. */
  weightDecay(input: WorkedInput): number {
    const wd = param(input, 'weight_decay');
    if (wd === 0) return input.g;
    return this.line(
      'g_t',
      'g_t + \\lambda\\theta_{t-1}',
      `${texArg(input.g)} + ${texArg(wd)}\\cdot${texArg(input.x)}`,
      withWeightDecay(input.g, input.x, wd),
      { note: 'worked.note.l2' },
    );
  }

  /** The last lines: Δθ and θ_t = θ_{t−1} + Δθ. */
  finish(input: WorkedInput, rule: string, numbers: string, next: number): WorkedExample {
    const delta = next - input.x;
    this.line('\\Delta\\theta', rule, numbers, delta);
    this.line(
      '\\theta_t',
      '\\theta_{t-1} + \\Delta\\theta',
      `${texArg(input.x)} + ${texArg(delta)}`,
      next,
    );
    return { lines: this.lines, next };
  }
}
