// The optimizer registry's shape, every optimizer's worked examples (written out in its own
// file, src/core/optimizers/<id>.ts) on the float64 update, the element-wise state layout, and
// the per-step scalars PyTorch computes in Python floats.
import { describe, expect, it } from 'vitest';
import {
  OPTIMIZERS,
  createOptimizerState,
  createStepInputs,
  optimizerById,
  setStepInputs,
  updateAll,
} from '../../src/core/optimizers';
import { nadamScalars } from '../../src/core/optimizers/nadam';
import { STEP_SCALARS, type OptimizerDef } from '../../src/core/types';
import {
  defaultValues,
  sliderToValue,
  validateParam,
  type ParamValues,
} from '../../src/core/params';
import { pyPow } from '../../src/core/pymath';

function def(id: string): OptimizerDef {
  const d = optimizerById(id);
  if (!d) throw new Error(id);
  return d;
}

/**
 * Runs the float64 update over a vector: gradients[t] is the gradient of every element at step
 * t + 1. Returns x after each step.
 */
function run(
  d: OptimizerDef,
  overrides: Readonly<Record<string, number | boolean>>,
  x0: readonly number[],
  gradients: readonly (readonly number[])[],
): { xs: number[][]; state: Float64Array } {
  const params: ParamValues = { ...defaultValues(d.params), ...overrides };
  const scalars = d.stepScalars(params, gradients.length);
  const constants = d.constants(params);
  const state = createOptimizerState(d, params, x0.length);
  const step = createStepInputs();
  const x = new Float64Array(x0);
  const xs: number[][] = [];
  gradients.forEach((g, t) => {
    setStepInputs(step, params['lr'] as number, t, scalars);
    updateAll(d, x, new Float64Array(g), state, step, constants);
    xs.push(Array.from(x));
  });
  return { xs, state };
}

describe('optimizer registry', () => {
  it('has the nine PyTorch optimizers with PyTorch defaults', () => {
    expect(OPTIMIZERS.map((o) => o.id)).toEqual([
      'sgd',
      'adagrad',
      'rmsprop',
      'adadelta',
      'adam',
      'adamw',
      'adamax',
      'nadam',
      'radam',
    ]);
    const defaults = (id: string): Record<string, unknown> => defaultValues(def(id).params);
    expect(defaults('adam')).toMatchObject({
      lr: 0.001,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weight_decay: 0,
      amsgrad: false,
    });
    expect(defaults('adamw')).toMatchObject({ weight_decay: 0.01 });
    expect(defaults('adagrad')).toMatchObject({
      lr: 0.01,
      eps: 1e-10,
      lr_decay: 0,
      initial_accumulator_value: 0,
    });
    expect(defaults('rmsprop')).toMatchObject({
      lr: 0.01,
      alpha: 0.99,
      eps: 1e-8,
      momentum: 0,
      centered: false,
    });
    expect(defaults('adadelta')).toMatchObject({ lr: 1, rho: 0.9, eps: 1e-6 });
    expect(defaults('adamax')).toMatchObject({ lr: 0.002 });
    expect(defaults('nadam')).toMatchObject({ lr: 0.002, momentum_decay: 0.004 });
    expect(def('sgd').params.find((p) => p.key === 'lr')?.required).toBe(true);
  });

  it('declares names, state, formulas and the WGSL function for every entry', () => {
    for (const o of OPTIMIZERS) {
      expect(o.stateNames).toHaveLength(o.stateSlots);
      expect(o.stateSlots).toBeLessThanOrEqual(4);
      expect(o.formula.length).toBeGreaterThan(0);
      const camel = o.id.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      // The element-wise WGSL signature (whitespace as the snippets write it).
      expect(o.wgsl.replace(/\s+/g, ' ')).toContain(
        `fn ${camel}Step( x: f32, g: f32, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>, state: ptr<function, vec4<f32>>, ) -> f32`,
      );
      // The TS update has the same name as the WGSL one.
      expect(o.update.name).toBe(`${camel}Step`);
      expect(o.constants(defaultValues(o.params))).toHaveLength(8);
      expect(o.initialState?.(defaultValues(o.params)).length ?? 0).toBeLessThanOrEqual(
        o.stateSlots,
      );
      expect(o.examples.length).toBeGreaterThan(0);
      for (const p of o.params) expect(validateParam(p, p.default)).toBeNull();
    }
  });

  it('maps betas to beta1/beta2 with their spec positions', () => {
    const [b1, b2] = def('adam').params.filter((p) => p.specKey);
    expect(b1?.specKey).toEqual({ key: 'betas', index: 0 });
    expect(b2?.specKey).toEqual({ key: 'betas', index: 1 });
  });

  it('momentum slider reaches exactly 0 and 0.999, with 0.9 a third of the way', () => {
    const momentum = def('sgd').params.find((p) => p.key === 'momentum');
    if (momentum?.kind !== 'number') throw new Error('momentum');
    expect(sliderToValue(momentum, 0)).toBe(0);
    expect(sliderToValue(momentum, 1)).toBeCloseTo(0.999, 12);
    expect(sliderToValue(momentum, 1 / 3)).toBeCloseTo(0.9, 12);
  });

  it('computes 1 − β₂ in float64 for the GPU constants', () => {
    const c = def('adam').constants({ ...defaultValues(def('adam').params), beta2: 0.999 });
    // 1 − 0.999 in float64 is 0.0010000000000000009, not fl32(1 − fl32(0.999)).
    expect(c[3]).toBe(1 - 0.999);
  });
});

