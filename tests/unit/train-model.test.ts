// Parameter layout, size limits, PyTorch's default init and the forward pass on values
// worked out by hand.
import { describe, expect, it } from 'vitest';
import { initParams } from '../../src/core/train/init';
import { checkModel, MODEL_LIMITS, paramLayout } from '../../src/core/train/layout';
import { createNetwork } from '../../src/core/train/network';
import type { CnnSpec, MlpSpec, ModelSpec } from '../../src/core/train/types';

const mnistMlp: MlpSpec = {
  kind: 'mlp',
  sizes: [784, 128, 10],
  activation: 'relu',
  loss: 'cross_entropy',
};
const mnistCnn: CnnSpec = {
  kind: 'cnn',
  input: [1, 28, 28],
  outChannels: 8,
  kernelSize: 3,
  pool: 2,
  activation: 'relu',
  classes: 10,
  loss: 'cross_entropy',
};

describe('parameter layout (docs/TRAIN-FORMAT.md)', () => {
  it('MLP: W₀ [128×784], b₀, W₁ [10×128], b₁ in order', () => {
    const layout = paramLayout(mnistMlp);
    // 784·128 + 128 + 128·10 + 10 = 100352 + 128 + 1280 + 10
    expect(layout.count).toBe(101770);
    expect(layout.tensors.map((t) => [t.name, t.offset, t.shape])).toEqual([
      ['layers.0.weight', 0, [128, 784]],
      ['layers.0.bias', 100352, [128]],
      ['layers.1.weight', 100480, [10, 128]],
      ['layers.1.bias', 101760, [10]],
    ]);
    expect([layout.inputs, layout.outputs]).toEqual([784, 10]);
  });

  it('CNN: conv weight [8×1×3×3], conv bias, linear [10×(8·13·13)], linear bias', () => {
    const layout = paramLayout(mnistCnn);
    // 28 − 3 + 1 = 26, pooled ⌊26/2⌋ = 13: 8·13·13 = 1352 features
    expect(layout.tensors.map((t) => [t.name, t.offset, t.shape, t.fanIn])).toEqual([
      ['conv.weight', 0, [8, 1, 3, 3], 9],
      ['conv.bias', 72, [8], 9],
      ['fc.weight', 80, [10, 1352], 1352],
      ['fc.bias', 13600, [10], 1352],
    ]);
    expect(layout.count).toBe(13610);
  });

  it('the line fit has 2 parameters, logistic regression 21', () => {
    const line: ModelSpec = { kind: 'mlp', sizes: [1, 1], activation: 'none', loss: 'mse' };
    const logreg: ModelSpec = { kind: 'mlp', sizes: [20, 1], activation: 'none', loss: 'bce' };
    expect(paramLayout(line).count).toBe(2);
    expect(paramLayout(logreg).count).toBe(21);
  });
});

describe('size limits', () => {
  const mlp = (sizes: number[], loss: MlpSpec['loss'] = 'cross_entropy'): MlpSpec => ({
    kind: 'mlp',
    sizes,
    activation: 'relu',
    loss,
  });

  it('accepts the tasks of the Train view', () => {
    expect(checkModel(mnistMlp)).toBeNull();
    expect(checkModel(mnistCnn)).toBeNull();
    expect(checkModel(mlp([100, 64, 10]))).toBeNull();
    expect(checkModel(mlp([MODEL_LIMITS.inputs, MODEL_LIMITS.units, 10]))).toBeNull();
  });

  it('names the layer over a limit', () => {
    expect(checkModel(mlp([784, 128, 5000, 10]))).toEqual({
      field: 'sizes[2]',
      message: 'layer 2 has 5000 units; at most 1024',
    });
    expect(checkModel(mlp([5000, 10]))?.message).toBe('the input has 5000 values; at most 4096');
    expect(checkModel(mlp([4, 4, 4, 4, 4, 4, 4, 4, 4, 4]))?.message).toBe('9 layers; at most 8');
    expect(checkModel(mlp([4, 0, 2]))).toEqual({
      field: 'sizes[1]',
      message: 'must be an integer ≥ 1, got 0',
    });
    expect(checkModel(mlp([4, 2], 'bce'))?.message).toBe('the bce loss needs 1 output, got 2');
  });

  it('names the CNN field over a limit', () => {
    expect(checkModel({ ...mnistCnn, outChannels: 65 })?.message).toBe(
      'the conv layer has 65 channels; at most 64',
    );
    expect(checkModel({ ...mnistCnn, kernelSize: 11 })?.field).toBe('kernel_size');
    expect(checkModel({ ...mnistCnn, input: [1, 2, 2] })?.message).toBe(
      'the 3×3 kernel does not fit the 2×2 image',
    );
    expect(checkModel({ ...mnistCnn, pool: 27 })?.field).toBe('pool');
    expect(checkModel({ ...mnistCnn, input: [3, 64, 64] })?.message).toBe(
      'the input has 12288 values; at most 4096',
    );
  });
});

