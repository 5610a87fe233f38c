// Copies the cached surface layer onto the canvas, scaled: the layer may hold a reduced-
// resolution render (its top-left `scale` part) while the view is changing on a slow GPU.

// scale (part of the layer used), max uv (half a texel inside that part), 0, 0: 16 bytes
struct BlitUniforms {
  params: vec4<f32>,
};

@group(0) @binding(0) var<uniform> b: BlitUniforms;
@group(0) @binding(1) var layerTexture: texture_2d<f32>;
@group(0) @binding(2) var layerSampler: sampler;

struct BlitOut {
  @builtin(position) position: vec4<f32>,
  @location(0) uv: vec2<f32>,
};

@vertex
fn blitVs(@builtin(vertex_index) i: u32) -> BlitOut {
  let xy = vec2<f32>(f32((i << 1u) & 2u), f32(i & 2u)) * 2.0 - 1.0;
  var out: BlitOut;
  out.position = vec4<f32>(xy, 0.0, 1.0);
  out.uv = vec2<f32>(xy.x * 0.5 + 0.5, 0.5 - xy.y * 0.5);
  return out;
}

@fragment
fn blitFs(in: BlitOut) -> @location(0) vec4<f32> {
  let uv = min(in.uv * b.params.x, vec2<f32>(b.params.y, b.params.z));
  return vec4<f32>(textureSampleLevel(layerTexture, layerSampler, uv, 0.0).rgb, 1.0);
}
