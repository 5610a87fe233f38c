// The conv layer's parameter gradients for every replica. The gradient of the pooled features
// (from the linear layer above) flows only to the position each window's maximum came from,
// times the activation's slope there (computed from the pooled value, the activation's output
// at that position). Each invocation sums one conv weight (oc, ic, ky, kx), or one bias, over
// the batch and the pooled positions of its channel. Invocation x is the parameter, z the
// replica.

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
// Row strides on the GPU: data rows and pooled features padded to a multiple of 4.
override INPUT_STRIDE: u32;
override FEATURE_STRIDE: u32;
override WEIGHTS_PER_CHANNEL: u32 = IN_CHANNELS * KERNEL * KERNEL;
override BIAS_OFFSET: u32;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> input: array<f32>;
@group(0) @binding(4) var<storage, read> delta: array<f32>;
@group(0) @binding(5) var<storage, read> pooled: array<f32>;
@group(0) @binding(6) var<storage, read> argmax: array<u32>;
@group(0) @binding(7) var<storage, read_write> grads: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.z;
  let info = steps[u.k * u.replicaCount + r];
  let oc = gid.x / (WEIGHTS_PER_CHANNEL + 1u);
  let w = gid.x % (WEIGHTS_PER_CHANNEL + 1u);
  if (info.stepping == 0u || oc >= OUT_CHANNELS) {
    return;
  }
  let isBias = w == WEIGHTS_PER_CHANNEL;
  let ic = w / (KERNEL * KERNEL);
  let ky = (w / KERNEL) % KERNEL;
  let kx = w % KERNEL;
  let positions = POOLED_HEIGHT * POOLED_WIDTH;
  var sum = 0.0;
  for (var b = 0u; b < info.count; b++) {
    let features = (r * ROW_CAPACITY + b) * FEATURE_STRIDE + oc * positions;
    let row = order[info.rowsOffset + b] * INPUT_STRIDE + ic * IN_HEIGHT * IN_WIDTH;
    for (var p = 0u; p < positions; p++) {
      let at = features + p;
      let d = delta[at] * activationSlope(ACTIVATION, pooled[at]);
      if (isBias) {
        sum += d;
      } else {
        let window = argmax[at];
        let y = (p / POOLED_WIDTH) * POOL + window / POOL + ky;
        let x = (p % POOLED_WIDTH) * POOL + window % POOL + kx;
        sum = fma(d, input[row + y * IN_WIDTH + x], sum);
      }
    }
  }
  let out = r * PARAM_STRIDE + select(oc * WEIGHTS_PER_CHANNEL + w, BIAS_OFFSET + oc, isBias);
  grads[out] = sum;
}