describe("PyTorch's default init from a seed", () => {
  it('every tensor within ±1/√fan_in, spread like a uniform', () => {
    const params = initParams(mnistMlp, 42);
    for (const t of paramLayout(mnistMlp).tensors) {
      const bound = 1 / Math.sqrt(t.fanIn);
      const values = params.subarray(t.offset, t.offset + t.size);
      let max = 0;
      let sum = 0;
      let squares = 0;
      for (const v of values) {
        max = Math.max(max, Math.abs(v));
        sum += v;
        squares += v * v;
      }
      expect(max).toBeLessThanOrEqual(bound);
      if (t.size >= 1000) {
        // U(−b, b): mean 0, variance b²/3; the largest |value| close to b
        const mean = sum / t.size;
        const variance = squares / t.size - mean * mean;
        expect(Math.abs(mean)).toBeLessThan(0.02 * bound);
        expect(variance / ((bound * bound) / 3)).toBeCloseTo(1, 1);
        expect(max).toBeGreaterThan(0.99 * bound);
      }
    }
  });

  it('the same seed gives the same weights, another seed others', () => {
    expect(Array.from(initParams(mnistCnn, 7))).toEqual(Array.from(initParams(mnistCnn, 7)));
    const a = initParams(mnistCnn, 7);
    const b = initParams(mnistCnn, 8);
    expect(a.some((v, i) => v !== b[i])).toBe(true);
  });
});

describe('forward pass on values worked out by hand', () => {
  it('MLP 2 → 2 relu → 1', () => {
    const model: ModelSpec = { kind: 'mlp', sizes: [2, 2, 1], activation: 'relu', loss: 'mse' };
    const net = createNetwork(model, 1);
    // W₀ = [[1, 2], [−3, 1]], b₀ = [0.5, 0]; x = (1, 1): z = (3.5, −2) → relu (3.5, 0)
    // W₁ = [[2, 7]], b₁ = [−1]: 2·3.5 + 7·0 − 1 = 6
    const params = Float64Array.from([1, 2, -3, 1, 0.5, 0, 2, 7, -1]);
    net.forward(params, {
      x: Float64Array.from([1, 1]),
      features: 2,
      rows: Int32Array.of(0),
      count: 1,
    });
    expect(net.logits[0]).toBe(6);
  });

  it('CNN: a tie in a pool window goes to its first value in row-major order', () => {
    // Two input channels of 2×2, a 1×1 kernel with weights (1, 1), MaxPool2d(2): every conv
    // value is 4 (channel 0 + channel 1 = 1 + 3 = 3 + 1), a four-way tie. The linear layer
    // (weight 1) sends the gradient 1 back to the first position (0, 0) only, whose inputs
    // are (1, 3): ∂/∂w = (1, 3). The last position (1, 1) would give (3, 1).
    const model: CnnSpec = {
      kind: 'cnn',
      input: [2, 2, 2],
      outChannels: 1,
      kernelSize: 1,
      pool: 2,
      activation: 'none',
      classes: 1,
      loss: 'cross_entropy',
    };
    const net = createNetwork(model, 1);
    const params = Float64Array.from([1, 1, 0, 1, 0]); // conv w (2), conv b, fc w, fc b
    const x = Float64Array.from([1, 3, 3, 3, 3, 1, 1, 1]); // channel 0, then channel 1
    const input = { x, features: 8, rows: Int32Array.of(0), count: 1 };
    net.forward(params, input);
    expect(net.logits[0]).toBe(4);
    const grad = new Float64Array(5);
    net.backward(params, input, Float64Array.of(1), grad);
    // conv w, conv b, fc w (the pooled value 4), fc b
    expect(Array.from(grad)).toEqual([1, 3, 1, 4, 1]);
  });
});
