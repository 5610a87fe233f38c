// `npm run bench:ui`: key press → new paths on screen, in the production build served from
// /descent-lab/ and opened in headless Chromium with WebGPU on SwiftShader, exactly as the e2e
// tests open it (tests/e2e/harness.ts). On the default page it presses ArrowRight and
// ArrowLeft in turn on the first lane's η slider (each press changes η, so every lane chart
// and the map recompute) and measures per press, from the keydown event's timestamp:
// - frame: the first GPU queue submission after the new config's GPU batch landed (the map
//   frame that draws the new paths; the app's own batch submits come before it),
// - gpu done: that frame's queue.onSubmittedWorkDone(),
// - long tasks: main-thread tasks over 50 ms (PerformanceObserver 'longtask') from the
//   keydown to the GPU done, their count and summed milliseconds.
// The baseline, in the same run and on the same page: the same presses with the charts
// section hidden ("Hide charts", which unmounts the charts), so what the charts cost is the
// difference between the two rows. Blocks of 5 presses alternate between the two modes, so
// that a noisy neighbour on the shared machine slows both alike.
// Prints a table (median and p90 of BENCH_UI_PRESSES presses per mode) and writes
// bench/ui-results.json. Measured, never asserted.
//
// It first builds dist/ for production from the current sources.
// Knobs: BENCH_UI_PRESSES (default 20 per mode), BENCH_UI_TARGET (default '': the default
// page; a link's hash, e.g. '#surface=rosenbrock'), BENCH_UI_OUT (default bench/ui-results.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { buildDist, requireWebGpu, startApp } from '../tests/e2e/harness';
import { waitForSettled } from '../tests/e2e/app-hook';
import { press, probeInitScript, quantile } from './ui-probe';

const PRESSES = Number(process.env.BENCH_UI_PRESSES ?? 20);
const TARGET = process.env.BENCH_UI_TARGET ?? '';
const BLOCK = 5;

type Mode = 'charts shown' | 'charts hidden';

interface Press {
  readonly mode: Mode;
  readonly frameMs: number;
  readonly gpuDoneMs: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
}

async function setChartsHidden(page: Page, hidden: boolean): Promise<boolean> {
  const toggle = page.getByRole('button', { name: /^(hide|show) charts$/i });
  if ((await toggle.count()) === 0) return false;
  const expanded = (await toggle.getAttribute('aria-expanded')) === 'true';
  if (expanded === hidden) await toggle.click();
  return true;
}

async function main(): Promise<void> {
  // Always a fresh production build of the current sources (dist/ may hold another build).
  buildDist();
  const app = await startApp();
  try {
    const p = await app.open(TARGET);
    await p.page.addInitScript(probeInitScript);
    await p.page.reload({ waitUntil: 'load' });
    const adapter = await requireWebGpu(p.page);
    await waitForSettled(p.page);
    const canHide = await setChartsHidden(p.page, false);
    const modes: Mode[] = canHide ? ['charts shown', 'charts hidden'] : ['charts shown'];
    if (!canHide) console.log('no "Hide charts" button in this build: charts shown only');
    const slider = p.page.getByRole('slider', { name: /η|learning rate|\blr\b/i }).first();
    const presses: Press[] = [];
    // One untimed press per mode warms the JIT and the pipelines.
    for (const mode of modes) {
      await setChartsHidden(p.page, mode === 'charts hidden');
      await slider.focus();
      await press(p.page, 'ArrowRight');
      await press(p.page, 'ArrowLeft');
    }
    let k = 0;
    for (let done = 0; done < PRESSES; done += BLOCK) {
      for (const mode of modes) {
        if (canHide) await setChartsHidden(p.page, mode === 'charts hidden');
        await slider.focus();
        await waitForSettled(p.page, 500);
        for (let i = 0; i < Math.min(BLOCK, PRESSES - done); i++) {
          const v = await press(p.page, k++ % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
          const tasks = v.longTasks.filter((t) => t.start >= v.keydown && t.start < v.done);
          presses.push({
            mode,
            frameMs: v.frame - v.keydown,
            gpuDoneMs: v.done - v.keydown,
            longTasks: tasks.length,
            longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
          });
          // Let the debounced URL write and late renders pass before the next press.
          await p.page.waitForTimeout(300);
        }
      }
    }
    const rows = modes.map((mode) => {
      const of = presses.filter((r) => r.mode === mode);
      const stat = (f: (r: Press) => number) => ({
        median: quantile(of.map(f), 0.5),
        p90: quantile(of.map(f), 0.9),
      });
      return {
        mode,
        presses: of.length,
        frameMs: stat((r) => r.frameMs),
        gpuDoneMs: stat((r) => r.gpuDoneMs),
        longTasksPerPress: stat((r) => r.longTasks),
        longTaskMsPerPress: stat((r) => r.longTaskMs),
      };
    });
    console.log(
      `key → map frame with the new paths, ${TARGET || 'default page'}, 1280×900; adapter: ${adapter}`,
    );
    const header = [
      'mode',
      'presses',
      'frame ms (median / p90)',
      'GPU done ms (median / p90)',
      'long tasks / press (median / p90)',
      'long-task ms / press (median / p90)',
    ];
    const f = (s: { median: number; p90: number }, d = 0) =>
      `${s.median.toFixed(d)} / ${s.p90.toFixed(d)}`;
    const lines = [
      header,
      ...rows.map((r) => [
        r.mode,
        String(r.presses),
        f(r.frameMs),
        f(r.gpuDoneMs),
        f(r.longTasksPerPress, 1),
        f(r.longTaskMsPerPress),
      ]),
    ];
    const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
    const render = (l: string[]) => `| ${l.map((s, c) => s.padEnd(widths[c]!)).join(' | ')} |`;
    console.log(render(header));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const l of lines.slice(1)) console.log(render(l));
    const out =
      process.env.BENCH_UI_OUT ??
      resolve(dirname(fileURLToPath(import.meta.url)), 'ui-results.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify({ adapter, target: TARGET || 'default page', rows, presses }, null, 2)}\n`,
    );
    console.log(`wrote ${out}`);
  } finally {
    await app.close();
  }
}

await main();
