// Hand-computed optimizer steps (the arithmetic is written out in the comments), the registry
// shape, and the per-step scalars PyTorch computes in Python floats.
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS, optimizerById } from '../../src/core/optimizers';
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

/** Runs `n` steps of `id` from x with a constant gradient function; returns the positions. */
function steps(
  id: string,
  overrides: Record<string, number | boolean>,
  x0: [number, number],
  grad: (x: Float64Array) => [number, number],
  n: number,
): { xs: [number, number][]; state: Float64Array } {
  const d = def(id);
  const params: ParamValues = { ...defaultValues(d.params), ...overrides };
  const scalars = d.stepScalars(params, n);
  const state = new Float64Array(2 * d.stateSlots);
  d.initState?.(params, state);
  const x = new Float64Array(x0);
  const xs: [number, number][] = [];
  for (let t = 1; t <= n; t++) {
    const g = new Float64Array(grad(x));
    d.step(
      x,
      g,
      params['lr'] as number,
      t,
      state,
      params,
      scalars.subarray((t - 1) * STEP_SCALARS, t * STEP_SCALARS),
    );
    xs.push([x[0] as number, x[1] as number]);
  }
  return { xs, state };
}

const constant = (g: [number, number]) => (): [number, number] => g;

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
      expect(o.wgsl).toContain(
        `fn ${camel}Step(g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, c0: vec4<f32>, c1: vec4<f32>)`,
      );
      expect(o.gpuConstants(defaultValues(o.params)).length).toBeLessThanOrEqual(8);
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
    const c = def('adam').gpuConstants({ ...defaultValues(def('adam').params), beta2: 0.999 });
    // 1 − 0.999 in float64 is 0.0010000000000000009, not fl32(1 − fl32(0.999)).
    expect(c[3]).toBe(1 - 0.999);
  });
});

