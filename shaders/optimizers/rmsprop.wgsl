// RMSprop (torch.optim.RMSprop, 1.13), float32.
// c0 = (alpha, 1 − alpha, eps, weight_decay); c1 = (momentum, centered ? 1 : 0).
// opt[0] = square_avg, opt[1] = momentum_buffer, opt[2] = grad_avg.
fn rmspropStep(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>) {
  var d = g;
  if (c0.w != 0.0) {
    d = fma(vec2<f32>(c0.w), pos, d);
  }
  opt[0] = fma(c0.y * d, d, opt[0] * c0.x);
  var avg: vec2<f32>;
  if (c1.y != 0.0) {
    opt[2] = fma(vec2<f32>(c0.y), d, opt[2] * c0.x);
    avg = sqrt(fma(-opt[2], opt[2], opt[0]));
  } else {
    avg = sqrt(opt[0]);
  }
  avg = avg + c0.z;
  if (c1.x > 0.0) {
    opt[1] = opt[1] * c1.x + d / avg;
    pos = fma(vec2<f32>(-lr), opt[1], pos);
  } else {
    pos = pos + (-lr * d) / avg;
  }
}
