// The pieces of the float64 loop on numbers worked out by hand: the losses and their
// gradients, clipping over the flat gradient, divergence, the held-out evaluation and the
// shuffled batch order.
import { describe, expect, it } from 'vitest';
import { shuffledBatches } from '../../src/core/train/batches';
import { clipFlatGradient } from '../../src/core/train/clip';
import { initParams } from '../../src/core/train/init';
import { paramLayout } from '../../src/core/train/layout';
import { lossSum, predictClasses } from '../../src/core/train/loss';
import { Float64Trainer, trainFloat64 } from '../../src/core/train/trainer';
import type { MlpSpec, TrainRun } from '../../src/core/train/types';

const rowsOf = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

describe('losses', () => {
  it('cross_entropy: log Σ exp(z) − z_y, gradient (softmax − one-hot)/N', () => {
    // z = (0, ln 3) for y = 1: softmax (1/4, 3/4), loss −ln(3/4); z = (0, 0) for y = 0: ln 2
    const logits = Float64Array.from([0, Math.log(3), 0, 0]);
    const d = new Float64Array(4);
    const sum = lossSum('cross_entropy', logits, 2, 2, { y: [1, 0], rows: rowsOf(2) }, d);
    expect(sum / 2).toBeCloseTo((-Math.log(0.75) + Math.log(2)) / 2, 15);
    expect(Array.from(d).map((v) => +v.toFixed(15))).toEqual([0.125, -0.125, -0.25, 0.25]);
  });

  it('cross_entropy stays finite for logits far apart (the max is subtracted)', () => {
    const logits = Float64Array.from([1000, 0, -1000]);
    const d = new Float64Array(3);
    expect(lossSum('cross_entropy', logits, 3, 1, { y: [1], rows: rowsOf(1) }, d)).toBe(1000);
    expect(Array.from(d)).toEqual([1, -1, 0]);
  });

  it('bce with logits: max(z, 0) − z·y + log(1 + e^−|z|), gradient (σ(z) − y)/N', () => {
    // z = 0, y = 1: ln 2, gradient −1/2; z = −800, y = 0: 0 (no overflow), gradient 0
    const logits = Float64Array.from([0, -800]);
    const d = new Float64Array(2);
    const sum = lossSum('bce', logits, 1, 2, { y: [1, 0], rows: rowsOf(2) }, d);
    expect(sum).toBeCloseTo(Math.log(2), 15);
    expect(Array.from(d)).toEqual([-0.25, 0]);
  });

  it('mse: (z − y)², gradient 2(z − y)/N', () => {
    const logits = Float64Array.from([3, 0.5]);
    const d = new Float64Array(2);
    // targets y[rows]: rows (1, 0) read y = (1, 2): (3 − 1)² + (0.5 − 2)² = 4 + 2.25
    const sum = lossSum('mse', logits, 1, 2, { y: [2, 1], rows: Int32Array.of(1, 0) }, d);
    expect(sum).toBe(6.25);
    expect(Array.from(d)).toEqual([2, -1.5]);
  });

  it('predictions: the first largest logit; bce output > 0', () => {
    const out = new Int32Array(2);
    predictClasses('cross_entropy', Float64Array.from([1, 5, 5, 7, 2, 7]), 3, 2, out);
    expect(Array.from(out)).toEqual([1, 0]);
    predictClasses('bce', Float64Array.from([0, 1e-9]), 1, 2, out);
    expect(Array.from(out)).toEqual([0, 1]);
  });
});

describe('clipping over the flat gradient', () => {
  const tensors = paramLayout({
    kind: 'mlp',
    sizes: [1, 1],
    activation: 'none',
    loss: 'mse',
  }).tensors;

  it('max_norm scales every element by max_norm/(‖g‖ + 1e-6)', () => {
    // ‖(3, 4)‖ = 5: coef = 1/(5 + 1e-6)·1
    const g = Float64Array.from([3, 4]);
    expect(clipFlatGradient(g, tensors, 1, null)).toBe(true);
    const coef = (1 / (5 + 1e-6)) * 1;
    expect(Array.from(g)).toEqual([3 * coef, 4 * coef]);
  });

  it('a gradient under the bound is multiplied by exactly 1; then max_value clamps', () => {
    const g = Float64Array.from([0.3, -0.4]);
    clipFlatGradient(g, tensors, 10, null);
    expect(Array.from(g)).toEqual([0.3, -0.4]);
    clipFlatGradient(g, tensors, null, 0.35);
    expect(Array.from(g)).toEqual([0.3, -0.35]);
  });

  it('reports a non-finite gradient', () => {
    expect(clipFlatGradient(Float64Array.from([NaN, 1]), tensors, null, null)).toBe(false);
    expect(clipFlatGradient(Float64Array.from([Infinity, 1]), tensors, 1, null)).toBe(false);
    expect(clipFlatGradient(Float64Array.from([1e300, 1e300]), tensors, 1, null)).toBe(false);
  });
});

