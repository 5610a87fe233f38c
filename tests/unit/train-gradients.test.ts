// The hand-written backward passes against central finite differences in float64, for every
// activation × loss of the MLP and every activation of the CNN (conv, max-pool, linear), on
// random data and weights: ∂L/∂θ_i ≈ (L(θ + h·e_i) − L(θ − h·e_i)) / 2h, whose error is
// O(h²)·L''' + O(ε/h) ≈ 1e-10 for h = 1e-5.
import { describe, expect, it } from 'vitest';
import { initParams } from '../../src/core/train/init';
import { paramLayout } from '../../src/core/train/layout';
import { lossSum } from '../../src/core/train/loss';
import { createNetwork } from '../../src/core/train/network';
import { mulberry32, normal } from '../../src/core/rng';
import type { Activation, LossKind, ModelSpec } from '../../src/core/train/types';

const ACTIVATIONS: Activation[] = ['relu', 'tanh', 'sigmoid', 'none'];
const LOSSES: LossKind[] = ['cross_entropy', 'bce', 'mse'];

interface Problem {
  model: ModelSpec;
  x: Float64Array;
  y: Float64Array;
  rows: Int32Array;
  features: number;
}

function problem(model: ModelSpec, seed: number, batch: number): Problem {
  const layout = paramLayout(model);
  const rand = mulberry32(seed);
  const dataRows = batch + 3;
  const x = Float64Array.from({ length: dataRows * layout.inputs }, () => normal(rand));
  const y = Float64Array.from({ length: dataRows }, () => {
    if (model.loss === 'cross_entropy') return Math.floor(rand() * layout.outputs);
    if (model.loss === 'bce') return rand() < 0.5 ? 0 : 1;
    return normal(rand);
  });
  // A batch that skips rows and repeats one, as a sampled batch may.
  const rows = Int32Array.from({ length: batch }, (_, n) => (n * 2 + 1) % dataRows);
  rows[batch - 1] = rows[0] as number;
  return { model, x, y, rows, features: layout.inputs };
}

/** The largest |analytic − numeric| / (1 + |numeric|) over every parameter. */
function worstGradientError(p: Problem, params: Float64Array): number {
  const layout = paramLayout(p.model);
  const count = p.rows.length;
  const net = createNetwork(p.model, count);
  const input = { x: p.x, features: p.features, rows: p.rows, count };
  const targets = { y: p.y, rows: p.rows };
  const dLogits = new Float64Array(count * layout.outputs);
  const loss = (theta: Float64Array): number => {
    net.forward(theta, input);
    return lossSum(p.model.loss, net.logits, layout.outputs, count, targets, null) / count;
  };
  net.forward(params, input);
  lossSum(p.model.loss, net.logits, layout.outputs, count, targets, dLogits);
  const grad = new Float64Array(layout.count).fill(NaN);
  net.backward(params, input, dLogits, grad);
  const h = 1e-5;
  const theta = Float64Array.from(params);
  let worst = 0;
  for (let i = 0; i < layout.count; i++) {
    const v = params[i] as number;
    theta[i] = v + h;
    const up = loss(theta);
    theta[i] = v - h;
    const down = loss(theta);
    theta[i] = v;
    const numeric = (up - down) / (2 * h);
    const err = Math.abs((grad[i] as number) - numeric) / (1 + Math.abs(numeric));
    worst = Math.max(worst, Number.isNaN(err) ? Infinity : err);
  }
  return worst;
}

describe('MLP gradients vs central differences', () => {
  const cases = ACTIVATIONS.flatMap((activation) =>
    LOSSES.map((loss) => [activation, loss] as const),
  );
  it.each(cases)('%s activation, %s loss', (activation, loss) => {
    const outputs = loss === 'cross_entropy' ? 4 : 1;
    const model: ModelSpec = { kind: 'mlp', sizes: [5, 7, 6, outputs], activation, loss };
    const p = problem(model, 11, 9);
    const params = initParams(model, 3);
    // Larger weights than the default init, so tanh and sigmoid leave their linear part.
    params.forEach((v, i) => (params[i] = 2.5 * v));
    expect(worstGradientError(p, params)).toBeLessThan(1e-7);
  });

  it('a single linear layer (the line fit and logistic regression)', () => {
    for (const loss of ['mse', 'bce'] as const) {
      const model: ModelSpec = { kind: 'mlp', sizes: [3, 1], activation: 'none', loss };
      expect(worstGradientError(problem(model, 5, 6), initParams(model, 8))).toBeLessThan(1e-7);
    }
  });
});

describe('CNN gradients vs central differences (conv → activation → max-pool → linear)', () => {
  it.each(ACTIVATIONS)('%s activation', (activation) => {
    // 2 input channels, 7×6 images: a 3×3 kernel gives 5×4 maps, pool 2 drops the last row
    // (floor mode), so the gradient must also skip values no window reads.
    const model: ModelSpec = {
      kind: 'cnn',
      input: [2, 7, 6],
      outChannels: 3,
      kernelSize: 3,
      pool: 2,
      activation,
      classes: 4,
      loss: 'cross_entropy',
    };
    const p = problem(model, 21, 5);
    const params = initParams(model, 4);
    expect(worstGradientError(p, params)).toBeLessThan(1e-7);
  });

  it('pool 1 (every conv value reaches the linear layer) and a 1×1 kernel', () => {
    const model: ModelSpec = {
      kind: 'cnn',
      input: [1, 4, 4],
      outChannels: 2,
      kernelSize: 1,
      pool: 1,
      activation: 'tanh',
      classes: 3,
      loss: 'cross_entropy',
    };
    expect(worstGradientError(problem(model, 2, 4), initParams(model, 9))).toBeLessThan(1e-7);
  });
});
