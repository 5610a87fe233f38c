// Trajectories drawn straight from the engine's record buffer (src/gpu/records.ts: one
// vec4 (x, y, loss, lr) per record, run-major), with no read-back.
//
// pathVs/pathFs: one instance per segment (record k → k+1 of one run), six vertices making a
// quad around it in pixel space; the fragment shader cuts a capsule out of the quad with an
// anti-aliased edge. Segments touching a NaN record (a diverged run) collapse to nothing.
// markerVs/markerFs: one instance per run, a disc at the run's current record, or, when the
// run diverged before it, a ring with a cross at its last finite record.
//
// Composed after marks.wgsl (QUAD, the flags, run colours, the marker's shape).

// Every field is a vec4 (16-byte rows, no padding to count): 112 bytes.
struct PathUniforms {
  // xMin, xMax, yMin, yMax of the window drawn
  view: vec4<f32>,
  // viewport width and height in px, half line width (or marker radius) in px, opacity
  size: vec4<f32>,
  // batch index of the first run drawn (for its colour), runs drawn, batch-index stride
  // between runs drawn, records per run
  runs: vec4<u32>,
  // records drawn (0..n−1 of each run), first record drawn, segments drawn per run, flags
  span: vec4<u32>,
  // the colour used instead of the run's when flags & FLAG_SOLID (the dark halo), premultiplied
  colour: vec4<f32>,
  // marker outline width in px, tail fade (1: fade old segments to 0), sideways path offset
  // in px (coinciding lanes drawn side by side), 0
  style: vec4<f32>,
  // index of the first drawn run's record 0 in `records`, records between drawn runs, 0, 0
  addr: vec4<u32>,
};

@group(0) @binding(0) var<uniform> u: PathUniforms;
@group(0) @binding(1) var<storage, read> records: array<vec4<f32>>;
// One packed RGBA8 colour per run of the batch, indexed by the run's batch index.
@group(0) @binding(2) var<storage, read> runColors: array<u32>;

fn finite2(p: vec2<f32>) -> bool {
  // Bit test rather than p == p: compilers may assume floats are never NaN.
  let e = vec2<u32>(bitcast<u32>(p.x), bitcast<u32>(p.y)) & vec2<u32>(0x7f800000u);
  return all(e != vec2<u32>(0x7f800000u));
}

/** World → pixels of the viewport, y down. */
fn toPx(p: vec2<f32>) -> vec2<f32> {
  // Clamped to a million view widths so that pixels stay finite (a diverged run reaches 1e38).
  let s = clamp((p - u.view.xz) / (u.view.yw - u.view.xz), vec2<f32>(-1e6), vec2<f32>(1e6));
  return vec2<f32>(s.x, 1.0 - s.y) * u.size.xy;
}

/** Pixels of the viewport → clip space. */
fn pxToClip(px: vec2<f32>) -> vec4<f32> {
  let s = px / u.size.xy;
  return vec4<f32>(s.x * 2.0 - 1.0, 1.0 - s.y * 2.0, 0.0, 1.0);
}

fn runColor(run: u32) -> vec4<f32> {
  if ((u.span.w & FLAG_SOLID) != 0u) {
    return u.colour;
  }
  return unpackRunColor(runColors[run]);
}

struct PathOut {
  @builtin(position) position: vec4<f32>,
  // the fragment's position in px relative to the segment's start, along and across it
  @location(0) local: vec2<f32>,
  // segment length in px, age fade, 0, 0
  @location(1) seg: vec2<f32>,
  @location(2) colour: vec4<f32>,
};

