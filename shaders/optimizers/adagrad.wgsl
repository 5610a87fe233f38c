// Adagrad (torch.optim.Adagrad, 1.13), float32, one element (adagradStep in
// src/core/optimizers/adagrad.ts). s.x = 1 + (t − 1)·lr_decay; c0 = (eps, weight_decay);
// state.x = sum (starts at initial_accumulator_value).
fn adagradStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let st = *state;
  let d = withWeightDecay(g, x, c0.y);
  let clr = lr / s.x;
  let sum = fma(d, d, st.x);
  *state = vec4<f32>(sum, st.yzw);
  let stdev = sqrt(sum) + c0.x;
  return x + (-clr * d) / stdev;
}
