// Python's float `**`, correctly rounded. PyTorch computes bias corrections (β ** step),
// NAdam's 0.96 ** (step·ψ) and schedule factors in Python floats, whose pow (glibc) is
// correctly rounded; V8's Math.pow / `**` is not always (0.999 ** 16 is one ulp off), and one
// ulp is enough to move an unstable float64 trajectory past 1e-9. So pow is evaluated here in
// double-double arithmetic (~106 bits) and rounded once.

/** A double-double number hi + lo with |lo| ≤ ulp(hi)/2. */
interface DD {
  hi: number;
  lo: number;
}

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  let r = quickTwoSum(s.hi, s.lo + t.hi);
  r = quickTwoSum(r.hi, r.lo + t.lo);
  return r;
}

function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

function ddDivNumber(a: DD, b: number): DD {
  const q1 = a.hi / b;
  const p = twoProd(q1, b);
  return quickTwoSum(q1, (a.hi - p.hi - p.lo + a.lo) / b);
}

function ddScale(a: DD, s: number): DD {
  // s a power of two: exact.
  return { hi: a.hi * s, lo: a.lo * s };
}

const LN2: DD = { hi: 0.6931471805599453, lo: 2.3190468138462996e-17 };

/** e^x for a double-double x of moderate size (|x| < 700). */
function ddExp(x: DD): DD {
  const k = Math.round(x.hi / LN2.hi);
  // r = x − k·ln2, |r| ≤ ~0.35, then scaled by 2^-10 so that the series converges fast.
  const r = ddAdd(x, ddMul({ hi: -k, lo: 0 }, LN2));
  const s = ddScale(r, 1 / 1024);
  // Taylor series of e^s − 1.
  let term: DD = s;
  let sum: DD = s;
  for (let n = 2; n <= 14; n++) {
    term = ddMul(term, s);
    term = ddDivNumber(term, n);
    sum = ddAdd(sum, term);
    if (Math.abs(term.hi) < 1e-36) break;
  }
  // (1 + e)^(2^10) via e ← 2e + e² keeps the small part exact longer than squaring 1 + e.
  let e = sum;
  for (let i = 0; i < 10; i++) e = ddAdd(ddScale(e, 2), ddMul(e, e));
  const result = ddAdd({ hi: 1, lo: 0 }, e);
  return ddScale(result, 2 ** k);
}

/** ln(a) for a finite a > 0, as a double-double (one Newton step from Math.log). */
function ddLog(a: number): DD {
  const l0 = Math.log(a);
  // l = l0 + (a·e^(−l0) − 1)
  const e = ddExp({ hi: -l0, lo: 0 });
  const t = ddAdd(ddMul({ hi: a, lo: 0 }, e), { hi: -1, lo: 0 });
  return ddAdd({ hi: l0, lo: 0 }, t);
}

/** a^n for an integer n ≥ 0 by binary powering in double-double. */
function ddPowInt(a: number, n: number): DD {
  let result: DD = { hi: 1, lo: 0 };
  let base: DD = { hi: a, lo: 0 };
  let k = n;
  while (k > 0) {
    if (k & 1) result = ddMul(result, base);
    k = Math.floor(k / 2);
    if (k > 0) base = ddMul(base, base);
  }
  return result;
}

/** Python's `a ** y` for floats, correctly rounded (barring astronomically rare ties). */
export function pyPow(a: number, y: number): number {
  if (y === 0) return 1;
  if (!Number.isFinite(a) || !Number.isFinite(y) || a === 0 || a === 1) return a ** y;
  if (Number.isInteger(y) && Math.abs(y) <= 2 ** 30) {
    const p = ddPowInt(Math.abs(a), Math.abs(y));
    const sign = a < 0 && Math.abs(y) % 2 === 1 ? -1 : 1;
    if (!Number.isFinite(p.hi) || p.hi === 0 || p.hi < 1e-290 || p.hi > 1e290) return a ** y;
    if (y < 0) {
      // 1 / p in double-double: q = 1/p.hi, corrected once.
      const q = 1 / p.hi;
      const r = ddAdd({ hi: 1, lo: 0 }, ddMul({ hi: -q, lo: 0 }, p));
      return sign * (q + r.hi / p.hi);
    }
    return sign * (p.hi + p.lo);
  }
  if (a < 0) return NaN; // Python raises here; PyTorch never gets here with a negative base.
  const exponent = ddMul({ hi: y, lo: 0 }, ddLog(a));
  if (Math.abs(exponent.hi) > 700) return a ** y;
  const r = ddExp(exponent);
  return r.hi + r.lo;
}

/** a^1, a^2, …, a^n as Python's `a ** t` gives them: a running double-double product. */
export function pyPowSeries(a: number, n: number): Float64Array {
  const out = new Float64Array(n);
  let p: DD = { hi: 1, lo: 0 };
  const base: DD = { hi: a, lo: 0 };
  for (let t = 1; t <= n; t++) {
    p = ddMul(p, base);
    // Near the subnormal range the low word stops being meaningful: defer to pyPow's fallback.
    out[t - 1] = Math.abs(p.hi) < 1e-280 || !Number.isFinite(p.hi) ? pyPow(a, t) : p.hi + p.lo;
  }
  return out;
}

/**
 * a ** (t * psi) for t = 1..n as Python evaluates it: t·ψ is rounded to a double first, so
 * a^fl(tψ) = (a^ψ)^t · a^(fl(tψ) − tψ), where the last factor is e^(−lo·ln a) for the exact
 * rounding error lo of the product; the first is a running double-double product.
 */
