// NAdam (torch.optim.NAdam, 1.13), float32.
// s = (μ_t, μ_{t+1}, 1 − β₂ᵗ); c0 = (β₁, 1 − β₁, β₂, 1 − β₂); c1 = (eps, weight_decay).
// opt[0] = exp_avg, opt[1] = exp_avg_sq, opt[2].x = mu_product (starts at 1).
fn nadamStep(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>) {
  var d = g;
  if (c1.y != 0.0) {
    d = fma(vec2<f32>(c1.y), pos, d);
  }
  let mu = s.x;
  let muNext = s.y;
  // PyTorch 1.13: mu_product *= mu; mu_product_next = mu_product * mu * mu_next (μ_t twice).
  let prod = opt[2].x * mu;
  let prodNext = (prod * mu) * muNext;
  opt[2] = vec2<f32>(prod, prod);
  opt[0] = fma(vec2<f32>(c0.y), d, opt[0] * c0.x);
  opt[1] = fma(c0.w * d, d, opt[1] * c0.z);
  let denom = sqrt(opt[1] / s.z) + c1.x;
  // The coefficients are Python floats divided by (1 − Π) (see nadamCoefficient): one division.
  let cg = (-lr * (1.0 - mu)) / (1.0 - prod);
  let cm = (-lr * muNext) / (1.0 - prodNext);
  pos = pos + (cg * d) / denom;
  pos = pos + (cm * opt[0]) / denom;
}
