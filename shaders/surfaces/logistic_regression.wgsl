// mean over i of softplus(z_i) − c_i·z_i with z_i = x·u_i + y·w_i (no intercept).
// data = (offset, count, batch, step key) of interleaved (u, w, c) triples in surfaceData: the
// mean over every point, or over a mini-batch (fullPoints/batchPoint, shaders/common/math.wgsl).
fn logisticRegressionPoint(p: vec2<f32>, k: u32) -> vec3<f32> {
  let u = surfaceData[k];
  let w = surfaceData[k + 1u];
  let c = surfaceData[k + 2u];
  let z = p.x * u + p.y * w;
  let gz = dlSigmoid(z) - c;
  return vec3<f32>(dlSoftplus(z) - c * z, gz * u, gz * w);
}

fn logisticRegressionSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  var acc = vec3<f32>(0.0);
  for (var i = 0u; i < fullPoints(data); i = i + 1u) {
    acc = acc + logisticRegressionPoint(p, data.x + 3u * i);
  }
  for (var i = 0u; i < data.z; i = i + 1u) {
    acc = acc + logisticRegressionPoint(p, data.x + 3u * batchPoint(data, i));
  }
  return acc / meanPoints(data);
}
