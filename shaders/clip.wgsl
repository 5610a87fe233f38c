// Gradient clipping (torch.nn.utils.clip_grad_norm_ then clip_grad_value_, 1.13) in float32.
// A negative bound means that clip is off.
fn clipGradient(g: vec2<f32>, maxNorm: f32, maxValue: f32) -> vec2<f32> {
  var out = g;
  if (maxNorm >= 0.0) {
    // As clip.ts: fused accumulation of the squares, then the norm of the one-element stack.
    // Squares of components above ~1e19 overflow float32 (WGSL may assume no infinities):
    // scale those first.
    let m = max(abs(out.x), abs(out.y));
    var norm: f32;
    if (m > 1.0e18) {
      norm = m * length(out / m);
    } else {
      let n = sqrt(fma(out.y, out.y, out.x * out.x));
      norm = sqrt(n * n);
    }
    // max_norm / (norm + 1e-6) is reciprocal() * max_norm in PyTorch; clamped at 1, always applied.
    let coef = min((1.0 / (norm + 1e-6)) * maxNorm, 1.0);
    out = out * coef;
  }
  if (maxValue >= 0.0) {
    out = clamp(out, vec2<f32>(-maxValue), vec2<f32>(maxValue));
  }
  return out;
}
