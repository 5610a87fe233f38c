// `npm run bench:device-loss [-- --losses N]`: how long the app takes to come back from a lost
// GPU device. It builds dist/ for production, opens the default page in headless Chromium with
// WebGPU on SwiftShader (tests/e2e/harness.ts, which keeps every GPUDevice the page creates),
// and N times (default 20) destroys the app's device and times, from the destroy() call:
// - lost seen: until the old device's `lost` promise resolves (what the app waits for),
// - new adapter / new device: until requestAdapter() / requestDevice() resolve,
// - pipelines: until the last pipeline the app creates on the new device is ready (sync
//   creation calls count at their return),
// - recovered: until the app is on WebGPU again with results computed on the new device,
// - next frame: the first animation frame after that (the map draws the new results).
// Between losses the page settles. The baseline, in the same run: N recomputes on the same
// device (the link's step count changed, 500 <-> 501), timed the same way from the hash change,
// so the table shows what a loss costs over an ordinary recompute. Prints a table (median,
// p90, max per phase) and writes bench/device-loss-results.json. Measured, never asserted:
// these machines are shared.

import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDist, requireWebGpu, startApp } from '../tests/e2e/harness';
import { waitForSettled } from '../tests/e2e/app-hook';
import { quantile } from './ui-probe';

interface Loss {
  readonly lostSeenMs?: number | null;
  readonly adapterMs?: number | null;
  readonly pipelinesMs?: number | null;
  readonly newDeviceMs: number | null;
  readonly recoveredMs: number | null;
  readonly frameMs: number | null;
}

/**
 * Runs in the page before the app: timestamps (performance.now) when WebGPU adapters arrive and
 * when pipelines are ready, so a recovery can be split into its phases without app hooks.
 */
function gpuTimelineInitScript(): void {
  const w = window as unknown as { __benchGpu: { adapters: number[]; pipelines: number[] } };
  const timeline = { adapters: [] as number[], pipelines: [] as number[] };
  w.__benchGpu = timeline;
  if (typeof GPU === 'undefined') return;
  const requestAdapter = GPU.prototype.requestAdapter;
  GPU.prototype.requestAdapter = async function (this: GPU, ...args) {
    const adapter = await requestAdapter.apply(this, args);
    timeline.adapters.push(performance.now());
    return adapter;
  };
  const device = GPUDevice.prototype;
  for (const name of ['createComputePipelineAsync', 'createRenderPipelineAsync'] as const) {
    const create = device[name] as (...a: unknown[]) => Promise<unknown>;
    (device as unknown as Record<string, unknown>)[name] = async function (
      this: GPUDevice,
      ...args: unknown[]
    ) {
      const pipeline = await create.apply(this, args);
      timeline.pipelines.push(performance.now());
      return pipeline;
    };
  }
  for (const name of ['createComputePipeline', 'createRenderPipeline'] as const) {
    const create = device[name] as (...a: unknown[]) => unknown;
    (device as unknown as Record<string, unknown>)[name] = function (
      this: GPUDevice,
      ...args: unknown[]
    ) {
      const pipeline = create.apply(this, args);
      timeline.pipelines.push(performance.now());
      return pipeline;
    };
  }
}

