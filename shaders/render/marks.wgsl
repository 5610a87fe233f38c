// What the map's trajectories (trajectory.wgsl) and the 3-D view's paths (path3d.wgsl) draw
// alike: the quad every segment and marker is cut from, the flags, the runs' packed colours
// and the marker's shape. Composed before either file.

const FLAG_SOLID: u32 = 1u;
// Markers: only the disc (swarm dots), no outline.
const FLAG_DOTS: u32 = 2u;

// Two triangles: x along (0 at the start, 1 at the end), y across (−1..1).
const QUAD = array<vec2<f32>, 6>(
  vec2<f32>(0.0, -1.0), vec2<f32>(1.0, -1.0), vec2<f32>(1.0, 1.0),
  vec2<f32>(0.0, -1.0), vec2<f32>(1.0, 1.0), vec2<f32>(0.0, 1.0),
);

/** A run's packed RGBA8 colour, premultiplied. */
fn unpackRunColor(packed: u32) -> vec4<f32> {
  let c = unpack4x8unorm(packed);
  return vec4<f32>(c.rgb * c.a, c.a);
}

/**
 * A marker at `local` px from its centre: a disc in `colour` with a dark outline and a light
 * rim inside it, or, for a run that diverged, a ring with a cross ("diverged here"); only the
 * disc for swarm dots. `opacity` scales the dark outline as `colour` is scaled.
 */
fn markerShade(
  local: vec2<f32>,
  colour: vec4<f32>,
  diverged: bool,
  radius: f32,
  outline: f32,
  dots: bool,
  opacity: f32,
) -> vec4<f32> {
  let r = length(local);
  if (dots) {
    return colour * clamp(radius + 0.5 - r, 0.0, 1.0);
  }
  let dark = vec4<f32>(0.05, 0.05, 0.08, 1.0) * opacity;
  if (diverged) {
    let ring = abs(r - radius * 0.8) - radius * 0.22;
    let cross = min(abs(local.x - local.y), abs(local.x + local.y)) * 0.7071 - radius * 0.16;
    let shape = min(ring, max(cross, r - radius * 0.8));
    let fill = clamp(0.5 - shape, 0.0, 1.0);
    let edge = clamp(outline + 0.5 - shape, 0.0, 1.0);
    return mix(dark * edge, colour, fill);
  }
  let fill = clamp(radius + 0.5 - r, 0.0, 1.0);
  let edge = clamp(radius + outline + 0.5 - r, 0.0, 1.0);
  let rim = clamp(1.0 - abs(r - (radius - 1.2)), 0.0, 1.0) * 0.45;
  let c = mix(colour, vec4<f32>(1.0) * colour.a, rim);
  return mix(dark * edge, c, fill);
}
