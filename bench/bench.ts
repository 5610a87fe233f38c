// `npm run bench`: one batched workload (Adam on Rosenbrock, N runs of K steps) on every engine
// side by side in one process, on one adapter: the WGSL batch engine, the float64 TypeScript
// path the app falls back to, and TensorFlow.js (WebGPU backend on the same Dawn adapter, and
// its CPU backend) with tf.train.adam over an [N, 2] variable. Prints a table, writes
// bench/results.json. Timings are measured, never asserted: the machines are shared and noisy.
//
// Environment knobs: BENCH_OUT (the results file, default bench/results.json), BENCH_ENGINES
// (comma list, default all), BENCH_SIZES (comma list, default 1000,10000,100000,1000000),
// BENCH_K (steps, default 100), BENCH_BUDGET_S (an engine whose next, ten times larger size would
// take longer than this, projected from the last, is skipped there with that reason; default 120).
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNodeGpu, type NodeGpu } from '../scripts/node-webgpu';
import { defaultValues, type ParamValues } from '../src/core/params';
import {
  createOptimizerState,
  createStepInputs,
  optimizerById,
  setStepInputs,
  updateAll,
} from '../src/core/optimizers';
import { surfaceById } from '../src/core/surfaces';
import type { ResolvedRun } from '../src/core/types';
import { mulberry32 } from '../src/core/rng';
import { BatchEngine } from '../src/gpu/engine';
import { DEFAULT_REGISTRY } from '../src/gpu/registry';
import { messageOf } from '../src/core/errors';

type EngineName = 'wgsl' | 'ts' | 'tfjs-webgpu' | 'tfjs-cpu';

interface Row {
  engine: EngineName;
  n: number;
  k: number;
  /** Wall time of the K steps, upload and set-up excluded (see prepareSeconds). */
  seconds: number | null;
  runStepsPerSecond: number | null;
  /** Time to build and upload the batch before the first step. */
  prepareSeconds?: number;
  skipped?: string;
}

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000,1000000')
  .split(',')
  .map((s) => Number(s.trim()));
const K = Number(process.env.BENCH_K ?? 100);
const BUDGET_S = Number(process.env.BENCH_BUDGET_S ?? 120);
const LR = 0.01;
const ALL_ENGINES: EngineName[] = ['wgsl', 'ts', 'tfjs-webgpu', 'tfjs-cpu'];
// BENCH_ENGINES (comma list) runs a subset, e.g. 'wgsl,ts' for a quick before/after of the engine.
const ENGINES: EngineName[] = process.env.BENCH_ENGINES
  ? ALL_ENGINES.filter((e) => (process.env.BENCH_ENGINES as string).split(',').includes(e))
  : ALL_ENGINES;

/** Seeded start points over Rosenbrock's usual window, the same for every engine. */
function startPoints(n: number): Float64Array {
  const random = mulberry32(1234);
  const points = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = -2 + 4 * random();
    points[2 * i + 1] = -1 + 4 * random();
  }
  return points;
}

function adamParams(): ParamValues {
  const adam = optimizerById('adam');
  if (!adam) throw new Error('adam is not in the optimizer registry');
  return { ...defaultValues(adam.params), lr: LR };
}

function resolvedRuns(starts: Float64Array): ResolvedRun[] {
  const surface = surfaceById('rosenbrock');
  if (!surface) throw new Error('rosenbrock is not in the surface registry');
  const params = adamParams();
  const runs: ResolvedRun[] = [];
  for (let i = 0; i < starts.length / 2; i++) {
    runs.push({
      id: `bench-${i}`,
      surface: { id: 'rosenbrock', params: defaultValues(surface.params) },
      start: [starts[2 * i]!, starts[2 * i + 1]!],
      optimizer: { id: 'adam', params },
      schedule: null,
      clip: { maxNorm: null, maxValue: null },
      steps: K,
    });
  }
  return runs;
}