/** Longest wait for one recovery before it counts as failed (ms). */
const GIVE_UP_MS = 30_000;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { losses: { type: 'string', default: '20' } } });
  const count = Number(values.losses);
  if (!(Number.isInteger(count) && count > 0 && count <= 1000)) {
    console.error(
      `bench:device-loss: --losses must be an integer in [1, 1000], got "${values.losses}"`,
    );
    process.exit(2);
  }
  buildDist();
  const app = await startApp();
  try {
    const p = await app.open('', { initScripts: [gpuTimelineInitScript] });
    const adapter = await requireWebGpu(p.page);
    await waitForSettled(p.page);
    const baseline: Loss[] = [];
    for (let i = 0; i < count; i++) {
      const run = await p.page.evaluate(
        async (steps) => {
          const w = window as unknown as {
            __descentLab: {
              getState(): { view: { gpu: { kind: string }; resultsVersion: number } };
            };
          };
          const version = w.__descentLab.getState().view.resultsVersion;
          const t0 = performance.now();
          window.location.hash = `#steps=${steps}`;
          for (;;) {
            await new Promise((r) => setTimeout(r, 2));
            if (w.__descentLab.getState().view.resultsVersion > version) {
              const recoveredMs = performance.now() - t0;
              await new Promise((r) => requestAnimationFrame(r));
              return { newDeviceMs: null, recoveredMs, frameMs: performance.now() - t0 };
            }
          }
        },
        500 + ((i + 1) % 2),
      );
      baseline.push(run);
      await waitForSettled(p.page);
    }
    const losses: Loss[] = [];
    for (let i = 0; i < count; i++) {
      const loss = await p.page.evaluate(async (giveUpMs) => {
        const w = window as unknown as {
          __e2eDevices: GPUDevice[];
          __benchGpu: { adapters: number[]; pipelines: number[] };
          __descentLab: {
            getState(): { view: { gpu: { kind: string }; resultsVersion: number } };
          };
        };
        const devices = w.__e2eDevices;
        const n = devices.length;
        const version = w.__descentLab.getState().view.resultsVersion;
        const t0 = performance.now();
        const lost = { ms: null as number | null };
        void devices[n - 1]!.lost.then(() => (lost.ms = performance.now() - t0));
        devices[n - 1]!.destroy();
        let newDeviceMs: number | null = null;
        for (;;) {
          await new Promise((r) => setTimeout(r, 2));
          const now = performance.now() - t0;
          if (newDeviceMs === null && devices.length > n) newDeviceMs = now;
          const view = w.__descentLab.getState().view;
          if (devices.length > n && view.gpu.kind === 'webgpu' && view.resultsVersion > version) {
            const recoveredMs = now;
            await new Promise((r) => requestAnimationFrame(r));
            const frameMs = performance.now() - t0;
            // Inline (no named helpers): tsx would wrap them in a __name() the page lacks.
            const adapterMs = w.__benchGpu.adapters.filter((t) => t >= t0).map((t) => t - t0)[0];
            const pipelines = w.__benchGpu.pipelines
              .map((t) => t - t0)
              .filter((t) => t >= 0 && t <= recoveredMs);
            const pipelinesMs = pipelines.length ? Math.max(...pipelines) : null;
            return {
              lostSeenMs: lost.ms,
              adapterMs: adapterMs ?? null,
              newDeviceMs,
              pipelinesMs,
              recoveredMs,
              frameMs,
            };
          }
          if (now > giveUpMs) return { newDeviceMs, recoveredMs: null, frameMs: null };
        }
      }, GIVE_UP_MS);
      losses.push(loss);
      console.log(
        `loss ${i + 1}: lost seen ${loss.lostSeenMs?.toFixed(0) ?? '—'} ms, adapter ${
          loss.adapterMs?.toFixed(0) ?? '—'
        } ms, new device ${loss.newDeviceMs?.toFixed(0) ?? '—'} ms, pipelines ${
          loss.pipelinesMs?.toFixed(0) ?? '—'
        } ms, recovered ${
          loss.recoveredMs?.toFixed(0) ?? 'no'
        } ms, next frame ${loss.frameMs?.toFixed(0) ?? '—'} ms`,
      );
      await waitForSettled(p.page);
    }
    const phases = [
      ['lost seen', (l: Loss) => l.lostSeenMs ?? null],
      ['new adapter', (l: Loss) => l.adapterMs ?? null],
      ['new device', (l: Loss) => l.newDeviceMs],
      ['pipelines ready', (l: Loss) => l.pipelinesMs ?? null],
      ['recovered (WebGPU, new results)', (l: Loss) => l.recoveredMs],
      ['next frame', (l: Loss) => l.frameMs],
    ] as const;
    const summarize = (phase: string, runs: readonly Loss[], of: (l: Loss) => number | null) => {
      const v = runs.map(of).filter((x): x is number => x !== null);
      return {
        phase,
        measured: v.length,
        medianMs: quantile(v, 0.5),
        p90Ms: quantile(v, 0.9),
        maxMs: v.length ? Math.max(...v) : NaN,
      };
    };
    const rows = [
      summarize('baseline: recompute, same device', baseline, (l) => l.recoveredMs),
      summarize('baseline: next frame', baseline, (l) => l.frameMs),
      ...phases.map(([phase, of]) => summarize(`loss: ${phase}`, losses, of)),
    ];
    console.log(`\n${count} device losses on the default page; adapter: ${adapter}`);
    console.log(
      '| phase (from the hash change / destroy()) | measured | median ms | p90 ms | max ms |',
    );
    console.log('|---|---|---|---|---|');
    for (const r of rows)
      console.log(
        `| ${r.phase} | ${r.measured}/${count} | ${r.medianMs.toFixed(0)} | ${r.p90Ms.toFixed(0)} | ${r.maxMs.toFixed(0)} |`,
      );
    const out = resolve(dirname(fileURLToPath(import.meta.url)), 'device-loss-results.json');
    writeFileSync(
      out,
      `${JSON.stringify({ date: new Date().toISOString(), adapter, baseline, losses, rows }, null, 2)}\n`,
    );
    console.log(`wrote ${out}`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
