// mean over i of softplus(z_i) − c_i·z_i with z_i = x·u_i + y·w_i (no intercept).
// data = (offset, count, batch, step key) of interleaved (u, w, c) triples in surfaceData: the
// mean over every point, or over a mini-batch (dataPoint, shaders/common/math.wgsl).
fn logisticRegressionSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  var loss = 0.0;
  var gx = 0.0;
  var gy = 0.0;
  let n = dataPoints(data);
  for (var i = 0u; i < n; i = i + 1u) {
    let k = data.x + 3u * dataPoint(data, i);
    let u = surfaceData[k];
    let w = surfaceData[k + 1u];
    let c = surfaceData[k + 2u];
    let z = p.x * u + p.y * w;
    loss = loss + (dlSoftplus(z) - c * z);
    let gz = dlSigmoid(z) - c;
    gx = gx + gz * u;
    gy = gy + gz * w;
  }
  let m = f32(n);
  return vec3<f32>(loss / m, gx / m, gy / m);
}
