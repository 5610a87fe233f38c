// [1 + (x+y+1)²·P]·[30 + (2x−3y)²·Q] with
// P = 19 − 14x + 3x² − 14y + 6xy + 3y², Q = 18 − 32x + 12x² + 48y − 36xy + 27y².
fn goldsteinPriceSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let x = p.x;
  let y = p.y;
  let s = (x + y) + 1.0;
  let s2 = s * s;
  let pp = ((((19.0 - 14.0 * x) + 3.0 * (x * x)) - 14.0 * y) + 6.0 * (x * y)) + 3.0 * (y * y);
  let d = 2.0 * x - 3.0 * y;
  let d2 = d * d;
  let q = ((((18.0 - 32.0 * x) + 12.0 * (x * x)) + 48.0 * y) - 36.0 * (x * y)) + 27.0 * (y * y);
  let fa = 1.0 + s2 * pp;
  let fb = 30.0 + d2 * q;
  // ∂P/∂x = ∂P/∂y = −14 + 6x + 6y.
  let dp = (6.0 * x + 6.0 * y) - 14.0;
  let dax = (2.0 * s) * pp + s2 * dp;
  let dbx = (4.0 * d) * q + d2 * ((24.0 * x - 36.0 * y) - 32.0);
  let dby = (-6.0 * d) * q + d2 * ((54.0 * y - 36.0 * x) + 48.0);
  return vec3<f32>(fa * fb, dax * fb + fa * dbx, dax * fb + fa * dby);
}
