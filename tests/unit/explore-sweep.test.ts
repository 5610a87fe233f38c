// Sweep planning: axis values on each scale, default axes from the schemas, run count, row
// order and clamping to the schema.
import { describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../src/core/spec';
import { optimizerById } from '../../src/core/optimizers';
import type { NumberParam } from '../../src/core/params';
import {
  axisProblem,
  axisValues,
  defaultAxis,
  planSweep,
  sweepValues,
  validSweepValue,
  type SweepAxis,
} from '../../src/core/explore/sweep';

const base = parseRunSpec(
  {
    id: 'base',
    surface: { name: 'rosenbrock' },
    start: [-1.2, 1],
    optimizer: { name: 'adam', lr: 0.01 },
    schedule: { name: 'step_lr', step_size: 100, gamma: 0.5 },
    steps: 50,
  },
  0,
);

function param(optimizer: string, key: string): NumberParam {
  const p = optimizerById(optimizer)?.params.find((q) => q.key === key);
  if (!p || p.kind !== 'number') throw new Error(`no ${key}`);
  return p;
}

const lr = (min: number, max: number, cells: number): SweepAxis => ({
  target: 'optimizer',
  key: 'lr',
  min,
  max,
  cells,
  scale: 'log',
});

describe('axisValues', () => {
  it('log: evenly spaced exponents, ends exact', () => {
    const v = axisValues(lr(1e-4, 1, 5));
    // 10^-4, 10^-3, 10^-2, 10^-1, 10^0
    [1e-4, 1e-3, 1e-2, 1e-1, 1].forEach((e, i) => expect(v[i]).toBeCloseTo(e, 14));
    expect(v[0]).toBe(1e-4);
    expect(v[4]).toBe(1);
  });

  it('linear: evenly spaced values', () => {
    expect(
      axisValues({ target: 'schedule', key: 'gamma', min: 0, max: 1, cells: 5, scale: 'linear' }),
    ).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('log1m: 1 − β evenly spaced in log, so 0.9, 0.99, 0.999, 0.9999 are neighbours', () => {
    const v = axisValues({
      target: 'optimizer',
      key: 'beta1',
      min: 0.9,
      max: 0.9999,
      cells: 4,
      scale: 'log1m',
    });
    [0.9, 0.99, 0.999, 0.9999].forEach((e, i) => expect(v[i]).toBeCloseTo(e, 12));
  });

  it('one cell is the minimum', () => {
    expect(axisValues(lr(0.1, 1, 1))).toEqual([0.1]);
  });

  it('refuses axes it cannot sweep, with a message', () => {
    expect(axisProblem(lr(0, 1, 4))).toMatch(/above 0/);
    expect(axisProblem(lr(1, 0.1, 4))).toMatch(/above the end/);
    expect(axisProblem(lr(0.1, 1, 257))).toMatch(/1 to 256 cells/);
    expect(axisProblem(lr(0.1, 1, 2.5))).toMatch(/cells/);
    expect(axisProblem(lr(0.1, Infinity, 4))).toMatch(/finite/);
    expect(
      axisProblem({
        target: 'optimizer',
        key: 'beta1',
        min: 0.5,
        max: 1,
        cells: 3,
        scale: 'log1m',
      }),
    ).toMatch(/below 1/);
    expect(() => axisValues(lr(NaN, 1, 3))).toThrow(/finite/);
  });
});

describe('defaultAxis', () => {
  it('takes the scale and slider range from the schema', () => {
    expect(defaultAxis(param('adam', 'lr'), 0.01)).toMatchObject({
      key: 'lr',
      scale: 'log',
      min: 1e-5,
      max: 10,
    });
    expect(defaultAxis(param('adam', 'eps'), 1e-8).scale).toBe('log');
    expect(defaultAxis(param('adam', 'beta1'), 0.9).scale).toBe('log1m');
    expect(defaultAxis(param('sgd', 'momentum'), 0.9)).toMatchObject({
      scale: 'log1m',
      min: 0,
      max: 0.999,
    });
    expect(defaultAxis(param('rmsprop', 'alpha'), 0.99).scale).toBe('log1m');
  });

  it('widens the range to the current value and keeps a log axis positive', () => {
    expect(defaultAxis(param('adam', 'lr'), 50).max).toBe(50);
    expect(defaultAxis(param('adam', 'weight_decay'), 0).min).toBeGreaterThan(0);
    const axis = defaultAxis(param('adam', 'weight_decay'), 0);
    expect(axisProblem(axis)).toBeNull();
  });

  it('refuses a parameter that is not a number', () => {
    expect(() =>
      defaultAxis(optimizerById('adam')?.params.find((p) => p.key === 'amsgrad') as never, 0),
    ).toThrow(/not a number/);
  });
});

describe('planSweep', () => {
  it('1-D: one run per cell, only the swept parameter changes', () => {
    const runs = planSweep(base, [lr(1e-3, 1e-1, 3)]);
    expect(runs).toHaveLength(3);
    expect(runs.map((r) => r.optimizer.params['lr'])).toEqual(axisValues(lr(1e-3, 1e-1, 3)));
    for (const r of runs) {
      expect({ ...r.optimizer.params, lr: 0 }).toEqual({ ...base.optimizer.params, lr: 0 });
      expect(r.schedule).toBe(base.schedule);
      expect(r.start).toEqual(base.start);
    }
    expect(new Set(runs.map((r) => r.id)).size).toBe(3);
  });

  it('2-D: row-major with the second axis outer, across optimizer and schedule', () => {
    const gamma: SweepAxis = {
      target: 'schedule',
      key: 'gamma',
      min: 0.1,
      max: 0.9,
      cells: 2,
      scale: 'linear',
    };
    const runs = planSweep(base, [lr(1e-3, 1e-1, 3), gamma]);
    expect(runs).toHaveLength(6);
    // run j·3 + i: lr value i, gamma value j
    const lrs = axisValues(lr(1e-3, 1e-1, 3));
    runs.forEach((r, k) => {
      expect(r.optimizer.params['lr']).toBe(lrs[k % 3]);
      expect(r.schedule?.params['gamma']).toBe([0.1, 0.9][Math.floor(k / 3)]);
    });
    // Parameter objects are shared where the values are: one optimizer object per lr column,
    // one schedule object per gamma row (the engines prepare per object).
    expect(runs[0]?.optimizer).toBe(runs[3]?.optimizer);
    expect(runs[0]?.schedule).toBe(runs[2]?.schedule);
    expect(runs[0]?.schedule).not.toBe(runs[3]?.schedule);
  });

  it('256 × 256 runs', () => {
    const runs = planSweep(base, [
      lr(1e-4, 1, 256),
      { target: 'optimizer', key: 'beta1', min: 0, max: 0.999, cells: 256, scale: 'log1m' },
    ]);
    expect(runs).toHaveLength(65536);
    expect(runs[65535]?.optimizer.params['beta1']).toBe(0.999);
    expect(runs[255]?.optimizer.params['lr']).toBe(1);
  });

  it('clamps values to the schema, rounds integers, steps inside an exclusive minimum', () => {
    // Adam's β₁ is at most 0.999999999; an axis beyond is clamped
    const beta = param('adam', 'beta1');
    expect(validSweepValue(beta, 2)).toBe(beta.max);
    expect(validSweepValue(param('adam', 'lr'), 5000)).toBe(1000);
    const stepSize: SweepAxis = {
      target: 'schedule',
      key: 'step_size',
      min: 0.2,
      max: 10.4,
      cells: 3,
      scale: 'linear',
    };
    // 0.2, 5.3, 10.4 → clamped to ≥ 1 and rounded: 1, 5, 10
    expect(sweepValues(base, [stepSize])).toEqual([[1, 5, 10]]);
    const exclusive: NumberParam = { ...beta, min: 0, exclusiveMin: true, max: 1 };
    expect(validSweepValue(exclusive, 0)).toBeGreaterThan(0);
    expect(validSweepValue(exclusive, 0)).toBeLessThan(1e-8);
  });

  it('refuses unknown keys, non-number parameters, a missing schedule and a repeated axis', () => {
    expect(() => planSweep(base, [{ ...lr(0.1, 1, 2), key: 'nope' }])).toThrow(/no parameter nope/);
    expect(() => planSweep(base, [{ ...lr(0.1, 1, 2), key: 'amsgrad' }])).toThrow(/not a number/);
    expect(() =>
      planSweep({ ...base, schedule: null }, [
        { ...lr(0.1, 1, 2), target: 'schedule', key: 'gamma' },
      ]),
    ).toThrow(/no schedule/);
    expect(() => planSweep(base, [lr(0.1, 1, 2), lr(0.1, 1, 2)])).toThrow(/both sweep axes/);
  });
});
