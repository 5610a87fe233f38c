// The cases CLI: runs docs/FORMAT.md cases on the float64 CPU simulator or the float32 WebGPU
// engine and writes trajectories shaped like `expected.float64`.
//
//   npm run -s cases -- FILE --backend cpu|webgpu --out RESULT.json
//
// Every case is parsed before anything runs: a malformed case or an unknown name exits
// non-zero with the case id and field, and writes nothing. The result is written to a
// temporary file and renamed, so a failure never leaves a partial RESULT.json.

import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { parseRunSpecs, SpecError } from '../src/core/spec';
import { simulate } from '../src/core/simulate';
import type { ResolvedRun, Trajectory } from '../src/core/types';

const USAGE = 'usage: npm run -s cases -- FILE --backend cpu|webgpu --out RESULT.json';

interface Args {
  file: string;
  backend: 'cpu' | 'webgpu';
  out: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args {
  let file: string | undefined;
  let backend: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      i++;
      return next;
    };
    if (arg === '--backend') backend = value();
    else if (arg.startsWith('--backend=')) backend = arg.slice('--backend='.length);
    else if (arg === '--out') out = value();
    else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg === '-h' || arg === '--help') throw new UsageError('');
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (file === undefined) throw new UsageError('missing FILE');
  if (out === undefined) throw new UsageError('missing --out RESULT.json');
  backend ??= 'cpu';
  if (backend !== 'cpu' && backend !== 'webgpu')
    throw new UsageError(`--backend must be cpu or webgpu, got ${backend}`);
  return { file, backend, out };
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** One result entry in the shape of `expected.float64`, non-finite values as null. */
export function trajectoryJson(id: string, tr: Trajectory): Record<string, unknown> {
  const steps = tr.lr.length;
  const x: (number | null)[][] = [];
  for (let t = 0; t <= steps; t++)
    x.push([finiteOrNull(tr.x[2 * t] as number), finiteOrNull(tr.x[2 * t + 1] as number)]);
  const entry: Record<string, unknown> = {
    id,
    x,
    loss: Array.from(tr.loss, finiteOrNull),
    lr: Array.from(tr.lr, finiteOrNull),
  };
  if (tr.divergedAt !== null) entry['divergedAt'] = tr.divergedAt;
  return entry;
}

async function runCases(runs: ResolvedRun[], backend: Args['backend']): Promise<Trajectory[]> {
  if (backend === 'cpu') return runs.map((run) => simulate(run));
  // Loaded only here: the CPU path must not need Dawn.
  const { runOnWebGpu } = await import('./webgpu-backend');
  return runOnWebGpu(runs);
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`cases: ${error.message}`);
      console.error(USAGE);
      return 2;
    }
    throw error;
  }

  let json: unknown;
  try {
    json = JSON.parse(await readFile(args.file, 'utf8'));
  } catch (error) {
    console.error(`cases: cannot read ${args.file}: ${(error as Error).message}`);
    return 2;
  }

  let runs: ResolvedRun[];
  try {
    runs = parseRunSpecs(json);
  } catch (error) {
    if (error instanceof SpecError) {
      console.error(`cases: ${error.message}`);
      return 2;
    }
    throw error;
  }

  const trajectories = await runCases(runs, args.backend);
  if (trajectories.length !== runs.length)
    throw new Error(`backend returned ${trajectories.length} trajectories for ${runs.length} runs`);
  const result = runs.map((run, i) => trajectoryJson(run.id, trajectories[i] as Trajectory));

  const out = path.resolve(args.out);
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, `${JSON.stringify(result)}\n`, 'utf8');
    await rename(tmp, out);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const diverged = result.filter((r) => r['divergedAt'] !== undefined).length;
  console.error(
    `cases: ${runs.length} runs on ${args.backend}${diverged ? `, ${diverged} diverged` : ''} → ${args.out}`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `cases: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