async function benchWgsl(gpu: NodeGpu, starts: Float64Array): Promise<Omit<Row, 'engine'>> {
  const n = starts.length / 2;
  const engine = await BatchEngine.create(gpu.device, { registry: DEFAULT_REGISTRY });
  const t0 = performance.now();
  // Record only the start and the end: the benchmark measures stepping, not recording.
  const batch = engine.prepare(resolvedRuns(starts), { recordEvery: K });
  await gpu.device.queue.onSubmittedWorkDone();
  const t1 = performance.now();
  await batch.run(K);
  await gpu.device.queue.onSubmittedWorkDone();
  const t2 = performance.now();
  batch.destroy();
  const seconds = (t2 - t1) / 1000;
  return {
    n,
    k: K,
    seconds,
    runStepsPerSecond: (n * K) / seconds,
    prepareSeconds: (t1 - t0) / 1000,
  };
}

function benchTs(starts: Float64Array): Omit<Row, 'engine'> {
  const n = starts.length / 2;
  const surface = surfaceById('rosenbrock')!;
  const adam = optimizerById('adam')!;
  const params = adamParams();
  const surfaceParams = defaultValues(surface.params);
  const t0 = performance.now();
  // The same float64 code the app's CPU fallback runs: the registry's evaluate and update.
  const scalars = adam.stepScalars(params, K);
  const constants = adam.constants(params);
  const step = createStepInputs();
  const position = new Float64Array(2);
  const gradient = new Float64Array(2);
  const evaluation = new Float64Array(3);
  const state = createOptimizerState(adam, params, 2);
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    position[0] = starts[2 * i]!;
    position[1] = starts[2 * i + 1]!;
    state.fill(0);
    for (let t = 0; t < K; t++) {
      surface.evaluate(position[0]!, position[1]!, surfaceParams, evaluation);
      gradient[0] = evaluation[1]!;
      gradient[1] = evaluation[2]!;
      setStepInputs(step, LR, t, scalars);
      updateAll(adam, position, gradient, state, step, constants);
    }
    checksum += position[0]! + position[1]!;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!Number.isFinite(checksum)) throw new Error('TS path produced a non-finite result');
  return { n, k: K, seconds, runStepsPerSecond: (n * K) / seconds };
}

type Tf = typeof import('@tensorflow/tfjs');

async function benchTfjs(tf: Tf, starts: Float64Array): Promise<Omit<Row, 'engine'>> {
  const n = starts.length / 2;
  const t0 = performance.now();
  const xy = tf.variable(tf.tensor2d(Float32Array.from(starts), [n, 2]));
  const optimizer = tf.train.adam(LR, 0.9, 0.999, 1e-8);
  const a = tf.scalar(1);
  const b = tf.scalar(100);
  // Σ over runs of Rosenbrock: each run's gradient depends only on its own row.
  const loss = (): import('@tensorflow/tfjs').Scalar =>
    tf.tidy(() => {
      const x = xy.slice([0, 0], [n, 1]);
      const y = xy.slice([0, 1], [n, 1]);
      return tf.sum(
        tf.add(tf.square(tf.sub(a, x)), tf.mul(b, tf.square(tf.sub(y, tf.square(x))))),
      ) as import('@tensorflow/tfjs').Scalar;
    });
  await xy.data();
  const t1 = performance.now();
  for (let t = 0; t < K; t++) optimizer.minimize(loss);
  const final = await xy.data();
  const t2 = performance.now();
  if (!Number.isFinite(final[0]!)) throw new Error('tfjs produced a non-finite result');
  optimizer.dispose();
  tf.dispose([xy, a, b]);
  const seconds = (t2 - t1) / 1000;
  return {
    n,
    k: K,
    seconds,
    runStepsPerSecond: (n * K) / seconds,
    prepareSeconds: (t1 - t0) / 1000,
  };
}

