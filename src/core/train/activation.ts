// Activations in place and their derivatives from the activation's output, as PyTorch's
// backward formulas use the result: relu passes the gradient where the output is > 0
// (threshold_backward), tanh multiplies by 1 − y², sigmoid by (1 − y)·y.

import type { Activation } from './types';

/** Applies `activation` to values [from, to) of `a` in place. */
export function activate(activation: Activation, a: Float64Array, from: number, to: number): void {
  switch (activation) {
    case 'relu':
      for (let i = from; i < to; i++) {
        const v = a[i] as number;
        // torch.relu keeps NaN (clamp_min propagates it).
        if (v <= 0) a[i] = 0;
      }
      break;
    case 'tanh':
      for (let i = from; i < to; i++) a[i] = Math.tanh(a[i] as number);
      break;
    case 'sigmoid':
      for (let i = from; i < to; i++) a[i] = 1 / (1 + Math.exp(-(a[i] as number)));
      break;
    case 'none':
      break;
  }
}

/**
 * Multiplies the gradient `d` [from, to) by the activation's derivative, read from its
 * output `y` at the same indices.
 */
export function activationBackward(
  activation: Activation,
  y: Float64Array,
  d: Float64Array,
  from: number,
  to: number,
): void {
  switch (activation) {
    case 'relu':
      for (let i = from; i < to; i++) if ((y[i] as number) <= 0) d[i] = 0;
      break;
    case 'tanh':
      for (let i = from; i < to; i++) {
        const v = y[i] as number;
        d[i] = (d[i] as number) * (1 - v * v);
      }
      break;
    case 'sigmoid':
      for (let i = from; i < to; i++) {
        const v = y[i] as number;
        d[i] = (d[i] as number) * (1 - v) * v;
      }
      break;
    case 'none':
      break;
  }
}
