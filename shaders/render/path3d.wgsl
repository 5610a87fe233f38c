// The lanes' paths on the 3-D surface, straight from the engine's record buffer
// (src/gpu/records.ts: one vec4 (x, y, loss, lr) per record, run-major), with no read-back.
// Each record sits at its loss's height (frame3d.wgsl's heightOf) plus a small lift.
//
// pathVs/pathFs: one instance per segment (record k → k+1 of one run), a quad around it in
// pixel space with a capsule cut out of it, so a path is a ribbon of constant pixel width at
// any distance. A segment with a non-finite record (a diverged run) or an end outside the
// box collapses to nothing. markerVs/markerFs: one instance per run, a disc at its current
// record, or a ring with a cross at its last finite record when it diverged before.
//
// Composed after frame3d.wgsl and marks.wgsl.

// 64 bytes.
struct Path3dUniforms {
  // batch index of the first run drawn (its colour), runs drawn, batch-index stride, records per run
  runs: vec4<u32>,
  // records drawn (0..n−1 of each run), first run's record 0 in `records`, records between drawn runs, flags
  span: vec4<u32>,
  // half line width (or marker radius) in px, opacity, lift in box units, outline width in px
  style: vec4<f32>,
  // the colour used instead of the run's when flags & FLAG_SOLID (premultiplied)
  colour: vec4<f32>,
};

@group(0) @binding(1) var<uniform> pu: Path3dUniforms;
@group(0) @binding(2) var<storage, read> records: array<vec4<f32>>;
// One packed RGBA8 colour per run of the batch.
@group(0) @binding(3) var<storage, read> runColors: array<u32>;

/** Outside the clip volume: a vertex of a primitive that draws nothing. */
const NOWHERE = vec4<f32>(2.0, 2.0, 2.0, 1.0);

fn recordOk(r: vec4<f32>) -> bool {
  return isFiniteF32(r.x) && isFiniteF32(r.y) && isFiniteF32(r.z);
}

/** A record's clip position; w ≤ 0 when it cannot be drawn (non-finite, outside the box). */
fn recordClip(r: vec4<f32>) -> vec4<f32> {
  if (!recordOk(r)) {
    return vec4<f32>(0.0);
  }
  let xy = boxXY(r.xy);
  if (any(abs(xy) > vec2<f32>(1.0001))) {
    return vec4<f32>(0.0);
  }
  return frame.viewProj * vec4<f32>(xy, heightOf(r.z) + pu.style.z, 1.0);
}

fn clipToPx(c: vec4<f32>) -> vec2<f32> {
  let ndc = c.xy / c.w;
  return vec2<f32>(ndc.x * 0.5 + 0.5, 0.5 - ndc.y * 0.5) * frame.size.xy;
}

/** A pixel position at the depth and w of clip position `c`. */
fn pxToClipAt(px: vec2<f32>, c: vec4<f32>) -> vec4<f32> {
  let s = px / frame.size.xy;
  return vec4<f32>((s.x * 2.0 - 1.0) * c.w, (1.0 - s.y * 2.0) * c.w, c.z, c.w);
}

fn runColor(run: u32) -> vec4<f32> {
  if ((pu.span.w & FLAG_SOLID) != 0u) {
    return pu.colour;
  }
  return unpackRunColor(runColors[run]);
}

struct PathOut {
  @builtin(position) position: vec4<f32>,
  // px from the segment's start, along and across it (linear in screen space)
  @location(0) @interpolate(linear) local: vec2<f32>,
  @location(1) @interpolate(flat) len: f32,
  @location(2) colour: vec4<f32>,
};

