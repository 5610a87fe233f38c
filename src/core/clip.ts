// Gradient clipping as torch.nn.utils does it (1.13): clip_grad_norm_ first, then
// clip_grad_value_. Acts on the surface gradient only, before weight decay.

import clipWgsl from '../../shaders/clip.wgsl?raw';
import { fma } from './pymath';

/** WGSL defining `fn clipGradient(g: vec2<f32>, maxNorm: f32, maxValue: f32) -> vec2<f32>`. */
export const CLIP_WGSL: string = clipWgsl;

/**
 * Clips the 2-vector `g` in place. clip_grad_norm_ always multiplies by
 * min(1, max_norm / (‖g‖ + 1e-6)) (no branch on the norm), so a gradient below the bound is
 * multiplied by exactly 1; `max_norm / tensor` is `tensor.reciprocal() * max_norm` in PyTorch.
 */
export function clipGradient(
  g: Float64Array,
  maxNorm: number | null,
  maxValue: number | null,
): void {
  const gx = g[0] as number;
  const gy = g[1] as number;
  if (maxNorm !== null) {
    // The 2-norm reduction accumulates with a fused multiply-add (acc = fma(g, g, acc)); the
    // total norm is the norm of the one-element stack of per-parameter norms, √(fl(n²)).
    const n = Math.sqrt(fma(gy, gy, gx * gx));
    const norm = Math.sqrt(n * n);
    const coef = Math.min((1 / (norm + 1e-6)) * maxNorm, 1);
    g[0] = gx * coef;
    g[1] = gy * coef;
  }
  if (maxValue !== null) {
    g[0] = Math.min(Math.max(g[0] as number, -maxValue), maxValue);
    g[1] = Math.min(Math.max(g[1] as number, -maxValue), maxValue);
  }
}
