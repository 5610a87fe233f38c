// The loss of every replica's batch and the gradient of the mean loss with respect to the
// last layer's outputs (delta = ∂(mean loss)/∂z, so every per-row gradient is divided by the
// batch size). One workgroup per replica; the per-row losses are summed in workgroup memory.
// Training: the batch's mean loss goes to lossLog[k][r] (a non-finite one marks the replica
// diverged at this step). Evaluating: no delta; every row's prediction is recorded and the
// loss sum and the rows right are added to the replica's state.
//   cross_entropy: log Σ exp(z) − z_y, with the max subtracted first (log_softmax);
//                  prediction argmax (the first of equal maxima)
//   bce:           max(z, 0) − z·y + log(1 + e^−|z|); prediction z > 0
//   mse:           (z − y)²; no prediction

override CLASSES: u32; // outputs of the last layer (1 for bce and mse)
override CLASS_STRIDE: u32; // CLASSES padded to a multiple of 4: the row stride of logits and delta
override LOSS: u32; // 0 cross_entropy, 1 bce, 2 mse
override ROW_CAPACITY: u32;
override PREDICTION_STRIDE: u32; // predictions per replica

const LOSS_THREADS: u32 = 64u;

@group(0) @binding(0) var<uniform> u: StepUniform;
@group(0) @binding(1) var<storage, read> steps: array<StepInfo>;
@group(0) @binding(2) var<storage, read> order: array<u32>;
@group(0) @binding(3) var<storage, read> targets: array<f32>;
@group(0) @binding(4) var<storage, read> logits: array<f32>;
@group(0) @binding(5) var<storage, read_write> delta: array<f32>;
@group(0) @binding(6) var<storage, read_write> replicaState: array<ReplicaState>;
@group(0) @binding(7) var<storage, read_write> lossLog: array<f32>;
@group(0) @binding(8) var<storage, read_write> predictions: array<u32>;

var<workgroup> lossSums: array<f32, LOSS_THREADS>;
var<workgroup> rightCounts: array<u32, LOSS_THREADS>;

@compute @workgroup_size(LOSS_THREADS)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let r = wid.z;
  let info = steps[u.k * u.replicaCount + r];
  // Every invocation reaches the barriers: an inactive replica has no rows.
  let count = select(0u, info.count, info.stepping != 0u);
  let scale = 1.0 / f32(max(count, 1u));
  let training = u.evaluating == 0u;
  var lossSum = 0.0;
  var right = 0u;
  for (var b = lid.x; b < count; b += LOSS_THREADS) {
    let y = targets[order[info.rowsOffset + b]];
    let z0 = (r * ROW_CAPACITY + b) * CLASS_STRIDE;
    var loss: f32;
    var prediction: u32;
    if (LOSS == 0u) {
      var top = logits[z0];
      prediction = 0u;
      for (var c = 1u; c < CLASSES; c++) {
        let z = logits[z0 + c];
        if (z > top) {
          top = z;
          prediction = c;
        }
      }
      var total = 0.0;
      for (var c = 0u; c < CLASSES; c++) {
        total += dlExp(logits[z0 + c] - top);
      }
      let label = u32(y);
      loss = top + dlLog(total) - logits[z0 + min(label, CLASSES - 1u)];
      if (training) {
        for (var c = 0u; c < CLASSES; c++) {
          let p = dlExp(logits[z0 + c] - top) / total;
          delta[z0 + c] = (p - select(0.0, 1.0, c == label)) * scale;
        }
      }
      right += select(0u, 1u, prediction == label);
    } else if (LOSS == 1u) {
      let z = logits[z0];
      loss = max(z, 0.0) - z * y + dlLog1p(dlExp(-abs(z)));
      prediction = select(0u, 1u, z > 0.0);
      if (training) {
        delta[z0] = (dlSigmoid(z) - y) * scale;
      }
      right += select(0u, 1u, f32(prediction) == y);
    } else {
      let e = logits[z0] - y;
      loss = e * e;
      prediction = 0u;
      if (training) {
        delta[z0] = 2.0 * e * scale;
      }
    }
    lossSum += loss;
    if (!training) {
      predictions[r * PREDICTION_STRIDE + u.evalBase + b] = prediction;
    }
  }
  lossSums[lid.x] = lossSum;
  rightCounts[lid.x] = right;
  for (var half = LOSS_THREADS / 2u; half > 0u; half /= 2u) {
    workgroupBarrier();
    if (lid.x < half) {
      lossSums[lid.x] += lossSums[lid.x + half];
      rightCounts[lid.x] += rightCounts[lid.x + half];
    }
  }
  if (lid.x != 0u || count == 0u) {
    return;
  }
  if (training) {
    let mean = lossSums[0] * scale;
    lossLog[u.k * u.replicaCount + r] = mean;
    if (!isFinite(mean, u.zero)) {
      atomicMin(&replicaState[r].divergedAt, info.t - 1u);
    }
  } else {
    replicaState[r].evalLossSum += lossSums[0];
    replicaState[r].evalCorrect += rightCounts[0];
  }
}
