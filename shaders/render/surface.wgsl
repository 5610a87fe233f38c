// The surface map: one full-screen triangle per viewport; every pixel evaluates the surface
// (the registry's snippet, chosen by `evalSurface`'s switch on u.data.z) and colours its
// log-scaled loss, with anti-aliased contour lines and a light relief shading. Computed per
// pixel, so the map stays crisp at any zoom.
//
// Composed after math.wgsl, colormap.wgsl, the surface snippets and the generated
// `evalSurface` switch (src/gpu/render/composeRender.ts).

// Every field is a vec4 so the layout is 16-byte rows with no padding to count: 80 bytes.
struct SurfaceUniforms {
  // xMin, xMax, yMin, yMax of the window drawn
  view: vec4<f32>,
  // viewport width and height in px, contour lines per unit of t, contour opacity
  size: vec4<f32>,
  // the surface's parameters in schema order
  params: vec4<f32>,
  // lo (loss at t = 0), delta (log offset), log(delta), 1 / (log(hi − lo + delta) − log(delta))
  range: vec4<f32>,
  // data offset, data count, surface index, colour map (0 viridis, 1 magma)
  data: vec4<u32>,
};

@group(0) @binding(0) var<uniform> u: SurfaceUniforms;
// The data surfaces' points (H1's packSurfaceData layout), read by their snippets through
// u.data.xy = (offset, count); a 16-byte dummy when no data surface is drawn.
@group(0) @binding(1) var<storage, read> surfaceData: array<f32>;

struct VsOut {
  @builtin(position) position: vec4<f32>,
  // (0, 0) at the top-left of the viewport, (1, 1) at the bottom-right
  @location(0) uv: vec2<f32>,
};

@vertex
fn surfaceVs(@builtin(vertex_index) i: u32) -> VsOut {
  // One triangle that covers the viewport: (−1,−1), (3,−1), (−1,3).
  let xy = vec2<f32>(f32((i << 1u) & 2u), f32(i & 2u)) * 2.0 - 1.0;
  var out: VsOut;
  out.position = vec4<f32>(xy, 0.0, 1.0);
  out.uv = vec2<f32>(xy.x * 0.5 + 0.5, 0.5 - xy.y * 0.5);
  return out;
}

fn isFiniteF32(v: f32) -> bool {
  // Bit test rather than v == v: compilers may assume floats are never NaN.
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
}

@fragment
fn surfaceFs(in: VsOut) -> @location(0) vec4<f32> {
  let p = vec2<f32>(mix(u.view.x, u.view.y, in.uv.x), mix(u.view.w, u.view.z, in.uv.y));
  let r = evalSurface(u.data.z, p, u.params, vec4<u32>(u.data.xy, 0u, 0u));
  let finite = isFiniteF32(r.x) && isFiniteF32(r.y) && isFiniteF32(r.z);
  let shifted = max(select(0.0, r.x - u.range.x, finite), 0.0) + u.range.y;
  let t = (log(shifted) - u.range.z) * u.range.w;

  // Contours: evenly spaced in t (so in log loss). fwidth gives the level's change per pixel,
  // so the line is ~1 px wide at any zoom. Called before any branch (uniform control flow).
  let level = t * u.size.z;
  let perPixel = fwidth(level);
  let distPx = abs(fract(level + 0.5) - 0.5) / max(perPixel, 1e-6);
  let line = (1.0 - smoothstep(0.4, 1.3, distPx)) * u.size.w;
  // Where the levels crowd closer than ~5 px the lines would turn into noise: fade them out.
  let crowd = 1.0 - smoothstep(0.1, 0.25, perPixel);

  // Relief: the slope of t per pixel from the analytic gradient, lit from the top-left.
  let worldPerPx = vec2<f32>(u.view.y - u.view.x, u.view.w - u.view.z) / max(u.size.xy, vec2<f32>(1.0));
  let slope = r.yz / shifted * u.range.w * worldPerPx * 40.0;
  let n = normalize(vec3<f32>(-slope.x, -slope.y, 1.0));
  let light = normalize(vec3<f32>(-0.5, 0.6, 0.8));
  let shade = select(1.0, 0.82 + 0.25 * dot(n, light), finite && isFiniteF32(slope.x) && isFiniteF32(slope.y));

  var colour = lossColor(t, u.data.w) * shade;
  colour = mix(colour, vec3<f32>(1.0), line * crowd * 0.45);
  if (!finite) {
    colour = vec3<f32>(0.35, 0.35, 0.38);
  }
  return vec4<f32>(clamp(colour, vec3<f32>(0.0), vec3<f32>(1.0)), 1.0);
}
