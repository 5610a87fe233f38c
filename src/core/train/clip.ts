// Gradient clipping over a model's flat gradient, as torch.nn.utils (1.13) does it over
// model.parameters(): clip_grad_norm_ first, then clip_grad_value_.
//
// clip_grad_norm_ takes the 2-norm of each parameter tensor, then the 2-norm of the stack of
// those norms (so the total is ‖g‖₂ over every element), and multiplies every gradient by
// min(max_norm / (total + 1e-6), 1), with no branch on the norm: a gradient under the bound
// is multiplied by exactly 1. `max_norm / tensor` is `tensor.reciprocal() * max_norm` in
// PyTorch (src/core/clip.ts does the same for the 2-D path).

import { fma } from '../pymath';
import type { TensorLayout } from './layout';

/**
 * Clips `g` in place. Returns false when the gradient is not finite (a NaN or ±∞ anywhere),
 * which the loop reports as divergence.
 */
export function clipFlatGradient(
  g: Float64Array,
  tensors: readonly TensorLayout[],
  maxNorm: number | null,
  maxValue: number | null,
): boolean {
  const n = g.length;
  let finite: number;
  if (maxNorm !== null) {
    // Σ over tensors of ‖g_k‖², accumulated with a fused multiply-add like the reduction of
    // the stacked norms; each ‖g_k‖ is rounded to a double first, as torch.norm returns it.
    let stackSquares = 0;
    for (const tensor of tensors) {
      let squares = 0;
      const end = tensor.offset + tensor.size;
      for (let i = tensor.offset; i < end; i++) {
        const v = g[i] as number;
        squares += v * v;
      }
      const norm = Math.sqrt(squares);
      stackSquares = fma(norm, norm, stackSquares);
    }
    const total = Math.sqrt(stackSquares);
    const coef = Math.min((1 / (total + 1e-6)) * maxNorm, 1);
    // x − x is 0 for a finite x and NaN otherwise: one sum tells whether all are finite.
    finite = 0;
    for (let i = 0; i < n; i++) {
      const v = (g[i] as number) * coef;
      g[i] = v;
      finite += v - v;
    }
    // A gradient that overflowed to ∞ norm gives coef 0 and 0·∞ = NaN above; a NaN norm too.
    if (!Number.isFinite(total)) finite = NaN;
  } else {
    finite = 0;
    for (let i = 0; i < n; i++) {
      const v = g[i] as number;
      finite += v - v;
    }
  }
  if (maxValue !== null) {
    for (let i = 0; i < n; i++) g[i] = Math.min(Math.max(g[i] as number, -maxValue), maxValue);
  }
  return finite === 0;
}
