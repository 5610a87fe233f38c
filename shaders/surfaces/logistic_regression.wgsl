// mean over i of softplus(z_i) − c_i·z_i with z_i = x·u_i + y·w_i (no intercept).
// data = (offset, count) of interleaved (u, w, c) triples in surfaceData.
fn logisticRegressionSurface(p: vec2<f32>, sp: vec4<f32>, data: vec2<u32>) -> vec3<f32> {
  var loss = 0.0;
  var gx = 0.0;
  var gy = 0.0;
  for (var i = 0u; i < data.y; i = i + 1u) {
    let k = data.x + 3u * i;
    let u = surfaceData[k];
    let w = surfaceData[k + 1u];
    let c = surfaceData[k + 2u];
    let z = p.x * u + p.y * w;
    loss = loss + (dlSoftplus(z) - c * z);
    let gz = dlSigmoid(z) - c;
    gx = gx + gz * u;
    gy = gy + gz * w;
  }
  let n = f32(data.y);
  return vec3<f32>(loss / n, gx / n, gy / n);
}
