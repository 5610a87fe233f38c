// 0.26·(x² + y²) − 0.48·xy.
fn matyasSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let loss = 0.26 * (p.x * p.x + p.y * p.y) - 0.48 * (p.x * p.y);
  let gx = 0.26 * (2.0 * p.x) - 0.48 * p.y;
  let gy = 0.26 * (2.0 * p.y) - 0.48 * p.x;
  return vec3<f32>(loss, gx, gy);
}
