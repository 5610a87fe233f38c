// The train-cases CLI: runs docs/TRAIN-FORMAT.md train cases on the float64 CPU loop or the
// float32 WebGPU engine and writes docs/TRAIN-FORMAT.md's result objects.
//
//   npm run -s train-cases -- FILE --backend cpu|webgpu --out RESULT.json
//
// Every case is parsed before anything runs: a malformed case, an unknown name or a model over
// the size limits exits 2 with the case id and the field, and writes nothing. The result is
// written to a temporary file and renamed, so a failure never leaves a partial RESULT.json.

import process from 'node:process';
import { SpecError } from '../src/core/spec';
import { parseTrainCases } from '../src/core/train/case';
import { trainFloat64 } from '../src/core/train/trainer';
import type { TrainResult, TrainRun } from '../src/core/train/types';
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

const USAGE = 'usage: npm run -s train-cases -- FILE --backend cpu|webgpu --out RESULT.json';

/** One result object of docs/TRAIN-FORMAT.md ("Produced results"), non-finite values as null. */
export function trainResultJson(run: TrainRun, result: TrainResult): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    id: result.id,
    loss: Array.from(result.loss, finiteOrNull),
    lr: Array.from(result.lr, finiteOrNull),
    params: Array.from(result.params, finiteOrNull),
    final_loss: finiteOrNull(result.finalLoss),
  };
  if (run.model.loss !== 'mse') entry['final_accuracy'] = result.finalAccuracy;
  if (result.divergedAt !== null) entry['divergedAt'] = result.divergedAt;
  return entry;
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`train-cases: ${error.message}`);
      console.error(USAGE);
      return 2;
    }
    throw error;
  }

  const json = await readJsonInput(args.file);
  await checkOutPath(args.out);

  let runs: TrainRun[];
  try {
    runs = parseTrainCases(json);
  } catch (error) {
    if (error instanceof SpecError) {
      console.error(`train-cases: ${error.message}`);
      return 2;
    }
    throw error;
  }

  let results: TrainResult[];
  if (args.backend === 'cpu') {
    results = runs.map((run) => trainFloat64(run));
  } else {
    // Loaded only here: the CPU path must not need Dawn.
    const { runTrainCasesOnWebGpu, TrainBackendUnavailable } =
      await import('./train-webgpu-backend');
    try {
      results = await runTrainCasesOnWebGpu(runs);
    } catch (error) {
      if (error instanceof TrainBackendUnavailable) {
        console.error(`train-cases: ${error.message}`);
        return 2;
      }
      throw error;
    }
  }
  if (results.length !== runs.length)
    throw new Error(`backend returned ${results.length} results for ${runs.length} runs`);
  const output = runs.map((run, i) => trainResultJson(run, results[i] as TrainResult));

  await writeOutput(args.out, `${JSON.stringify(output)}\n`);
  const diverged = results.filter((r) => r.divergedAt !== null).length;
  console.error(
    `train-cases: ${runs.length} runs on ${args.backend}${diverged ? `, ${diverged} diverged` : ''} → ${args.out}`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      console.error(`train-cases: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    console.error(
      `train-cases: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