describe('hand-computed steps', () => {
  it('sgd: x ← x − lr·g', () => {
    // x = (1, 2), g = (4, −2), lr = 0.1 → (1 − 0.4, 2 + 0.2) = (0.6, 2.2)
    const { xs } = steps('sgd', { lr: 0.1 }, [1, 2], constant([4, -2]), 1);
    expect(xs[0]?.[0]).toBeCloseTo(0.6, 15);
    expect(xs[0]?.[1]).toBeCloseTo(2.2, 15);
  });

  it('sgd: param.add_(d, alpha=-lr) is one fused multiply-add, as in PyTorch', () => {
    // −0.55 + (−0.01)·10.96725: rounded once → −0.6596725 (PyTorch's value in
    // sgd-styblinski_tang-053); rounding the product first would give −0.6596725000000001
    const { xs } = steps('sgd', { lr: 0.01 }, [0, -0.55], constant([0, 10.96725]), 1);
    expect(xs[0]?.[1]).toBe(-0.6596725);
    expect(-0.55 + -0.01 * 10.96725).not.toBe(-0.6596725);
  });

  it('sgd momentum: the buffer starts as g (no dampening on step 1)', () => {
    // momentum 0.9, dampening 0.5, g = 1 constant, lr = 1:
    // step 1: buf = g = 1 (not 0.5) → x = −1
    // step 2: buf = 0.9·1 + 0.5·1 = 1.4 → x = −2.4
    const { xs } = steps(
      'sgd',
      { lr: 1, momentum: 0.9, dampening: 0.5 },
      [0, 0],
      constant([1, 0]),
      2,
    );
    expect(xs[0]?.[0]).toBeCloseTo(-1, 15);
    expect(xs[1]?.[0]).toBeCloseTo(-2.4, 14);
  });

  it('sgd nesterov: steps along g + μ·buf', () => {
    // step 1: buf = 1, d = 1 + 0.9·1 = 1.9 → x = −0.19 with lr 0.1
    const { xs } = steps(
      'sgd',
      { lr: 0.1, momentum: 0.9, nesterov: true },
      [0, 0],
      constant([1, 0]),
      1,
    );
    expect(xs[0]?.[0]).toBeCloseTo(-0.19, 15);
  });

  it('no step changes the gradient it is given', () => {
    for (const o of OPTIMIZERS) {
      const params = { ...defaultValues(o.params), lr: 0.1, weight_decay: 0.5 };
      const g = new Float64Array([1, -2]);
      const state = new Float64Array(2 * o.stateSlots);
      o.initState?.(params, state);
      o.step(new Float64Array([3, 4]), g, 0.1, 1, state, params, o.stepScalars(params, 1));
      expect(Array.from(g), o.id).toEqual([1, -2]);
    }
  });

  it('sgd weight decay is added to the gradient', () => {
    // g' = g + λx = 0 + 0.5·2 = 1 → x = 2 − 0.1·1 = 1.9
    const { xs } = steps('sgd', { lr: 0.1, weight_decay: 0.5 }, [2, 0], constant([0, 0]), 1);
    expect(xs[0]?.[0]).toBeCloseTo(1.9, 15);
  });

  it('adam: the first step moves by lr·sign(g)', () => {
    // m = 0.1·g, v = 0.001·g²; m̂ = g, √v̂ = |g| → step = lr·g/(|g| + ε) ≈ lr·sign(g)
    const { xs } = steps('adam', { lr: 0.01 }, [1, 1], constant([5, -0.003]), 1);
    expect(xs[0]?.[0]).toBeCloseTo(1 - 0.01, 9);
    expect(xs[0]?.[1]).toBeCloseTo(1 + 0.01, 7);
  });

  it('adamw decays x by (1 − lr·λ) before the Adam step', () => {
    // x = 10, g = 0 → Adam part is 0/(0 + ε) = 0, so x = 10·(1 − 0.1·0.5) = 9.5
    const { xs } = steps('adamw', { lr: 0.1, weight_decay: 0.5 }, [10, 0], constant([0, 0]), 1);
    expect(xs[0]?.[0]).toBeCloseTo(9.5, 14);
  });

  it('adam amsgrad keeps the largest second moment', () => {
    // v₁ = 0.001·16 = 0.016; then g = 0 → v₂ = 0.999·0.016 < v₁, so v_max stays 0.016
    let calls = 0;
    const grad = (): [number, number] => (calls++ === 0 ? [4, 0] : [0, 0]);
    const { state } = steps('adam', { amsgrad: true }, [0, 0], grad, 2);
    expect(state[4]).toBeCloseTo(0.016, 15);
    expect(state[2]).toBeCloseTo(0.999 * 0.016, 15);
  });

  it('adagrad: x ← x − clr·g/(√sum + ε), clr = lr/(1 + (t−1)·lr_decay)', () => {
    // sum₀ = 1, g = 3: sum = 10; step 1 clr = 0.1 → x = −0.3/√10
    // step 2: sum = 19, clr = 0.1/(1 + 0.5) → x −= (0.1/1.5)·3/√19
    const { xs } = steps(
      'adagrad',
      { lr: 0.1, lr_decay: 0.5, initial_accumulator_value: 1, eps: 0 },
      [0, 0],
      constant([3, 0]),
      2,
    );
    expect(xs[0]?.[0]).toBeCloseTo(-0.3 / Math.sqrt(10), 15);
    expect(xs[1]?.[0]).toBeCloseTo(-0.3 / Math.sqrt(10) - ((0.1 / 1.5) * 3) / Math.sqrt(19), 15);
  });

  it('rmsprop centered uses √(sq − ga²) + ε', () => {
    // α = 0.5, g = 2: sq = 0.5·4 = 2, ga = 0.5·2 = 1 → avg = √(2 − 1) = 1 → x = −lr·2 = −0.02
    const { xs } = steps(
      'rmsprop',
      { lr: 0.01, alpha: 0.5, centered: true, eps: 0 },
      [0, 0],
      constant([2, 0]),
      1,
    );
    expect(xs[0]?.[0]).toBeCloseTo(-0.02, 15);
  });

  it('rmsprop momentum accumulates g/avg', () => {
    // α = 0.75, g = 2: sq = 0.25·4 = 1, avg = 1; buf = 2 → x = −0.2;
    // step 2: sq = 0.75 + 1 = 1.75, buf = 0.5·2 + 2/√1.75 → x = −0.2 − 0.1·buf
    const { xs } = steps(
      'rmsprop',
      { lr: 0.1, alpha: 0.75, momentum: 0.5, eps: 0 },
      [0, 0],
      constant([2, 0]),
      2,
    );
    expect(xs[0]?.[0]).toBeCloseTo(-0.2, 15);
    expect(xs[1]?.[0]).toBeCloseTo(-0.2 - 0.1 * (1 + 2 / Math.sqrt(1.75)), 15);
  });

  it('adadelta: δ = √(acc + ε)/√(sq + ε)·g, and lr scales only the step', () => {
    // ρ = 0.9, ε = 1e-6, g = 1: sq = 0.1, δ = √1e-6/√(0.100001) → x = −lr·δ
    const { xs, state } = steps('adadelta', { lr: 2, eps: 1e-6 }, [0, 0], constant([1, 0]), 1);
    const delta = Math.sqrt(1e-6) / Math.sqrt(0.1 + 1e-6);
    expect(xs[0]?.[0]).toBeCloseTo(-2 * delta, 15);
    // acc = 0.1·δ², independent of lr
    expect(state[2]).toBeCloseTo(0.1 * delta * delta, 18);
  });

  it('adamax: u = max(β₂·u, |g| + ε), step lr/(1 − β₁ᵗ)·m/u', () => {
    // g = −2: m = −0.2, u = 2 + 1e-8, clr = lr/0.1 → x = 0.002/0.1·0.2/(2 + 1e-8) ≈ 0.002
    const { xs } = steps('adamax', {}, [0, 0], constant([-2, 0]), 1);
    expect(xs[0]?.[0]).toBeCloseTo((0.02 * 0.2) / (2 + 1e-8), 15);
  });

  it('nadam: first step with μ₁, μ₂ and the float32 product', () => {
    // μ₁ = 0.9·(1 − 0.5·0.96^0.004), μ₂ = 0.9·(1 − 0.5·0.96^0.008); Π₁ = fl32(fl32(μ₁))
    // m = 0.1g, v = 0.001g², d = √(v/0.001) + ε = |g| + ε
    // x = −lr(1 − μ₁)/(1 − Π₁)·g/d − lr·μ₂/(1 − Π₂)·m/d,  Π₂ = fl32(fl32(Π₁·fl32 μ₁)·fl32 μ₂)
    const f = Math.fround;
    const mu1 = 0.9 * (1 - 0.5 * pyPow(0.96, 0.004));
    const mu2 = 0.9 * (1 - 0.5 * pyPow(0.96, 0.008));
    const p1 = f(f(mu1));
    const p2 = f(f(p1 * f(mu1)) * f(mu2));
    const g = 3;
    const d = g + 1e-8;
    const expected =
      ((-0.002 * (1 - mu1)) / (1 - p1)) * (g / d) + ((-0.002 * mu2) / (1 - p2)) * ((0.1 * g) / d);
    const { xs, state } = steps('nadam', {}, [0, 0], constant([g, 0]), 1);
    expect(xs[0]?.[0]).toBeCloseTo(expected, 16);
    expect(state[4]).toBe(p1);
  });

  it('radam: no adaptive step while ρ_t ≤ 5 (the first steps with β₂ = 0.999)', () => {
    // ρ∞ = 1999, ρ₁ = 1999 − 2·0.999/0.001 = 1 ≤ 5 → x = −lr·m̂ = −lr·g
    const { xs } = steps('radam', { lr: 0.1 }, [0, 0], constant([3, 0]), 1);
    expect(xs[0]?.[0]).toBeCloseTo(-0.3, 12);
    const scalars = def('radam').stepScalars(defaultValues(def('radam').params), 10);
    // ρ_t crosses 5 at t = 6 with β₂ = 0.999
    expect(scalars[4 * STEP_SCALARS + 1]).toBe(0);
    expect(scalars[5 * STEP_SCALARS + 1]).toBeGreaterThan(0);
  });
});

describe('step scalars', () => {
  it('adam rows hold 1 − β₁ᵗ and √(1 − β₂ᵗ) with Python-exact powers', () => {
    const s = def('adam').stepScalars(defaultValues(def('adam').params), 20);
    // Python: 1 - 0.999 ** 16 = 0.015880558184360126 (V8's 0.999 ** 16 is one ulp off)
    expect(s[15 * STEP_SCALARS + 1]).toBe(Math.sqrt(1 - 0.9841194418156399));
    expect(s[0]).toBeCloseTo(0.1, 16);
  });

  it('pyPow matches Python where Math.pow does not', () => {
    expect(pyPow(0.999, 16)).toBe(0.9841194418156399);
    expect(pyPow(0.9, 4)).toBe(0.6561);
    expect(pyPow(0.96, 0.16)).toBe(0.9934897648836108);
  });
});
