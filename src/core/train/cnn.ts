// The small CNN of docs/TRAIN-FORMAT.md in float64: Conv2d (stride 1, no padding,
// cross-correlation) → activation → MaxPool2d(pool) → flatten (channel, row, column) →
// Linear. Buffers for `capacity` rows are allocated once.

import { activate, activationBackward } from './activation';
import { gatherRows, type BatchInput } from './batch';
import { denseForward, denseInputGrad, denseWeightGrad } from './dense';
import { cnnGeometry, paramLayout, type CnnGeometry, type ParamLayout } from './layout';
import type { Network } from './network';
import type { Activation, CnnSpec } from './types';

export class CnnNetwork implements Network {
  readonly layout: ParamLayout;
  readonly logits: Float64Array;
  private readonly g: CnnGeometry;
  private readonly activation: Activation;
  private readonly classes: number;
  /** Values per image, per conv output map set, per pooled feature set. */
  private readonly inputSize: number;
  private readonly convSize: number;
  private readonly fcWeight: number;
  private readonly fcBias: number;
  private readonly input: Float64Array;
  /** The conv output after the activation: capacity × outChannels × convHeight × convWidth. */
  private readonly conv: Float64Array;
  private readonly pooled: Float64Array;
  /** Per pooled value, the index of its window's maximum within the image's conv output. */
  private readonly argmax: Int32Array;
  private readonly dPooled: Float64Array;
  private readonly dConv: Float64Array;
  /**
   * Where each kernel weight reads, relative to the output pixel's top-left input: for
   * weight j = (ci·k + ky)·k + kx, ci·height·width + ky·width + kx.
   */
  private readonly taps: Int32Array;

  constructor(
    model: CnnSpec,
    readonly capacity: number,
  ) {
    this.layout = paramLayout(model);
    this.g = cnnGeometry(model);
    this.activation = model.activation;
    this.classes = model.classes;
    const g = this.g;
    this.inputSize = g.channels * g.height * g.width;
    this.convSize = g.outChannels * g.convHeight * g.convWidth;
    this.fcWeight = (this.layout.tensors[2] as { offset: number }).offset;
    this.fcBias = (this.layout.tensors[3] as { offset: number }).offset;
    this.input = new Float64Array(capacity * this.inputSize);
    this.conv = new Float64Array(capacity * this.convSize);
    this.pooled = new Float64Array(capacity * g.features);
    this.argmax = new Int32Array(capacity * g.features);
    this.dPooled = new Float64Array(capacity * g.features);
    this.dConv = new Float64Array(capacity * this.convSize);
    this.logits = new Float64Array(capacity * model.classes);
    const k = g.kernel;
    this.taps = new Int32Array(g.channels * k * k);
    for (let ci = 0; ci < g.channels; ci++)
      for (let ky = 0; ky < k; ky++)
        for (let kx = 0; kx < k; kx++)
          this.taps[(ci * k + ky) * k + kx] = ci * g.height * g.width + ky * g.width + kx;
  }

  forward(params: Float64Array, batch: BatchInput): void {
    const count = batch.count;
    const g = this.g;
    const k = g.kernel;
    gatherRows(batch, this.input);
    const biasOffset = g.outChannels * g.channels * k * k;
    const conv = this.conv;
    const input = this.input;
    const taps = this.taps;
    const fanIn = taps.length;
    const ow = g.convWidth;
    for (let n = 0; n < count; n++) {
      const img = n * this.inputSize;
      for (let c = 0; c < g.outChannels; c++) {
        const bias = params[biasOffset + c] as number;
        const wc = c * fanIn;
        const out = n * this.convSize + c * g.convHeight * ow;
        for (let y = 0; y < g.convHeight; y++) {
          const o = out + y * ow;
          const rowStart = img + y * g.width;
          let x = 0;
          // Four neighbouring outputs at once share every weight load; each output still
          // sums its terms in (channel, row, column) order, then adds the bias.
          for (; x + 4 <= ow; x += 4) {
            const at = rowStart + x;
            let a0 = 0;
            let a1 = 0;
            let a2 = 0;
            let a3 = 0;
            for (let j = 0; j < fanIn; j++) {
              const wv = params[wc + j] as number;
              const r = at + (taps[j] as number);
              a0 += wv * (input[r] as number);
              a1 += wv * (input[r + 1] as number);
              a2 += wv * (input[r + 2] as number);
              a3 += wv * (input[r + 3] as number);
            }
            conv[o + x] = a0 + bias;
            conv[o + x + 1] = a1 + bias;
            conv[o + x + 2] = a2 + bias;
            conv[o + x + 3] = a3 + bias;
          }
          for (; x < ow; x++) {
            const at = rowStart + x;
            let sum = 0;
            for (let j = 0; j < fanIn; j++)
              sum += (params[wc + j] as number) * (input[at + (taps[j] as number)] as number);
            conv[o + x] = sum + bias;
          }
        }
      }
    }
    activate(this.activation, this.conv, 0, count * this.convSize);
    this.pool(count);
    denseForward(
      params,
      this.fcWeight,
      this.fcBias,
      this.pooled,
      g.features,
      this.logits,
      this.classes,
      count,
    );
  }

