// Worked examples, one template per optimizer of the registry (src/core/optimizers/index.ts),
// keyed by its id: a new optimizer adds its entry here (tests/unit/worked.test.ts fails until
// it does). `workedStep` writes out one coordinate of a step that explainStep replayed, with the
// lr schedule's η and gradient clipping before the optimizer's own lines.

import type { StepExplanation } from '../../simulate';
import type { ResolvedRun } from '../../types';
import { fma } from '../../pymath';
import { adamWorked, adamwWorked, adamaxWorked, nadamWorked, radamWorked } from './adam';
import { adadeltaWorked, adagradWorked, rmspropWorked, sgdWorked } from './sgd';
import { texArg, texNum, type WorkedExample, type WorkedLine, type WorkedTemplate } from './types';

export type { WorkedExample, WorkedInput, WorkedLine, WorkedTemplate } from './types';
export { texNum } from './types';

export const WORKED_TEMPLATES: Readonly<Record<string, WorkedTemplate>> = {
  sgd: sgdWorked,
  adagrad: adagradWorked,
  rmsprop: rmspropWorked,
  adadelta: adadeltaWorked,
  adam: adamWorked,
  adamw: adamwWorked,
  adamax: adamaxWorked,
  nadam: nadamWorked,
  radam: radamWorked,
};

/** The optimizers whose step size adapts per coordinate (the Explain panel opens on one). */
export const ADAPTIVE_OPTIMIZERS: ReadonlySet<string> = new Set([
  'adagrad',
  'rmsprop',
  'adadelta',
  'adam',
  'adamw',
  'adamax',
  'nadam',
  'radam',
]);

/** The step before the optimizer: η_t and, when on, clipping of the whole gradient vector. */
function preludeLines(run: ResolvedRun, e: StepExplanation, coord: 0 | 1): WorkedLine[] {
  const out: WorkedLine[] = [];
  out.push({
    lhs: '\\eta',
    rule: run.schedule ? '\\text{lr\\_scheduler}(t)' : '\\text{lr}',
    numbers: texNum(e.lr),
    value: e.lr,
    note: run.schedule ? 'worked.note.schedule' : 'worked.note.constantLr',
  });
  const { maxNorm, maxValue } = run.clip;
  const [gx, gy] = e.gradient;
  // With gradient noise the clipped vector is not a function of ∇f alone: show the result only.
  if (run.noise || (maxNorm === null && maxValue === null)) return out;
  let scaled = e.gradient[coord];
  if (maxNorm !== null) {
    const n = Math.sqrt(fma(gy, gy, gx * gx));
    out.push({
      lhs: '\\lVert\\nabla f\\rVert',
      rule: '\\sqrt{g_x^2 + g_y^2}',
      numbers: `\\sqrt{${texArg(gx)}^2 + ${texArg(gy)}^2}`,
      value: n,
    });
    const coef = Math.min((1 / (n + 1e-6)) * maxNorm, 1);
    out.push({
      lhs: 'c',
      rule: '\\min\\left(1, \\frac{\\text{max\\_norm}}{\\lVert\\nabla f\\rVert + 10^{-6}}\\right)',
      numbers: `\\min\\left(1, \\frac{${texNum(maxNorm)}}{${texNum(n)} + 10^{-6}}\\right)`,
      value: coef,
      note: 'worked.note.clipNorm',
    });
    out.push({
      lhs: 'g_t',
      rule: 'c\\,\\nabla f',
      numbers: `${texArg(coef)}\\cdot${texArg(scaled)}`,
      value: scaled * coef,
    });
    scaled = scaled * coef;
  }
  if (maxValue !== null)
    out.push({
      lhs: 'g_t',
      rule: '\\operatorname{clamp}(g_t, -\\text{max\\_value}, \\text{max\\_value})',
      numbers: `\\operatorname{clamp}(${texNum(scaled)}, \\pm${texNum(maxValue)})`,
      value: Math.min(Math.max(scaled, -maxValue), maxValue),
      note: 'worked.note.clipValue',
    });
  return out;
}

/** One coordinate (0: x, 1: y) of step e of `run`, written out; null for an unknown optimizer. */
export function workedStep(
  run: ResolvedRun,
  e: StepExplanation,
  coord: 0 | 1,
): WorkedExample | null {
  const template = WORKED_TEMPLATES[run.optimizer.id];
  if (!template) return null;
  const before: Record<string, number> = {};
  for (const name of e.stateNames) before[name] = e.stateBefore[name]?.[coord] ?? 0;
  const body = template({
    t: e.stepCount,
    x: e.x[coord],
    g: e.clippedGradient[coord],
    lr: e.lr,
    params: run.optimizer.params,
    scalars: e.scalars,
    before,
  });
  return { lines: [...preludeLines(run, e, coord), ...body.lines], next: body.next };
}