export function pyPowScaledSeries(a: number, psi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!(a > 0) || !Number.isFinite(a) || !Number.isFinite(psi) || a === 1) {
    for (let t = 1; t <= n; t++) out[t - 1] = pyPow(a, t * psi);
    return out;
  }
  const lnA = ddLog(a);
  const q = ddExp(ddMul({ hi: psi, lo: 0 }, lnA));
  let p: DD = { hi: 1, lo: 0 };
  for (let t = 1; t <= n; t++) {
    p = ddMul(p, q);
    // fl(tψ) = tψ + err, err = −(exact product's low part)
    const err = -twoProd(t, psi).lo;
    if (p.hi < 1e-280 || !Number.isFinite(p.hi)) {
      out[t - 1] = pyPow(a, t * psi);
    } else if (err === 0) {
      out[t - 1] = p.hi + p.lo;
    } else {
      // e^(err·ln a) ≈ 1 + e + e²/2 with |e| < 1e-15: exact to double-double precision.
      const e = ddMul({ hi: err, lo: 0 }, lnA);
      const corr = ddAdd({ hi: 1, lo: 0 }, ddAdd(e, { hi: (e.hi * e.hi) / 2, lo: 0 }));
      const r = ddMul(p, corr);
      out[t - 1] = r.hi + r.lo;
    }
  }
  return out;
}

// π/2 as three doubles (hi + mid + lo to ~160 bits), for the argument reduction of pyCos.
const PIO2_HI = 1.5707963267948966;
const PIO2_MID = 6.123233995736766e-17;
const PIO2_LO = -1.4973849048591698e-33;

/** sin(r) or cos(r) of a double-double |r| ≤ ~π/4 by the Taylor series in double-double. */
function ddSinCos(r: DD, cos: boolean): DD {
  const r2 = ddMul(r, r);
  let term: DD = cos ? { hi: 1, lo: 0 } : r;
  let sum: DD = term;
  for (let n = cos ? 1 : 2; n < 60; n += 2) {
    // next term: −term·r²/(n(n+1)) for cos (n = 1, 3, …) and sin (n = 2, 4, …)
    term = ddDivNumber(ddMul(term, r2), -(n * (n + 1)));
    sum = ddAdd(sum, term);
    if (Math.abs(term.hi) < 1e-40 * Math.abs(sum.hi) || term.hi === 0) break;
  }
  return sum;
}

/**
 * Python's math.cos, correctly rounded (glibc's cos is within ~0.55 ulp, V8's fdlibm cos
 * differs from it in ~2 % of arguments). Used where PyTorch's schedules call math.cos.
 */
export function pyCos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 1e-9) return 1 - (ax * ax) / 2; // rounds like the exact value this close to 0
  if (ax > 1e9) return Math.cos(x);
  const k = Math.round(ax / PIO2_HI);
  let r = ddAdd({ hi: ax, lo: 0 }, twoProd(-k, PIO2_HI));
  r = ddAdd(r, twoProd(-k, PIO2_MID));
  r = ddAdd(r, { hi: -k * PIO2_LO, lo: 0 });
  let v: DD;
  switch (k % 4) {
    case 0:
      v = ddSinCos(r, true);
      break;
    case 1:
      v = ddSinCos(r, false);
      v = { hi: -v.hi, lo: -v.lo };
      break;
    case 2:
      v = ddSinCos(r, true);
      v = { hi: -v.hi, lo: -v.lo };
      break;
    default:
      v = ddSinCos(r, false);
  }
  return v.hi + v.lo;
}

/** Python's math.exp, correctly rounded (for surfaces that want to match glibc more often). */
export function pyExp(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > 700) return Math.exp(x);
  const r = ddExp({ hi: x, lo: 0 });
  return r.hi + r.lo;
}

// Bit views for rounding to odd.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LOW = LITTLE_ENDIAN ? 0 : 1;
const HIGH = LITTLE_ENDIAN ? 1 : 0;

/** v rounded to odd given that the exact value is v + err (|err| ≤ ulp(v)/2). */
function roundToOdd(v: number, err: number): number {
  if (err === 0) return v;
  F64[0] = v;
  if ((U32[LOW] as number) & 1) return v;
  // Even last bit with a non-zero remainder: step one ulp toward the exact value.
  const up = v > 0 === err > 0; // away from zero
  if (up) {
    U32[LOW] = (U32[LOW] as number) + 1; // the last bit is 0: no carry
  } else if (U32[LOW] === 0) {
    U32[LOW] = 0xffffffff;
    U32[HIGH] = (U32[HIGH] as number) - 1;
  } else {
    U32[LOW] = (U32[LOW] as number) - 1;
  }
  return F64[0] as number;
}

/**
 * a·b + c with a single rounding, like the fused multiply-add that PyTorch's CPU kernels
 * use for `add(x, alpha=…)` and `addcmul` (GCC contracts `a + alpha * b`). Exact product by
 * Dekker's method, then Boldo and Melquiond's sum with the low part rounded to odd.
 */
export function fma(a: number, b: number, c: number): number {
  const p = twoProd(a, b);
  if (!Number.isFinite(p.hi) || !Number.isFinite(c) || Math.abs(p.hi) > 1e300) return a * b + c;
  if (p.hi === 0 || Math.abs(p.hi) < 1e-290) return a * b + c;
  const s = twoSum(c, p.hi);
  const t = twoSum(p.lo, s.lo);
  return s.hi + roundToOdd(t.hi, t.lo);
}
