// (a − x)² + b·(y − x²)²; sp = (a, b).
fn rosenbrockSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let a = sp.x;
  let b = sp.y;
  let d = a - p.x;
  let t = p.y - p.x * p.x;
  let loss = d * d + b * (t * t);
  // Chain rule in autograd's order: ∂/∂t = b·2t, then ∂t/∂x = −2x.
  let gt = b * (2.0 * t);
  return vec3<f32>(loss, -2.0 * d - gt * (2.0 * p.x), gt);
}
