// SGD with momentum / Nesterov (torch.optim.SGD, 1.13), float32, one element: the same lines as
// sgdStep in src/core/optimizers/sgd.ts. c0 = (momentum, 1 − dampening, weight_decay,
// nesterov ? 1 : 0); state.x = momentum_buffer. fma() where PyTorch's CPU kernels fuse:
// add(…, alpha=…) computes fma(alpha, b, a), addcmul fma(value·t1, t2, self).
fn sgdStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  var d = withWeightDecay(g, x, c0.z);
  if (c0.x != 0.0) {
    // The buffer starts as a clone of the first gradient: no dampening on step 1.
    var buf = d;
    if (t > 1u) {
      buf = fma(c0.y, d, (*state).x * c0.x);
    }
    (*state).x = buf;
    if (c0.w != 0.0) {
      d = fma(c0.x, buf, d);
    } else {
      d = buf;
    }
  }
  return fma(-lr, d, x);
}
