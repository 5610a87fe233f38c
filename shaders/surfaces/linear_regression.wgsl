// mean over i of (x·u_i + y − v_i)²: the line fit v ≈ x·u + y.
// data = (offset, count, batch, step key) of interleaved (u, v) pairs in surfaceData: the mean
// over every point, or over a mini-batch (dataPoint, shaders/common/math.wgsl).
fn linearRegressionSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  var sq = 0.0;
  var gx = 0.0;
  var gy = 0.0;
  let n = dataPoints(data);
  for (var i = 0u; i < n; i = i + 1u) {
    let k = data.x + 2u * dataPoint(data, i);
    let u = surfaceData[k];
    let r = (p.x * u + p.y) - surfaceData[k + 1u];
    sq = sq + r * r;
    gx = gx + (2.0 * r) * u;
    gy = gy + 2.0 * r;
  }
  let m = f32(n);
  return vec3<f32>(sq / m, gx / m, gy / m);
}
