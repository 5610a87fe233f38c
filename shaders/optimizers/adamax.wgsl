// Adamax (torch.optim.Adamax, 1.13), float32.
// s.x = 1 − β₁ᵗ; c0 = (β₁, 1 − β₁, β₂, 1 − β₂); c1 = (eps, weight_decay).
// opt[0] = exp_avg, opt[1] = exp_inf.
fn adamaxStep(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>) {
  var d = g;
  if (c1.y != 0.0) {
    d = fma(vec2<f32>(c1.y), pos, d);
  }
  opt[0] = fma(vec2<f32>(c0.y), d, opt[0] * c0.x);
  opt[1] = max(opt[1] * c0.z, abs(d) + c1.x);
  let clr = lr / s.x;
  pos = pos + (-clr * opt[0]) / opt[1];
}
