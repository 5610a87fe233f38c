// Every preset is a complete, valid config, and the thing its text tells the user to look at
// really happens in the float64 simulation.
import { describe, expect, it } from 'vitest';
import { PRESETS, presetConfig, findPreset } from '../../src/core/presets';
import { PRESET_TEXTS } from '../../src/core/presetTexts';
import { OPTIMIZERS, optimizerById } from '../../src/core/optimizers';
import { SCHEDULES, scheduleById } from '../../src/core/schedules';
import { SURFACES, surfaceById } from '../../src/core/surfaces';
import {
  defaultValues,
  validateParam,
  type ParamSchema,
  type ParamValue,
} from '../../src/core/params';
import { simulate } from '../../src/core/simulate';
import { generateData } from '../../src/core/surfaceData';
import type { Config } from '../../src/core/config';
import type { ResolvedRun, Trajectory } from '../../src/core/types';

const REG = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };

function fill(schema: readonly ParamSchema[], values: Record<string, ParamValue>) {
  return { ...defaultValues(schema), ...values };
}

function runs(config: Config): Trajectory[] {
  const surf = surfaceById(config.surface.id)!;
  const data = surf.data ? generateData(surf.data, config.seed) : undefined;
  return config.lanes.map((lane) => {
    const opt = optimizerById(lane.optimizer.id)!;
    const sch = lane.schedule ? scheduleById(lane.schedule.id)! : null;
    const run: ResolvedRun = {
      id: lane.id,
      surface: {
        id: surf.id,
        params: fill(surf.params, config.surface.params),
        ...(data ? { data } : {}),
      },
      start: config.start,
      optimizer: { id: opt.id, params: fill(opt.params, lane.optimizer.params) },
      schedule:
        sch && lane.schedule
          ? { id: sch.id, params: fill(sch.params, lane.schedule.params) }
          : null,
      clip: lane.clip,
      steps: config.steps,
    };
    return simulate(run);
  });
}

const final = (t: Trajectory) => t.loss[t.loss.length - 1]!;

