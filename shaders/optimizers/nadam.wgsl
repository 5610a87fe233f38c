// NAdam (torch.optim.NAdam, 1.13), float32, one element (nadamStep in
// src/core/optimizers/nadam.ts). s = ((1 − μₜ)/(1 − Πₜ), μₜ₊₁/(1 − Π′ₜ), 1 − β₂ᵗ), with the
// float32 μ-product folded in on the CPU; c0 = (β₁, 1 − β₁, β₂, 1 − β₂); c1 = (eps,
// weight_decay). state = (exp_avg, exp_avg_sq, −, −).
fn nadamStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let d = withWeightDecay(g, x, c1.y);
  let st = updateMoments(d, c0, *state);
  *state = st;
  let denom = sqrt(st.y / s.z) + c1.x;
  let afterGrad = x + (-lr * s.x * d) / denom;
  return afterGrad + (-lr * s.y * st.x) / denom;
}
