// The train-cases CLI as a user runs it: a child process on a temporary case file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareTrainRun } from '../../src/core/train/compare';
import { loadTrainFixture, type TrainCaseJson } from '../train-fixture';

const all = loadTrainFixture();
// A few cases of different kinds keep the child process quick: mse (no accuracy), bce, the
// CNN and a ReduceLROnPlateau schedule.
const picked = [
  all.find((c) => c.model.loss === 'mse'),
  all.find((c) => c.model.loss === 'bce'),
  all.find((c) => c.model.kind === 'cnn'),
  all.find((c) => c.schedule?.['name'] === 'reduce_lr_on_plateau' && c.model.kind === 'mlp'),
].filter((c): c is TrainCaseJson => c !== undefined);

const dir = mkdtempSync(path.join(tmpdir(), 'train-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(
    'npx',
    ['tsx', '--import', './scripts/raw-loader.mjs', 'scripts/train-cases.ts', ...args],
    { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, stderr: result.stderr };
}

interface ResultEntry {
  id: string;
  loss: (number | null)[];
  lr: (number | null)[];
  params: (number | null)[];
  final_loss: number | null;
  final_accuracy?: number;
}

const num = (v: number | null): number => (v === null ? NaN : v);

describe('npm run train-cases', { timeout: 60_000 }, () => {
  it('cpu output matches expected.float64 for each case', () => {
    expect(picked.length).toBe(4);
    const input = path.join(dir, 'in.json');
    const out = path.join(dir, 'out.json');
    writeFileSync(input, JSON.stringify(picked));
    const { status, stderr } = cli(input, '--backend', 'cpu', '--out', out);
    expect(stderr).toContain('4 runs on cpu');
    expect(status).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultEntry[];
    expect(result.map((r) => r.id)).toEqual(picked.map((c) => c.id));
    result.forEach((r, i) => {
      const c = picked[i] as TrainCaseJson;
      expect(Object.keys(r).sort()).toEqual(
        ['id', 'loss', 'lr', 'params', 'final_loss']
          .concat(c.model.loss === 'mse' ? [] : ['final_accuracy'])
          .sort(),
      );
      const cmp = compareTrainRun(
        {
          loss: r.loss.map(num),
          lr: r.lr.map(num),
          params: r.params.map(num),
          finalLoss: num(r.final_loss),
          finalAccuracy: r.final_accuracy ?? null,
        },
        c.expected.float64,
        'float64',
        { rows: c.data.x.length },
      );
      expect(cmp.firstFailure, c.id).toBeUndefined();
    });
  });

  const good = picked[3] as TrainCaseJson;
  const badInputs: [string, () => string, string][] = [
    ['malformed JSON', () => '[{"id": "x",', 'is not valid JSON'],
    [
      'an unknown optimizer',
      () => JSON.stringify([picked[0], { ...good, optimizer: { name: 'lion' } }]),
      `case ${good.id}, optimizer.name: unknown optimizer "lion"`,
    ],
    [
      'a layer over the limit',
      () => JSON.stringify([{ ...good, model: { ...good.model, sizes: [6, 5000, 3] } }]),
      `case ${good.id}, model.sizes[1]: layer 1 has 5000 units; at most 1024`,
    ],
  ];
  it.each(badInputs.map((b, i) => [...b, i] as const))(
    '%s: exit 2, the case and field on stderr, no output file',
    (_name, text, message, i) => {
      const input = path.join(dir, `bad-${i}.json`);
      const out = path.join(dir, `bad-${i}-out.json`);
      writeFileSync(input, text());
      const { status, stderr } = cli(input, '--backend', 'cpu', '--out', out);
      expect(status).toBe(2);
      expect(stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
  );

  it('usage errors exit 2 and write nothing', () => {
    const input = path.join(dir, 'one.json');
    writeFileSync(input, JSON.stringify([picked[0]]));
    const missing = cli(input, '--backend', 'cpu');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing --out');
    const out = path.join(dir, 'other.json');
    const backend = cli(input, '--backend', 'tpu', '--out', out);
    expect(backend.status).toBe(2);
    expect(backend.stderr).toContain('--backend must be cpu or webgpu, got tpu');
    expect(existsSync(out)).toBe(false);
  });
});
