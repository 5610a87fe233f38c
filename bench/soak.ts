// `npm run soak [-- --minutes N]`: a long session in one tab, to see whether anything grows.
// It builds dist/ for production, opens the default page in headless Chromium with WebGPU on
// SwiftShader (as the e2e tests do, tests/e2e/harness.ts), and for N minutes (default 10)
// presses ArrowRight / ArrowLeft in turn on the first lane's η slider once a second (each
// press changes η, so every lane recomputes), timing each press from the keydown to the map
// frame that draws the new paths (bench/ui-probe.ts, as `npm run bench:ui` does). At the end
// of each minute it records:
// - heap after GC: HeapProfiler.collectGarbage, then Runtime.getHeapUsage (the used size),
// - DOM nodes: Memory.getDOMCounters,
// - GPU process memory: the resident set (VmRSS in /proc/PID/status) of the browser's GPU
//   process (SystemInfo.getProcessInfo names it),
// - key → frame latency of that minute's presses (median and p90), and the page's console
//   errors and page errors so far.
// Prints a table and whether the heap is flat (last minute against the first, and the
// least-squares slope in MB per minute, over all minutes and, from 4 minutes on, over the
// second half, which decides), and writes bench/soak-results.json.
// Options: --minutes N (may be fractional), --target '#<link hash>' (default: the default
// page), --out PATH. Measured, never asserted.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { buildDist, requireWebGpu, startApp } from '../tests/e2e/harness';
import { waitForSettled } from '../tests/e2e/app-hook';
import { press, probeInitScript, quantile } from './ui-probe';

/** A heap that grows slower than this (least squares over the minutes) counts as flat. */
const FLAT_SLOPE_MB_PER_MIN = 0.5;
const MB = 1024 * 1024;

interface Minute {
  readonly minute: number;
  readonly presses: number;
  readonly heapMb: number;
  readonly domNodes: number;
  readonly gpuRssMb: number | null;
  readonly latencyMs: { readonly median: number; readonly p90: number };
  /** Presses whose new paths did not reach the screen within the probe's wait. */
  readonly missedFrames: number;
  readonly consoleErrors: number;
  readonly pageErrors: number;
}

function options(): { minutes: number; target: string; out: string } {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      target: { type: 'string', default: '' },
      out: {
        type: 'string',
        default: resolve(dirname(fileURLToPath(import.meta.url)), 'soak-results.json'),
      },
    },
  });
  const minutes = Number(values.minutes);
  if (!(minutes > 0 && minutes <= 24 * 60)) {
    console.error(`soak: --minutes must be a number in (0, 1440], got "${values.minutes}"`);
    process.exit(2);
  }
  return { minutes, target: values.target, out: resolve(values.out) };
}

