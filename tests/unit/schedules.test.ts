// Learning-rate schedules against values worked out by hand from PyTorch 1.13's formulas.
import { describe, expect, it } from 'vitest';
import { SCHEDULES, scheduleById } from '../../src/core/schedules';
import { defaultValues, validateParam, type ParamValue } from '../../src/core/params';
import type { ScheduleDef } from '../../src/core/types';

function def(id: string): ScheduleDef {
  const d = scheduleById(id);
  if (!d) throw new Error(id);
  return d;
}

function lrs(id: string, params: Record<string, ParamValue>, steps: number, baseLr = 1): number[] {
  const d = def(id);
  if (!d.lrTable) throw new Error(`${id} has no table`);
  return Array.from(d.lrTable(baseLr, { ...defaultValues(d.params), ...params }, steps));
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] as number;
    if (e === 0) expect(a, `entry ${i}`).toBe(0);
    else expect(Math.abs(a - e) / Math.abs(e), `entry ${i}: ${a} vs ${e}`).toBeLessThan(1e-14);
  });
}

describe('schedule registry', () => {
  it('lists the nine schedules; only reduce_lr_on_plateau is feedback', () => {
    expect(SCHEDULES.map((s) => s.id)).toEqual([
      'step_lr',
      'multi_step_lr',
      'exponential_lr',
      'cosine_annealing_lr',
      'cosine_annealing_warm_restarts',
      'linear_lr',
      'polynomial_lr',
      'one_cycle_lr',
      'reduce_lr_on_plateau',
    ]);
    for (const s of SCHEDULES) {
      expect(s.kind === 'feedback').toBe(s.id === 'reduce_lr_on_plateau');
      for (const p of s.params) if (!p.required) expect(validateParam(p, p.default)).toBeNull();
    }
  });
});

describe('table schedules', () => {
  it('step_lr multiplies by gamma every step_size steps', () => {
    expectClose(lrs('step_lr', { step_size: 3, gamma: 0.5 }, 7), [1, 1, 1, 0.5, 0.5, 0.5, 0.25]);
  });

  it('multi_step_lr applies a repeated milestone twice', () => {
    // milestones [2, 2, 4]: ×0.5² at 2, ×0.5 at 4
    expectClose(
      lrs('multi_step_lr', { milestones: [2, 2, 4], gamma: 0.5 }, 6),
      [1, 1, 0.25, 0.25, 0.125, 0.125],
    );
  });

  it('exponential_lr is the chained product lr·γ·γ·…', () => {
    const out = lrs('exponential_lr', { gamma: 0.9 }, 4, 2);
    // chained: 2, 2·0.9, (2·0.9)·0.9, ((2·0.9)·0.9)·0.9, exactly as PyTorch multiplies
    expect(out).toEqual([2, 2 * 0.9, 2 * 0.9 * 0.9, 2 * 0.9 * 0.9 * 0.9]);
  });

  it('cosine_annealing_lr reaches eta_min at T_max exactly and rises again', () => {
    const c = (t: number): number => (1 + Math.cos((Math.PI * t) / 4)) / 2;
    const out = lrs('cosine_annealing_lr', { T_max: 4 }, 10);
    expectClose(out, [1, c(1), c(2), c(3), 0, c(5), c(6), c(7), 1, c(1)]);
    expect(out[4]).toBe(0);
  });

  it('cosine_annealing_lr with eta_min', () => {
    const out = lrs('cosine_annealing_lr', { T_max: 2, eta_min: 0.1 }, 5);
    // 0.1 + 0.9·(1 + cos(πt/2))/2: 1, 0.55, 0.1, 0.55, 1
    expectClose(out, [1, 0.55, 0.1, 0.55, 1]);
  });

  it('cosine_annealing_warm_restarts restarts at base lr and stretches the period by T_mult', () => {
    const c = (t: number, T: number): number => (1 + Math.cos((Math.PI * t) / T)) / 2;
    const out = lrs('cosine_annealing_warm_restarts', { T_0: 3, T_mult: 2 }, 11);
    // periods 3, 6: restarts at t = 3 and t = 9
    expectClose(out, [
      1,
      c(1, 3),
      c(2, 3),
      1,
      c(1, 6),
      c(2, 6),
      c(3, 6),
      c(4, 6),
      c(5, 6),
      1,
      c(1, 12),
    ]);
  });

  it('linear_lr goes from lr·start_factor to lr·end_factor over total_iters steps', () => {
    const out = lrs('linear_lr', {}, 8, 3);
    // defaults 1/3 → 1 over 5 steps: 1, 1.4, 1.8, 2.2, 2.6, 3, 3, 3 (base 3)
    expectClose(out, [1, 1.4, 1.8, 2.2, 2.6, 3, 3, 3]);
  });

  it('polynomial_lr reaches exactly 0 at total_iters and stays there', () => {
    const out = lrs('polynomial_lr', { total_iters: 4, power: 1 }, 7);
    expectClose(out, [1, 0.75, 0.5, 0.25, 0, 0, 0]);
    expect(out[4]).toBe(0);
    const sq = lrs('polynomial_lr', { total_iters: 4, power: 2 }, 5);
    expectClose(sq, [1, 0.5625, 0.25, 0.0625, 0]);
  });

  it('one_cycle_lr: initial → max → min with cosine phases, replacing the optimizer lr', () => {
    // max_lr 1, total 10, pct 0.3: phase 1 ends at step 2 (= 0.3·10 − 1), phase 2 at 9
    const out = lrs('one_cycle_lr', { max_lr: 1, total_steps: 10 }, 10, 123);
    const initial = 1 / 25;
    const min = initial / 1e4;
    const cos = (a: number, b: number, pct: number): number =>
      b + ((a - b) / 2) * (Math.cos(Math.PI * pct) + 1);
    expect(out[0]).toBeCloseTo(initial, 15);
    expect(out[1]).toBeCloseTo(cos(initial, 1, 0.5), 15);
    expect(out[2]).toBe(1);
    expect(out[5]).toBeCloseTo(cos(1, min, 3 / 7), 15);
    expect(out[9]).toBeCloseTo(min, 18);
  });

  it('one_cycle_lr three-phase linear', () => {
    // total 10, pct 0.25: phases end at 1.5, 3 (= 2·2.5 − 2), 9
    const out = lrs(
      'one_cycle_lr',
      {
        max_lr: 1,
        total_steps: 10,
        pct_start: 0.25,
        three_phase: true,
        anneal_strategy: 'linear',
        div_factor: 10,
        final_div_factor: 10,
      },
      10,
    );
    expect(out[0]).toBeCloseTo(0.1, 15);
    expect(out[1]).toBeCloseTo(0.1 + 0.9 * (1 / 1.5), 15); // still rising at step 1
    expect(out[2]).toBeCloseTo(1 + (0.1 - 1) * ((2 - 1.5) / 1.5), 15); // falling back
    expect(out[3]).toBeCloseTo(0.1, 15);
    expect(out[9]).toBeCloseTo(0.01, 15);
  });

  it('one_cycle_lr rejects runs longer than total_steps', () => {
    const d = def('one_cycle_lr');
    const params = { ...defaultValues(d.params), max_lr: 0.1, total_steps: 100 };
    expect(d.validateRun?.(params, 100)).toBeNull();
    expect(d.validateRun?.(params, 101)).toMatch(/total_steps \(100\) must be at least/);
  });
});

