// Adagrad (torch.optim.Adagrad, 1.13), float32.
// s.x = 1 + (t − 1)·lr_decay; c0 = (eps, weight_decay); opt[0] = sum (starts at
// initial_accumulator_value).
fn adagradStep(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>) {
  var d = g;
  if (c0.y != 0.0) {
    d = fma(vec2<f32>(c0.y), pos, d);
  }
  let clr = lr / s.x;
  opt[0] = fma(d, d, opt[0]);
  let stdev = sqrt(opt[0]) + c0.x;
  pos = pos + (-clr * d) / stdev;
}