  /** MaxPool2d: the first maximum in row-major order wins a tie; NaN counts as a maximum. */
  private pool(count: number): void {
    const g = this.g;
    const p = g.pool;
    for (let n = 0; n < count; n++) {
      const base = n * this.convSize;
      let o = n * g.features;
      for (let c = 0; c < g.outChannels; c++) {
        const plane = c * g.convHeight * g.convWidth;
        for (let py = 0; py < g.poolHeight; py++) {
          for (let px = 0; px < g.poolWidth; px++) {
            let best = plane + py * p * g.convWidth + px * p;
            let max = this.conv[base + best] as number;
            for (let dy = 0; dy < p; dy++) {
              for (let dx = 0; dx < p; dx++) {
                const at = plane + (py * p + dy) * g.convWidth + px * p + dx;
                const v = this.conv[base + at] as number;
                if (v > max || v !== v) {
                  max = v;
                  best = at;
                }
              }
            }
            this.pooled[o] = max;
            this.argmax[o] = best;
            o++;
          }
        }
      }
    }
  }

  backward(
    params: Float64Array,
    batch: BatchInput,
    dLogits: Float64Array,
    grad: Float64Array,
  ): void {
    const count = batch.count;
    const g = this.g;
    denseWeightGrad(
      dLogits,
      this.pooled,
      g.features,
      this.classes,
      count,
      grad,
      this.fcWeight,
      this.fcBias,
    );
    denseInputGrad(params, this.fcWeight, dLogits, g.features, this.classes, count, this.dPooled);
    // Max-pool routes each pooled gradient to its window's maximum; the rest get 0.
    this.dConv.fill(0, 0, count * this.convSize);
    for (let n = 0; n < count; n++) {
      const base = n * this.convSize;
      for (let o = n * g.features; o < (n + 1) * g.features; o++)
        this.dConv[base + (this.argmax[o] as number)] = this.dPooled[o] as number;
    }
    activationBackward(this.activation, this.conv, this.dConv, 0, count * this.convSize);
    const taps = this.taps;
    const fanIn = taps.length;
    const weightSize = g.outChannels * fanIn;
    const input = this.input;
    const dConv = this.dConv;
    grad.fill(0, 0, weightSize + g.outChannels);
    for (let n = 0; n < count; n++) {
      const img = n * this.inputSize;
      const out = n * this.convSize;
      for (let c = 0; c < g.outChannels; c++) {
        const wc = c * fanIn;
        let biasSum = 0;
        for (let y = 0; y < g.convHeight; y++) {
          const rowStart = img + y * g.width;
          const o = out + (c * g.convHeight + y) * g.convWidth;
          for (let x = 0; x < g.convWidth; x++) {
            const d = dConv[o + x] as number;
            // Most conv outputs get no gradient (not their window's maximum, or relu off).
            if (d === 0) continue;
            biasSum += d;
            const at = rowStart + x;
            for (let j = 0; j < fanIn; j++)
              grad[wc + j] =
                (grad[wc + j] as number) + d * (input[at + (taps[j] as number)] as number);
          }
        }
        grad[weightSize + c] = (grad[weightSize + c] as number) + biasSum;
      }
    }
  }
}
