// SGD with momentum / Nesterov (torch.optim.SGD, 1.13), float32.
// c0 = (momentum, 1 − dampening, weight_decay, nesterov ? 1 : 0). fma() where PyTorch's CPU
// kernels fuse: add(…, alpha=…) computes fma(alpha, b, a), addcmul fma(value·t1, t2, self).
fn sgdStep(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>) {
  var d = g;
  if (c0.z != 0.0) {
    d = fma(vec2<f32>(c0.z), pos, d);
  }
  if (c0.x != 0.0) {
    // The buffer starts as a clone of the first gradient: no dampening on step 1.
    var buf = d;
    if (t > 1u) {
      buf = fma(vec2<f32>(c0.y), d, opt[0] * c0.x);
    }
    opt[0] = buf;
    if (c0.w != 0.0) {
      d = fma(vec2<f32>(c0.x), buf, d);
    } else {
      d = buf;
    }
  }
  pos = fma(vec2<f32>(-lr), d, pos);
}
