// Adam (torch.optim.Adam, 1.13), float32.
// s = (1 − β₁ᵗ, √(1 − β₂ᵗ), −); c0 = (β₁, 1 − β₁, β₂, 1 − β₂); c1 = (eps, weight_decay, amsgrad).
// opt[0] = exp_avg, opt[1] = exp_avg_sq, opt[2] = max_exp_avg_sq.
fn adamStep(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>) {
  var d = g;
  if (c1.y != 0.0) {
    d = fma(vec2<f32>(c1.y), pos, d);
  }
  opt[0] = fma(vec2<f32>(c0.y), d, opt[0] * c0.x);
  opt[1] = fma(c0.w * d, d, opt[1] * c0.z);
  var v = opt[1];
  if (c1.z != 0.0) {
    opt[2] = max(opt[2], opt[1]);
    v = opt[2];
  }
  let stepSize = lr / s.x;
  let denom = sqrt(v) / s.y + c1.x;
  pos = pos + (-stepSize * opt[0]) / denom;
}
