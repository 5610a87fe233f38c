// The gradient a linear layer passes down, for every replica: the previous layer's output
// gradient dZ_in[b][k] = (Σ_j dZ[b][j]·W[j][k]) · act′(h[b][k]), where h is that previous
// layer's activation output (ACTIVATION = ACT_NONE: no activation between, as after max-pool).
// Each invocation computes 4 rows × 4 inputs, 4 outputs j at a time (8 vec4 loads per 64
// multiply-adds).

override K_STRIDE: u32;
override N_STRIDE: u32;
override ROW_CAPACITY: u32;
override PARAM_STRIDE: u32;
override W_OFFSET: u32;
override ACTIVATION: u32 = 0u;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> params: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> delta: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> activations: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> deltaIn: array<vec4<f32>>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.z;
  let info = steps[u.k * u.replicaCount + r];
  let k4 = K_STRIDE / 4u;
  let n4 = N_STRIDE / 4u;
  let b0 = (gid.x / k4) * 4u;
  let kt = gid.x % k4;
  if (info.stepping == 0u || b0 >= info.count) {
    return;
  }
  let last = info.count - 1u;
  let d = r * ROW_CAPACITY * n4;
  let d0 = d + b0 * n4;
  let d1 = d + min(b0 + 1u, last) * n4;
  let d2 = d + min(b0 + 2u, last) * n4;
  let d3 = d + min(b0 + 3u, last) * n4;
  let w = (r * PARAM_STRIDE + W_OFFSET) / 4u + kt;
  var acc0 = vec4<f32>(0.0); // row b0, inputs 4·kt .. 4·kt + 3
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var jt = 0u; jt < n4; jt++) {
    // Column c is row 4·jt + c of W over this tile's inputs: m · dZ sums over those 4 rows.
    let row = w + jt * 4u * k4;
    let m = mat4x4<f32>(params[row], params[row + k4], params[row + 2u * k4], params[row + 3u * k4]);
    acc0 += m * delta[d0 + jt];
    acc1 += m * delta[d1 + jt];
    acc2 += m * delta[d2 + jt];
    acc3 += m * delta[d3 + jt];
  }
  var rows = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
  for (var q = 0u; q < 4u; q++) {
    let b = b0 + q;
    if (b >= info.count) {
      break;
    }
    let at = (r * ROW_CAPACITY + b) * k4 + kt;
    deltaIn[at] = rows[q] * activationSlope4(ACTIVATION, activations[at]);
  }
}