describe('presets', () => {
  it('have unique ids and one line of text each', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      const text = PRESET_TEXTS[p.id] ?? '';
      expect(text.length, p.id).toBeGreaterThan(40);
      expect(text).not.toContain('\n');
    }
    expect(Object.keys(PRESET_TEXTS).sort()).toEqual(PRESETS.map((p) => p.id).sort());
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s is a valid, complete config',
    (_id, preset) => {
      const c = presetConfig(preset, REG);
      const surf = surfaceById(c.surface.id);
      expect(surf, c.surface.id).toBeDefined();
      for (const p of surf!.params) {
        const v = c.surface.params[p.key];
        if (v !== undefined) expect(validateParam(p, v)).toBeNull();
      }
      expect(c.view.xMax).toBeGreaterThan(c.view.xMin);
      expect(c.view.yMax).toBeGreaterThan(c.view.yMin);
      expect(c.step).toBe(c.steps);
      expect(c.lanes.length).toBeGreaterThan(0);
      for (const lane of c.lanes) {
        const opt = optimizerById(lane.optimizer.id);
        expect(opt, lane.optimizer.id).toBeDefined();
        for (const [key, value] of Object.entries(lane.optimizer.params)) {
          const schema = opt!.params.find((p) => p.key === key);
          expect(schema, `${lane.optimizer.id}.${key}`).toBeDefined();
          expect(validateParam(schema!, value)).toBeNull();
        }
        if (lane.schedule) {
          const sch = scheduleById(lane.schedule.id)!;
          expect(sch).toBeDefined();
          expect(
            sch.validateRun?.(fill(sch.params, lane.schedule.params), c.steps) ?? null,
          ).toBeNull();
        }
      }
      // Every lane runs (no exceptions) and every trajectory has the right length.
      for (const t of runs(c)) expect(t.loss.length).toBe(c.steps + 1);
    },
  );

  const load = (id: string) => runs(presetConfig(findPreset(id)!, REG));

  it('Adam lr 0.01 reaches the least-squares line of the noisy y = 2x + 1', () => {
    const [adam] = load('adam-line-fit');
    const n = adam!.loss.length - 1;
    const config = presetConfig(findPreset('adam-line-fit')!, REG);
    const def = surfaceById('linear_regression')!;
    const data = generateData('linear', config.seed);
    const [best] = def.minima({}, data);
    // The valley along which w and b trade off is long and flat: near the bottom means a loss
    // within 2 % of the least-squares loss, a point within 0.15 of it.
    const bottom = new Float64Array(3);
    def.evaluate(best![0], best![1], {}, bottom, data);
    expect(adam!.loss[n]! / bottom[0]!).toBeLessThan(1.02);
    expect(Math.hypot(adam!.x[2 * n]! - best![0], adam!.x[2 * n + 1]! - best![1])).toBeLessThan(
      0.15,
    );
    // The noise is U(0, 1), mean 0.5: the fit is near w = 2, b = 1.5.
    expect(Math.abs(best![0] - 2)).toBeLessThan(0.3);
    expect(Math.abs(best![1] - 1.5)).toBeLessThan(0.2);
  });

  it('AdaGrad stalls while Adam reaches the minimum', () => {
    const [adagrad, adam] = load('adagrad-adam-rmsprop');
    expect(final(adagrad!)).toBeGreaterThan(1);
    expect(final(adam!)).toBeLessThan(1e-3);
  });

  it('step decay cuts lr by 10 every 50 steps and is ahead at step 100', () => {
    const [decay, plain] = load('momentum-step-decay');
    expect(decay!.lr[49]).toBeCloseTo(0.05, 12);
    expect(decay!.lr[50]).toBeCloseTo(0.005, 12);
    expect(decay!.lr[100]).toBeCloseTo(0.0005, 12);
    expect(decay!.loss[100]!).toBeLessThan(plain!.loss[100]! / 10);
  });

  it('on Himmelblau the lanes end in more than one basin', () => {
    const ends = load('race-himmelblau').map((t) => {
      const n = t.loss.length - 1;
      return `${t.x[2 * n]!.toFixed(1)},${t.x[2 * n + 1]!.toFixed(1)}`;
    });
    expect(new Set(ends).size).toBeGreaterThan(1);
  });

  it("Adam's loss grows with ε; ε = 1 is still far from the minimum after 500 steps", () => {
    const runs = load('adam-epsilon');
    // At step 125 every lane is still well above rounding level, so the order is meaningful.
    const at125 = runs.map((t) => t.loss[125]!);
    for (let i = 1; i < at125.length; i++) expect(at125[i]!).toBeGreaterThan(at125[i - 1]!);
    expect(final(runs[3]!)).toBeGreaterThan(1e-3);
    expect(final(runs[0]!)).toBeLessThan(1e-15);
  });

  it('β₂ 0.999 settles where β₂ 0.9 keeps jittering', () => {
    const [b09, b0999] = load('adam-beta2-noisy');
    expect(final(b09!)).toBeGreaterThan(1e-4);
    expect(final(b0999!)).toBeLessThan(1e-8);
  });

  it('ReduceLROnPlateau fires and ends far lower than the constant lr', () => {
    const [plateau, plain] = load('plateau');
    const lrs = new Set(Array.from(plateau!.lr));
    expect(lrs.size).toBeGreaterThan(2);
    expect(final(plateau!)).toBeLessThan(final(plain!) / 1000);
  });

  it('clipping keeps SGD from diverging on the cliff', () => {
    const [plain, clipped] = load('clip-cliff');
    expect(plain!.divergedAt).not.toBeNull();
    expect(clipped!.divergedAt).toBeNull();
    expect(final(clipped!)).toBeLessThan(clipped!.loss[0]! / 1000);
  });
});
