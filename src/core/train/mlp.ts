// The MLP of docs/TRAIN-FORMAT.md in float64: Linear layers, the activation after every one
// but the last. Buffers for `capacity` rows are allocated once.

import { activate, activationBackward } from './activation';
import {
  denseForward,
  denseForwardSparse,
  denseInputGrad,
  denseWeightGrad,
  denseWeightGradSparse,
  indexNonzeros,
} from './dense';
import { paramLayout, type ParamLayout } from './layout';
import { gatherRows, type BatchInput } from './batch';
import type { Network } from './network';
import type { Activation, MlpSpec } from './types';

export class MlpNetwork implements Network {
  readonly layout: ParamLayout;
  readonly logits: Float64Array;
  private readonly sizes: readonly number[];
  private readonly activation: Activation;
  /** The batch's rows, gathered: capacity × inputs. */
  private readonly input: Float64Array;
  /** Where the gathered rows are nonzero (indexNonzeros), and whether this batch uses it. */
  private readonly nonzeroIndex: Int32Array;
  private readonly nonzeroCount: Int32Array;
  private sparseInput = false;
  /** Output of layer l after its activation (the last one: the logits), capacity × sizes[l+1]. */
  private readonly outs: Float64Array[] = [];
  /** The gradient with respect to layer l's pre-activation output (l < last). */
  private readonly deltas: Float64Array[] = [];

  constructor(
    model: MlpSpec,
    readonly capacity: number,
  ) {
    this.layout = paramLayout(model);
    this.sizes = model.sizes;
    this.activation = model.activation;
    this.input = new Float64Array(capacity * this.layout.inputs);
    this.nonzeroIndex = new Int32Array(capacity * this.layout.inputs);
    this.nonzeroCount = new Int32Array(capacity);
    const layers = this.sizes.length - 1;
    for (let l = 0; l < layers; l++) {
      this.outs.push(new Float64Array(capacity * (this.sizes[l + 1] as number)));
      this.deltas.push(
        l + 1 < layers
          ? new Float64Array(capacity * (this.sizes[l + 1] as number))
          : new Float64Array(0),
      );
    }
    this.logits = this.outs[layers - 1] as Float64Array;
  }

  private weightOffset(l: number): number {
    return (this.layout.tensors[2 * l] as { offset: number }).offset;
  }

  private biasOffset(l: number): number {
    return (this.layout.tensors[2 * l + 1] as { offset: number }).offset;
  }

  forward(params: Float64Array, input: BatchInput): void {
    const count = input.count;
    gatherRows(input, this.input);
    const layers = this.sizes.length - 1;
    const inputs0 = this.layout.inputs;
    const nonzeros = indexNonzeros(
      this.input,
      inputs0,
      count,
      this.nonzeroIndex,
      this.nonzeroCount,
    );
    // Indexing pays off when most inputs are zero (MNIST: ~80 %).
    this.sparseInput = nonzeros < 0.5 * count * inputs0;
    for (let l = 0; l < layers; l++) {
      const inputs = this.sizes[l] as number;
      const outputs = this.sizes[l + 1] as number;
      const src = l === 0 ? this.input : (this.outs[l - 1] as Float64Array);
      const dst = this.outs[l] as Float64Array;
      if (l === 0 && this.sparseInput) {
        denseForwardSparse(
          params,
          this.weightOffset(0),
          this.biasOffset(0),
          src,
          this.nonzeroIndex,
          this.nonzeroCount,
          inputs,
          dst,
          outputs,
          count,
        );
      } else {
        denseForward(
          params,
          this.weightOffset(l),
          this.biasOffset(l),
          src,
          inputs,
          dst,
          outputs,
          count,
        );
      }
      if (l + 1 < layers) activate(this.activation, dst, 0, count * outputs);
    }
  }

  backward(
    params: Float64Array,
    input: BatchInput,
    dLogits: Float64Array,
    grad: Float64Array,
  ): void {
    const count = input.count;
    const layers = this.sizes.length - 1;
    for (let l = layers - 1; l >= 0; l--) {
      const inputs = this.sizes[l] as number;
      const outputs = this.sizes[l + 1] as number;
      const delta = l === layers - 1 ? dLogits : (this.deltas[l] as Float64Array);
      const src = l === 0 ? this.input : (this.outs[l - 1] as Float64Array);
      if (l === 0 && this.sparseInput) {
        denseWeightGradSparse(
          delta,
          src,
          this.nonzeroIndex,
          this.nonzeroCount,
          inputs,
          outputs,
          count,
          grad,
          this.weightOffset(0),
          this.biasOffset(0),
        );
        break;
      }
      denseWeightGrad(
        delta,
        src,
        inputs,
        outputs,
        count,
        grad,
        this.weightOffset(l),
        this.biasOffset(l),
      );
      if (l === 0) break;
      const below = this.deltas[l - 1] as Float64Array;
      denseInputGrad(params, this.weightOffset(l), delta, inputs, outputs, count, below);
      activationBackward(this.activation, src, below, 0, count * inputs);
    }
  }
}
