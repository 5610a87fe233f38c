// Adamax (torch.optim.Adamax, 1.13), float32, one element (adamaxStep in
// src/core/optimizers/adamax.ts). s.x = 1 − β₁ᵗ; c0 = (β₁, 1 − β₁, β₂, 1 − β₂);
// c1 = (eps, weight_decay). state = (exp_avg, exp_inf, −, −).
fn adamaxStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let st = *state;
  let d = withWeightDecay(g, x, c1.y);
  let expAvg = fma(c0.y, d, st.x * c0.x);
  let expInf = max(st.y * c0.z, abs(d) + c1.x);
  *state = vec4<f32>(expAvg, expInf, st.zw);
  let clr = lr / s.x;
  return x + (-clr * expAvg) / expInf;
}
