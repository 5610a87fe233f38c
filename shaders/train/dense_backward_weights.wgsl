// A linear layer's parameter gradients for every replica, from its output gradient dZ
// ([rows][N_STRIDE], already divided by the batch size) and its input:
// dW[j][k] = Σ_b dZ[b][j]·in[b][k] and db[j] = Σ_b dZ[b][j]. Each invocation computes a tile
// of 4 outputs j × 8 inputs k over the batch (3 vec4 loads per 32 multiply-adds); one extra
// tile column per 4 outputs holds db. Padding rows and columns come out as zeros.

override K_STRIDE: u32;
override N_STRIDE: u32;
override ROW_CAPACITY: u32;
override PARAM_STRIDE: u32;
override W_OFFSET: u32;
override BIAS_OFFSET: u32;
override GATHER: bool = false;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> input: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> delta: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> grads: array<vec4<f32>>;

fn inputRow(r: u32, b: u32, info: StepInfo) -> u32 {
  if (GATHER) {
    return order[info.rowsOffset + b] * (K_STRIDE / 4u);
  }
  return (r * ROW_CAPACITY + b) * (K_STRIDE / 4u);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.z;
  let info = steps[u.k * u.replicaCount + r];
  let k4 = K_STRIDE / 4u;
  let n4 = N_STRIDE / 4u;
  let tilesK = (k4 + 1u) / 2u + 1u; // the last tile column is the bias
  let jt = gid.x / tilesK;
  let kt = gid.x % tilesK;
  if (info.stepping == 0u || jt >= n4) {
    return;
  }
  let d = r * ROW_CAPACITY * n4 + jt;
  if (kt == tilesK - 1u) {
    var sum = vec4<f32>(0.0);
    for (var b = 0u; b < info.count; b++) {
      sum += delta[d + b * n4];
    }
    grads[(r * PARAM_STRIDE + BIAS_OFFSET) / 4u + jt] = sum;
    return;
  }
  let k0 = kt * 2u;
  let second = k0 + 1u < k4; // an odd number of vec4s: the last tile has one
  let k1 = select(k0, k0 + 1u, second);
  var lo0 = vec4<f32>(0.0); // row j0 + 0, inputs 4·k0 .. 4·k0 + 3
  var lo1 = vec4<f32>(0.0);
  var lo2 = vec4<f32>(0.0);
  var lo3 = vec4<f32>(0.0);
  var hi0 = vec4<f32>(0.0); // row j0 + 0, inputs 4·k1 .. 4·k1 + 3
  var hi1 = vec4<f32>(0.0);
  var hi2 = vec4<f32>(0.0);
  var hi3 = vec4<f32>(0.0);
  for (var b = 0u; b < info.count; b++) {
    let a = inputRow(r, b, info);
    let x0 = input[a + k0];
    let x1 = input[a + k1];
    let g = delta[d + b * n4];
    lo0 = fma(vec4<f32>(g.x), x0, lo0);
    lo1 = fma(vec4<f32>(g.y), x0, lo1);
    lo2 = fma(vec4<f32>(g.z), x0, lo2);
    lo3 = fma(vec4<f32>(g.w), x0, lo3);
    hi0 = fma(vec4<f32>(g.x), x1, hi0);
    hi1 = fma(vec4<f32>(g.y), x1, hi1);
    hi2 = fma(vec4<f32>(g.z), x1, hi2);
    hi3 = fma(vec4<f32>(g.w), x1, hi3);
  }
  let w = (r * PARAM_STRIDE + W_OFFSET) / 4u + jt * 4u * k4;
  grads[w + k0] = lo0;
  grads[w + k4 + k0] = lo1;
  grads[w + 2u * k4 + k0] = lo2;
  grads[w + 3u * k4 + k0] = lo3;
  if (second) {
    grads[w + k1] = hi0;
    grads[w + k4 + k1] = hi1;
    grads[w + 2u * k4 + k1] = hi2;
    grads[w + 3u * k4 + k1] = hi3;
  }
}
