// Without WebGPU, the heaviest map settings the UI allows (8 lanes, each a swarm of the CPU
// fallback's 400 runs, 100,000 steps) keep the page responsive: the swarms are simulated in
// slices between frames with a progress bar and Cancel, and a key press is handled within
// 200 ms while they work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STEPS } from '../../src/core/limits';
import { CPU_MAX_SWARM } from '../../src/ui/compute/mainKind';
import { startApp, type App } from './harness';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('the CPU fallback at the heaviest settings', () => {
  it('shows progress, handles input within 200 ms and can be cancelled', async () => {
    const lanes = Array.from({ length: 8 }, (_, i) => ({
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
    const p = await app.open(`#${hash}`, { withoutWebGpu: true });
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
      .poll(async () => Number(await fraction()), { timeout: 60_000 })
      .toBeGreaterThan(before);
    await p.screenshot('cpu-heavy-progress');

    await p.page.locator('[data-job="main"]').getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => p.page.locator('[data-job="main"]').getAttribute('data-status'))
      .toBe('cancelled');
    p.assertClean();
  });
});
