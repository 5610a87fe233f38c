// (x² + y − 11)² + (x + y² − 7)².
fn himmelblauSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let a = (p.x * p.x + p.y) - 11.0;
  let b = (p.x + p.y * p.y) - 7.0;
  let loss = a * a + b * b;
  let ga = 2.0 * a;
  let gb = 2.0 * b;
  return vec3<f32>(loss, ga * (2.0 * p.x) + gb, ga + gb * (2.0 * p.y));
}
