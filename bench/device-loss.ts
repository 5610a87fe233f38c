// `npm run bench:device-loss [-- --losses N]`: how long the app takes to come back from a lost
// GPU device. It builds dist/ for production, opens the default page in headless Chromium with
// WebGPU on SwiftShader (tests/e2e/harness.ts, which keeps every GPUDevice the page creates),
// and N times (default 20) destroys the app's device and times, from the destroy() call:
// - new device: until the app has requested a new GPUDevice,
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
  readonly newDeviceMs: number | null;
  readonly recoveredMs: number | null;
  readonly frameMs: number | null;
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
    const p = await app.open('');
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
          __descentLab: {
            getState(): { view: { gpu: { kind: string }; resultsVersion: number } };
          };
        };
        const devices = w.__e2eDevices;
        const n = devices.length;
        const version = w.__descentLab.getState().view.resultsVersion;
        const t0 = performance.now();
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
            return { newDeviceMs, recoveredMs, frameMs: performance.now() - t0 };
          }
          if (now > giveUpMs) return { newDeviceMs, recoveredMs: null, frameMs: null };
        }
      }, GIVE_UP_MS);
      losses.push(loss);
      console.log(
        `loss ${i + 1}: new device ${loss.newDeviceMs?.toFixed(0) ?? '—'} ms, recovered ${
          loss.recoveredMs?.toFixed(0) ?? 'no'
        } ms, next frame ${loss.frameMs?.toFixed(0) ?? '—'} ms`,
      );
      await waitForSettled(p.page);
    }
    const phases = [
      ['new device', (l: Loss) => l.newDeviceMs],
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
