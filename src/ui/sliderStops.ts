// Where a slider can stop, and how many digits its value needs to read differently at each
// stop. Rates close to 1 (β₁, β₂, ρ, momentum, γ; the log(1 − v) scale) stop at 1 − v =
// m·10^k for m in NICE_MANTISSAS: 0.9, 0.99 and 0.999 are stops, and every arrow key press
// changes the value shown (0.999 → 0.9991 → 0.9992 …), where 1,000 even steps on log(1 − v)
// changed 1 − v by under 1 % and still read 0.999.

import type { NumberParam } from '../core/params';
import { fmt } from './format';

/** Mantissas of 1 − v per decade: about 12 stops a decade, each a value people type. */
const NICE_MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9];

/**
 * The values a log(1 − v) slider stops at, ascending: both ends of the slider's range and
 * every 1 − v = m·10^k between them. Null for other scales (they keep even steps).
 */
export function rateStops(param: NumberParam): readonly number[] | null {
  if (param.scale !== 'log1m' || param.integer) return null;
  const [lo, hi] = param.slider;
  const gapHi = 1 - lo; // 1 − v at the slider's low end (the largest gap)
  const gapLo = 1 - hi;
  if (!(gapLo > 0) || !(gapHi > gapLo)) return null;
  const gaps: number[] = [];
  for (let k = Math.floor(Math.log10(gapLo)) - 1; k <= Math.ceil(Math.log10(gapHi)); k++) {
    for (const m of NICE_MANTISSAS) {
      const gap = Number((m * 10 ** k).toPrecision(6));
      if (gap > gapLo * (1 + 1e-9) && gap < gapHi * (1 - 1e-9)) gaps.push(gap);
    }
  }
  const inner = gaps.sort((a, b) => b - a).map((g) => Number((1 - g).toPrecision(12)));
  return [lo, ...inner, hi];
}

/** The stop nearest to `value` on the log(1 − v) scale. */
export function nearestStop(stops: readonly number[], value: number): number {
  const gap = (v: number) => Math.log(Math.max(1 - v, 1e-300));
  let best = 0;
  for (let i = 1; i < stops.length; i++) {
    if (Math.abs(gap(stops[i]!) - gap(value)) < Math.abs(gap(stops[best]!) - gap(value))) best = i;
  }
  return best;
}

/**
 * A parameter's value as the lanes' summary and screen readers say it: 4 significant digits,
 * and for a rate close to 1 enough digits to show two of 1 − v (0.99988, not 0.9999).
 */
export function formatParamValue(param: NumberParam, value: number): string {
  if (param.scale === 'log1m' && value > 0.9 && value < 1) {
    const nines = Math.floor(-Math.log10(1 - value));
    return fmt(value, Math.max(4, nines + 2));
  }
  return fmt(value);
}
