// 2x² − 1.05x⁴ + x⁶/6 + xy + y².
fn threeHumpCamelSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let x = p.x;
  let y = p.y;
  let x2 = x * x;
  let x3 = x2 * x;
  let x4 = x2 * x2;
  let x5 = x4 * x;
  let x6 = x3 * x3;
  let loss = (((2.0 * x2 - 1.05 * x4) + x6 / 6.0) + x * y) + y * y;
  let gx = ((4.0 * x - 4.2 * x3) + x5) + y;
  let gy = x + 2.0 * y;
  return vec3<f32>(loss, gx, gy);
}
