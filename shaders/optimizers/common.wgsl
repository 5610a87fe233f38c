// What the optimizer snippets share (src/core/optimizers/schema.ts has the TS twins). Every
// shader that calls an optimizer update includes this file once.
//
// Each update reads its state through the pointer once and writes it back once, as a whole
// vec4: SwiftShader keeps a function variable written one component at a time in memory,
// which cost the 2-D engine about 13 % of its Adam/Rosenbrock throughput (npm run bench).

// g + λ·x: PyTorch's grad.add(param, alpha=weight_decay), one fused multiply-add; at λ = 0 the
// gradient is left as it is (no 0·x, which an infinite x would turn into NaN).
fn withWeightDecay(g: f32, x: f32, weightDecay: f32) -> f32 {
  return select(g, fma(weightDecay, x, g), weightDecay != 0.0);
}

// The Adam family's running moments of the (decayed) gradient d, in state.x and state.y (the
// state comes back with them updated, z and w as they were):
// m ← β₁·m + (1 − β₁)·d and v ← β₂·v + (1 − β₂)·d², with c0 = (β₁, 1 − β₁, β₂, 1 − β₂), as
// exp_avg.mul_(β₁).add_(d, alpha=1 − β₁) and exp_avg_sq.mul_(β₂).addcmul_(d, d, value=1 − β₂).
fn updateMoments(d: f32, c0: vec4<f32>, state: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(
    fma(c0.y, d, state.x * c0.x),
    fma(c0.w * d, d, state.y * c0.z),
    state.zw,
  );
}
