// Colour distance as people see it, for checking the lane palette: sRGB → CIELAB (D65),
// CIEDE2000 (Sharma, Wu & Dalal 2005), and the colour-vision-deficiency simulation of
// Machado, Oliveira & Fernandes 2009 (severity 1: dichromacy), applied in linear RGB.

export type Rgb = readonly [number, number, number];
export type Lab = readonly [number, number, number];
export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';

/** '#rrggbb' → sRGB channels in 0..1. */
export function parseHex(css: string): Rgb {
  const m = /^#([0-9a-f]{6})$/i.exec(css.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${css}`);
  const v = parseInt(m[1]!, 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** Machado et al. 2009, severity 1.0, rows of a 3×3 matrix on linear RGB. */
const MACHADO: Record<Exclude<Vision, 'normal'>, readonly number[]> = {
  protanopia: [
    0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998,
  ],
  deuteranopia: [
    0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881,
  ],
  tritanopia: [
    1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039,
  ],
};

/** Linear RGB as seen with the given vision (clamped to the gamut). */
export function simulateLinear(rgb: Rgb, vision: Vision): Rgb {
  const lin: Rgb = [toLinear(rgb[0]), toLinear(rgb[1]), toLinear(rgb[2])];
  if (vision === 'normal') return lin;
  const m = MACHADO[vision];
  const row = (i: number) =>
    Math.min(1, Math.max(0, m[3 * i]! * lin[0] + m[3 * i + 1]! * lin[1] + m[3 * i + 2]! * lin[2]));
  return [row(0), row(1), row(2)];
}

/** Linear sRGB → CIELAB, D65 white. */
export function linearToLab([r, g, b]: Rgb): Lab {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function labOf(css: string, vision: Vision = 'normal'): Lab {
  return linearToLab(simulateLinear(parseHex(css), vision));
}

const deg = Math.PI / 180;

/** CIEDE2000 colour difference (kL = kC = kH = 1). */
export function ciede2000(a: Lab, b: Lab): number {
  const [L1, a1, b1] = a;
  const [L2, a2, b2] = b;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (bb: number, ap: number) => {
    if (bb === 0 && ap === 0) return 0;
    const h = Math.atan2(bb, ap) / deg;
    return h < 0 ? h + 360 : h;
  };
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * deg);
  const Lpm = (L1 + L2) / 2;
  const Cpm = (C1p + C2p) / 2;
  let hpm = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hpm = (h1p + h2p) / 2;
    else hpm = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const T =
    1 -
    0.17 * Math.cos((hpm - 30) * deg) +
    0.24 * Math.cos(2 * hpm * deg) +
    0.32 * Math.cos((3 * hpm + 6) * deg) -
    0.2 * Math.cos((4 * hpm - 63) * deg);
  const dTheta = 30 * Math.exp(-(((hpm - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cpm ** 7 / (Cpm ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lpm - 50) ** 2) / Math.sqrt(20 + (Lpm - 50) ** 2);
  const Sc = 1 + 0.045 * Cpm;
  const Sh = 1 + 0.015 * Cpm * T;
  const Rt = -Math.sin(2 * dTheta * deg) * Rc;
  return Math.sqrt(
    (dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh),
  );
}

/** The smallest CIEDE2000 difference between any two colours, as seen with `vision`. */
export function minPairwiseDistance(colors: readonly string[], vision: Vision): number {
  const labs = colors.map((c) => labOf(c, vision));
  let min = Infinity;
  for (let i = 0; i < labs.length; i++)
    for (let j = i + 1; j < labs.length; j++) min = Math.min(min, ciede2000(labs[i]!, labs[j]!));
  return min;
}
