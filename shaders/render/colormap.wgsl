// Perceptual colour maps as degree-6 polynomial fits (Matt Zucker's fits of matplotlib's
// viridis and magma), evaluated in Horner form. The same coefficients are in
// src/gpu/render/colormap.ts for the canvas-2D fallback, so both paths draw the same colours.

fn viridisColor(t: f32) -> vec3<f32> {
  let c0 = vec3<f32>(0.2777273272234177, 0.005407344544966578, 0.3340998053353061);
  let c1 = vec3<f32>(0.1050930431085774, 1.404613529898575, 1.384590162594685);
  let c2 = vec3<f32>(-0.3308618287255563, 0.214847559468213, 0.09509516302823659);
  let c3 = vec3<f32>(-4.634230498983486, -5.799100973351585, -19.33244095627987);
  let c4 = vec3<f32>(6.228269936347081, 14.17993336680509, 56.69055260068105);
  let c5 = vec3<f32>(4.776384997670288, -13.74514537774601, -65.35303263337234);
  let c6 = vec3<f32>(-5.435455855934631, 4.645852612178535, 26.3124352495832);
  return c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
}

fn magmaColor(t: f32) -> vec3<f32> {
  let c0 = vec3<f32>(-0.002136485053939582, -0.000749655052795221, -0.005386127855323933);
  let c1 = vec3<f32>(0.2516605407371642, 0.6775232436837668, 2.494026599312351);
  let c2 = vec3<f32>(8.353717279216625, -3.577719514958484, 0.3144679030132573);
  let c3 = vec3<f32>(-27.66873308576866, 14.26473078096533, -13.64921318813922);
  let c4 = vec3<f32>(52.17613981234068, -27.94360607168351, 12.94416944238394);
  let c5 = vec3<f32>(-50.76852536473588, 29.04658282127291, 4.23415299384598);
  let c6 = vec3<f32>(18.65570506591883, -11.48977351997711, -5.601961508734096);
  return c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
}

/** 0: viridis, 1: magma. */
fn lossColor(t: f32, map: u32) -> vec3<f32> {
  let s = clamp(t, 0.0, 1.0);
  if (map == 1u) {
    return clamp(magmaColor(s), vec3<f32>(0.0), vec3<f32>(1.0));
  }
  return clamp(viridisColor(s), vec3<f32>(0.0), vec3<f32>(1.0));
}
