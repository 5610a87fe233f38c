// 0.5·Σ (v⁴ − 16v² + 5v) over v ∈ {x, y}.
fn styblinskiTangSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let x2 = p.x * p.x;
  let y2 = p.y * p.y;
  let tx = (x2 * x2 - 16.0 * x2) + 5.0 * p.x;
  let ty = (y2 * y2 - 16.0 * y2) + 5.0 * p.y;
  let gx = 0.5 * ((4.0 * (x2 * p.x) - 32.0 * p.x) + 5.0);
  let gy = 0.5 * ((4.0 * (y2 * p.y) - 32.0 * p.y) + 5.0);
  return vec3<f32>(0.5 * (tx + ty), gx, gy);
}
