// Adadelta (torch.optim.Adadelta, 1.13), float32.
// c0 = (rho, 1 − rho, eps, weight_decay); opt[0] = square_avg, opt[1] = acc_delta.
fn adadeltaStep(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>) {
  var d = g;
  if (c0.w != 0.0) {
    d = fma(vec2<f32>(c0.w), pos, d);
  }
  opt[0] = fma(c0.y * d, d, opt[0] * c0.x);
  let stdev = sqrt(opt[0] + c0.z);
  let delta = (sqrt(opt[1] + c0.z) / stdev) * d;
  opt[1] = fma(c0.y * delta, delta, opt[1] * c0.x);
  pos = fma(vec2<f32>(-lr), delta, pos);
}
