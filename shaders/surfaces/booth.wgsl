// (x + 2y − 7)² + (2x + y − 5)².
fn boothSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let a = (p.x + 2.0 * p.y) - 7.0;
  let b = (2.0 * p.x + p.y) - 5.0;
  let loss = a * a + b * b;
  let ga = 2.0 * a;
  let gb = 2.0 * b;
  return vec3<f32>(loss, ga + 2.0 * gb, 2.0 * ga + gb);
}