@vertex
fn pathVs(@builtin(vertex_index) vi: u32, @builtin(instance_index) ii: u32) -> PathOut {
  var out: PathOut;
  out.position = NOWHERE;
  out.local = vec2<f32>(0.0);
  out.len = 0.0;
  out.colour = vec4<f32>(0.0);
  let segs = max(pu.span.x, 2u) - 1u;
  let runLocal = ii / segs;
  let j = ii % segs;
  let base = pu.span.y + runLocal * pu.span.z;
  let ca = recordClip(records[base + j]);
  let cb = recordClip(records[base + j + 1u]);
  if (ca.w < 1e-4 || cb.w < 1e-4) {
    return out;
  }
  let pa = clipToPx(ca);
  let pb = clipToPx(cb);
  let d = pb - pa;
  let len = length(d);
  let dir = select(vec2<f32>(1.0, 0.0), d / len, len > 1e-4);
  let nrm = vec2<f32>(-dir.y, dir.x);
  let extent = pu.style.x + 1.0;
  let q = QUAD[vi];
  let along = mix(-extent, len + extent, q.x);
  let across = q.y * extent;
  let atB = q.x > 0.5;
  let anchor = select(ca, cb, atB);
  let px = select(pa, pb, atB) + dir * (along - select(0.0, len, atB)) + nrm * across;
  out.position = pxToClipAt(px, anchor);
  // A hair towards the camera: the path wins against the mesh it lies on.
  out.position.z = out.position.z - 0.0004 * out.position.w;
  out.local = vec2<f32>(along, across);
  out.len = len;
  out.colour = runColor(pu.runs.x + runLocal * pu.runs.z) * pu.style.y;
  return out;
}

@fragment
fn pathFs(in: PathOut) -> @location(0) vec4<f32> {
  let along = clamp(in.local.x, 0.0, in.len);
  let dist = length(vec2<f32>(in.local.x - along, in.local.y));
  return in.colour * clamp(pu.style.x + 0.5 - dist, 0.0, 1.0);
}

struct MarkerOut {
  @builtin(position) position: vec4<f32>,
  @location(0) @interpolate(linear) local: vec2<f32>,
  @location(1) @interpolate(flat) diverged: f32,
  @location(2) colour: vec4<f32>,
};

/** The last record in 0..k whose (x, y, loss) are finite (finiteness is a prefix). */
fn lastFinite(base: u32, k: u32) -> i32 {
  if (recordOk(records[base + k])) {
    return i32(k);
  }
  if (!recordOk(records[base])) {
    return -1;
  }
  var lo = 0u;
  var hi = k;
  loop {
    if (hi - lo <= 1u) {
      break;
    }
    let mid = (lo + hi) / 2u;
    if (recordOk(records[base + mid])) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return i32(lo);
}

@vertex
fn markerVs(@builtin(vertex_index) vi: u32, @builtin(instance_index) ii: u32) -> MarkerOut {
  var out: MarkerOut;
  out.position = NOWHERE;
  out.local = vec2<f32>(0.0);
  out.diverged = 0.0;
  out.colour = vec4<f32>(0.0);
  let base = pu.span.y + ii * pu.span.z;
  let k = max(pu.span.x, 1u) - 1u;
  let last = lastFinite(base, k);
  if (last < 0) {
    return out;
  }
  let c = recordClip(records[base + u32(last)]);
  if (c.w < 1e-4) {
    return out;
  }
  let extent = pu.style.x + pu.style.w + 1.0;
  let q = QUAD[vi] * vec2<f32>(2.0, 1.0) - vec2<f32>(1.0, 0.0);
  out.position = pxToClipAt(clipToPx(c) + q * extent, c);
  out.local = q * extent;
  out.diverged = select(0.0, 1.0, u32(last) != k);
  out.colour = runColor(pu.runs.x + ii * pu.runs.z) * pu.style.y;
  return out;
}

@fragment
fn markerFs(in: MarkerOut) -> @location(0) vec4<f32> {
  let dots = (pu.span.w & FLAG_DOTS) != 0u;
  return markerShade(in.local, in.colour, in.diverged > 0.5, pu.style.x, pu.style.w, dots, pu.style.y);
}
