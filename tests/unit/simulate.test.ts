// The float64 simulator's loop: clipping, divergence handling and "Explain this step".
import { describe, expect, it } from 'vitest';
import { clipGradient } from '../../src/core/clip';
import { explainStep, simulate } from '../../src/core/simulate';
import { parseRunSpec } from '../../src/core/spec';
import { fma, pyCos, pyExp, pyPow, pyPowScaledSeries, pyPowSeries } from '../../src/core/pymath';

describe('clipGradient', () => {
  it('scales by max_norm/(‖g‖ + 1e-6) when above the bound', () => {
    // ‖(3, 4)‖ = 5 → coefficient 1/(5 + 1e-6)
    const g = new Float64Array([3, 4]);
    clipGradient(g, 1, null);
    expect(g[0]).toBeCloseTo(3 / (5 + 1e-6), 15);
    expect(g[1]).toBeCloseTo(4 / (5 + 1e-6), 15);
  });

  it('multiplies by exactly 1 below the bound, then clamps each coordinate', () => {
    const g = new Float64Array([0.3, -0.4]);
    clipGradient(g, 1, null);
    expect(Array.from(g)).toEqual([0.3, -0.4]);
    clipGradient(g, null, 0.35);
    expect(Array.from(g)).toEqual([0.3, -0.35]);
  });

  it('clips the norm before the value', () => {
    // norm first: (30, 40)/50.000001·10 ≈ (6, 8); then clamp at 7 → (6, 7)
    const g = new Float64Array([30, 40]);
    clipGradient(g, 10, 7);
    expect(g[0]).toBeCloseTo(6, 6);
    expect(g[1]).toBe(7);
  });
});

const spec = {
  id: 'explain',
  surface: { name: 'rosenbrock' },
  start: [-1.2, 1],
  optimizer: { name: 'adam', lr: 0.01, amsgrad: true },
  schedule: { name: 'step_lr', step_size: 3, gamma: 0.5 },
  clip: { max_norm: 1 },
  steps: 10,
};

describe('simulate', () => {
  it('records steps + 1 points and steps learning rates', () => {
    const tr = simulate(parseRunSpec(spec, 0));
    expect(tr.x).toHaveLength(22);
    expect(tr.loss).toHaveLength(11);
    expect(Array.from(tr.lr)).toEqual([
      0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.0025, 0.0025, 0.0025, 0.00125,
    ]);
    expect(tr.divergedAt).toBeNull();
    // rosenbrock at the start: (1 + 1.2)² + 100·(1 − 1.44)² = 4.84 + 19.36
    expect(tr.loss[0]).toBeCloseTo(24.2, 12);
  });

  it('stops at the first non-finite value and fills the rest with NaN, without throwing', () => {
    const run = parseRunSpec(
      {
        id: 'boom',
        surface: { name: 'quadratic' },
        start: [1, 1],
        optimizer: { name: 'sgd', lr: 100 },
        steps: 500,
      },
      0,
    );
    const tr = simulate(run);
    const k = tr.divergedAt;
    expect(k).not.toBeNull();
    if (k === null) return;
    expect(Number.isFinite(tr.loss[k - 1])).toBe(true);
    expect(Number.isNaN(tr.loss[k])).toBe(true);
    expect(Number.isNaN(tr.x[2 * k])).toBe(true);
    expect(Number.isNaN(tr.loss[500])).toBe(true);
    expect(Number.isNaN(tr.lr[k])).toBe(true);
    expect(tr.lr[k - 1]).toBe(100);
  });
});

