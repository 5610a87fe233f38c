// The surface as a lit mesh. buildMesh (compute) evaluates the registry's surface function
// (`evalSurface`, the generated switch) on an n × n lattice over the window: the height from
// the loss, the normal from the analytic gradient, the colour coordinate t; meshVs/meshFs draw
// the lattice as triangles (index buffer from src/gpu/render/surfaceMeshPass.ts) with
// directional + ambient light, a little specular and the map's contour lines.
//
// Composed after math.wgsl, colormap.wgsl, frame3d.wgsl, the surface snippets and the switch.

// 32 bytes.
struct MeshUniforms {
  // the surface's parameters in schema order
  params: vec4<f32>,
  // lattice points per side, surface index, data offset, data count
  grid: vec4<u32>,
};

@group(0) @binding(1) var<uniform> mesh: MeshUniforms;
// The data surfaces' points, read by their snippets (a 16-byte dummy otherwise).
@group(0) @binding(2) var<storage, read> surfaceData: array<f32>;
// Two vec4 per lattice point: (X, Y, Z, t) with t < 0 where the loss is not finite, and
// (normal, 0).
@group(1) @binding(0) var<storage, read_write> vertsOut: array<vec4<f32>>;
@group(1) @binding(1) var<storage, read> verts: array<vec4<f32>>;

@compute @workgroup_size(8, 8)
fn buildMesh(@builtin(global_invocation_id) id: vec3<u32>) {
  let n = mesh.grid.x;
  if (id.x >= n || id.y >= n) {
    return;
  }
  let s = vec2<f32>(id.xy) / f32(n - 1u);
  let p = mix(frame.view.xz, frame.view.yw, s);
  let r = evalSurface(mesh.grid.y, p, mesh.params, vec4<u32>(mesh.grid.zw, 0u, 0u));
  let finite = isFiniteF32(r.x) && isFiniteF32(r.y) && isFiniteF32(r.z);
  let f = select(frame.range.x, r.x, finite);
  // dZ/dX = dZ/df · ∂f/∂x · dx/dX, with dx/dX half the window's width.
  var g = select(vec2<f32>(0.0), r.yz, finite) * heightSlope(f) * (frame.view.yw - frame.view.xz) * 0.5;
  let m = max(abs(g.x), abs(g.y));
  if (!(m < 1e4)) {
    g = select(vec2<f32>(0.0), g / m * 1e4, m > 0.0 && isFiniteF32(m));
  }
  let i = id.y * n + id.x;
  vertsOut[2u * i] = vec4<f32>(s * 2.0 - 1.0, heightOf(f), select(-1.0, colourT(f), finite));
  vertsOut[2u * i + 1u] = vec4<f32>(normalize(vec3<f32>(-g, 1.0)), 0.0);
}

struct MeshOut {
  @builtin(position) position: vec4<f32>,
  @location(0) t: f32,
  @location(1) normal: vec3<f32>,
  @location(2) world: vec3<f32>,
};

@vertex
fn meshVs(@builtin(vertex_index) vi: u32) -> MeshOut {
  let a = verts[2u * vi];
  var out: MeshOut;
  out.position = frame.viewProj * vec4<f32>(a.xyz, 1.0);
  out.t = a.w;
  out.normal = verts[2u * vi + 1u].xyz;
  out.world = a.xyz;
  return out;
}

@fragment
fn meshFs(in: MeshOut, @builtin(front_facing) front: bool) -> @location(0) vec4<f32> {
  // Contours evenly spaced in t, ~1 px wide at any distance (before any branch: fwidth).
  let level = in.t * frame.size.w;
  let perPixel = fwidth(level);
  let distPx = abs(fract(level + 0.5) - 0.5) / max(perPixel, 1e-6);
  let line = 1.0 - smoothstep(0.5, 1.4, distPx);
  let crowd = 1.0 - smoothstep(0.12, 0.3, perPixel);

  var n = normalize(in.normal);
  if (!front) {
    n = -n;
  }
  let l = frame.light.xyz;
  let diffuse = max(dot(n, l), 0.0);
  let v = normalize(frame.eye.xyz - in.world);
  let h = normalize(l + v);
  let spec = pow(max(dot(n, h), 0.0), 40.0) * 0.18;
  let ambient = frame.light.w;
  var colour = lossColor(in.t, 0u) * (ambient + (1.0 - ambient) * diffuse) + vec3<f32>(spec);
  colour = mix(colour, vec3<f32>(1.0), line * crowd * 0.35);
  if (in.t < 0.0) {
    colour = vec3<f32>(0.35, 0.35, 0.38) * (0.5 + 0.5 * diffuse);
  }
  return vec4<f32>(clamp(colour, vec3<f32>(0.0), vec3<f32>(1.0)), 1.0);
}
