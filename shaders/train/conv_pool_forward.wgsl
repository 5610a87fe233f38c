// The CNN's first block for every replica: Conv2d (stride 1, no padding, cross-correlation as
// PyTorch computes it), the activation, then MaxPool2d(POOL) (stride POOL, floor), fused: each
// invocation computes the POOL × POOL convolution outputs under one pooled output and keeps
// the largest (the first in row-major order on a tie), with its place in the window for the
// backward pass. Pooled features are flattened in (channel, row, column) order, as PyTorch's
// flatten does, and feed the linear layer. Invocation x is (row, feature), z the replica.

override IN_CHANNELS: u32;
override IN_HEIGHT: u32;
override IN_WIDTH: u32;
override OUT_CHANNELS: u32;
override KERNEL: u32;
override POOL: u32;
override ACTIVATION: u32 = 0u;
override ROW_CAPACITY: u32;
override PARAM_STRIDE: u32;
override WORKGROUP_SIZE: u32 = 64u;

override POOLED_HEIGHT: u32 = (IN_HEIGHT - KERNEL + 1u) / POOL;
override POOLED_WIDTH: u32 = (IN_WIDTH - KERNEL + 1u) / POOL;
override FEATURES: u32 = OUT_CHANNELS * POOLED_HEIGHT * POOLED_WIDTH;
// Row strides on the GPU: data rows and pooled features padded to a multiple of 4.
override INPUT_STRIDE: u32;
override FEATURE_STRIDE: u32;
// The conv weight [OUT_CHANNELS][IN_CHANNELS][KERNEL][KERNEL] starts a replica's parameters;
// its bias starts at BIAS_OFFSET.
override BIAS_OFFSET: u32;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> input: array<f32>;
@group(0) @binding(4) var<storage, read> params: array<f32>;
@group(0) @binding(5) var<storage, read_write> pooled: array<f32>;
@group(0) @binding(6) var<storage, read_write> argmax: array<u32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.z;
  let info = steps[u.k * u.replicaCount + r];
  let b = gid.x / FEATURES;
  let f = gid.x % FEATURES;
  if (info.stepping == 0u || b >= info.count) {
    return;
  }
  let oc = f / (POOLED_HEIGHT * POOLED_WIDTH);
  let py = (f / POOLED_WIDTH) % POOLED_HEIGHT;
  let px = f % POOLED_WIDTH;
  let row = order[info.rowsOffset + b] * INPUT_STRIDE;
  let w = r * PARAM_STRIDE + oc * IN_CHANNELS * KERNEL * KERNEL;
  let bias = params[r * PARAM_STRIDE + BIAS_OFFSET + oc];
  var best = 0.0;
  var bestAt = 0u;
  for (var dy = 0u; dy < POOL; dy++) {
    for (var dx = 0u; dx < POOL; dx++) {
      let y = py * POOL + dy;
      let x = px * POOL + dx;
      var sum = bias;
      for (var ic = 0u; ic < IN_CHANNELS; ic++) {
        for (var ky = 0u; ky < KERNEL; ky++) {
          let weights = w + (ic * KERNEL + ky) * KERNEL;
          let pixels = row + (ic * IN_HEIGHT + y + ky) * IN_WIDTH + x;
          for (var kx = 0u; kx < KERNEL; kx++) {
            sum = fma(params[weights + kx], input[pixels + kx], sum);
          }
        }
      }
      let h = activate(ACTIVATION, sum);
      let at = dy * POOL + dx;
      if (at == 0u || h > best) {
        best = h;
        bestAt = at;
      }
    }
  }
  let out = (r * ROW_CAPACITY + b) * FEATURE_STRIDE + f;
  pooled[out] = best;
  argmax[out] = bestAt;
}
