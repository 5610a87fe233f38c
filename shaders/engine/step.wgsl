// The batched step engine: one invocation advances one run by up to `params.count` steps of
// docs/FORMAT.md's loop (evaluate loss and gradient at x_t, record, clip, optimizer step, schedule
// step). src/gpu/compose.ts joins this file with the generated layout constants (RUN_*,
// STATE_*, STATUS_*, LR_FROM_*), shaders/common/math.wgsl, shaders/clip.wgsl, every surface and optimizer
// snippet, the feedback schedules, the generated switches `evaluateSurface`, `optimizerStep` and
// `feedbackStep`, and the constants CLIP_GRADIENTS, FEEDBACK_SCHEDULES, TRACK_SUMMARIES (false
// when no run of the batch clips, has a feedback schedule, or tracks a summary), OPT_SLOTS
// (state slots the optimizers use) and GRADIENT_NOISE (false when no run has gradient noise or
// mini-batches: src/core/noise.ts).
// Module-scope order does not matter in WGSL.

struct DispatchParams {
  count: u32, // iterations per dispatch; a run that reaches its last step stops early
  recordEvery: u32,
  runCount: u32,
  rowRuns: u32, // runs per row of the 2-D dispatch grid: num_workgroups.x · WORKGROUP_SIZE
  nanBits: u32, // 0x7fc00000, a runtime NaN: a NaN const-expression is a shader-creation error
  zero: f32, // 0.0, a runtime zero (stepFinite)
  // This dispatch steps slots firstSlot .. firstSlot + runCount − 1: the runs of one
  // specialization key, which the engine packs into consecutive slots.
  firstSlot: u32,
}

@group(0) @binding(0) var<uniform> params: DispatchParams;
@group(0) @binding(1) var<storage, read> runs: array<u32>;
@group(0) @binding(2) var<storage, read_write> states: array<u32>;
// Row t of a run's table (from its tableRow): (lr_t, stepScalars row t), computed in float64
// on the CPU and rounded to float32 once.
@group(0) @binding(3) var<storage, read> stepTable: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> surfaceData: array<f32>;
// src/gpu/records.ts: (x, y, loss, lr) per record, run-major.
@group(0) @binding(5) var<storage, read_write> records: array<vec4<f32>>;

// The position and the feedback schedule's state (the optimizer state lives in `main`: the
// element-wise optimizer updates take it by pointer, one vec4 of slots per coordinate).
var<private> pos: vec2<f32>;
var<private> sched: vec4<f32>;

override WORKGROUP_SIZE: u32 = 64u;

fn runU32(base: u32, field: u32) -> u32 {
  return runs[base + field];
}

fn runF32(base: u32, field: u32) -> f32 {
  return bitcast<f32>(runs[base + field]);
}

fn runVec2u(base: u32, field: u32) -> vec2<u32> {
  return vec2<u32>(runs[base + field], runs[base + field + 1u]);
}

fn runVec2f(base: u32, field: u32) -> vec2<f32> {
  return vec2<f32>(runF32(base, field), runF32(base, field + 1u));
}

fn runVec4f(base: u32, field: u32) -> vec4<f32> {
  return vec4<f32>(
    runF32(base, field),
    runF32(base, field + 1u),
    runF32(base, field + 2u),
    runF32(base, field + 3u),
  );
}

fn stateVec2f(base: u32, field: u32) -> vec2<f32> {
  return vec2<f32>(bitcast<f32>(states[base + field]), bitcast<f32>(states[base + field + 1u]));
}

fn storeVec2f(base: u32, field: u32, v: vec2<f32>) {
  states[base + field] = bitcast<u32>(v.x);
  states[base + field + 1u] = bitcast<u32>(v.y);
}

fn stateVec4f(base: u32, field: u32) -> vec4<f32> {
  return vec4<f32>(stateVec2f(base, field), stateVec2f(base, field + 2u));
}

fn storeVec4f(base: u32, field: u32, v: vec4<f32>) {
  storeVec2f(base, field, v.xy);
  storeVec2f(base, field + 2u, v.zw);
}

