// Adam and AdamW (torch.optim.Adam / AdamW, 1.13), float32, one element (adamStep and
// adamwStep in src/core/optimizers/adam.ts). Both registry entries share this file; the
// shader composer includes it once.
// s = (1 − β₁ᵗ, √(1 − β₂ᵗ), −); c0 = (β₁, 1 − β₁, β₂, 1 − β₂); c1 = (eps, weight_decay, amsgrad).
// state = (exp_avg, exp_avg_sq, max_exp_avg_sq, −).

// The Adam update after weight decay.
fn adamMoments(
  x: f32, d: f32, lr: f32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let moments = updateMoments(d, c0, *state);
  let amsgrad = c1.z != 0.0;
  let maxExpAvgSq = select(moments.z, max(moments.z, moments.y), amsgrad);
  *state = vec4<f32>(moments.xy, maxExpAvgSq, moments.w);
  let stepSize = lr / s.x;
  let denom = sqrt(select(moments.y, maxExpAvgSq, amsgrad)) / s.y + c1.x;
  return x + (-stepSize * moments.x) / denom;
}

fn adamStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  let d = withWeightDecay(g, x, c1.y);
  return adamMoments(x, d, lr, s, c0, c1, state);
}

// Decoupled decay x·(1 − lr·λ) first, then Adam without the L2 term.
fn adamwStep(
  x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>,
  state: ptr<function, vec4<f32>>,
) -> f32 {
  return adamMoments(x * (1.0 - lr * c1.y), g, lr, s, c0, c1, state);
}
