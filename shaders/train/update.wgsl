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
override ELEMENTS: u32 = 1u; // vec4s of parameters per invocation
// Tiny models: the parameters after the step also go to trace[k][r] (the line fit's path).
override TRACE: bool = false;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> replicas: array<ReplicaConfig>;
@group(0) @binding(3) var<storage, read_write> replicaState: array<ReplicaState>;
@group(0) @binding(4) var<storage, read_write> params: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read> grads: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> optState: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read> groupReplicas: array<u32>;
@group(0) @binding(8) var<storage, read_write> trace: array<vec4<f32>>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = groupReplicas[GROUP_BASE + gid.y];
  let info = steps[u.k * u.replicaCount + r];
  if (info.stepping == 0u) {
    return;
  }
  let config = replicas[r];
  let coef = select(1.0, replicaState[r].clipCoef, config.maxNorm >= 0.0);
  let clipValue = config.maxValue >= 0.0;
  let s3 = vec3<f32>(info.s0, info.s1, info.s2);
  var bad = false;
  // Each invocation updates ELEMENTS vec4s of parameters (4 parameters each, loaded and stored
  // as one), a workgroup-width apart, so neighbouring invocations touch neighbouring words and
  // the replica's row above is read once for all of them.
  let p4 = PARAM_STRIDE / 4u;
  let first = gid.x - gid.x % WORKGROUP_SIZE;
  let lane = gid.x % WORKGROUP_SIZE;
  for (var e = 0u; e < ELEMENTS; e++) {
    let i = first * ELEMENTS + e * WORKGROUP_SIZE + lane;
    if (i >= p4) {
      break;
    }
    let p = r * p4 + i;
    var g = grads[p] * coef;
    if (clipValue) {
      g = clamp(g, vec4<f32>(-config.maxValue), vec4<f32>(config.maxValue));
    }
    let s = r * SLOTS * p4 + i;
    // Slot k of the four parameters: one vec4 per slot (unused slots stay 0). Unrolled: a
    // vector indexed in a loop costs software GPUs a trip through memory.
    var slot0 = vec4<f32>(0.0);
    var slot1 = vec4<f32>(0.0);
    var slot2 = vec4<f32>(0.0);
    var slot3 = vec4<f32>(0.0);
    if (SLOTS > 0u) { slot0 = optState[s]; }
    if (SLOTS > 1u) { slot1 = optState[s + p4]; }
    if (SLOTS > 2u) { slot2 = optState[s + 2u * p4]; }
    if (SLOTS > 3u) { slot3 = optState[s + 3u * p4]; }
    var x = params[p];
    var a = vec4<f32>(slot0.x, slot1.x, slot2.x, slot3.x);
    var b = vec4<f32>(slot0.y, slot1.y, slot2.y, slot3.y);
    var c = vec4<f32>(slot0.z, slot1.z, slot2.z, slot3.z);
    var d = vec4<f32>(slot0.w, slot1.w, slot2.w, slot3.w);
    x.x = optimizerUpdate(x.x, g.x, info.lr, info.t, s3, config.c0, config.c1, &a);
    x.y = optimizerUpdate(x.y, g.y, info.lr, info.t, s3, config.c0, config.c1, &b);
    x.z = optimizerUpdate(x.z, g.z, info.lr, info.t, s3, config.c0, config.c1, &c);
    x.w = optimizerUpdate(x.w, g.w, info.lr, info.t, s3, config.c0, config.c1, &d);
    params[p] = x;
    if (TRACE) {
      trace[(u.k * u.replicaCount + r) * p4 + i] = x;
    }
    if (SLOTS > 0u) { optState[s] = vec4<f32>(a.x, b.x, c.x, d.x); }
    if (SLOTS > 1u) { optState[s + p4] = vec4<f32>(a.y, b.y, c.y, d.y); }
    if (SLOTS > 2u) { optState[s + 2u * p4] = vec4<f32>(a.z, b.z, c.z, d.z); }
    if (SLOTS > 3u) { optState[s + 3u * p4] = vec4<f32>(a.w, b.w, c.w, d.w); }
    bad = bad || any((bitcast<vec4<u32>>(x * u.zero) & vec4<u32>(0x7f800000u)) == vec4<u32>(0x7f800000u));
  }
  if (bad) {
    atomicMin(&replicaState[r].divergedAt, info.t - 1u);
  }
}