// Whether the loss, the gradient and the state the batch's code uses are finite. Every value
// is multiplied by a runtime zero (no compiler can fold that): ±0 for a finite value, NaN for
// ±inf and NaN, and the NaN survives the sum; one fma per value, where a test per value on
// the bits cost SwiftShader a quarter of a Rosenbrock/Adam step. Only the sum's bits are tested:
// a compiler may assume floats are finite and fold `v != v` or `abs(v) < inf` away.
// OPT_SLOTS and FEEDBACK_SCHEDULES are generated constants: unused slots stay at their finite
// initial values.
fn stepFinite(lg: vec3<f32>, opt0: vec4<f32>, opt1: vec4<f32>) -> bool {
  let z = vec2<f32>(params.zero);
  var a = fma(pos, z, lg.yz * z);
  a = fma(vec2<f32>(lg.x), z, a);
  a = fma(vec2<f32>(opt0.x, opt1.x), z, a);
  if (OPT_SLOTS > 1u) {
    a = fma(vec2<f32>(opt0.y, opt1.y), z, a);
  }
  if (OPT_SLOTS > 2u) {
    a = fma(vec2<f32>(opt0.z, opt1.z), z, a);
  }
  if (OPT_SLOTS > 3u) {
    a = fma(vec2<f32>(opt0.w, opt1.w), z, a);
  }
  if (FEEDBACK_SCHEDULES) {
    a = fma(sched.xy, z, a);
    a = fma(sched.zw, z, a);
  }
  return (bitcast<u32>(a.x + a.y) & 0x7f800000u) != 0x7f800000u;
}

const NOT_YET: u32 = 0xffffffffu; // no non-finite value seen

