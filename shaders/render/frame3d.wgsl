// The 3-D view's per-frame values, shared by the mesh (mesh3d.wgsl) and the paths
// (path3d.wgsl): the camera, the window, the loss → colour and loss → height mappings.
// Packed by src/gpu/render/frame3d.ts, which also holds the TypeScript twin of heightOf.

// 160 bytes: a mat4 and six vec4 rows, no padding to count.
struct Frame3d {
  viewProj: mat4x4<f32>,
  // xMin, xMax, yMin, yMax of the window drawn (X, Y ∈ [−1, 1] in the box)
  view: vec4<f32>,
  // lo, delta, log(delta), 1 / (log(hi − lo + delta) − log(delta)): surface.wgsl's colour range
  range: vec4<f32>,
  // box height, log height (1) or linear (0), 1 / (hi − lo), 0
  height: vec4<f32>,
  // viewport width and height in px, device pixels per CSS pixel, contour lines over the range
  size: vec4<f32>,
  // unit vector towards the light, ambient light
  light: vec4<f32>,
  // the camera's position, 0
  eye: vec4<f32>,
};

@group(0) @binding(0) var<uniform> frame: Frame3d;

fn isFiniteF32(v: f32) -> bool {
  // Bit test rather than v == v: compilers may assume floats are never NaN.
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
}

/** The colour coordinate of a loss: surface.wgsl's log scale, 0..1. */
fn colourT(f: f32) -> f32 {
  let shifted = max(f - frame.range.x, 0.0) + frame.range.y;
  return clamp((log(shifted) - frame.range.z) * frame.range.w, 0.0, 1.0);
}

/** Height in the box of a loss: the colour scale (log height) or (f − lo) / (hi − lo). */
fn heightOf(f: f32) -> f32 {
  if (frame.height.y > 0.5) {
    return frame.height.x * colourT(f);
  }
  return frame.height.x * clamp((f - frame.range.x) * frame.height.z, 0.0, 1.0);
}

/** d heightOf / d f, for the normals (0 where the height is clamped). */
fn heightSlope(f: f32) -> f32 {
  if (frame.height.y > 0.5) {
    let shifted = max(f - frame.range.x, 0.0) + frame.range.y;
    let t = (log(shifted) - frame.range.z) * frame.range.w;
    return select(0.0, frame.height.x * frame.range.w / shifted, t > 0.0 && t < 1.0);
  }
  let s = (f - frame.range.x) * frame.height.z;
  return select(0.0, frame.height.x * frame.height.z, s > 0.0 && s < 1.0);
}

/** A point of the surface's plane to the box's X, Y. */
fn boxXY(p: vec2<f32>) -> vec2<f32> {
  return (p - frame.view.xz) / (frame.view.yw - frame.view.xz) * 2.0 - 1.0;
}
