// A linear layer and its activation for every replica: out[b][j] = act(bias[j] + Σₖ in[b][k]·W[j][k])
// (nn.Linear's W is [N][K]). Rows of the input, of W and of the output are padded to whole
// vec4s (src/gpu/train/plan.ts), so every load and store moves four floats: each invocation
// computes a tile of 4 rows × 4 outputs, reading 4 input and 4 weight vec4s per 4 inputs
// (64 multiply-adds from registers, no workgroup memory: barriers are costly on software
// GPUs). Invocation x walks the tiles, z is the replica.

override K_STRIDE: u32; // inputs per row, padded to a multiple of 4
override N: u32; // outputs per row
override N_STRIDE: u32; // N padded to a multiple of 4
override ROW_CAPACITY: u32; // rows per replica in the activation buffers
override PARAM_STRIDE: u32; // parameters per replica (a multiple of 4)
override W_OFFSET: u32; // the layer's weight, [N_STRIDE][K_STRIDE], in a replica's parameters
override BIAS_OFFSET: u32;
override ACTIVATION: u32 = 0u; // ACT_*
// true: the layer reads data rows through the batch's indices (the first layer); false: the
// previous layer's activations.
override GATHER: bool = false;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> input: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> params: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> output: array<vec4<f32>>;

// Where row b of replica r starts in `input`, in vec4s (rows past the batch repeat its last).
fn inputRow(r: u32, b: u32, info: StepInfo) -> u32 {
  let row = min(b, info.count - 1u);
  if (GATHER) {
    return order[info.rowsOffset + row] * (K_STRIDE / 4u);
  }
  return (r * ROW_CAPACITY + row) * (K_STRIDE / 4u);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.z;
  let info = steps[u.k * u.replicaCount + r];
  let tilesN = N_STRIDE / 4u;
  let b0 = (gid.x / tilesN) * 4u;
  let jt = gid.x % tilesN;
  if (info.stepping == 0u || b0 >= info.count) {
    return;
  }
  let k4 = K_STRIDE / 4u;
  let a0 = inputRow(r, b0, info);
  let a1 = inputRow(r, b0 + 1u, info);
  let a2 = inputRow(r, b0 + 2u, info);
  let a3 = inputRow(r, b0 + 3u, info);
  // Rows j0 .. j0 + 3 of W (padding rows hold zeros).
  let w0 = (r * PARAM_STRIDE + W_OFFSET) / 4u + jt * 4u * k4;
  let w1 = w0 + k4;
  let w2 = w1 + k4;
  let w3 = w2 + k4;
  var acc0 = vec4<f32>(0.0);
  var acc1 = vec4<f32>(0.0);
  var acc2 = vec4<f32>(0.0);
  var acc3 = vec4<f32>(0.0);
  for (var k = 0u; k < k4; k++) {
    // Column c is row j0 + c of W over inputs 4k .. 4k + 3: in · m = the four outputs.
    let m = mat4x4<f32>(params[w0 + k], params[w1 + k], params[w2 + k], params[w3 + k]);
    acc0 += input[a0 + k] * m;
    acc1 += input[a1 + k] * m;
    acc2 += input[a2 + k] * m;
    acc3 += input[a3 + k] * m;
  }
  let bias = params[(r * PARAM_STRIDE + BIAS_OFFSET) / 4u + jt];
  // Padding outputs stay 0 (an activation of 0 need not be 0: sigmoid).
  let real = vec4<u32>(jt * 4u) + vec4<u32>(0u, 1u, 2u, 3u) < vec4<u32>(N);
  var rows = array<vec4<f32>, 4>(acc0, acc1, acc2, acc3);
  for (var q = 0u; q < 4u; q++) {
    let b = b0 + q;
    if (b >= info.count) {
      break;
    }
    let h = activate4(ACTIVATION, rows[q] + bias);
    output[(r * ROW_CAPACITY + b) * tilesN + jt] = select(vec4<f32>(0.0), h, real);
  }
}