describe('reduce_lr_on_plateau', () => {
  function feed(params: Record<string, ParamValue>, losses: number[], baseLr = 1): number[] {
    const d = def('reduce_lr_on_plateau');
    const fb = d.createFeedback?.(baseLr, { ...defaultValues(d.params), ...params });
    if (!fb) throw new Error('no feedback');
    const seen: number[] = [];
    for (const loss of losses) {
      seen.push(fb.lr);
      fb.step(loss);
    }
    return seen;
  }

  it('drops after patience bad steps, then waits out the cooldown', () => {
    // patience 2, cooldown 1, constant loss: better once, bad 1, 2, 3 > 2 → lr 0.5 (cooldown 1);
    // next step: bad 1 but cooldown resets it to 0; then bad 1, 2, 3 → 0.25
    const out = feed({ factor: 0.5, patience: 2, cooldown: 1 }, Array(9).fill(1) as number[]);
    expect(out).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25]);
  });

  it('rel threshold: an improvement smaller than threshold·best is not better', () => {
    // threshold 0.1: 0.95 is not < 1·0.9 → bad; 0.85 is → reset
    const out = feed(
      { factor: 0.5, patience: 1, threshold: 0.1 },
      [1, 0.95, 0.85, 0.84, 0.83, 0.8],
    );
    // after 1: best 1; 0.95 bad 1; 0.85 better; 0.84 bad 1; 0.83 bad 2 > 1 → 0.5
    expect(out).toEqual([1, 1, 1, 1, 1, 0.5]);
  });

  it('abs threshold, min_lr floor and eps', () => {
    // abs threshold 0.5: 0.6 is not < 1 − 0.5; patience 0 → every bad step drops, floored at 0.3
    const out = feed(
      { factor: 0.5, patience: 0, threshold: 0.5, threshold_mode: 'abs', min_lr: 0.3 },
      [1, 0.6, 0.6, 0.6, 0.6],
    );
    expect(out).toEqual([1, 1, 0.5, 0.3, 0.3]);
    // a drop smaller than eps is skipped
    const tiny = feed({ factor: 0.5, patience: 0, eps: 1 }, [1, 2, 2]);
    expect(tiny).toEqual([1, 1, 1]);
  });

  it('mode max counts rises as improvements', () => {
    const out = feed({ mode: 'max', factor: 0.1, patience: 0 }, [1, 2, 1.5, 3]);
    // 1 better (from −∞), 2 better, 1.5 bad → drop, 3 better
    expect(out[3]).toBeCloseTo(0.1, 15);
    expect(out.slice(0, 3)).toEqual([1, 1, 1]);
  });

  it('exports GPU constants and a finite initial state', () => {
    const d = def('reduce_lr_on_plateau');
    const p = { ...defaultValues(d.params), mode: 'max', threshold_mode: 'abs' };
    const c = d.gpuConstants?.(p) ?? [];
    expect(c).toHaveLength(8);
    expect(c[7]).toBe(3);
    const init = d.gpuInitialState?.(0.5, p) ?? [];
    expect(init[0]).toBe(0.5);
    expect(Number.isFinite(init[1])).toBe(true);
    expect(init[1]).toBeLessThan(-1e38);
    expect(d.wgsl).toContain('fn reduceLrOnPlateauStep(loss: f32, c0: vec4<f32>, c1: vec4<f32>)');
  });
});