@vertex
fn pathVs(@builtin(vertex_index) vi: u32, @builtin(instance_index) ii: u32) -> PathOut {
  var out: PathOut;
  let segs = max(u.span.z, 1u);
  let runLocal = ii / segs;
  let j = ii % segs;
  let run = u.runs.x + runLocal * u.runs.z;
  let k = u.span.y + j;
  let base = u.addr.x + runLocal * u.addr.y;
  let a = records[base + k].xy;
  let b = records[base + k + 1u].xy;
  if (!finite2(a) || !finite2(b)) {
    // Degenerate: every vertex at the same point outside the clip volume.
    out.position = vec4<f32>(2.0, 2.0, 2.0, 1.0);
    out.local = vec2<f32>(0.0);
    out.seg = vec2<f32>(0.0);
    out.colour = vec4<f32>(0.0);
    return out;
  }
  var pa = toPx(a);
  var pb = toPx(b);
  // Segments far outside the viewport (a diverging run heading to 1e30) would make huge,
  // imprecise quads that cost a full viewport of fragments each: drop those wholly off one
  // side, and shorten very long ones from their visible end (direction stays exact).
  let pad = u.size.z + 4.0;
  let lo = vec2<f32>(-pad);
  let hi = u.size.xy + vec2<f32>(pad);
  if (any((pa < lo) & (pb < lo)) || any((pa > hi) & (pb > hi))) {
    out.position = vec4<f32>(2.0, 2.0, 2.0, 1.0);
    out.local = vec2<f32>(0.0);
    out.seg = vec2<f32>(0.0);
    out.colour = vec4<f32>(0.0);
    return out;
  }
  let reach = 2.0 * (u.size.x + u.size.y);
  let aIn = all(pa >= lo) && all(pa <= hi);
  let bIn = all(pb >= lo) && all(pb <= hi);
  let d0 = pb - pa;
  let m = max(abs(d0.x), abs(d0.y));
  if (m > reach) {
    // Scaled before normalising: length() of a 1e31 vector overflows float32.
    let dir0 = normalize(d0 / m);
    if (aIn) {
      pb = pa + dir0 * reach;
    } else if (bIn) {
      pa = pb - dir0 * reach;
    }
  }
  let d = pb - pa;
  let len = length(d);
  let dir = select(vec2<f32>(1.0, 0.0), d / len, len > 1e-4);
  let nrm = vec2<f32>(-dir.y, dir.x);
  let extent = u.size.z + 1.0;
  let q = QUAD[vi];
  // Along: from −extent before a to len + extent after b; across: ±extent.
  let along = mix(-extent, len + extent, q.x);
  let across = q.y * extent;
  out.position = pxToClip(pa + dir * along + nrm * (across + u.style.z));
  out.local = vec2<f32>(along, across);
  // Older segments fade when drawing a swarm's tails.
  let age = f32(j + 1u) / f32(segs);
  out.seg = vec2<f32>(len, mix(1.0, age * age, u.style.y));
  out.colour = runColor(run) * u.size.w;
  return out;
}

@fragment
fn pathFs(in: PathOut) -> @location(0) vec4<f32> {
  // Distance to the segment (a capsule): round joins and caps come for free.
  let along = clamp(in.local.x, 0.0, in.seg.x);
  let dist = length(vec2<f32>(in.local.x - along, in.local.y));
  let coverage = clamp(u.size.z + 0.5 - dist, 0.0, 1.0);
  return in.colour * coverage * in.seg.y;
}

struct MarkerOut {
  @builtin(position) position: vec4<f32>,
  // px offset from the marker's centre
  @location(0) local: vec2<f32>,
  // 1 when the run diverged before the drawn record
  @location(1) diverged: f32,
  @location(2) colour: vec4<f32>,
};

/** The last record in 0..k whose position is finite (records after a divergence are all NaN). */
fn lastFinite(base: u32, k: u32) -> i32 {
  if (finite2(records[base + k].xy)) {
    return i32(k);
  }
  if (!finite2(records[base].xy)) {
    return -1;
  }
  // Invariant: lo finite, hi not. Binary search, since finiteness is a prefix.
  var lo = 0u;
  var hi = k;
  loop {
    if (hi - lo <= 1u) {
      break;
    }
    let mid = (lo + hi) / 2u;
    if (finite2(records[base + mid].xy)) {
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
  let run = u.runs.x + ii * u.runs.z;
  let base = u.addr.x + ii * u.addr.y;
  let k = u.span.x - 1u;
  let last = lastFinite(base, k);
  if (last < 0) {
    out.position = vec4<f32>(2.0, 2.0, 2.0, 1.0);
    out.local = vec2<f32>(0.0);
    out.diverged = 0.0;
    out.colour = vec4<f32>(0.0);
    return out;
  }
  let centre = toPx(records[base + u32(last)].xy);
  let extent = u.size.z + u.style.x + 1.0;
  let q = QUAD[vi] * vec2<f32>(2.0, 1.0) - vec2<f32>(1.0, 0.0);
  out.position = pxToClip(centre + q * extent);
  out.local = q * extent;
  out.diverged = select(0.0, 1.0, u32(last) != k);
  out.colour = runColor(run) * u.size.w;
  return out;
}

@fragment
fn markerFs(in: MarkerOut) -> @location(0) vec4<f32> {
  let dots = (u.span.w & FLAG_DOTS) != 0u;
  return markerShade(in.local, in.colour, in.diverged > 0.5, u.size.z, u.style.x, dots, u.size.w);
}
