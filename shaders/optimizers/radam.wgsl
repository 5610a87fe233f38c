// RAdam (torch.optim.RAdam, 1.13), float32, one element (radamStep in
// src/core/optimizers/radam.ts). s = (1 − β₁ᵗ, rectification r or 0 when ρ_t ≤ 5,
// √(1 − β₂ᵗ)); c0 = (β₁, 1 − β₁, β₂, 1 − β₂); c1 = (eps, weight_decay).
// state = (exp_avg, exp_avg_sq, −, −).
fn radamStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let d = withWeightDecay(g, x, c1.y);
  let st = updateMoments(d, c0, *state);
  *state = st;
  let mHat = st.x / s.x;
  if (s.y > 0.0) {
    // adaptive_lr = math.sqrt(bc2) / (√v + ε): Python's float / tensor is reciprocal() * float.
    let adaptive = (1.0 / (sqrt(st.y) + c1.x)) * s.z;
    return x + -1.0 * (mHat * lr * adaptive * s.y);
  }
  return x + -1.0 * (mHat * lr);
}
