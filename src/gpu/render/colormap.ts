// The colour maps of shaders/render/colormap.wgsl in TypeScript, for the canvas-2D fallback
// and the legend: the same polynomial coefficients, so both paths draw the same colours.

type Poly = readonly (readonly [number, number, number])[];

const VIRIDIS: Poly = [
  [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
  [0.1050930431085774, 1.404613529898575, 1.384590162594685],
  [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
  [-4.634230498983486, -5.799100973351585, -19.33244095627987],
  [6.228269936347081, 14.17993336680509, 56.69055260068105],
  [4.776384997670288, -13.74514537774601, -65.35303263337234],
  [-5.435455855934631, 4.645852612178535, 26.3124352495832],
];

const MAGMA: Poly = [
  [-0.002136485053939582, -0.000749655052795221, -0.005386127855323933],
  [0.2516605407371642, 0.6775232436837668, 2.494026599312351],
  [8.353717279216625, -3.577719514958484, 0.3144679030132573],
  [-27.66873308576866, 14.26473078096533, -13.64921318813922],
  [52.17613981234068, -27.94360607168351, 12.94416944238394],
  [-50.76852536473588, 29.04658282127291, 4.23415299384598],
  [18.65570506591883, -11.48977351997711, -5.601961508734096],
];

export type ColorMapName = 'viridis' | 'magma';

/** The colour map's index in the shader's `lossColor(t, map)`. */
export const COLOR_MAP_INDEX: Record<ColorMapName, number> = { viridis: 0, magma: 1 };

/** Colour at t ∈ [0, 1] as [r, g, b] in 0..1 (t is clamped). */
export function lossColor(t: number, map: ColorMapName = 'viridis'): [number, number, number] {
  const poly = map === 'magma' ? MAGMA : VIRIDIS;
  const s = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const out: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let v = 0;
    for (let i = poly.length - 1; i >= 0; i--) v = v * s + poly[i]![c]!;
    out[c] = Math.min(1, Math.max(0, v));
  }
  return out;
}
