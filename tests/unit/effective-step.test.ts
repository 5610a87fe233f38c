// The effective step size per coordinate (OptimizerDef.effectiveStep, core/effectiveStep.ts)
// against hand computations, and tied to the update itself: with momentum off and no weight
// decay every optimizer moves by exactly −effectiveStep·g.
import { describe, expect, it } from 'vitest';
import { effectiveStepSeries } from '../../src/core/effectiveStep';
import {
  OPTIMIZERS,
  createOptimizerState,
  createStepInputs,
  optimizerById,
  setStepInputs,
} from '../../src/core/optimizers';
import { defaultValues } from '../../src/core/params';
import { reduceSeries } from '../../src/core/reduce';
import { parseRunSpec } from '../../src/core/spec';
import type { OptimizerDef } from '../../src/core/types';
import type { ParamValues } from '../../src/core/params';

/** Runs one element through `def` with the given gradients; returns (x, eff) after each step. */
function oneElement(def: OptimizerDef, params: ParamValues, x0: number, gradients: number[]) {
  const p = { ...defaultValues(def.params), ...params };
  const state = createOptimizerState(def, p, 1);
  const before = new Float64Array(state.length);
  const scalars = def.stepScalars(p, gradients.length);
  const c = def.constants(p);
  const step = createStepInputs();
  let x = x0;
  return gradients.map((g, t) => {
    setStepInputs(step, p['lr'] as number, t, scalars);
    before.set(state);
    x = def.update(x, g, state, 0, 1, step, c);
    return { x, eff: def.effectiveStep(before, state, 0, 1, step, c) };
  });
}

const adam = optimizerById('adam')!;
const adagrad = optimizerById('adagrad')!;

describe('effectiveStep by hand', () => {
  it('Adam: η/(√v̂ + ε) with v̂ = v/(1 − β₂ᵗ)', () => {
    // g = 5, 4, −1; β₂ = 0.999, ε = 1e-8, η = 0.01
    // v₁ = 0.001·25 = 0.025;               v̂₁ = 0.025/0.001 = 25        → η/(5 + ε)
    // v₂ = 0.999·0.025 + 0.001·16 = 0.040975; v̂₂ = 0.040975/0.001999
    // v₃ = 0.999·0.040975 + 0.001·1 = 0.041934025; v̂₃ = v₃/(1 − 0.999³) = v₃/0.002997001
    const steps = oneElement(adam, { lr: 0.01 }, 1, [5, 4, -1]);
    const expected = [
      0.01 / (5 + 1e-8),
      0.01 / (Math.sqrt(0.040975 / 0.001999) + 1e-8),
      0.01 / (Math.sqrt(0.041934025 / 0.002997001) + 1e-8),
    ];
    steps.forEach((s, i) => expect(s.eff).toBeCloseTo(expected[i]!, 12));
    // and the update moved by eff·m̂ (m̂₁ = g₁ = 5): 1 − 0.01·5/(5 + ε)
    expect(steps[0]!.x).toBeCloseTo(1 - expected[0]! * 5, 14);
  });

  it('Adam with AMSGrad divides by the largest v̂ seen', () => {
    // v₁ = 0.016 (g = 4), then g = 0: v₂ = 0.999·0.016 < v₁, so v_max stays 0.016
    const steps = oneElement(adam, { lr: 0.1, amsgrad: true }, 0, [4, 0]);
    expect(steps[1]!.eff).toBeCloseTo(0.1 / (Math.sqrt(0.016 / (1 - 0.999 ** 2)) + 1e-8), 12);
  });

  it('AdaGrad: ηₜ/(√s + ε) with s the sum of squared gradients', () => {
    // s₀ = 1, g = 3, 3, 1; lr_decay 0.5: η₁ = 0.1, η₂ = 0.1/1.5, η₃ = 0.1/2
    // s = 10, 19, 20
    const steps = oneElement(
      adagrad,
      { lr: 0.1, lr_decay: 0.5, initial_accumulator_value: 1, eps: 0 },
      0,
      [3, 3, 1],
    );
    expect(steps.map((s) => s.eff)).toEqual([
      0.1 / Math.sqrt(10),
      0.1 / 1.5 / Math.sqrt(19),
      0.1 / 2 / Math.sqrt(20),
    ]);
  });
});

