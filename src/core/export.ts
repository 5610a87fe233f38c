// Exports: the runs as CSV, as docs/FORMAT.md run specs with their produced trajectories (JSON that
// `npm run -s cases` replays), and a lane as a runnable PyTorch script (Keras and optax:
// exportScripts.ts).

import type { OptimizerDef, ResolvedRun, ScheduleDef, Trajectory } from './types';
import type { ParamSchema, ParamValue, ParamValues } from './params';
import { toRunSpec } from './spec';
import { simulate } from './simulate';
import { optimizerById } from './optimizers';
import { surfacePython } from './exportSurface';

export interface ExportRun {
  /** Lane name (CSV label). */
  readonly name: string;
  readonly run: ResolvedRun;
  readonly trajectory: Trajectory;
}

/**
 * A text cell. One that starts with =, +, −, @, tab or CR would run as a formula in a
 * spreadsheet (lane names come from the link): OWASP's rule prefixes a single quote and quotes
 * the cell. Numbers are written by csvNum and never get the prefix.
 */
export function csvText(s: string): string {
  const text = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /^'|[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const csvNum = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '' : String(v);

/** One group of state columns: a slot of the Stepper's state (x and y), or a scalar series. */
type StateColumn =
  | { readonly name: string; readonly slot: number }
  | { readonly name: string; readonly values: Float64Array };

/** The state PyTorch keeps for this run, in the optimizer's order. */
function stateColumnsOf(run: ResolvedRun): StateColumn[] {
  const def = optimizerById(run.optimizer.id);
  if (!def) return [];
  const params = run.optimizer.params;
  const kept = def.stateKept?.(params) ?? def.stateNames;
  const out: StateColumn[] = [];
  if (def.scalarState)
    out.push({ name: def.scalarState.name, values: def.scalarState.values(params, run.steps) });
  def.stateNames.forEach((name, slot) => {
    if (kept.includes(name)) out.push({ name, slot });
  });
  return out;
}

/** Header names of a state column group: name_x, name_y for a slot, the name for a scalar. */
const headersOf = (c: StateColumn): string[] =>
  'slot' in c ? [`${c.name}_x`, `${c.name}_y`] : [c.name];

/**
 * One row per lane and step: lane, run id, step, x, y, loss, lr (the lr the step used; empty on
 * the final row, which has no step after it), then the optimizer state after `step` steps under
 * PyTorch's state keys (exp_avg_x, exp_avg_y, sum_x, ..., mu_product): the union over the lanes,
 * empty where a lane's optimizer keeps no such state (docs/EXPORT.md). Non-finite values are
 * empty fields. The state comes from the trajectory when it was recorded, else from a float64
 * replay of the run (simulate with recordState).
 */
export function runsToCsv(runs: readonly ExportRun[]): string {
  const lanes = runs.map((r) => {
    const columns = stateColumnsOf(r.run);
    const state =
      r.trajectory.state ??
      (columns.some((c) => 'slot' in c)
        ? simulate(r.run, undefined, { recordState: true }).state
        : undefined);
    return { ...r, columns, state };
  });
  const header: string[] = [];
  for (const lane of lanes)
    for (const c of lane.columns)
      for (const h of headersOf(c)) if (!header.includes(h)) header.push(h);
  const lines = [['lane', 'run', 'step', 'x', 'y', 'loss', 'lr', ...header].join(',')];
  const cells = new Array<string>(header.length);
  for (const { name, run, trajectory: t, columns, state } of lanes) {
    const n = t.loss.length;
    const width = state ? state.length / n : 0;
    for (let k = 0; k < n; k++) {
      cells.fill('');
      // Past a divergence the position is NaN and so is the state: empty cells.
      const alive = Number.isFinite(t.loss[k]);
      for (const c of columns) {
        if (!alive) continue;
        if ('slot' in c) {
          cells[header.indexOf(`${c.name}_x`)] = csvNum(state?.[k * width + 2 * c.slot]);
          cells[header.indexOf(`${c.name}_y`)] = csvNum(state?.[k * width + 2 * c.slot + 1]);
        } else cells[header.indexOf(c.name)] = csvNum(c.values[k]);
      }
      lines.push(
        [
          csvText(name),
          csvText(run.id),
          String(k),
          csvNum(t.x[2 * k]),
          csvNum(t.x[2 * k + 1]),
          csvNum(t.loss[k]),
          csvNum(t.lr[k]),
          ...cells,
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * A JSON array of docs/FORMAT.md cases: the run spec (toRunSpec) plus `expected.float64`
 * holding what this app produced (non-finite entries as null, with `diverged_at` there when the
 * run stopped), so the file can be replayed by
 * `npm run -s cases -- FILE --backend cpu --out RESULT.json`.
 */
export function runsToJson(runs: readonly ExportRun[]): string {
  const cases = runs.map(({ run, trajectory: t }) => {
    const x: Array<[number | null, number | null]> = [];
    for (let k = 0; k < t.loss.length; k++)
      x.push([finiteOrNull(t.x[2 * k] ?? NaN), finiteOrNull(t.x[2 * k + 1] ?? NaN)]);
    return {
      ...toRunSpec(run),
      // Output fields live under `expected`, which the run-spec parser ignores.
      expected: {
        float64: {
          x,
          loss: Array.from(t.loss, finiteOrNull),
          lr: Array.from(t.lr, finiteOrNull),
          ...(t.divergedAt === null ? {} : { diverged_at: t.divergedAt }),
        },
      },
    };
  });
  return `${JSON.stringify(cases, null, 1)}\n`;
}

// ---- Copy as PyTorch -----------------------------------------------------------------------

/** A value as Python source. */
export function pyValue(v: ParamValue, integer = false): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return "float('nan')";
    if (!Number.isFinite(v)) return v > 0 ? "float('inf')" : "float('-inf')";
    const s = String(v);
    // A float parameter written as 1 is fine for PyTorch, but 1.0 reads as the float it is.
    return integer || /[.e]/.test(s) ? s : `${s}.0`;
  }
  return `[${v.map((n) => pyValue(n, integer)).join(', ')}]`;
}

/** keyword=value pairs for a schema, grouping specKey entries into tuples (betas=(0.9, 0.999)). */
export function pyKwargs(schema: readonly ParamSchema[], values: ParamValues): string[] {
  const out: string[] = [];
  const groups = new Map<string, string[]>();
  for (const p of schema) {
    const v = values[p.key] ?? p.default;
    const text = pyValue(v, p.kind === 'number' && p.integer === true);
    if (p.specKey) {
      const g = groups.get(p.specKey.key) ?? [];
      if (!groups.has(p.specKey.key)) {
        groups.set(p.specKey.key, g);
        out.push(`\u0000${p.specKey.key}`);
      }
      g[p.specKey.index] = text;
    } else out.push(`${p.key}=${text}`);
  }
  return out.map((s) => {
    if (!s.startsWith('\u0000')) return s;
    const key = s.slice(1);
    return `${key}=(${(groups.get(key) ?? []).join(', ')})`;
  });
}

/**
 * A runnable PyTorch script of one run: the surface as `f` (exportSurface.ts), the optimizer,
 * scheduler and clipping with the run's values written out, in float64, printing
 * `step x y loss` for steps 0..N as Descent Lab's float64 path computes them.
 */
export function toPyTorch(
  run: ResolvedRun,
  optimizer: OptimizerDef,
  schedule: ScheduleDef | null,
  name = 'this lane',
): string {
  const lines: string[] = [
    `# ${oneLine(name)}: ${optimizer.label}${schedule ? ` with ${schedule.label}` : ''} (PyTorch 1.13 semantics), from Descent Lab`,
    `# on ${run.surface.id === 'custom' ? 'a typed surface' : run.surface.id}. Prints step, x, y, loss.`,
    'import math',
    'import torch',
    '',
    'torch.set_default_dtype(torch.float64)',
    ...surfacePython(run, 'torch'),
    '',
    `params = [torch.nn.Parameter(torch.tensor([${pyValue(run.start[0])}, ${pyValue(run.start[1])}], dtype=torch.float64))]`,
    `optimizer = torch.optim.${optimizer.torchClass}(params, ${pyKwargs(optimizer.params, run.optimizer.params).join(', ')})`,
  ];
  const feedback = schedule?.kind === 'feedback';
  if (schedule && run.schedule) {
    const kwargs = pyKwargs(schedule.params, run.schedule.params);
    if (schedule.id === 'one_cycle_lr') kwargs.push('cycle_momentum=False');
    lines.push(
      `scheduler = torch.optim.lr_scheduler.${schedule.torchClass}(optimizer, ${kwargs.join(', ')})`,
    );
  }
  lines.push(
    '',
    'def show(step):',
    '    with torch.no_grad():',
    "        print(step, *(f'{v:.17g}' for v in (*params[0].tolist(), f(params[0]).item())))",
    '',
    'show(0)',
    `for step in range(${run.steps}):`,
    '    optimizer.zero_grad()',
    '    loss = f(params[0])',
    '    loss.backward()',
  );
  if (run.clip.maxNorm !== null)
    lines.push(`    torch.nn.utils.clip_grad_norm_(params, max_norm=${pyValue(run.clip.maxNorm)})`);
  if (run.clip.maxValue !== null)
    lines.push(
      `    torch.nn.utils.clip_grad_value_(params, clip_value=${pyValue(run.clip.maxValue)})`,
    );
  lines.push('    optimizer.step()');
  if (schedule) lines.push(feedback ? '    scheduler.step(loss.item())' : '    scheduler.step()');
  lines.push('    show(step + 1)');
  return `${lines.join('\n')}\n`;
}

/** Text for a Python comment line. */
export const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');
