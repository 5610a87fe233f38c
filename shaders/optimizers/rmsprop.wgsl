// RMSprop (torch.optim.RMSprop, 1.13), float32, one element (rmspropStep in
// src/core/optimizers/rmsprop.ts). c0 = (alpha, 1 − alpha, eps, weight_decay);
// c1 = (momentum, centered ? 1 : 0). state = (square_avg, momentum_buffer, grad_avg, −).
fn rmspropStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let st = *state;
  let d = withWeightDecay(g, x, c0.w);
  let squareAvg = fma(c0.y * d, d, st.x * c0.x);
  let centered = c1.y != 0.0;
  let gradAvg = select(st.z, fma(c0.y, d, st.z * c0.x), centered);
  let avg = select(sqrt(squareAvg), sqrt(fma(-gradAvg, gradAvg, squareAvg)), centered) + c0.z;
  let momentum = c1.x > 0.0;
  let buf = select(st.y, st.y * c1.x + d / avg, momentum);
  *state = vec4<f32>(squareAvg, buf, gradAvg, st.w);
  return select(x + (-lr * d) / avg, fma(-lr, buf, x), momentum);
}
