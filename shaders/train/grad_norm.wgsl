// clip_grad_norm_'s coefficient for every replica: min(1, max_norm / (‖g‖₂ + 1e-6)) over all of
// the replica's gradients as one vector (PyTorch: `max_norm / tensor` is reciprocal() times
// max_norm). One workgroup per replica sums the squares; 1 when the replica does not clip.

override PARAM_STRIDE: u32;

const NORM_THREADS: u32 = 256u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> replicas: array<ReplicaConfig>;
@group(0) @binding(3) var<storage, read> grads: array<f32>;
@group(0) @binding(4) var<storage, read_write> replicaState: array<ReplicaState>;

var<workgroup> squares: array<f32, NORM_THREADS>;

@compute @workgroup_size(NORM_THREADS)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let r = wid.z;
  let maxNorm = replicas[r].maxNorm;
  let info = steps[u.k * u.replicaCount + r];
  let count = select(0u, PARAM_STRIDE, info.stepping != 0u && maxNorm >= 0.0);
  var sum = 0.0;
  let base = r * PARAM_STRIDE;
  for (var i = lid.x; i < count; i += NORM_THREADS) {
    let g = grads[base + i];
    sum = fma(g, g, sum);
  }
  squares[lid.x] = sum;
  for (var half = NORM_THREADS / 2u; half > 0u; half /= 2u) {
    workgroupBarrier();
    if (lid.x < half) {
      squares[lid.x] += squares[lid.x + half];
    }
  }
  if (lid.x == 0u) {
    let norm = sqrt(squares[0]);
    replicaState[r].clipCoef = select(1.0, min((1.0 / (norm + 1e-6)) * maxNorm, 1.0), count > 0u);
  }
}
