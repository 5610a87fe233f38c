// `npm run bench:explore`: the two explore jobs of issue 7, each on the WGSL batch engine and
// on the float64 TypeScript path (the CPU fallback), in one process on one adapter:
// - basins: a 512 × 512 grid of starts over Rosenbrock's view, 500 Adam steps each;
// - sweep: a 256 × 256 η × β₁ sweep of Adam on Rosenbrock from its default start, 500 steps.
// Both track summaries (loss threshold, settle tolerance) and end in a SummaryTable. A job's
// seconds run from its axes to its table: planning, then for WGSL prepare (pack + upload), the
// dispatches and the readback (printed apart), for TS summarizeRuns. The WGSL pipeline is
// compiled by an untimed small run first (a compile happens once per device and shader).
// Prints a table and writes bench/explore-results.json. Measured, never asserted.
//
// Knobs: BENCH_EXPLORE_ENGINES (default wgsl,ts), BENCH_EXPLORE_JOBS (default basins,sweep),
// BENCH_EXPLORE_DIVISOR (default 1: cells per side divided by it, for a quick try),
// BENCH_EXPLORE_OUT (default bench/explore-results.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNodeGpu } from '../scripts/node-webgpu';
import { parseRunSpec } from '../src/core/spec';
import type { ResolvedRun } from '../src/core/types';
import { surfaceById } from '../src/core/surfaces';
import { planBasins } from '../src/core/explore/basins';
import { planSweep } from '../src/core/explore/sweep';
import { summarizeRuns, type SummaryTable } from '../src/core/explore/summary';
import { BatchEngine } from '../src/gpu/engine';

type Job = 'basins' | 'sweep';
type EngineName = 'wgsl' | 'ts';

interface Row {
  job: Job;
  engine: EngineName;
  runs: number;
  steps: number;
  seconds: number;
  /** Where the seconds went. */
  phases: Record<string, number>;
  /** Runs that diverged and runs that reached the loss threshold, as a sanity check. */
  diverged: number;
  reached: number;
}

const list = (text: string | undefined, fallback: string): string[] =>
  (text ?? fallback).split(',').map((s) => s.trim());
const ENGINES = list(process.env.BENCH_EXPLORE_ENGINES, 'wgsl,ts') as EngineName[];
const JOBS = list(process.env.BENCH_EXPLORE_JOBS, 'basins,sweep') as Job[];
const DIVISOR = Number(process.env.BENCH_EXPLORE_DIVISOR ?? 1);
const STEPS = 500;

const base: ResolvedRun = {
  ...parseRunSpec(
    {
      id: 'bench',
      surface: { name: 'rosenbrock' },
      start: [-1.2, 1],
      optimizer: { name: 'adam', lr: 0.01 },
      steps: STEPS,
    },
    0,
  ),
  track: { lossThreshold: 1e-3, settleTolerance: 1e-4 },
};

function plan(job: Job): ResolvedRun[] {
  if (job === 'basins') {
    const surface = surfaceById('rosenbrock');
    if (!surface) throw new Error('no rosenbrock');
    const side = Math.max(1, Math.round(512 / DIVISOR));
    return planBasins(base, surface.view, side, side);
  }
  const side = Math.max(1, Math.round(256 / DIVISOR));
  return planSweep(base, [
    { target: 'optimizer', key: 'lr', min: 1e-4, max: 1, cells: side, scale: 'log' },
    { target: 'optimizer', key: 'beta1', min: 0, max: 0.999, cells: side, scale: 'log1m' },
  ]);
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

async function runWgsl(
  engine: BatchEngine,
  runs: readonly ResolvedRun[],
  phases: Record<string, number>,
): Promise<SummaryTable> {
  let t = performance.now();
  const batch = engine.prepare(runs, { recordEvery: STEPS });
  phases['prepare'] = seconds(t);
  try {
    t = performance.now();
    await batch.run();
    phases['dispatch'] = seconds(t);
    t = performance.now();
    const table = await batch.readSummaries();
    phases['readback'] = seconds(t);
    return table;
  } finally {
    batch.destroy();
  }
}

async function measure(engine: BatchEngine, job: Job, name: EngineName): Promise<Row> {
  const phases: Record<string, number> = {};
  const t0 = performance.now();
  const runs = plan(job);
  phases['plan'] = seconds(t0);
  let table: SummaryTable;
  if (name === 'wgsl') {
    table = await runWgsl(engine, runs, phases);
  } else {
    const t = performance.now();
    table = summarizeRuns(runs);
    phases['summarize'] = seconds(t);
  }
  return {
    job,
    engine: name,
    runs: runs.length,
    steps: STEPS,
    seconds: seconds(t0),
    phases,
    diverged: table.divergedAt.filter((d) => d >= 0).length,
    reached: table.firstBelow.filter((t) => t >= 0).length,
  };
}

function printTable(rows: readonly Row[]): void {
  const header = ['job', 'engine', 'runs', 'steps', 'seconds', 'phases (s)', 'wgsl speed-up'];
  const lines = [header];
  for (const r of rows) {
    const ts = rows.find((o) => o.job === r.job && o.engine === 'ts');
    const speedUp = r.engine === 'wgsl' && ts ? `${(ts.seconds / r.seconds).toFixed(1)}×` : '';
    lines.push([
      r.job,
      r.engine,
      r.runs.toLocaleString('en-US'),
      String(r.steps),
      r.seconds.toFixed(2),
      Object.entries(r.phases)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', '),
      speedUp,
    ]);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  const render = (l: string[]): string =>
    `| ${l.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  console.log(render(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines.slice(1)) console.log(render(l));
}

async function main(): Promise<void> {
  const gpu = await openNodeGpu();
  const info = gpu.adapter.info;
  const adapter = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  console.log(`Adam on Rosenbrock, ${STEPS} steps per run; adapter: ${adapter}`);
  const engine = await BatchEngine.create(gpu.device);
  // Untimed: compiles the specialized pipeline (Rosenbrock, Adam, tracking) and warms the JIT.
  const warm = planBasins(base, { xMin: -1, xMax: 1, yMin: -1, yMax: 1 }, 16, 16);
  const batch = engine.prepare(warm, { recordEvery: STEPS });
  await batch.specialized;
  await batch.run();
  await batch.readSummaries();
  batch.destroy();
  summarizeRuns(warm.slice(0, 16));

  const rows: Row[] = [];
  for (const job of JOBS) {
    for (const name of ENGINES) {
      const row = await measure(engine, job, name);
      rows.push(row);
      console.log(
        `${job.padEnd(6)} ${name.padEnd(4)} ${row.runs} runs: ${row.seconds.toFixed(2)} s ` +
          `(${row.diverged} diverged, ${row.reached} reached the threshold)`,
      );
    }
  }
  printTable(rows);
  const out =
    process.env.BENCH_EXPLORE_OUT ??
    resolve(dirname(fileURLToPath(import.meta.url)), 'explore-results.json');
  mkdirSync(dirname(out), { recursive: true });
  const json = rows.map(({ job, engine: e, runs, steps, seconds: s, phases }) => ({
    job,
    engine: e,
    runs,
    steps,
    seconds: s,
    phases,
  }));
  writeFileSync(out, `${JSON.stringify({ adapter, rows: json }, null, 2)}\n`);
  console.log(`wrote ${out}`);
  engine.destroy();
  gpu.close();
}

await main();
