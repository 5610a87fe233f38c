// PyTorch's default initialization from a seed. nn.Linear and nn.Conv2d reset_parameters:
// kaiming_uniform_(weight, a=√5) has gain √(2/(1 + 5)) = √(1/3) and bound
// gain·√(3/fan_in) = 1/√fan_in; the bias is U(−1/√fan_in, 1/√fan_in). fan_in is in_features
// for Linear and in_channels·k·k for Conv2d. The numbers come from mulberry32, not from
// torch's generator: the same seed gives the same weights in every engine of this app.

import { mulberry32 } from '../rng';
import { paramLayout } from './layout';
import type { ModelSpec } from './types';

/** Every parameter of `model` in the flat layout, each tensor U(−1/√fan_in, 1/√fan_in). */
export function initParams(model: ModelSpec, seed: number): Float64Array {
  const layout = paramLayout(model);
  const params = new Float64Array(layout.count);
  const rand = mulberry32(seed);
  // Tensors are drawn in layout order (each layer's weight, then its bias), as PyTorch
  // constructs the layers.
  for (const tensor of layout.tensors) {
    const bound = 1 / Math.sqrt(tensor.fanIn);
    for (let i = tensor.offset; i < tensor.offset + tensor.size; i++)
      params[i] = (2 * rand() - 1) * bound;
  }
  return params;
}
