// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)².
fn bealeSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let x = p.x;
  let y = p.y;
  let y2 = y * y;
  let y3 = y2 * y;
  let t1 = (1.5 - x) + x * y;
  let t2 = (2.25 - x) + x * y2;
  let t3 = (2.625 - x) + x * y3;
  let loss = (t1 * t1 + t2 * t2) + t3 * t3;
  let g1 = 2.0 * t1;
  let g2 = 2.0 * t2;
  let g3 = 2.0 * t3;
  let gx = (g1 * (y - 1.0) + g2 * (y2 - 1.0)) + g3 * (y3 - 1.0);
  let gy = (g1 * x + g2 * (x * (2.0 * y))) + g3 * (x * (3.0 * y2));
  return vec3<f32>(loss, gx, gy);
}
