// Adadelta (torch.optim.Adadelta, 1.13), float32, one element (adadeltaStep in
// src/core/optimizers/adadelta.ts). c0 = (rho, 1 − rho, eps, weight_decay);
// state = (square_avg, acc_delta, −, −).
fn adadeltaStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let d = withWeightDecay(g, x, c0.w);
  (*state).x = fma(c0.y * d, d, (*state).x * c0.x);
  let stdev = sqrt((*state).x + c0.z);
  let delta = (sqrt((*state).y + c0.z) / stdev) * d;
  (*state).y = fma(c0.y * delta, delta, (*state).y * c0.x);
  return fma(-lr, delta, x);
}
