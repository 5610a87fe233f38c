// A linear layer and its activation for every replica: out[b][j] = act(bias[j] + Σₖ in[b][k]·W[j][k])
// (nn.Linear: W is [N][K] row-major, so both operands run along k). Each invocation computes a
// tile of 4 rows × 4 outputs from registers (8 loads per 16 multiply-adds, no workgroup memory:
// barriers are costly on software GPUs). Invocation x walks the tiles, z is the replica.

override K: u32; // inputs per row
override N: u32; // outputs per row
override ROW_CAPACITY: u32; // rows per replica in the activation buffers
override PARAM_STRIDE: u32; // parameters per replica
override W_OFFSET: u32; // the layer's weight in a replica's parameters
override BIAS_OFFSET: u32;
override ACTIVATION: u32 = 0u; // ACT_*
// true: the layer reads data rows through the batch's indices (the first layer); false: the
// previous layer's activations.
override GATHER: bool = false;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> input: array<f32>;
@group(0) @binding(4) var<storage, read> params: array<f32>;
@group(0) @binding(5) var<storage, read_write> output: array<f32>;

// Where row b of replica r starts in `input`.
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
  let tilesN = (N + 3u) / 4u;
  let b0 = (gid.x / tilesN) * 4u;
  let j0 = (gid.x % tilesN) * 4u;
  if (info.stepping == 0u || b0 >= info.count) {
    return;
  }
  // Rows and outputs past the end repeat the last one; their results are not stored.
  let last = info.count - 1u;
  let a0 = inputRow(r, b0, info);
  let a1 = inputRow(r, min(b0 + 1u, last), info);
  let a2 = inputRow(r, min(b0 + 2u, last), info);
  let a3 = inputRow(r, min(b0 + 3u, last), info);
  let w = r * PARAM_STRIDE + W_OFFSET;
  let w0 = w + j0 * K;
  let w1 = w + min(j0 + 1u, N - 1u) * K;
  let w2 = w + min(j0 + 2u, N - 1u) * K;
  let w3 = w + min(j0 + 3u, N - 1u) * K;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var k = 0u; k < K; k++) {
    let wk = vec4<f32>(params[w0 + k], params[w1 + k], params[w2 + k], params[w3 + k]);
    acc0 = fma(vec4<f32>(input[a0 + k]), wk, acc0);
    acc1 = fma(vec4<f32>(input[a1 + k]), wk, acc1);
    acc2 = fma(vec4<f32>(input[a2 + k]), wk, acc2);
    acc3 = fma(vec4<f32>(input[a3 + k]), wk, acc3);
  }
  let bias = r * PARAM_STRIDE + BIAS_OFFSET + j0;
  var rows = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
  for (var q = 0u; q < 4u; q++) {
    let b = b0 + q;
    if (b >= info.count) {
      break;
    }
    let out = (r * ROW_CAPACITY + b) * N + j0;
    for (var c = 0u; c < 4u; c++) {
      if (j0 + c < N) {
        output[out + c] = activate(ACTIVATION, rows[q][c] + params[bias + c]);
      }
    }
  }
}
