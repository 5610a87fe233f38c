// A linear layer's parameter gradients for every replica, from its output gradient dZ
// ([rows][N], already divided by the batch size) and its input:
// dW[j][k] = Σ_b dZ[b][j]·in[b][k] and db[j] = Σ_b dZ[b][j]. Each invocation computes a tile
// of 4 outputs j × 4 inputs k over the batch; the tiles of one extra column (k = K) hold db.

override K: u32;
override N: u32;
override ROW_CAPACITY: u32;
override PARAM_STRIDE: u32;
override W_OFFSET: u32;
override BIAS_OFFSET: u32;
override GATHER: bool = false;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> input: array<f32>;
@group(0) @binding(4) var<storage, read> delta: array<f32>;
@group(0) @binding(5) var<storage, read_write> grads: array<f32>;

fn inputRow(r: u32, b: u32, info: StepInfo) -> u32 {
  if (GATHER) {
    return order[info.rowsOffset + b] * K;
  }
  return (r * ROW_CAPACITY + b) * K;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.z;
  let info = steps[u.k * u.replicaCount + r];
  let tilesK = (K + 3u) / 4u + 1u; // the last tile column is the bias
  let tilesN = (N + 3u) / 4u;
  let jt = gid.x / tilesK;
  let kt = gid.x % tilesK;
  if (info.stepping == 0u || jt >= tilesN) {
    return;
  }
  let j0 = jt * 4u;
  let jLast = N - 1u;
  let d = r * ROW_CAPACITY * N;
  if (kt == tilesK - 1u) {
    var sum = vec4<f32>(0.0);
    for (var b = 0u; b < info.count; b++) {
      let row = d + b * N;
      sum += vec4<f32>(
        delta[row + j0],
        delta[row + min(j0 + 1u, jLast)],
        delta[row + min(j0 + 2u, jLast)],
        delta[row + min(j0 + 3u, jLast)],
      );
    }
    let out = r * PARAM_STRIDE + BIAS_OFFSET + j0;
    for (var c = 0u; c < 4u; c++) {
      if (j0 + c < N) {
        grads[out + c] = sum[c];
      }
    }
    return;
  }
  let k0 = kt * 4u;
  let kLast = K - 1u;
  var acc0 = vec4<f32>(0.0); // dW[j0 + 0][k0..k0+3]
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var b = 0u; b < info.count; b++) {
    let a = inputRow(r, b, info);
    let x = vec4<f32>(
      input[a + k0],
      input[a + min(k0 + 1u, kLast)],
      input[a + min(k0 + 2u, kLast)],
      input[a + min(k0 + 3u, kLast)],
    );
    let row = d + b * N;
    acc0 = fma(vec4<f32>(delta[row + j0]), x, acc0);
    acc1 = fma(vec4<f32>(delta[row + min(j0 + 1u, jLast)]), x, acc1);
    acc2 = fma(vec4<f32>(delta[row + min(j0 + 2u, jLast)]), x, acc2);
    acc3 = fma(vec4<f32>(delta[row + min(j0 + 3u, jLast)]), x, acc3);
  }
  var rows = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
  let w = r * PARAM_STRIDE + W_OFFSET;
  for (var q = 0u; q < 4u; q++) {
    let j = j0 + q;
    if (j >= N) {
      break;
    }
    for (var c = 0u; c < 4u; c++) {
      if (k0 + c < K) {
        grads[w + j * K + k0 + c] = rows[q][c];
      }
    }
  }
}
