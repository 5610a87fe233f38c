// `npm run bench:train`: one epoch of the MNIST MLP (784 → 128 relu → 10, Adagrad lr 0.1,
// batch 32, the 8,000 training digits) with R = 1, 8 and 32 replicas, side by side in one
// process on one adapter: the batched WGSL training engine, TensorFlow.js on its WebGPU backend
// (R tf.sequential models, trainOnBatch each in turn, as a user would write the race), and the
// float64 TypeScript loop (the CPU fallback). Prints a table of samples per second (all
// replicas counted) and writes bench/train-results.json. Measured, never asserted.
//
// Knobs: BENCH_TRAIN_REPLICAS (default 1,8,32), BENCH_TRAIN_ENGINES (default wgsl,tfjs-webgpu,ts),
// BENCH_TRAIN_BUDGET_S (default 90): an engine stops an epoch after this many seconds and its
// rate is taken over the steps it ran (the table says how many).
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNodeGpu, type NodeGpu } from '../scripts/node-webgpu';
import { mnistSplitNode } from '../scripts/mnist/node';
import { defaultValues } from '../src/core/params';
import { optimizerById } from '../src/core/optimizers';
import { shuffledBatches } from '../src/core/train/batches';
import { initParams } from '../src/core/train/init';
import { Float64Trainer } from '../src/core/train/trainer';
import type { TrainReplicaSetup } from '../src/core/train/backend';
import type { DataSplit, MlpSpec } from '../src/core/train/types';
import { TrainEngine } from '../src/gpu/train/engine';
import { profileTrainStep } from './train-profile';

type EngineName = 'wgsl' | 'tfjs-webgpu' | 'ts';

interface Row {
  engine: EngineName;
  replicas: number;
  batch: number;
  /** Wall time of the steps run (compiles and uploads excluded). */
  seconds: number;
  samplesPerSecond: number;
  /** Steps of the epoch that ran within the budget (250 = the whole epoch). */
  steps: number;
}

const list = (text: string | undefined, fallback: string): string[] =>
  (text ?? fallback).split(',').map((s) => s.trim());
const REPLICAS = list(process.env.BENCH_TRAIN_REPLICAS, '1,8,32').map(Number);
const ENGINES = list(process.env.BENCH_TRAIN_ENGINES, 'wgsl,tfjs-webgpu,ts') as EngineName[];
const BUDGET_S = Number(process.env.BENCH_TRAIN_BUDGET_S ?? 90);
const BATCH = 32;
const LR = 0.1;
const MODEL: MlpSpec = {
  kind: 'mlp',
  sizes: [784, 128, 10],
  activation: 'relu',
  loss: 'cross_entropy',
};
/** Multiply-adds per sample, forward and backward (no input gradient for the first layer). */
const FLOPS_PER_SAMPLE = 2 * (3 * (784 * 128 + 128 * 10) + 128 * 10);

function setups(replicas: number, split: DataSplit): TrainReplicaSetup[] {
  const adagrad = optimizerById('adagrad')!;
  const plan = shuffledBatches(split.train.rows, BATCH, 1, 1);
  const init = initParams(MODEL, 1);
  return Array.from({ length: replicas }, (_, r) => ({
    id: `r${r}`,
    optimizer: { id: 'adagrad', params: { ...defaultValues(adagrad.params), lr: LR } },
    schedule: null,
    clip: { maxNorm: null, maxValue: null },
    init,
    batches: plan.batches,
    epochSteps: plan.epochSteps,
    steps: plan.batches.length,
  }));
}

async function benchWgsl(gpu: NodeGpu, replicas: number, split: DataSplit): Promise<Row> {
  const engine = await TrainEngine.create(gpu.device, MODEL, split, {
    maxReplicas: replicas,
    batchCapacity: BATCH,
  });
  try {
    const all = setups(replicas, split);
    // Untimed: compiles every pipeline and runs two steps.
    await engine.setReplicas(all.map((s) => ({ ...s, steps: 2 })));
    while (engine.running) await engine.run();
    await engine.setReplicas(all);
    const t0 = performance.now();
    let steps = 0;
    while (engine.running && performance.now() - t0 < BUDGET_S * 1000) {
      const progress = await engine.run(32);
      steps += progress[0]?.losses.length ?? 0;
    }
    const seconds = (performance.now() - t0) / 1000;
    return row('wgsl', replicas, steps, seconds);
  } finally {
    engine.destroy();
  }
}

function benchTs(replicas: number, split: DataSplit): Row {
  const trainers = setups(replicas, split).map(
    (s) => new Float64Trainer({ ...s, model: MODEL, data: split.train }),
  );
  const t0 = performance.now();
  let steps = 0;
  while (steps < (trainers[0]?.run.steps ?? 0) && performance.now() - t0 < BUDGET_S * 1000) {
    for (const trainer of trainers) trainer.step();
    steps++;
  }
  return row('ts', replicas, steps, (performance.now() - t0) / 1000);
}

