// Number formatting for labels, fields and tooltips.

/** Short text of a number: 4 significant digits, exponent form when very small or large. */
export function fmt(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(digits)));
}

/** Full precision (shortest round-trip) for number fields. */
export function exact(v: number): string {
  return String(v);
}
