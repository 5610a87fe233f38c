// Every optimizer's worked example (src/core/optimizers/worked) must reproduce the step that
// explainStep replays with the engine's own update: the substituted numbers end in the same
// θ_t (hence Δθ), and each line that names a PyTorch state slot equals that slot after the step.
import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { WORKED_TEMPLATES, texNum, workedStep } from '../../src/core/optimizers/worked';
import { explainStep } from '../../src/core/simulate';
import { parseRunSpec } from '../../src/core/spec';

type Options = Record<string, number | boolean | number[]>;

/** Configurations per optimizer: defaults plus every branch of its update. */
const VARIANTS: Record<string, Options[]> = {
  sgd: [
    { lr: 0.001 },
    { lr: 0.001, momentum: 0.9 },
    { lr: 0.001, momentum: 0.9, dampening: 0.3, weight_decay: 0.1 },
    { lr: 0.001, momentum: 0.8, nesterov: true },
  ],
  adagrad: [
    { lr: 0.1 },
    { lr: 0.1, lr_decay: 0.05, initial_accumulator_value: 0.5, weight_decay: 0.01 },
  ],
  rmsprop: [
    { lr: 0.01 },
    { lr: 0.01, centered: true },
    { lr: 0.001, momentum: 0.9 },
    { lr: 0.001, momentum: 0.5, centered: true, weight_decay: 0.1, alpha: 0.9 },
  ],
  adadelta: [{}, { rho: 0.5, weight_decay: 0.1 }],
  adam: [{ lr: 0.05 }, { lr: 0.01, amsgrad: true, weight_decay: 0.1, betas: [0.5, 0.999] }],
  adamw: [
    { lr: 0.05 },
    { lr: 0.01, weight_decay: 0.3, amsgrad: true },
    { lr: 0.01, weight_decay: 0 },
  ],
  adamax: [{}, { lr: 0.1, weight_decay: 0.1, betas: [0.9, 0.9] }],
  nadam: [{}, { lr: 0.01, momentum_decay: 0.1, weight_decay: 0.01 }],
  // β₂ = 0.9: ρ_t passes 5 at t = 6, so steps before and after the rectification are both checked.
  radam: [{ lr: 0.01 }, { lr: 0.01, betas: [0.9, 0.9], weight_decay: 0.1 }],
};

const STEPS = [0, 1, 5, 7, 20];

function run(id: string, options: Options, extra: Record<string, unknown> = {}) {
  return parseRunSpec(
    {
      id: `${id}-worked`,
      surface: { name: 'rosenbrock' },
      start: [-1.2, 1],
      optimizer: { name: id, ...options },
      steps: 25,
      ...extra,
    },
    0,
  );
}

function checkStep(r: ReturnType<typeof run>, t: number): void {
  const e = explainStep(r, t);
  expect(e, `step ${t}`).not.toBeNull();
  if (!e) return;
  for (const coord of [0, 1] as const) {
    const w = workedStep(r, e, coord);
    expect(w).not.toBeNull();
    if (!w) return;
    const where = `${r.optimizer.id} ${JSON.stringify(r.optimizer.params)} t=${t} coord ${coord}`;
    const delta = e.next[coord] - e.x[coord];
    const last = w.lines[w.lines.length - 1]!;
    const dLine = w.lines[w.lines.length - 2]!;
    expect(last.value, where).toBe(w.next);
    // Same arithmetic as the engine: equal to the last bit, with a hair of slack for the
    // subtraction that forms Δθ.
    expect(Math.abs(w.next - e.next[coord]), where).toBeLessThanOrEqual(
      1e-15 * Math.max(1, Math.abs(e.next[coord])),
    );
    expect(dLine.lhs).toBe('\\Delta\\theta');
    expect(Math.abs(dLine.value - delta), where).toBeLessThanOrEqual(
      1e-12 * Math.max(Math.abs(delta), 1e-300) + 1e-15,
    );
    // Each line that names a state slot holds the slot's value after the step.
    for (const line of w.lines)
      if (line.torch !== undefined)
        expect(line.value, `${where} ${line.torch}`).toBe(e.stateAfter[line.torch]?.[coord]);
    // The η line shows this step's lr and the numbers are written into the TeX.
    expect(w.lines[0]!.value).toBe(e.lr);
    expect(dLine.numbers.length).toBeGreaterThan(0);
  }
}

describe('worked examples', () => {
  it('has a template for every optimizer of the registry, and none for unknown ones', () => {
    expect(Object.keys(WORKED_TEMPLATES).sort()).toEqual(OPTIMIZERS.map((o) => o.id).sort());
  });

  for (const def of OPTIMIZERS) {
    const variants = VARIANTS[def.id];
    it(`${def.id}: the substituted numbers reproduce explainStep's Δθ and state`, () => {
      expect(variants, `no test variants for ${def.id}`).toBeDefined();
      for (const options of variants ?? [])
        for (const t of STEPS) checkStep(run(def.id, options), t);
    });
  }

  it('writes clipping and the schedule before the optimizer, and they match the engine', () => {
    const r = run(
      'adam',
      { lr: 0.05 },
      {
        clip: { max_norm: 1, max_value: 0.5 },
        schedule: { name: 'step_lr', step_size: 3, gamma: 0.5 },
      },
    );
    for (const t of STEPS) {
      const e = explainStep(r, t)!;
      const w = workedStep(r, e, 0)!;
      const lhs = w.lines.map((l) => l.lhs);
      expect(lhs.slice(0, 5)).toEqual(['\\eta', '\\lVert\\nabla f\\rVert', 'c', 'g_t', 'g_t']);
      expect(w.lines[4]!.value).toBe(e.clippedGradient[0]);
      expect(w.lines[0]!.value).toBe(e.lr);
      checkStep(r, t);
    }
  });

  it('adam, step 1: m = 0.1·g, v = 0.001·g², 1 − β₁ = 0.1 and Δθ = −η·sign(g) (to ε)', () => {
    const r = run('adam', { lr: 0.05 });
    const e = explainStep(r, 0)!;
    const w = workedStep(r, e, 0)!;
    const g = e.clippedGradient[0];
    const by = (lhs: string) => w.lines.find((l) => l.lhs === lhs)!.value;
    expect(by('m_t')).toBeCloseTo(0.1 * g, 12);
    expect(by('v_t')).toBeCloseTo(0.001 * g * g, 12);
    expect(by('1-\\beta_1^{\\,t}')).toBeCloseTo(0.1, 15);
    expect(by('\\hat m_t')).toBeCloseTo(g, 10);
    expect(by('\\Delta\\theta')).toBeCloseTo(-0.05 * Math.sign(g), 8);
  });

  it('formats numbers for TeX', () => {
    expect(texNum(0.1 + 0.2)).toBe('0.3');
    expect(texNum(1e-8)).toBe('1\\times10^{-8}');
    expect(texNum(-2.5e7)).toBe('-2.5\\times10^{7}');
    expect(texNum(Number.NaN)).toBe('\\text{NaN}');
  });
});
