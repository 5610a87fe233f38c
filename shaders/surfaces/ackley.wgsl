// −a·exp(−b·√(0.5(x²+y²))) − exp(0.5(cos cx + cos cy)) + a + e; sp = (a, b, c).
// The gradient of the first term is undefined at the origin; there it is taken as 0.
fn ackleySurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let a = sp.x;
  let b = sp.y;
  let c = sp.z;
  let r = sqrt(0.5 * (p.x * p.x + p.y * p.y));
  let e1 = dlExp(-b * r);
  let scx = dlSinCos(c * p.x);
  let scy = dlSinCos(c * p.y);
  let e2 = dlExp(0.5 * (scx.y + scy.y));
  let loss = ((-a * e1 - e2) + a) + 2.718281828459045;
  // Autograd's order: ∂/∂r = a·e1·b, ∂r/∂(x²+y²) = 0.5/(2r), then 2x and 2y.
  var g = 0.0;
  if (r > 0.0) {
    g = 0.5 * (((a * e1) * b) / (2.0 * r));
  }
  let h = 0.5 * e2;
  let gx = g * (2.0 * p.x) + (h * scx.x) * c;
  let gy = g * (2.0 * p.y) + (h * scy.x) * c;
  return vec3<f32>(loss, gx, gy);
}
