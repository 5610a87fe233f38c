// 2A + (x² − A·cos 2πx) + (y² − A·cos 2πy); sp = (A).
// As PyTorch does: the argument is fl32(2π)·x rounded to float32, then an accurately reduced
// cos/sin (dlSinCos; the built-ins are too coarse, see math.wgsl).
fn rastriginSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let A = sp.x;
  let c = 6.283185307179586;
  let scx = dlSinCos(c * p.x);
  let scy = dlSinCos(c * p.y);
  let loss = (2.0 * A + (p.x * p.x - A * scx.y)) + (p.y * p.y - A * scy.y);
  let gx = 2.0 * p.x + (A * scx.x) * c;
  let gy = 2.0 * p.y + (A * scy.x) * c;
  return vec3<f32>(loss, gx, gy);
}