describe('explainStep', () => {
  it('replays step t: x_t, gradients, lr, state before/after and x_{t+1}', () => {
    const run = parseRunSpec(spec, 0);
    const tr = simulate(run);
    for (const t of [0, 4, 9]) {
      const e = explainStep(run, t);
      if (!e) throw new Error('no explanation');
      expect(e.x).toEqual([tr.x[2 * t], tr.x[2 * t + 1]]);
      expect(e.next).toEqual([tr.x[2 * t + 2], tr.x[2 * t + 3]]);
      expect(e.loss).toBe(tr.loss[t]);
      expect(e.nextLoss).toBe(tr.loss[t + 1]);
      expect(e.lr).toBe(tr.lr[t]);
      expect(e.stepCount).toBe(t + 1);
      expect(e.scalars).toHaveLength(3);
      expect(e.stateNames).toEqual(['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq']);
      // the gradient at the start is large: clipped to norm ≈ 1
      const norm = Math.hypot(...e.clippedGradient);
      expect(norm).toBeLessThanOrEqual(1);
      expect(Math.hypot(...e.gradient)).toBeGreaterThan(norm);
      // m after = β₁·m before + (1 − β₁)·g
      const mBefore = e.stateBefore['exp_avg'] as readonly [number, number];
      const mAfter = e.stateAfter['exp_avg'] as readonly [number, number];
      expect(mAfter[0]).toBeCloseTo(0.9 * mBefore[0] + 0.1 * e.clippedGradient[0], 14);
    }
    expect(explainStep(run, 10)).toBeNull();
    expect(explainStep(run, -1)).toBeNull();
  });

  it('the effective step size is finite where a gradient component is exactly 0 (issue 9 #11)', () => {
    // `#surface=saddle&steps=500&lanes=[{"optimizer":{"name":"adagrad","lr":10}}]`: on
    // a·x² − b·y² from (−1.5, 0.02) AdaGrad with η = 10 lands x on exactly 0, so g_x = 0 and
    // Δθ_x = 0 from there on: −Δθ/g was 0/0 = NaN in the Explain panel.
    const saddle = parseRunSpec(
      {
        id: 'saddle',
        surface: { name: 'saddle', a: 1, b: 1 },
        start: [-1.5, 0.02],
        optimizer: { name: 'adagrad', lr: 10 },
        steps: 500,
      },
      0,
    );
    const e = explainStep(saddle, 499)!;
    expect(e.gradient[0]).toBe(0);
    expect(e.next[0] - e.x[0]).toBe(0);
    // AdaGrad's own step size ηₜ/(√s + ε) (ε = 1e-10, lr_decay 0: ηₜ = η), with s = sum after
    // the step: the step-size chart's number.
    const [sx, sy] = e.stateAfter['sum']!;
    expect(e.effectiveStep[0]).toBe(10 / (Math.sqrt(sx) + 1e-10));
    expect(e.effectiveStep[1]).toBe(10 / (Math.sqrt(sy) + 1e-10));
    expect(e.effectiveStep.every(Number.isFinite)).toBe(true);
    // Where g ≠ 0 and there is no momentum it is the −Δθ/g the panel showed before.
    const y = -(e.next[1] - e.x[1]) / e.clippedGradient[1];
    expect(e.effectiveStep[1]).toBeCloseTo(y, 12);
  });
});

describe('pyPow series', () => {
  it('running products agree with the one-off power', () => {
    const s = pyPowSeries(0.999, 3000);
    for (const t of [1, 16, 503, 2904, 3000]) expect(s[t - 1]).toBe(pyPow(0.999, t));
    const d = pyPowScaledSeries(0.96, 0.004, 3000);
    for (const t of [1, 2, 7, 999, 3000]) expect(d[t - 1]).toBe(pyPow(0.96, t * 0.004));
  });

  it('cos and exp give the values Python (glibc) gives where V8 differs by an ulp', () => {
    // Python: math.cos(18.06415775814131) = 0.7071067811865464 (cos(23π/4) in floats)
    expect(pyCos(18.06415775814131)).toBe(0.7071067811865464);
    expect(pyCos(46.33849164044945)).toBe(-0.7071067811865456);
    expect(pyCos(Math.PI)).toBe(-1);
    expect(pyCos(0)).toBe(1);
    // Python: math.exp(25.823024628681736) = 163982348631.40396
    expect(pyExp(25.823024628681736)).toBe(163982348631.40396);
    expect(pyExp(40.42017708477751)).toBe(3.583107726506257e17);
  });

  it('fma rounds a·b + c once', () => {
    // (1 + 2⁻³⁰)(1 − 2⁻³⁰) = 1 − 2⁻⁶⁰: unfused the product rounds to 1 and the sum to 0
    const e = 2 ** -30;
    expect((1 + e) * (1 - e) - 1).toBe(0);
    expect(fma(1 + e, 1 - e, -1)).toBe(-(2 ** -60));
    expect(fma(-0.01, 10.96725, -0.55)).toBe(-0.6596725);
    expect(fma(3, 4, 5)).toBe(17);
  });
});