/** The resident memory of the browser's GPU process in MB, or null where it cannot be read. */
async function gpuRssMb(browserCdp: CDPSession): Promise<number | null> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number }[];
  };
  const gpu = processInfo.find((p) => p.type === 'GPU' || p.type === 'gpu-process');
  if (!gpu) return null;
  try {
    const status = readFileSync(`/proc/${gpu.id}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Least-squares slope of y over x. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return num / den;
}

function table(rows: readonly Minute[]): string {
  const header = [
    'minute',
    'presses',
    'heap after GC MB',
    'DOM nodes',
    'GPU process RSS MB',
    'key → frame ms (median / p90)',
    'missed',
    'console / page errors',
  ];
  const lines = [
    header,
    ...rows.map((r) => [
      String(r.minute),
      String(r.presses),
      r.heapMb.toFixed(1),
      String(r.domNodes),
      r.gpuRssMb === null ? 'n/a' : r.gpuRssMb.toFixed(0),
      `${r.latencyMs.median.toFixed(0)} / ${r.latencyMs.p90.toFixed(0)}`,
      String(r.missedFrames),
      `${r.consoleErrors} / ${r.pageErrors}`,
    ]),
  ];
  const widths = header.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  const render = (l: string[]) => `| ${l.map((s, c) => s.padEnd(widths[c]!)).join(' | ')} |`;
  return [
    render(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...lines.slice(1).map(render),
  ].join('\n');
}

async function main(): Promise<void> {
  const { minutes, target, out } = options();
  buildDist();
  const app = await startApp();
  try {
    const p = await app.open(target);
    await p.page.addInitScript(probeInitScript);
    await p.page.reload({ waitUntil: 'load' });
    const adapter = await requireWebGpu(p.page);
    await waitForSettled(p.page);
    const cdp = await p.context.newCDPSession(p.page);
    await cdp.send('HeapProfiler.enable');
    const browserCdp = await app.browser.newBrowserCDPSession();
    const slider = p.page.getByRole('slider', { name: /η|learning rate|\blr\b/i }).first();
    await slider.focus();
    console.log(
      `soak: ${minutes} min on ${target || 'the default page'}, one η key press a second; adapter: ${adapter}`,
    );

    const rows: Minute[] = [];
    const t0 = Date.now();
    const end = t0 + minutes * 60_000;
    let k = 0;
    for (let minute = 1; Date.now() < end; minute++) {
      const minuteEnd = Math.min(end, t0 + minute * 60_000);
      const latencies: number[] = [];
      let missed = 0;
      while (Date.now() < minuteEnd) {
        const started = Date.now();
        // Keep the focus on the slider (a banner or re-render may have taken it).
        if (!(await slider.evaluate((el) => el === document.activeElement))) await slider.focus();
        try {
          const v = await press(p.page, k++ % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
          latencies.push(v.frame - v.keydown);
        } catch {
          missed++;
        }
        const wait = 1000 - (Date.now() - started);
        if (wait > 0) await p.page.waitForTimeout(Math.min(wait, minuteEnd - Date.now()));
      }
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
      const row: Minute = {
        minute,
        presses: latencies.length + missed,
        heapMb: heap.usedSize / MB,
        domNodes: dom.nodes,
        gpuRssMb: await gpuRssMb(browserCdp),
        latencyMs: { median: quantile(latencies, 0.5), p90: quantile(latencies, 0.9) },
        missedFrames: missed,
        consoleErrors: p.consoleErrors.length,
        pageErrors: p.pageErrors.length,
      };
      rows.push(row);
      console.log(
        `minute ${minute}: heap ${row.heapMb.toFixed(1)} MB, ${row.domNodes} DOM nodes, ` +
          `GPU ${row.gpuRssMb?.toFixed(0) ?? 'n/a'} MB, key → frame ${row.latencyMs.median.toFixed(0)} ms`,
      );
    }

    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const minutesOf = (of: readonly Minute[]) => of.map((r) => r.minute);
    const heapOf = (of: readonly Minute[]) => of.map((r) => r.heapMb);
    const heapSlope = slope(minutesOf(rows), heapOf(rows));
    // The first minutes hold warm-up (JIT, caches, pipelines): from 4 minutes on, the verdict
    // reads the slope of the second half.
    const late = rows.length >= 4 ? rows.slice(Math.floor(rows.length / 2)) : rows;
    const lateSlope = slope(minutesOf(late), heapOf(late));
    const judged = Number.isFinite(lateSlope) ? lateSlope : last.heapMb - first.heapMb;
    const flat = Math.abs(judged) <= FLAT_SLOPE_MB_PER_MIN;
    const mbMin = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} MB/min` : 'n/a');
    const verdict =
      `heap after GC: ${first.heapMb.toFixed(1)} MB in minute 1, ${last.heapMb.toFixed(1)} MB in ` +
      `minute ${last.minute}; slope ${mbMin(heapSlope)} over all minutes` +
      (late !== rows
        ? `, ${mbMin(lateSlope)} over minutes ${late[0]!.minute}–${last.minute}`
        : '') +
      ` → ${flat ? 'FLAT' : 'GROWING'} (flat: |slope| ≤ ${FLAT_SLOPE_MB_PER_MIN} MB/min` +
      `${late !== rows ? ' over the second half' : ''})`;
    console.log(`\n${table(rows)}\n\n${verdict}`);
    const errors = [...p.pageErrors, ...p.consoleErrors];
    if (errors.length > 0)
      console.log(`page/console errors:\n  ${errors.slice(0, 10).join('\n  ')}`);
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          adapter,
          target: target || 'default page',
          minutes,
          pressEveryMs: 1000,
          rows,
          heap: {
            firstMb: first.heapMb,
            lastMb: last.heapMb,
            slopeMbPerMin: heapSlope,
            secondHalfSlopeMbPerMin: late !== rows ? lateSlope : null,
            flat,
            flatSlopeMbPerMin: FLAT_SLOPE_MB_PER_MIN,
          },
          errors: errors.slice(0, 50),
        },
        null,
        2,
      )}\n`,
    );
    console.log(`wrote ${out}`);
  } finally {
    await app.close();
  }
}

await main();