/** Hyperparameters that turn momentum off (so the update's direction is g itself). */
const NO_MOMENTUM: Record<string, ParamValues> = {
  adam: { beta1: 0 },
  adamw: { beta1: 0, weight_decay: 0 },
  adamax: { beta1: 0 },
  nadam: { beta1: 0 },
  radam: { beta1: 0, beta2: 0.9 },
};

describe('effectiveStep is the step the update takes', () => {
  it.each(OPTIMIZERS.map((d) => [d.id, d] as const))(
    '%s: x_{t+1} − x_t = −effectiveStep·g with momentum off',
    (id, def) => {
      const gradients = [2, -0.5, 1.5, 0.25, -3, 1, 1, 0.5];
      const steps = oneElement(def, { lr: 0.05, ...NO_MOMENTUM[id] }, 1, gradients);
      let x = 1;
      steps.forEach((s, t) => {
        const g = gradients[t]!;
        expect(s.eff).toBeGreaterThan(0);
        expect(s.x - x).toBeCloseTo(-s.eff * g, 12);
        x = s.x;
      });
    },
  );
});

describe('effectiveStepSeries', () => {
  const spec = (optimizer: object, steps: number) =>
    parseRunSpec(
      {
        id: 'eff',
        surface: { name: 'quadratic', a: 1, b: 10 },
        start: [-4, 2],
        optimizer,
        steps,
      },
      0,
    );

  it('steps the run and reads each coordinate (Adam on ½(x² + 10y²), by hand)', () => {
    // ∇f = (x, 10y); Adam η = 0.1 written out: m, v per coordinate, x −= η·m̂/(√v̂ + ε)
    const r = effectiveStepSeries(spec({ name: 'adam', lr: 0.1 }, 4), 100);
    const pos = [-4, 2];
    const m = [0, 0];
    const v = [0, 0];
    for (let t = 1; t <= 4; t++) {
      const g = [pos[0]!, 10 * pos[1]!];
      for (let i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * g[i]! ** 2;
        const vHat = v[i]! / (1 - 0.999 ** t);
        const eff = 0.1 / (Math.sqrt(vHat) + 1e-8);
        expect(r.values[i]![t - 1]).toBeCloseTo(eff, 10);
        pos[i] = pos[i]! - (eff * m[i]!) / (1 - 0.9 ** t);
      }
    }
    expect(r.steps).toEqual([0, 1, 2, 3]);
  });

  it('is the scheduled η for SGD', () => {
    const run = parseRunSpec(
      {
        id: 'sgd',
        surface: { name: 'quadratic' },
        start: [1, 1],
        optimizer: { name: 'sgd', lr: 0.05, momentum: 0.9 },
        schedule: { name: 'step_lr', step_size: 2, gamma: 0.5 },
        steps: 5,
      },
      0,
    );
    const r = effectiveStepSeries(run, 100);
    expect(Array.from(r.values[0]!)).toEqual([0.05, 0.05, 0.025, 0.025, 0.0125]);
    expect(Array.from(r.values[1]!)).toEqual(Array.from(r.values[0]!));
  });

  it('keeps only the columns of a long run, as reduceSeries would of the whole series', () => {
    const run = spec({ name: 'rmsprop', lr: 0.01 }, 3000);
    const full = effectiveStepSeries(run, 10_000);
    expect(full.steps).toHaveLength(3000);
    const reduced = effectiveStepSeries(run, 100);
    const expected = reduceSeries(full.values, 3000, 100, (v) => v > 0);
    expect(reduced.steps).toEqual(expected.steps);
    expect(reduced.values).toEqual(expected.values);
    expect(reduced.steps.length).toBeLessThanOrEqual(200);
  });

  it('is NaN from a divergence on', () => {
    const r = effectiveStepSeries(spec({ name: 'sgd', lr: 100 }, 200), 1000);
    expect(Number.isNaN(r.values[0]![199])).toBe(true);
    expect(r.values[0]![0]).toBe(100);
  });
});
