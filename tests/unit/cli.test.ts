// The cases CLI as a user runs it: a child process on a temporary case file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRunSpec } from '../../src/core/spec';
import { simulate } from '../../src/core/simulate';
import {
  compareTrajectory,
  FLOAT64_TOLERANCE,
  type ExpectedTrajectory,
} from '../../src/core/compare';
import type { Trajectory } from '../../src/core/types';
import { loadReferenceCases } from '../reference';

interface Case {
  id: string;
  steps: number;
  surface: { name: string };
  optimizer: { name: string };
  schedule?: { name: string } | null;
  expected: { float64: ExpectedTrajectory };
}

const all = loadReferenceCases<Case>();
// A few cases of different kinds keep the child process quick.
const picked = [
  all.find((c) => c.optimizer.name === 'nadam'),
  all.find((c) => c.schedule?.name === 'reduce_lr_on_plateau'),
  all.find((c) => c.surface.name === 'logistic_regression'),
].filter((c): c is Case => c !== undefined);

const dir = mkdtempSync(path.join(tmpdir(), 'cases-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(
    'npx',
    ['tsx', '--import', './scripts/raw-loader.mjs', 'scripts/cases.ts', ...args],
    { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 },
  );
  return { status: result.status, stderr: result.stderr };
}

interface ResultEntry {
  id: string;
  x: (number | null)[][];
  loss: (number | null)[];
  lr: (number | null)[];
  divergedAt?: number;
}

function asTrajectory(r: ResultEntry): Trajectory {
  const num = (v: number | null): number => (v === null ? NaN : v);
  return {
    x: Float64Array.from(r.x.flat(), num),
    loss: Float64Array.from(r.loss, num),
    lr: Float64Array.from(r.lr, num),
    divergedAt: r.divergedAt ?? null,
  };
}

describe('npm run cases', { timeout: 60_000 }, () => {
  it('cpu output matches expected.float64 for each case', () => {
    expect(picked.length).toBe(3);
    const input = path.join(dir, 'in.json');
    const out = path.join(dir, 'out.json');
    writeFileSync(input, JSON.stringify(picked));
    const { status, stderr } = cli(input, '--backend', 'cpu', '--out', out);
    expect(stderr).toContain('3 runs on cpu');
    expect(status).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ResultEntry[];
    expect(result.map((r) => r.id)).toEqual(picked.map((c) => c.id));
    result.forEach((r, i) => {
      const c = picked[i] as Case;
      expect(r.x).toHaveLength(c.steps + 1);
      const cmp = compareTrajectory(
        asTrajectory(r),
        c.expected.float64,
        FLOAT64_TOLERANCE,
        c.steps,
      );
      expect(cmp.firstFailure ?? 'ok').toBe('ok');
    });
    expect(readdirSync(dir).sort()).toEqual(['in.json', 'out.json']);
  });

  it('writes null and divergedAt for a run that blows up', () => {
    const input = path.join(dir, 'diverge.json');
    const out = path.join(dir, 'diverge-out.json');
    const spec = {
      id: 'blow-up',
      surface: { name: 'quadratic', a: 1, b: 10 },
      start: [1, 1],
      optimizer: { name: 'sgd', lr: 100 },
      steps: 400,
    };
    writeFileSync(input, JSON.stringify([spec]));
    expect(cli(input, '--out', out).status).toBe(0);
    const [r] = JSON.parse(readFileSync(out, 'utf8')) as ResultEntry[];
    const expected = simulate(parseRunSpec(spec, 0));
    expect(expected.divergedAt).not.toBeNull();
    expect(r?.divergedAt).toBe(expected.divergedAt);
    expect(r?.x[expected.divergedAt as number]).toEqual([null, null]);
    expect(r?.x[0]).toEqual([1, 1]);
    rmSync(input);
    rmSync(out);
  });

  it('a malformed case exits non-zero naming the case and field, and writes nothing', () => {
    const input = path.join(dir, 'bad.json');
    const out = path.join(dir, 'bad-out.json');
    const bad = { ...picked[0], id: 'broken-case', optimizer: { name: 'adam', betas: [0.9, 2] } };
    writeFileSync(input, JSON.stringify([picked[1], bad]));
    const { status, stderr } = cli(input, '--backend', 'cpu', '--out', out);
    expect(status).not.toBe(0);
    expect(stderr).toContain('broken-case');
    expect(stderr).toContain('optimizer.betas[1]');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('bad-out'))).toEqual([]);
    rmSync(input);
  });

  it('an unknown optimizer name is rejected with the known names', () => {
    const input = path.join(dir, 'unknown.json');
    const out = path.join(dir, 'unknown-out.json');
    writeFileSync(
      input,
      JSON.stringify([{ ...picked[0], id: 'odd', optimizer: { name: 'lion' } }]),
    );
    const { status, stderr } = cli(input, '--out', out);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(/case odd, optimizer\.name: unknown optimizer "lion"; known: sgd/);
    expect(existsSync(out)).toBe(false);
    rmSync(input);
  });

  it('usage errors exit non-zero', () => {
    expect(cli('--backend', 'tpu').status).not.toBe(0);
    expect(cli(path.join(dir, 'missing.json'), '--out', path.join(dir, 'x.json')).status).not.toBe(
      0,
    );
    expect(existsSync(path.join(dir, 'x.json'))).toBe(false);
  });

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    const input = path.join(dir, 'bom.json');
    const out = path.join(dir, 'bom-out.json');
    writeFileSync(input, '\uFEFF' + JSON.stringify([picked[0]]));
    const { status, stderr } = cli(input, '--out', out);
    expect(status, stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(1);
    rmSync(input);
    rmSync(out);
  });

  it('an --out it cannot write is one line naming the path, exit 2, before any work', () => {
    const input = path.join(dir, 'ok.json');
    writeFileSync(input, JSON.stringify([picked[0]]));
    const places = [
      [path.join(dir, 'no-such-folder', 'out.json'), 'does not exist'],
      [dir, 'it is a folder'],
      ['/proc/descent-lab-out.json', 'cannot write /proc/descent-lab-out.json'],
    ] as const;
    for (const [out, reason] of places) {
      const { status, stderr } = cli(input, '--out', out);
      expect(status, stderr).toBe(2);
      const lines = stderr.trim().split('\n');
      expect(lines, stderr).toHaveLength(1);
      expect(lines[0]).toContain(`cases: cannot write ${out}`);
      expect(lines[0]).toContain(reason);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync('/proc/descent-lab-out.json')).toBe(false);
    rmSync(input);
  });
});
