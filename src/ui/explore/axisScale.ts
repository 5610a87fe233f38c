// Positions and ticks on a sweep axis's own scale: log10 for η and ε, −log10(1 − β) for
// β-like parameters (0.9, 0.99, 0.999 equally spaced), linear otherwise.

import type { SweepScale } from '../../core/explore/sweep';

/** The coordinate a value sits at on the scale (evenly spaced cells are evenly spaced here). */
export function axisCoord(scale: SweepScale, v: number): number {
  if (scale === 'log') return Math.log10(v);
  if (scale === 'log1m') return -Math.log10(1 - v);
  return v;
}

export function fromAxisCoord(scale: SweepScale, c: number): number {
  // 15 digits: 10 ** −4 is 0.00009999999999999999 in binary; ticks should read 1e-4.
  if (scale === 'log') return Number((10 ** c).toPrecision(15));
  if (scale === 'log1m') return Number((1 - 10 ** -c).toPrecision(15));
  return c;
}

/** Where v falls between min and max, 0..1 (outside: below 0 or above 1). */
export function axisFraction(scale: SweepScale, min: number, max: number, v: number): number {
  const a = axisCoord(scale, min);
  const b = axisCoord(scale, max);
  return b === a ? 0 : (axisCoord(scale, v) - a) / (b - a);
}

/** Tick values within [min, max]: decades, 1 − 10⁻ᵏ, or about five round numbers. */
export function axisTicks(scale: SweepScale, min: number, max: number): number[] {
  const lo = axisCoord(scale, min);
  const hi = axisCoord(scale, max);
  if (scale !== 'linear') {
    const out: number[] = [];
    for (let k = Math.ceil(lo - 1e-9); k <= Math.floor(hi + 1e-9); k++)
      out.push(fromAxisCoord(scale, k));
    if (out.length >= 2) return out;
    return [min, max];
  }
  const span = hi - lo;
  if (!(span > 0)) return [min];
  const raw = span / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}
