// One optimizer step for every parameter of the replicas that use this pipeline's optimizer
// (src/gpu/train/kernels.ts puts the optimizer's element-wise update behind optimizerUpdate):
// the gradient clipped as docs/TRAIN-FORMAT.md says (the norm coefficient of grad_norm.wgsl,
// then max_value), then the same update the 2-D engine and the float64 path run. A parameter
// that is not finite afterwards marks its replica diverged at this step.
// Invocation x is the parameter, y the replica's place in this optimizer's group.

override PARAM_STRIDE: u32;
override SLOTS: u32; // state slots per parameter in the state buffer (≥ the optimizer's)
override GROUP_BASE: u32; // where this optimizer's replica list starts in groupReplicas
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> replicas: array<ReplicaConfig>;
@group(0) @binding(3) var<storage, read_write> replicaState: array<ReplicaState>;
@group(0) @binding(4) var<storage, read_write> params: array<f32>;
@group(0) @binding(5) var<storage, read> grads: array<f32>;
@group(0) @binding(6) var<storage, read_write> optState: array<f32>;
@group(0) @binding(7) var<storage, read> groupReplicas: array<u32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let r = groupReplicas[GROUP_BASE + gid.y];
  let info = steps[u.k * u.replicaCount + r];
  if (i >= PARAM_STRIDE || info.stepping == 0u) {
    return;
  }
  let config = replicas[r];
  let p = r * PARAM_STRIDE + i;
  var g = grads[p];
  if (config.maxNorm >= 0.0) {
    g = g * replicaState[r].clipCoef;
  }
  if (config.maxValue >= 0.0) {
    g = clamp(g, -config.maxValue, config.maxValue);
  }
  let s = r * SLOTS * PARAM_STRIDE + i;
  var state = vec4<f32>(0.0);
  for (var k = 0u; k < SLOTS; k++) {
    state[k] = optState[s + k * PARAM_STRIDE];
  }
  let x = optimizerUpdate(
    params[p], g, info.lr, info.t, vec3<f32>(info.s0, info.s1, info.s2), config.c0, config.c1,
    &state,
  );
  params[p] = x;
  for (var k = 0u; k < SLOTS; k++) {
    optState[s + k * PARAM_STRIDE] = state[k];
  }
  if (!isFinite(x, u.zero)) {
    atomicMin(&replicaState[r].divergedAt, info.t - 1u);
  }
}
