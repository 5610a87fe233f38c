// The gradient a linear layer passes down, for every replica: the previous layer's output
// gradient dZ_in[b][k] = (Σ_j dZ[b][j]·W[j][k]) · act′(h[b][k]), where h is that previous
// layer's activation output (ACTIVATION = ACT_NONE: no activation between, as after max-pool).
// Each invocation computes 4 rows × 4 inputs.

override K: u32;
override N: u32;
override ROW_CAPACITY: u32;
override PARAM_STRIDE: u32;
override W_OFFSET: u32;
override ACTIVATION: u32 = 0u;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read> delta: array<f32>;
@group(0) @binding(4) var<storage, read> activations: array<f32>;
@group(0) @binding(5) var<storage, read_write> deltaIn: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.z;
  let info = steps[u.k * u.replicaCount + r];
  let tilesK = (K + 3u) / 4u;
  let b0 = (gid.x / tilesK) * 4u;
  let k0 = (gid.x % tilesK) * 4u;
  if (info.stepping == 0u || b0 >= info.count) {
    return;
  }
  let last = info.count - 1u;
  let kLast = K - 1u;
  let d = r * ROW_CAPACITY * N;
  let d0 = d + b0 * N;
  let d1 = d + min(b0 + 1u, last) * N;
  let d2 = d + min(b0 + 2u, last) * N;
  let d3 = d + min(b0 + 3u, last) * N;
  let w = r * PARAM_STRIDE + W_OFFSET;
  var acc0 = vec4<f32>(0.0); // row b0, inputs k0..k0+3
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var j = 0u; j < N; j++) {
    let row = w + j * K;
    let wj = vec4<f32>(
      params[row + k0],
      params[row + min(k0 + 1u, kLast)],
      params[row + min(k0 + 2u, kLast)],
      params[row + min(k0 + 3u, kLast)],
    );
    acc0 = fma(vec4<f32>(delta[d0 + j]), wj, acc0);
    acc1 = fma(vec4<f32>(delta[d1 + j]), wj, acc1);
    acc2 = fma(vec4<f32>(delta[d2 + j]), wj, acc2);
    acc3 = fma(vec4<f32>(delta[d3 + j]), wj, acc3);
  }
  var rows = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
  for (var q = 0u; q < 4u; q++) {
    let b = b0 + q;
    if (b >= info.count) {
      break;
    }
    let out = (r * ROW_CAPACITY + b) * K + k0;
    for (var c = 0u; c < 4u; c++) {
      if (k0 + c < K) {
        deltaIn[out + c] = rows[q][c] * activationSlope(ACTIVATION, activations[out + c]);
      }
    }
  }
}