/** The line fit y = 2x + 1 on 8 points, batches of 4, SGD at `lr`. */
function lineRun(lr: number, epochs: number): TrainRun {
  const model: MlpSpec = { kind: 'mlp', sizes: [1, 1], activation: 'none', loss: 'mse' };
  const x = Float64Array.from({ length: 8 }, (_, i) => i / 2);
  const y = x.map((v) => 2 * v + 1);
  const plan = shuffledBatches(8, 4, epochs, 3);
  return {
    id: `line-${lr}`,
    model,
    data: { rows: 8, features: 1, x, y },
    init: initParams(model, 1),
    batches: plan.batches,
    epochSteps: plan.epochSteps,
    steps: plan.batches.length,
    optimizer: {
      id: 'sgd',
      params: { lr, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false },
    },
    schedule: null,
    clip: { maxNorm: null, maxValue: null },
  };
}

describe('the loop', () => {
  it('fits the line y = 2x + 1', () => {
    const result = trainFloat64(lineRun(0.05, 300));
    expect(result.divergedAt).toBeNull();
    expect(result.params[0]).toBeCloseTo(2, 6);
    expect(result.params[1]).toBeCloseTo(1, 6);
    expect(result.finalLoss).toBeLessThan(1e-12);
    expect(result.finalAccuracy).toBeNull();
  });

  it('stops at the first non-finite step and says where', () => {
    const trainer = new Float64Trainer(lineRun(10, 50));
    while (trainer.step());
    expect(trainer.status).toBe('diverged');
    const at = trainer.divergedAt as number;
    expect(at).toBeGreaterThan(0);
    expect(trainer.t).toBe(at + 1);
    expect(Number.isFinite(trainer.loss[at - 1])).toBe(true);
    // Nothing ran after it.
    expect(Array.from(trainer.loss.subarray(at + 1)).every(Number.isNaN)).toBe(true);
    expect(trainer.step()).toBe(false);
  });

  it('refuses a run it cannot train, naming it', () => {
    const run = lineRun(0.1, 1);
    expect(() => new Float64Trainer({ ...run, init: Float64Array.of(1) })).toThrow(
      'run line-0.1: init has 1 values; the model has 2 parameters',
    );
    expect(() => new Float64Trainer({ ...run, optimizer: { id: 'lion', params: {} } })).toThrow(
      'unknown optimizer lion',
    );
  });
});

describe('held-out evaluation', () => {
  it('loss, accuracy, predictions and a confusion matrix on another data set', () => {
    // Logistic regression on x > 0, tested on 4 rows of which it gets 3 right.
    const model: MlpSpec = { kind: 'mlp', sizes: [1, 1], activation: 'none', loss: 'bce' };
    const x = Float64Array.from({ length: 20 }, (_, i) => i - 9.5);
    const y = x.map((v) => (v > 0 ? 1 : 0));
    const plan = shuffledBatches(20, 5, 40, 1);
    const trainer = new Float64Trainer({
      id: 'logreg',
      model,
      data: { rows: 20, features: 1, x, y },
      init: Float64Array.of(0, 0),
      batches: plan.batches,
      epochSteps: plan.epochSteps,
      steps: plan.batches.length,
      optimizer: {
        id: 'adam',
        params: { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0, amsgrad: false },
      },
      schedule: null,
      clip: { maxNorm: null, maxValue: null },
    });
    while (trainer.runEpoch() > 0);
    expect(trainer.evaluate().accuracy).toBe(1);
    const test = {
      rows: 4,
      features: 1,
      x: Float64Array.of(-3, 2, 5, -1),
      y: Float64Array.of(0, 1, 0, 0),
    };
    const ev = trainer.evaluate(test);
    expect(Array.from(ev.predictions ?? [])).toEqual([0, 1, 1, 0]);
    expect(ev.accuracy).toBe(0.75);
    // rows: true class, columns: predicted: two 0→0, one 0→1, one 1→1
    expect(Array.from(ev.confusion ?? [])).toEqual([2, 1, 0, 1]);
    expect(ev.classes).toBe(2);
    expect(ev.loss).toBeGreaterThan(0);
  });
});

describe('shuffled batches', () => {
  it('each epoch is a permutation of the rows, the last batch shorter; the seed decides', () => {
    const plan = shuffledBatches(10, 4, 3, 5);
    expect(plan.epochSteps).toBe(3);
    expect(plan.batches.map((b) => b.length)).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2]);
    for (let e = 0; e < 3; e++) {
      const seen = plan.batches.slice(3 * e, 3 * e + 3).flatMap((b) => Array.from(b));
      expect(seen.sort((a, b) => a - b)).toEqual(Array.from(rowsOf(10)));
    }
    const again = shuffledBatches(10, 4, 3, 5).batches.map((b) => Array.from(b));
    expect(plan.batches.map((b) => Array.from(b))).toEqual(again);
    const other = shuffledBatches(10, 4, 3, 6).batches.map((b) => Array.from(b));
    expect(other).not.toEqual(again);
  });
});