// Record k holds the state before step k·recordEvery; the last one the state after the final
// step (src/gpu/records.ts), so step t lands in record ceil(t / recordEvery).
fn recordIndex(t: u32) -> u32 {
  return (t + params.recordEvery - 1u) / params.recordEvery;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let local = gid.x + gid.y * params.rowRuns;
  if (local >= params.runCount) {
    return;
  }
  let r = params.firstSlot + local;
  let rb = r * RUN_STRIDE;
  let sb = r * STATE_STRIDE;
  var status = states[sb + STATE_STATUS];
  if (status != STATUS_RUNNING) {
    return;
  }

  let surfaceIndex = runU32(rb, RUN_SURFACE_INDEX);
  let optimizerIndex = runU32(rb, RUN_OPTIMIZER_INDEX);
  let scheduleIndex = runU32(rb, RUN_SCHEDULE_INDEX);
  let lrSource = runU32(rb, RUN_LR_SOURCE);
  let feedback = FEEDBACK_SCHEDULES & (lrSource == LR_FROM_FEEDBACK);
  let runLr = runF32(rb, RUN_LR);
  let steps = runU32(rb, RUN_STEPS);
  let tableRow = runU32(rb, RUN_TABLE_ROW);
  let recordBase = runU32(rb, RUN_RECORD_BASE);
  let data = runVec2u(rb, RUN_SURFACE_DATA);
  let clip = runVec2f(rb, RUN_CLIP);
  let sp = runVec4f(rb, RUN_SURFACE_PARAMS);
  let c0 = runVec4f(rb, RUN_OPTIMIZER_CONSTANTS);
  let c1 = runVec4f(rb, RUN_OPTIMIZER_CONSTANTS + 4u);
  let sc0 = runVec4f(rb, RUN_SCHEDULE_CONSTANTS);
  let sc1 = runVec4f(rb, RUN_SCHEDULE_CONSTANTS + 4u);
  // Gradient noise (src/core/noise.ts): a run without it has σ = 0 and batch 0.
  let seedHash = pcgHash(runU32(rb, RUN_NOISE_SEED));
  let batch = runU32(rb, RUN_NOISE_BATCH);
  let noiseScale = runVec2f(rb, RUN_NOISE_SCALE);
  let nan = bitcast<f32>(params.nanBits);
  let every = params.recordEvery;

  pos = stateVec2f(sb, STATE_POS);
  // The optimizer's state slots of each coordinate.
  var opt0 = stateVec4f(sb, STATE_OPT);
  var opt1 = stateVec4f(sb, STATE_OPT + 4u);
  sched = vec4<f32>(stateVec2f(sb, STATE_SCHED), stateVec2f(sb, STATE_SCHED + 2u));
  var t = states[sb + STATE_T];
  // Summary tracking (ResolvedRun.track): registers and selects in the loop, stored after it.
  var firstBelow = NOT_YET;
  var settledAt = 0u;
  var track = vec2<f32>(0.0); // (loss threshold, settle tolerance²)
  if (TRACK_SUMMARIES) {
    firstBelow = states[sb + STATE_FIRST_BELOW];
    settledAt = states[sb + STATE_SETTLED_AT];
    track = runVec2f(rb, RUN_TRACK);
  }

  // SwiftShader runs both sides of every branch for its whole SIMD group and pays for a store
  // in the loop body on every iteration, taken or not. So the loop's one store is the record;
  // the others come after it, and the next recorded step is counted (`%` divides every step).
  // Non-finite values are noted, not acted on: the loop runs on with them and the records from
  // the first non-finite step on are overwritten with NaN afterwards. The final iteration (t =
  // steps) records x_steps and loss_steps and then takes a step that is thrown away. So the
  // state words of a run that ended hold junk; only t, status and divergedAt are read then.
  var recordAt = recordIndex(t); // the record the next recorded step writes
  var nextRecordStep = recordAt * every; // the next recorded step (t % every == 0)
  var firstBad = NOT_YET;
  // t ≤ steps: at most steps − t steps and then the final evaluation.
  let iterations = min(params.count, steps - t + 1u);
  let finishes = iterations == steps - t + 1u;
  for (var k = 0u; k < iterations; k++) {
    var key = 0u;
    if (GRADIENT_NOISE) {
      key = pcgHash(seedHash + t); // stepKey(seed, t)
    }
    let lg = evaluateSurface(surfaceIndex, pos, sp, vec4<u32>(data, batch, key));
    firstBad = min(firstBad, select(NOT_YET, t, !stepFinite(lg, opt0, opt1)));
    // The final iteration (t = steps) reads the last row (row 0 when steps = 0; it exists): its
    // step is thrown away.
    let row = stepTable[tableRow + min(t, steps - 1u)];
    let lr = select(select(row.x, sched.x, feedback), runLr, lrSource == LR_FROM_CONSTANT);
    let last = t == steps;
    if ((t == nextRecordStep) | last) {
      // After the final step no step follows, so no learning rate.
      records[recordBase + recordAt] = vec4<f32>(pos, lg.x, select(lr, nan, last));
      recordAt += 1u;
      nextRecordStep += every;
    }
    var g = lg.yz;
    if (GRADIENT_NOISE) {
      g += (noiseScale.x + noiseScale.y * length(g)) * gaussianPair(key);
    }
    if (CLIP_GRADIENTS) {
      g = clipGradient(g, clip.x, clip.y);
    }
    let before = pos;
    pos = optimizerStep(optimizerIndex, pos, g, lr, t + 1u, row.yzw, c0, c1, &opt0, &opt1);
    if (TRACK_SUMMARIES) {
      // A NaN loss or move compares false; only steps before the first non-finite one count,
      // and the final iteration's step is thrown away.
      firstBelow = min(firstBelow, select(NOT_YET, t, lg.x <= track.x));
      let d = pos - before;
      let moved = (dot(d, d) > track.y) & !last & (firstBad == NOT_YET);
      settledAt = select(settledAt, t + 1u, moved);
    }
    if (feedback) {
      feedbackStep(scheduleIndex, lg.x, sc0, sc1);
    }
    t += 1u;
  }

  if (firstBad != NOT_YET) {
    // Frozen at step firstBad: this record and every later one hold NaN.
    t = firstBad;
    let last = recordIndex(steps);
    for (var j = recordIndex(t); j <= last; j++) {
      records[recordBase + j] = vec4<f32>(nan);
    }
    states[sb + STATE_DIVERGED_AT] = t;
    status = STATUS_DIVERGED;
    // A loss below the threshold at or after the frozen step does not count.
    firstBelow = select(firstBelow, NOT_YET, firstBelow >= t);
  } else if (finishes) {
    t = steps;
    status = STATUS_DONE;
  }

  storeVec2f(sb, STATE_POS, pos);
  storeVec4f(sb, STATE_OPT, opt0);
  storeVec4f(sb, STATE_OPT + 4u, opt1);
  storeVec2f(sb, STATE_SCHED, sched.xy);
  storeVec2f(sb, STATE_SCHED + 2u, sched.zw);
  states[sb + STATE_T] = t;
  states[sb + STATE_STATUS] = status;
  if (TRACK_SUMMARIES) {
    states[sb + STATE_FIRST_BELOW] = firstBelow;
    states[sb + STATE_SETTLED_AT] = settledAt;
  }
}
