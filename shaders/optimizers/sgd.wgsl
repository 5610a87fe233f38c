// SGD with momentum / Nesterov (torch.optim.SGD, 1.13), float32, one element: the same lines as
// sgdStep in src/core/optimizers/sgd.ts. c0 = (momentum, 1 − dampening, weight_decay,
// nesterov ? 1 : 0); state.x = momentum_buffer. fma() where PyTorch's CPU kernels fuse:
// add(…, alpha=…) computes fma(alpha, b, a), addcmul fma(value·t1, t2, self).
fn sgdStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let st = *state;
  let d = withWeightDecay(g, x, c0.z);
  let momentum = c0.x != 0.0;
  // The buffer starts as a clone of the first gradient: no dampening on step 1.
  let buf = select(d, fma(c0.y, d, st.x * c0.x), t > 1u);
  *state = vec4<f32>(select(st.x, buf, momentum), st.yzw);
  let withMomentum = select(buf, fma(c0.x, buf, d), c0.w != 0.0);
  return fma(-lr, select(d, withMomentum, momentum), x);
}
