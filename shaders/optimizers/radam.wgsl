// RAdam (torch.optim.RAdam, 1.13), float32.
// s = (1 − β₁ᵗ, rectification r or 0 when ρ_t ≤ 5, √(1 − β₂ᵗ)); c0 = (β₁, 1 − β₁, β₂, 1 − β₂);
// c1 = (eps, weight_decay). opt[0] = exp_avg, opt[1] = exp_avg_sq.
fn radamStep(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>) {
  var d = g;
  if (c1.y != 0.0) {
    d = fma(vec2<f32>(c1.y), pos, d);
  }
  opt[0] = fma(vec2<f32>(c0.y), d, opt[0] * c0.x);
  opt[1] = fma(c0.w * d, d, opt[1] * c0.z);
  let mHat = opt[0] / s.x;
  if (s.y > 0.0) {
    // adaptive_lr = math.sqrt(bc2) / (√v + ε): Python's float / tensor is reciprocal() * float.
    let adaptive = (1.0 / (sqrt(opt[1]) + c1.x)) * s.z;
    pos = pos + -1.0 * (mHat * lr * adaptive * s.y);
  } else {
    pos = pos + -1.0 * (mHat * lr);
  }
}
