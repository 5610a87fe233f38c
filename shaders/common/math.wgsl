// Float32 helpers for the surface snippets, all named dl*. They exist because the built-ins
// are not accurate enough everywhere: on SwiftShader cos/sin are off by up to 1.9e-4 absolute
// (also inside [-pi, pi]; 9e4 ulps near their zeros), exp by up to ~10 ulps on [-10, 0] and log
// by ~1e3 ulps near 1 (measured, see the surfaces report). PyTorch's CPU float32 functions are
// within ~1 ulp, and the reference cases on rastrigin and ackley fail once cos/sin err by more
// than ~1e-6, so these follow Cephes' float32 routines: Cody-Waite range reduction with a
// split constant, then short minimax polynomials.

// pi/2 split in three so that n * DL_PIO2_1 and n * DL_PIO2_2 are exact for |n| < 8192:
// DL_PIO2_1 has 8 significant bits, DL_PIO2_2 has 11, DL_PIO2_3 carries the rest.
const DL_PIO2_1: f32 = 1.5703125;
const DL_PIO2_2: f32 = 4.837512969970703125e-4;
const DL_PIO2_3: f32 = 7.54978995489188216e-8;
const DL_TWO_OVER_PI: f32 = 0.636619772367581343;
// Beyond 12000 the reduction loses exactness (|n| would reach 8192); such arguments only
// occur on diverged runs, where the built-ins are good enough.
const DL_TRIG_MAX: f32 = 12000.0;

// (sin r, cos r) for |r| <= pi/4: Cephes sinf/cosf polynomials, about 1 ulp.
fn dlSinCosKernel(r: f32) -> vec2<f32> {
  let z = r * r;
  let s = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r;
  let c = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z
    - 0.5 * z + 1.0;
  return vec2<f32>(s, c);
}

/** (sin x, cos x) with accurate range reduction; sin stays accurate relative to its value near 0. */
fn dlSinCos(x: f32) -> vec2<f32> {
  if (abs(x) > DL_TRIG_MAX) {
    return vec2<f32>(sin(x), cos(x));
  }
  let n = round(x * DL_TWO_OVER_PI);
  let r = ((x - n * DL_PIO2_1) - n * DL_PIO2_2) - n * DL_PIO2_3;
  let sc = dlSinCosKernel(r);
  switch (i32(n) & 3) {
    case 0: { return sc; }
    case 1: { return vec2<f32>(sc.y, -sc.x); }
    case 2: { return vec2<f32>(-sc.x, -sc.y); }
    default: { return vec2<f32>(-sc.y, sc.x); }
  }
}

fn dlSin(x: f32) -> f32 {
  return dlSinCos(x).x;
}

fn dlCos(x: f32) -> f32 {
  return dlSinCos(x).y;
}

// ln 2 split for exp's reduction: DL_LN2_1 has 9 significant bits, so n * DL_LN2_1 is exact.
const DL_LN2_1: f32 = 0.693359375;
const DL_LN2_2: f32 = -2.12194440e-4;
const DL_LOG2E: f32 = 1.44269504088896341;

/** e^x to about 1 ulp (Cephes expf): x = n ln2 + r, |r| <= ln2/2, e^r by a degree-7 polynomial. */
fn dlExp(x: f32) -> f32 {
  if (x > 88.72283) {
    return exp(x); // +inf (or NaN for NaN): spelled as a call since a const inf is an error
  }
  if (x < -103.0) {
    return 0.0;
  }
  let n = round(x * DL_LOG2E);
  let r = (x - n * DL_LN2_1) - n * DL_LN2_2;
  let z = r * r;
  let p = ((((((1.9875691500e-4 * r + 1.3981999507e-3) * r + 8.3334519073e-3) * r
    + 4.1665795894e-2) * r + 1.6666665459e-1) * r + 5.0000001201e-1) * z + r) + 1.0;
  // Two ldexp steps: 2^n alone overflows for n = 128 although e^x is finite there.
  let h = i32(n) / 2;
  return ldexp(ldexp(p, h), i32(n) - h);
}

