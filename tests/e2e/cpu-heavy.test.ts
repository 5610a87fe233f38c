// Without WebGPU, the heaviest map settings the UI allows (8 lanes, each a swarm of the CPU
// fallback's 400 runs, 100,000 steps, every chart shown) keep the page responsive: the lanes'
// float64 main runs and their charts' step sizes are computed in a worker, the swarms in
// slices between frames with a progress bar and Cancel, so a key press is handled within
// 200 ms while they work, and the JS heap stays bounded. The main thread's long tasks are
// logged (not asserted: on a loaded test machine their length says more about the load).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STEPS } from '../../src/core/limits';
import { MAX_LANES } from '../../src/core/config';
import { CPU_MAX_SWARM } from '../../src/ui/compute/mainKind';
import { startApp, type App } from './harness';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Records every main-thread task over 50 ms from the page's start (before the app runs). */
function recordLongTasks(): void {
  const w = window as unknown as { longTasks: { start: number; duration: number }[] };
  w.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      w.longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
  }).observe({ type: 'longtask', buffered: true });
}

/** JS heap the page may use at these settings (the records are 8 MB, the main runs ~30 MB). */
const HEAP_BOUND_MB = 200;

describe('the CPU fallback at the heaviest settings', () => {
  it('shows progress, handles input within 200 ms, keeps the heap bounded and can be cancelled', async () => {
    const lanes = Array.from({ length: MAX_LANES }, (_, i) => ({
      name: `lane ${i + 1}`,
      optimizer: { name: i % 2 ? 'adam' : 'sgd', lr: 0.001 * (i + 1) },
      swarm: { kind: 'grid', count: CPU_MAX_SWARM },
    }));
    const hash = new URLSearchParams({
      surface: 'himmelblau',
      steps: String(MAX_STEPS),
      step: '0',
      lanes: JSON.stringify(lanes),
    }).toString();
    const p = await app.open(`#${hash}`, { withoutWebGpu: true, initScripts: [recordLongTasks] });
    const cdp = await p.context.newCDPSession(p.page);
    let peakHeap = 0;
    const sampleHeap = async () => {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peakHeap = Math.max(peakHeap, usedSize);
    };
    const progress = p.page.locator('[data-job="main"][data-status="running"]');
    await expect.poll(() => progress.count(), { timeout: 60_000 }).toBe(1);
    const fraction = () => p.page.locator('[data-job="main"] progress').getAttribute('value');

    // Input latency while the swarms are simulated: from the key event's creation to its handler.
    await p.page.evaluate(() => {
      const w = window as unknown as { keyLatencies: number[] };
      w.keyLatencies = [];
      window.addEventListener('keydown', (e) =>
        w.keyLatencies.push(performance.now() - e.timeStamp),
      );
    });
    const before = Number(await fraction());
    for (let i = 0; i < 10; i++) {
      await p.page.keyboard.press('Shift');
      await sampleHeap();
      await p.page.waitForTimeout(150);
    }
    const latencies = await p.page.evaluate(
      () => (window as unknown as { keyLatencies: number[] }).keyLatencies,
    );
    expect(latencies).toHaveLength(10);
    expect(
      Math.max(...latencies),
      `key latencies ${latencies.map(Math.round).join(', ')} ms`,
    ).toBeLessThan(200);
    await expect
      .poll(
        async () => {
          await sampleHeap();
          return Number(await fraction());
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(before);
    // The lanes' main runs arrived from the worker: every chart draws all 8 lanes.
    await expect
      .poll(() => p.page.locator('.step-chart .series-curve').count(), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(MAX_LANES);
    await p.page.waitForTimeout(3000);
    await sampleHeap();
    await p.screenshot('cpu-heavy-progress');

    const longTasks = await p.page.evaluate(
      () => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks,
    );
    console.log(
      `cpu-heavy: long tasks (start@ms: duration ms) ${
        longTasks.map((t) => `${t.start}: ${t.duration}`).join(', ') || 'none'
      }; peak JS heap ${(peakHeap / 1e6).toFixed(1)} MB`,
    );
    expect(peakHeap / 1e6, 'peak JS heap, MB').toBeLessThan(HEAP_BOUND_MB);

    await p.page.locator('[data-job="main"]').getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => p.page.locator('[data-job="main"]').getAttribute('data-status'))
      .toBe('cancelled');
    p.assertClean();
  });
});
