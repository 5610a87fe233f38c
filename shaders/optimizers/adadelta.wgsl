// Adadelta (torch.optim.Adadelta, 1.13), float32, one element (adadeltaStep in
// src/core/optimizers/adadelta.ts). c0 = (rho, 1 − rho, eps, weight_decay);
// state = (square_avg, acc_delta, −, −).
fn adadeltaStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let st = *state;
  let d = withWeightDecay(g, x, c0.w);
  let squareAvg = fma(c0.y * d, d, st.x * c0.x);
  let stdev = sqrt(squareAvg + c0.z);
  let delta = (sqrt(st.y + c0.z) / stdev) * d;
  let accDelta = fma(c0.y * delta, delta, st.y * c0.x);
  *state = vec4<f32>(squareAvg, accDelta, st.zw);
  return fma(-lr, delta, x);
}