type Tf = typeof import('@tensorflow/tfjs');

async function benchTfjs(tf: Tf, replicas: number, split: DataSplit): Promise<Row> {
  const xs = tf.tensor2d(Float32Array.from(split.train.x), [split.train.rows, 784]);
  const ys = tf.tensor1d(Float32Array.from(split.train.y));
  const plan = shuffledBatches(split.train.rows, BATCH, 1, 1);
  const models = Array.from({ length: replicas }, () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
    model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    model.compile({ optimizer: tf.train.adagrad(LR), loss: 'sparseCategoricalCrossentropy' });
    return model;
  });
  const step = async (t: number): Promise<void> => {
    const rows = tf.tensor1d(plan.batches[t] as Int32Array, 'int32');
    const xb = tf.gather(xs, rows);
    const yb = tf.gather(ys, rows);
    for (const model of models) await model.trainOnBatch(xb, yb);
    tf.dispose([rows, xb, yb]);
  };
  try {
    await step(0); // untimed: kernels compile
    const t0 = performance.now();
    let steps = 0;
    while (steps < plan.batches.length && performance.now() - t0 < BUDGET_S * 1000) {
      await step(steps);
      steps++;
    }
    return row('tfjs-webgpu', replicas, steps, (performance.now() - t0) / 1000);
  } finally {
    for (const model of models) model.dispose();
    tf.dispose([xs, ys]);
  }
}

function row(engine: EngineName, replicas: number, steps: number, seconds: number): Row {
  return {
    engine,
    replicas,
    batch: BATCH,
    seconds,
    samplesPerSecond: (steps * BATCH * replicas) / seconds,
    steps,
  };
}

function printTable(rows: readonly Row[]): void {
  const rate = (engine: EngineName, r: number) =>
    rows.find((x) => x.engine === engine && x.replicas === r);
  const header = [
    'R',
    ...ENGINES.map((e) => `${e} samples/s`),
    'wgsl/tfjs-webgpu',
    'wgsl/ts',
    'wgsl GFLOP/s',
  ];
  const lines = [header];
  const cell = (x: Row | undefined) =>
    x
      ? `${Math.round(x.samplesPerSecond).toLocaleString('en-US')}${x.steps < 250 ? ` (${x.steps}/250 steps)` : ''}`
      : '—';
  const ratio = (a?: Row, b?: Row) =>
    a && b ? `${(a.samplesPerSecond / b.samplesPerSecond).toFixed(1)}×` : '—';
  for (const r of REPLICAS) {
    const wgsl = rate('wgsl', r);
    lines.push([
      String(r),
      ...ENGINES.map((e) => cell(rate(e, r))),
      ratio(wgsl, rate('tfjs-webgpu', r)),
      ratio(wgsl, rate('ts', r)),
      wgsl ? ((wgsl.samplesPerSecond * FLOPS_PER_SAMPLE) / 1e9).toFixed(2) : '—',
    ]);
  }
  const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  const render = (l: string[]) => `| ${l.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(render(lines[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines.slice(1)) console.log(render(l));
}

async function main(): Promise<void> {
  const gpu = await openNodeGpu();
  const info = gpu.adapter.info;
  const adapter = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  console.log(
    `MNIST MLP 784-128-10, Adagrad lr ${LR}, batch ${BATCH}, one epoch; adapter: ${adapter}`,
  );
  const split = mnistSplitNode(28);
  Object.assign(globalThis, { navigator: { gpu: gpu.gpu, userAgent: 'node' } });
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (ENGINES.includes('tfjs-webgpu') && !(await tf.setBackend('webgpu')))
    throw new Error('tfjs backend webgpu did not start');

  const rows: Row[] = [];
  for (const replicas of REPLICAS) {
    for (const engine of ENGINES) {
      const result =
        engine === 'wgsl'
          ? await benchWgsl(gpu, replicas, split)
          : engine === 'ts'
            ? benchTs(replicas, split)
            : await benchTfjs(tf, replicas, split);
      rows.push(result);
      console.log(
        `${engine.padEnd(11)} R=${String(replicas).padEnd(3)} ${result.seconds.toFixed(2)} s, ${result.steps} steps: ${Math.round(result.samplesPerSecond)} samples/s`,
      );
    }
  }
  printTable(rows);
  if (ENGINES.includes('wgsl')) {
    const r = Math.max(...REPLICAS);
    console.log(`\nWhere a WGSL step's time goes (R = ${r}, each kernel alone, mean of 20):`);
    for (const k of await profileTrainStep(gpu, MODEL, split, setups(r, split))) {
      console.log(`  ${k.label.padEnd(40)} ${k.ms.toFixed(2)} ms`);
    }
  }
  const out = resolve(dirname(fileURLToPath(import.meta.url)), 'train-results.json');
  writeFileSync(out, `${JSON.stringify({ adapter, rows }, null, 2)}\n`);
  console.log(`wrote ${out}`);
  gpu.close();
}

await main();
