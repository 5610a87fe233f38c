// 0.5·(a·x² + b·y²); sp = (a, b).
fn quadraticSurface(p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {
  let a = sp.x;
  let b = sp.y;
  let loss = 0.5 * (a * (p.x * p.x) + b * (p.y * p.y));
  return vec3<f32>(loss, a * p.x, b * p.y);
}
