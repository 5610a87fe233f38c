// RMSprop (torch.optim.RMSprop, 1.13), float32, one element (rmspropStep in
// src/core/optimizers/rmsprop.ts). c0 = (alpha, 1 − alpha, eps, weight_decay);
// c1 = (momentum, centered ? 1 : 0). state = (square_avg, momentum_buffer, grad_avg, −).
fn rmspropStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let d = withWeightDecay(g, x, c0.w);
  (*state).x = fma(c0.y * d, d, (*state).x * c0.x);
  var avg: f32;
  if (c1.y != 0.0) {
    (*state).z = fma(c0.y, d, (*state).z * c0.x);
    avg = sqrt(fma(-(*state).z, (*state).z, (*state).x));
  } else {
    avg = sqrt((*state).x);
  }
  avg = avg + c0.z;
  if (c1.x > 0.0) {
    (*state).y = (*state).y * c1.x + d / avg;
    return fma(-lr, (*state).y, x);
  }
  return x + (-lr * d) / avg;
}