function format(value: number | null | undefined, digits = 3): string {
  if (value == null) return '—';
  if (value >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toPrecision(digits);
}

function printTable(rows: Row[]): void {
  const byKey = new Map(rows.map((r) => [`${r.engine}:${r.n}`, r]));
  const rate = (engine: EngineName, n: number) =>
    byKey.get(`${engine}:${n}`)?.runStepsPerSecond ?? null;
  const header = [
    'N',
    ...ENGINES.map((e) => `${e} run-steps/s`),
    'wgsl/ts',
    'wgsl/tfjs-webgpu',
    'wgsl/tfjs-cpu',
  ];
  const lines = [header];
  for (const n of SIZES) {
    const wgsl = rate('wgsl', n);
    const ratio = (other: number | null) => (wgsl && other ? `${(wgsl / other).toFixed(1)}×` : '—');
    lines.push([
      n.toLocaleString('en-US'),
      ...ENGINES.map((e) => {
        const row = byKey.get(`${e}:${n}`);
        return row?.skipped ? 'skipped' : format(row?.runStepsPerSecond);
      }),
      ratio(rate('ts', n)),
      ratio(rate('tfjs-webgpu', n)),
      ratio(rate('tfjs-cpu', n)),
    ]);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const render = (l: string[]) => `| ${l.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  console.log(render(lines[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines.slice(1)) console.log(render(l));
  for (const r of rows.filter((r) => r.skipped))
    console.log(`  ${r.engine} at N=${r.n}: ${r.skipped}`);
}

async function main(): Promise<void> {
  const gpu = await openNodeGpu();
  const info = gpu.adapter.info;
  const adapterName = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  console.log(`Adam on Rosenbrock, K = ${K} steps, adapter: ${adapterName}`);

  // tfjs finds navigator.gpu when its WebGPU backend loads: give it the same Dawn instance.
  Object.assign(globalThis, { navigator: { gpu: gpu.gpu, userAgent: 'node' } });
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');

  const rows: Row[] = [];
  const overBudget = new Set<EngineName>();
  const warmedUp = new Set<EngineName>();
  for (const n of SIZES) {
    const starts = startPoints(n);
    for (const engine of ENGINES) {
      if (overBudget.has(engine)) {
        rows.push({
          engine,
          n,
          k: K,
          seconds: null,
          runStepsPerSecond: null,
          skipped: `projected over ${BUDGET_S} s from the previous size`,
        });
        continue;
      }
      const measure = async (points: Float64Array): Promise<Omit<Row, 'engine'>> => {
        if (engine === 'wgsl') return benchWgsl(gpu, points);
        if (engine === 'ts') return benchTs(points);
        const backend = engine === 'tfjs-webgpu' ? 'webgpu' : 'cpu';
        if (!(await tf.setBackend(backend)))
          throw new Error(`tfjs backend ${backend} did not start`);
        await tf.ready();
        return benchTfjs(tf, points);
      };
      let result: Omit<Row, 'engine'>;
      try {
        // One untimed small run first, so shader compiles and JIT warm-up are not timed.
        if (!warmedUp.has(engine)) {
          await measure(startPoints(Math.min(n, 1000)));
          warmedUp.add(engine);
        }
        result = await measure(starts);
      } catch (error) {
        const reason = messageOf(error);
        rows.push({ engine, n, k: K, seconds: null, runStepsPerSecond: null, skipped: reason });
        console.log(`${engine} N=${n}: failed: ${reason}`);
        continue;
      }
      rows.push({ engine, ...result });
      console.log(
        `${engine.padEnd(11)} N=${String(n).padEnd(8)} ${result.seconds!.toFixed(3)} s  ${format(result.runStepsPerSecond)} run-steps/s`,
      );
      // Sizes grow tenfold: skip an engine whose next size would run past the budget.
      const projected = (result.seconds! + (result.prepareSeconds ?? 0)) * 10;
      if (projected > BUDGET_S) overBudget.add(engine);
    }
  }

  printTable(rows);
  const out =
    process.env.BENCH_OUT ?? resolve(dirname(fileURLToPath(import.meta.url)), 'results.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ adapter: adapterName, k: K, rows }, null, 2)}\n`);
  console.log(`wrote ${out}`);
  gpu.close();
}

await main();
