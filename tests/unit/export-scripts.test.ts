// "Copy as PyTorch / Keras / optax": for every optimizer, schedule and surface (built-in, typed,
// data) the scripts define the surface, the optimizer with the lane's values, the schedule,
// the clipping and print the trajectory; with python3 on the machine each one must compile.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toPyTorch } from '../../src/core/export';
import { toKeras, toOptax } from '../../src/core/exportScripts';
import { exprToPython, surfacePython } from '../../src/core/exportSurface';
import { parseExpression } from '../../src/core/expr';
import { OPTIMIZERS, optimizerById } from '../../src/core/optimizers';
import { SCHEDULES, scheduleById } from '../../src/core/schedules';
import { SURFACES, surfaceById } from '../../src/core/surfaces';
import { defaultValues } from '../../src/core/params';
import { generateData } from '../../src/core/surfaceData';
import { simulate } from '../../src/core/simulate';
import type { ResolvedRun } from '../../src/core/types';

function run(surface: string, optimizer: string, extra: Partial<ResolvedRun> = {}): ResolvedRun {
  const s = surfaceById(surface)!;
  const data = s.data ? generateData(s.data, 3) : undefined;
  return {
    id: 'r',
    surface: { id: s.id, params: defaultValues(s.params), ...(data ? { data } : {}) },
    start: [-1.5, 2],
    optimizer: { id: optimizer, params: defaultValues(optimizerById(optimizer)!.params) },
    schedule: null,
    clip: { maxNorm: null, maxValue: null },
    steps: 12,
    ...extra,
  };
}

const python = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dir = mkdtempSync(join(tmpdir(), 'dl-py-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files: string[] = [];
/** Queues the script for python3's byte-compiler (the last test runs it on all at once). */
function compiles(text: string): void {
  const file = join(dir, `s${files.length}.py`);
  writeFileSync(file, text);
  files.push(file);
}

const SCRIPTS = [
  ['PyTorch', (r: ResolvedRun) => toPyTorch(r, optimizerById(r.optimizer.id)!, null)],
  ['Keras', (r: ResolvedRun) => toKeras(r, optimizerById(r.optimizer.id)!, simulate(r).lr)],
  ['optax', (r: ResolvedRun) => toOptax(r, optimizerById(r.optimizer.id)!, simulate(r).lr)],
] as const;

describe('surfaces in Python', () => {
  it.each(SURFACES.map((s) => s.id))('%s: a def f(p) for torch, tf and jax', (id) => {
    for (const fw of ['torch', 'tf', 'jax'] as const) {
      const lines = surfacePython(run(id, 'adam'), fw);
      const text = lines.join('\n');
      expect(text).toContain('def f(p):');
      expect(text).not.toContain('your loss');
      compiles(`import math\n${text}\n`);
    }
  });

  it('data surfaces carry their data', () => {
    const r = run('linear_regression', 'sgd');
    const text = surfacePython(r, 'torch').join('\n');
    const u = r.surface.data!.u;
    expect(text).toContain(`u = torch.tensor([${u[0]}`);
    expect(text.match(/, /g)!.length).toBeGreaterThan(2 * u.length - 4);
  });

  it('typed surfaces come from the expression tree, parameters named apart from Python', () => {
    const r = run('rosenbrock', 'adam', {
      surface: { id: 'custom', params: { lambda: 2 }, expression: 'lambda*sin(x)^2 + max(x, -y)' },
    });
    const text = surfacePython(r, 'torch').join('\n');
    expect(text).toContain('k_lambda = 2.0');
    expect(text).toContain('(k_lambda * (torch.sin(x) ** 2.0))');
    expect(text).toContain('torch.maximum(x, (-y))');
    compiles(text);
    expect(surfacePython(r, 'jax').join('\n')).toContain('jnp.sin(x)');
    const parsed = parseExpression('-x^2');
    if (!parsed.ok) throw new Error(parsed.message);
    // Python's -x**2 is -(x**2); the full parentheses keep the parser's reading either way.
    expect(exprToPython(parsed.expr, 'torch', (n) => n)).toBe('(-(x ** 2.0))');
  });
});

describe.each(SCRIPTS)('Copy as %s', (_label, script) => {
  it.each(OPTIMIZERS.map((o) => o.id))('%s: runnable script with the values', (id) => {
    const r = run('rosenbrock', id, { clip: { maxNorm: 1, maxValue: 0.5 } });
    const text = script(r);
    expect(text).toContain('def f(p):');
    expect(text).toContain('for step in range(12):');
    expect(text).toContain('show(step + 1)');
    expect(text).toMatch(/1\.0|max_norm=1\.0/);
    compiles(text);
  });
});

describe('schedules', () => {
  it.each(SCHEDULES.map((s) => s.id))('%s: PyTorch scheduler line, Keras/optax lr list', (id) => {
    const def = scheduleById(id)!;
    const r = run('quadratic', 'adam', {
      schedule: { id, params: defaultValues(def.params) },
      steps: 30,
    });
    const torch = toPyTorch(r, optimizerById('adam')!, def);
    expect(torch).toContain(`torch.optim.lr_scheduler.${def.torchClass}(optimizer, `);
    expect(torch).toContain(
      def.kind === 'feedback' ? 'scheduler.step(loss.item())' : 'scheduler.step()',
    );
    compiles(torch);
    const lrs = simulate(r).lr;
    for (const text of [
      toKeras(r, optimizerById('adam')!, lrs),
      toOptax(r, optimizerById('adam')!, lrs),
    ]) {
      const list = /lrs = (?:jnp\.array\()?\[([^\]]*)\]/.exec(text)![1]!.split(', ').map(Number);
      expect(list).toHaveLength(30);
      list.forEach((v, k) => expect(v).toBe(lrs[k]));
      compiles(text);
    }
  });
});

describe('framework differences are named', () => {
  it('Keras RMSprop and optax Adamax say where ε sits', () => {
    const rms = run('rosenbrock', 'rmsprop');
    expect(toKeras(rms, optimizerById('rmsprop')!, [0.01])).toMatch(
      /Differs from PyTorch: epsilon/,
    );
    const amx = run('rosenbrock', 'adamax');
    expect(toOptax(amx, optimizerById('adamax')!, [0.01])).toMatch(/Differs from PyTorch: eps/);
  });

  it('PyTorch weight decay is coupled in optax (add_decayed_weights first), AdamW decoupled', () => {
    const r = run('rosenbrock', 'adam');
    const wd = {
      ...r,
      optimizer: { id: 'adam', params: { ...r.optimizer.params, weight_decay: 0.1 } },
    };
    expect(toOptax(wd, optimizerById('adam')!, [0.001])).toContain(
      'optax.chain(optax.add_decayed_weights(0.1), optax.adam(',
    );
    const w = run('rosenbrock', 'adamw');
    expect(toOptax(w, optimizerById('adamw')!, [0.001])).toMatch(
      /optax\.adamw\(.*weight_decay=0\.01\)/,
    );
  });

  // Syntax only: torch, tensorflow and jax need not be installed to compile.
  it.runIf(python)('every generated script compiles with python3 -m py_compile', () => {
    expect(files.length).toBeGreaterThan(60);
    execFileSync('python3', ['-m', 'py_compile', ...files], { stdio: 'pipe' });
  });
});
