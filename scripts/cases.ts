// The cases CLI: runs docs/FORMAT.md cases on the float64 CPU simulator or the float32 WebGPU
// engine and writes trajectories shaped like `expected.float64`.
//
//   npm run -s cases -- FILE --backend cpu|webgpu --out RESULT.json
//
// Every case is parsed before anything runs: a malformed case or an unknown name exits
// non-zero with the case id and field, and writes nothing. The result is written to a
// temporary file and renamed, so a failure never leaves a partial RESULT.json.

import process from 'node:process';
import { parseRunSpecs, SpecError } from '../src/core/spec';
import { simulate } from '../src/core/simulate';
import { loadTypedSurfaces } from '../src/core/surfaceRef';
import type { ResolvedRun, Trajectory } from '../src/core/types';
import {
  checkOutPath,
  CliError,
  finiteOrNull,
  parseCliArgs,
  readJsonInput,
  UsageError,
  writeOutput,
  type CliArgs,
} from './cli-args';

const USAGE = 'usage: npm run -s cases -- FILE --backend cpu|webgpu --out RESULT.json';

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

async function runCases(runs: ResolvedRun[], backend: CliArgs['backend']): Promise<Trajectory[]> {
  if (backend === 'cpu') return runs.map((run) => simulate(run));
  // Loaded only here: the CPU path must not need Dawn.
  const { runOnWebGpu } = await import('./webgpu-backend');
  return runOnWebGpu(runs);
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`cases: ${error.message}`);
      console.error(USAGE);
      return 2;
    }
    throw error;
  }

  // A case may name a typed surface: its parser is loaded on demand (as in the app).
  await loadTypedSurfaces();
  const json = await readJsonInput(args.file);
  await checkOutPath(args.out);

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

  await writeOutput(args.out, `${JSON.stringify(result)}\n`);
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
    if (error instanceof CliError) {
      console.error(`cases: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    console.error(
      `cases: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
