// a·x² − b·y²; sp = (a, b).
fn saddleSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let a = sp.x;
  let b = sp.y;
  let loss = a * (p.x * p.x) - b * (p.y * p.y);
  return vec3<f32>(loss, a * (2.0 * p.x), -(b * (2.0 * p.y)));
}