describe('worked examples (each optimizer file), float64 update', () => {
  for (const o of OPTIMIZERS) {
    for (const example of o.examples) {
      it(`${o.id}: ${example.name}`, () => {
        const { xs } = run(
          o,
          example.params,
          [example.x0],
          example.gradients.map((g) => [g]),
        );
        expect(xs).toHaveLength(example.expected.length);
        example.expected.forEach((e, t) => {
          const p = xs[t]?.[0] as number;
          // The expected values come from the textbook formulas in Python (no fused
          // multiply-adds): a few ulps apart at most.
          expect(Math.abs(p - e) / (1 + Math.abs(e)), `step ${t + 1}: ${p} vs ${e}`).toBeLessThan(
            1e-14,
          );
        });
      });
    }
  }
});

describe('element-wise contract', () => {
  it('a vector update is the same as updating each element alone (state stride)', () => {
    for (const o of OPTIMIZERS) {
      const params = { lr: 0.05, weight_decay: 0.01 };
      const gradients = [
        [1, -2, 0.5],
        [0.3, 4, -1],
        [-2, 1, 0],
      ];
      const together = run(o, params, [1, -1, 2], gradients).xs;
      for (let i = 0; i < 3; i++) {
        const alone = run(
          o,
          params,
          [[1, -1, 2][i] as number],
          gradients.map((g) => [g[i] as number]),
        ).xs;
        expect(
          together.map((x) => x[i]),
          `${o.id} element ${i}`,
        ).toEqual(alone.map((x) => x[0]));
      }
    }
  });

  it('sgd: param.add_(d, alpha=-lr) is one fused multiply-add, as in PyTorch', () => {
    // −0.55 + (−0.01)·10.96725: rounded once → −0.6596725 (PyTorch's value in
    // sgd-styblinski_tang-053); rounding the product first would give −0.6596725000000001
    const { xs } = run(def('sgd'), { lr: 0.01 }, [-0.55], [[10.96725]]);
    expect(xs[0]?.[0]).toBe(-0.6596725);
    expect(-0.55 + -0.01 * 10.96725).not.toBe(-0.6596725);
  });

  it('adam amsgrad keeps the largest second moment in slot 2', () => {
    // v₁ = 0.001·16 = 0.016; then g = 0 → v₂ = 0.999·0.016 < v₁, so v_max stays 0.016
    const { state } = run(def('adam'), { amsgrad: true }, [0], [[4], [0]]);
    expect(state[2]).toBeCloseTo(0.016, 15);
    expect(state[1]).toBeCloseTo(0.999 * 0.016, 15);
  });

  it('adadelta: acc_delta does not depend on the lr', () => {
    const a = run(def('adadelta'), { lr: 2 }, [0], [[1]]).state;
    const b = run(def('adadelta'), { lr: 0.1 }, [0], [[1]]).state;
    expect(a[1]).toBe(b[1]);
  });

  it('adagrad starts every element at initial_accumulator_value', () => {
    const params = { ...defaultValues(def('adagrad').params), initial_accumulator_value: 0.3 };
    expect(Array.from(createOptimizerState(def('adagrad'), params, 3))).toEqual([0.3, 0.3, 0.3]);
  });
});

describe('step scalars', () => {
  it('adam rows hold 1 − β₁ᵗ and √(1 − β₂ᵗ) with Python-exact powers', () => {
    const s = def('adam').stepScalars(defaultValues(def('adam').params), 20);
    // Python: 1 - 0.999 ** 16 = 0.015880558184360126 (V8's 0.999 ** 16 is one ulp off)
    expect(s[15 * STEP_SCALARS + 1]).toBe(Math.sqrt(1 - 0.9841194418156399));
    expect(s[0]).toBeCloseTo(0.1, 16);
  });

  it('nadam folds the float32 μ-product into its rows', () => {
    // μ₁ = 0.9·(1 − 0.5·0.96^0.004), μ₂ = 0.9·(1 − 0.5·0.96^0.008); Π₁ = fl32(1·fl32(μ₁));
    // Π′₁ = fl32(fl32(Π₁·fl32(μ₁))·fl32(μ₂)): PyTorch 1.13 multiplies by μ₁ twice
    const f = Math.fround;
    const mu1 = 0.9 * (1 - 0.5 * pyPow(0.96, 0.004));
    const mu2 = 0.9 * (1 - 0.5 * pyPow(0.96, 0.008));
    const p1 = f(f(mu1));
    const p1Next = f(f(p1 * f(mu1)) * f(mu2));
    const s = nadamScalars(0.9, 0.999, 0.004, 2);
    expect(s[0]).toBe((1 - mu1) / (1 - p1));
    expect(s[1]).toBe(mu2 / (1 - p1Next));
    expect(s[2]).toBeCloseTo(0.001, 15);
  });

  it('radam: no adaptive step while ρ_t ≤ 5 (the first five steps with β₂ = 0.999)', () => {
    const scalars = def('radam').stepScalars(defaultValues(def('radam').params), 10);
    // ρ_t crosses 5 at t = 6 with β₂ = 0.999
    expect(scalars[4 * STEP_SCALARS + 1]).toBe(0);
    expect(scalars[5 * STEP_SCALARS + 1]).toBeGreaterThan(0);
  });

  it('pyPow matches Python where Math.pow does not', () => {
    expect(pyPow(0.999, 16)).toBe(0.9841194418156399);
    expect(pyPow(0.9, 4)).toBe(0.6561);
    expect(pyPow(0.96, 0.16)).toBe(0.9934897648836108);
  });
});
