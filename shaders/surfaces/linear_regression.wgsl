// mean over i of (x·u_i + y − v_i)²: the line fit v ≈ x·u + y.
// data = (offset, count, batch, step key) of interleaved (u, v) pairs in surfaceData: the mean
// over every point, or over a mini-batch (fullPoints/batchPoint, shaders/common/math.wgsl).
fn linearRegressionPoint(p: vec2<f32>, k: u32) -> vec3<f32> {
  let u = surfaceData[k];
  let r = (p.x * u + p.y) - surfaceData[k + 1u];
  return vec3<f32>(r * r, (2.0 * r) * u, 2.0 * r);
}

fn linearRegressionSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  var acc = vec3<f32>(0.0);
  for (var i = 0u; i < fullPoints(data); i = i + 1u) {
    acc = acc + linearRegressionPoint(p, data.x + 2u * i);
  }
  for (var i = 0u; i < data.z; i = i + 1u) {
    acc = acc + linearRegressionPoint(p, data.x + 2u * batchPoint(data, i));
  }
  return acc / meanPoints(data);
}
