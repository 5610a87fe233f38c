// What every training kernel shares (src/gpu/train/kernels.ts joins it with
// shaders/common/math.wgsl and one kernel file). R replicas of one model train side by side:
// replica r's parameters, gradients, optimizer state and activations are its own slices of
// shared buffers, and every dispatch covers all replicas (workgroup id z, or one workgroup
// per replica).

// Per dispatch: which row of `steps` this dispatch reads (one row per replica and step of a
// submission), through a dynamic offset into one uniform buffer.
struct StepUniform {
  k: u32, // the step within the submission: steps[k · replicaCount + r]
  replicaCount: u32,
  evaluating: u32, // 1: a held-out pass (forward and loss only; predictions recorded)
  evalBase: u32, // evaluating: index of the chunk's first row in the evaluated set
  zero: f32, // 0.0 at run time: multiplying by it tells finite from non-finite (see isFinite)
}

// One replica at one step, written by the CPU before each submission.
struct StepInfo {
  rowsOffset: u32, // the batch's row indices start at order[rowsOffset]
  count: u32, // rows in the batch (the last batch of an epoch may be short)
  t: u32, // PyTorch's optimizer step count, 1-based
  stepping: u32, // 0: this replica does not step now (paused, finished, diverged)
  lr: f32,
  s0: f32, // the optimizer's step scalars for step t
  s1: f32,
  s2: f32,
}

// Per replica, read-only: its optimizer's constants and its clipping (a negative bound: off).
struct ReplicaConfig {
  c0: vec4<f32>,
  c1: vec4<f32>,
  maxNorm: f32,
  maxValue: f32,
}

// Per replica, read-write: filled by the loss, norm and update kernels, read back by the CPU.
struct ReplicaState {
  clipCoef: f32, // min(1, max_norm / (‖g‖ + 1e-6)) of the current step
  evalLossSum: f32, // evaluating: Σ per-row loss over the chunks so far
  evalCorrect: u32, // evaluating: rows predicted right so far
  divergedAt: atomic<u32>, // the first step (0-based) with a non-finite loss or parameter
}

const NOT_DIVERGED: u32 = 0xffffffffu;

const ACT_NONE: u32 = 0u;
const ACT_RELU: u32 = 1u;
const ACT_TANH: u32 = 2u;
const ACT_SIGMOID: u32 = 3u;

fn activate(kind: u32, z: f32) -> f32 {
  switch kind {
    case 1u: { return max(z, 0.0); }
    case 2u: { return dlTanh(z); }
    case 3u: { return dlSigmoid(z); }
    default: { return z; }
  }
}

// The activation's derivative from its output h, as PyTorch's backward computes it:
// relu: h > 0 (the input was > 0), tanh: 1 − h², sigmoid: h·(1 − h).
fn activationSlope(kind: u32, h: f32) -> f32 {
  switch kind {
    case 1u: { return select(0.0, 1.0, h > 0.0); }
    case 2u: { return 1.0 - h * h; }
    case 3u: { return h * (1.0 - h); }
    default: { return 1.0; }
  }
}

fn activationSlope4(kind: u32, h: vec4<f32>) -> vec4<f32> {
  switch kind {
    case 1u: { return select(vec4<f32>(0.0), vec4<f32>(1.0), h > vec4<f32>(0.0)); }
    case 2u: { return 1.0 - h * h; }
    case 3u: { return h * (1.0 - h); }
    default: { return vec4<f32>(1.0); }
  }
}

fn activate4(kind: u32, z: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(activate(kind, z.x), activate(kind, z.y), activate(kind, z.z), activate(kind, z.w));
}

// tanh from dlExp (the built-in tanh is a few hundred ulps off on SwiftShader):
// sign(z)·(1 − e)/(1 + e) with e = e^(−2|z|), never overflowing.
fn dlTanh(z: f32) -> f32 {
  let e = dlExp(-2.0 * abs(z));
  return sign(z) * ((1.0 - e) / (1.0 + e));
}

// Whether v is finite, in a form no compiler folds away (it may assume floats are finite):
// v times a runtime zero is ±0 for a finite v and NaN otherwise; only its bits are tested.
fn isFinite(v: f32, zero: f32) -> bool {
  return (bitcast<u32>(v * zero) & 0x7f800000u) != 0x7f800000u;
}
