// mean over i of (x·u_i + y − v_i)²: the line fit v ≈ x·u + y.
// data = (offset, count) of interleaved (u, v) pairs in surfaceData.
fn linearRegressionSurface(p: vec2<f32>, sp: vec4<f32>, data: vec2<u32>) -> vec3<f32> {
  var sq = 0.0;
  var gx = 0.0;
  var gy = 0.0;
  for (var i = 0u; i < data.y; i = i + 1u) {
    let k = data.x + 2u * i;
    let u = surfaceData[k];
    let r = (p.x * u + p.y) - surfaceData[k + 1u];
    sq = sq + r * r;
    gx = gx + (2.0 * r) * u;
    gy = gy + 2.0 * r;
  }
  let n = f32(data.y);
  return vec3<f32>(sq / n, gx / n, gy / n);
}