// ln(1 + m) for m in [sqrt(1/2) − 1, sqrt(2) − 1], plus e·ln 2: Cephes logf's polynomial.
fn dlLogKernel(m: f32, e: f32) -> f32 {
  let z = m * m;
  var y = ((((((((7.0376836292e-2 * m - 1.1514610310e-1) * m + 1.1676998740e-1) * m
    - 1.2420140846e-1) * m + 1.4249322787e-1) * m - 1.6668057665e-1) * m
    + 2.0000714765e-1) * m - 2.4999993993e-1) * m + 3.3333331174e-1) * m * z;
  y = y + DL_LN2_2 * e;
  y = y - 0.5 * z;
  return (m + y) + DL_LN2_1 * e;
}

/** ln x for x > 0 to about 1 ulp (Cephes logf); the built-in is off by ~1e3 ulps near 1. */
fn dlLog(x: f32) -> f32 {
  if (!(x > 0.0)) {
    return log(x); // -inf at 0, NaN below
  }
  if (x > 3.4028234e38) {
    return x;
  }
  let fe = frexp(x);
  // x = 2^e·m with m in [sqrt(1/2), sqrt(2)), so that m − 1 is small.
  if (fe.fract < 0.70710678118654752) {
    return dlLogKernel(2.0 * fe.fract - 1.0, f32(fe.exp - 1));
  }
  return dlLogKernel(fe.fract - 1.0, f32(fe.exp));
}

/**
 * ln(1 + t) for t > −1, accurate for small t: near 0 the log kernel takes t itself, so 1 + t
 * is never rounded. (Goldberg's log(u)·t/(u − 1) does not survive SwiftShader, whose
 * compiler folds (1 + t) − 1 into t.)
 */
fn dlLog1p(t: f32) -> f32 {
  if (t > -0.29289321881345248 && t < 0.41421356237309505) {
    return dlLogKernel(t, 0.0);
  }
  return dlLog(1.0 + t);
}

/** softplus(z) = ln(1 + e^z) without overflow: max(z, 0) + ln(1 + e^−|z|). */
fn dlSoftplus(z: f32) -> f32 {
  return max(z, 0.0) + dlLog1p(dlExp(-abs(z)));
}

/** The logistic function 1 / (1 + e^−z), evaluated on the side where e^(·) cannot overflow. */
fn dlSigmoid(z: f32) -> f32 {
  let e = dlExp(-abs(z));
  let s = 1.0 / (1.0 + e);
  return select(e * s, s, z >= 0.0);
}

// ---- Counter-based random numbers: the definition and its reasons are in src/core/noise.ts;
// this is the same integer arithmetic (tests/gpu/noise.test.ts compares the bits).
fn pcgHash(x: u32) -> u32 {
  let s = x * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}

fn stepKey(seed: u32, t: u32) -> u32 {
  return pcgHash(pcgHash(seed) + t);
}

fn noiseDraw(key: u32, k: u32) -> u32 {
  return pcgHash(key + k);
}

// In (0, 1): 23 bits plus a half, exact in float32.
fn uniformOf(h: u32) -> f32 {
  return (f32(h >> 9u) + 0.5) * (1.0 / 8388608.0);
}

// Box–Muller: one standard normal per coordinate from counters 0 and 1 of the step key.
fn gaussianPair(key: u32) -> vec2<f32> {
  let r = sqrt(-2.0 * dlLog(uniformOf(noiseDraw(key, 0u))));
  let theta = 6.2831853071795864 * uniformOf(noiseDraw(key, 1u)) - 3.1415926535897932;
  let sc = dlSinCos(theta);
  return r * vec2<f32>(sc.y, sc.x);
}

// A data surface's data = (offset, count, batch, step key) is evaluated by two loops, one of
// which runs no iteration: points 0..fullPoints − 1 (all of them when batch = 0), then samples
// 0..batch − 1 at batchPoint. So a full-data run never computes a hash (a select would: both
// of its sides are evaluated), and the sum keeps the TS path's order either way.
fn fullPoints(data: vec4<u32>) -> u32 {
  return select(data.y, 0u, data.z > 0u);
}

// Sample i of the mini-batch (counter 2 + i).
fn batchPoint(data: vec4<u32>, i: u32) -> u32 {
  return noiseDraw(data.w, 2u + i) % data.y;
}

// How many points the mean is over.
fn meanPoints(data: vec4<u32>) -> f32 {
  return f32(select(data.y, data.z, data.z > 0u));
}
