// The charts in the built app: a preset whose lane reaches loss 0 exactly keeps the loss chart
// on a log scale (it plots loss − f* with a floor, and says so), and the step-size chart draws
// each adaptive lane's effective step per coordinate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireWebGpu, startApp, type App } from './harness';
import { readTrajectories, waitForResults, waitForSettled } from './app-hook';

let app: App;
const POLL_MS = 30_000;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('charts', () => {
  it('keeps the log scale when a lane reaches loss 0, and draws each adaptive lane’s step size', async () => {
    const p = await app.open();
    await requireWebGpu(p.page);
    await waitForResults(p.page);
    // "β₂ 0.9 vs 0.999": Adam with β₂ 0.999 settles exactly at (0, 0) of Rastrigin, loss 0.
    await p.page.getByRole('combobox', { name: 'Preset' }).selectOption('adam-beta2-noisy');
    await expect
      .poll(async () => (await readTrajectories(p.page)).length, { timeout: POLL_MS })
      .toBe(2);
    await waitForSettled(p.page);
    const lanes = await readTrajectories(p.page);
    expect(lanes).toHaveLength(2);
    const zeros = lanes.filter((l) => Array.from(l.run?.loss ?? []).some((v) => v === 0));
    expect(zeros.length, 'lanes of this preset that reach loss 0 exactly').toBeGreaterThan(0);

    const loss = p.page.locator('figure.loss-chart');
    const log = p.page.getByRole('checkbox', { name: 'Loss chart on a log scale' });
    await expect.poll(() => log.isChecked(), { timeout: POLL_MS }).toBe(true);
    expect(await log.isDisabled()).toBe(false);
    expect(await loss.getAttribute('data-scale')).toBe('log');
    const caption = (await loss.locator('figcaption').textContent()) ?? '';
    expect(caption).toContain('loss − f*');
    expect(caption).toMatch(/f\* = 0, the surface's minimum/);
    expect(caption).toMatch(/≤ 2\.2e-16 drawn at 2\.2e-16/);
    // Every lane has a drawn line on the log axis (a zero would have dropped out before).
    for (const l of lanes) {
      const path = loss.locator(`.loss-series.lane-${l.laneId} path.series-curve`);
      await expect.poll(() => path.count(), { timeout: POLL_MS }).toBe(1);
      expect((await path.getAttribute('d'))?.length ?? 0).toBeGreaterThan(100);
    }

    // Both lanes are Adam: one effective-step series per coordinate per lane, and their η.
    const step = p.page.locator('figure.step-chart');
    expect(await step.getAttribute('data-scale')).toBe('log');
    for (const l of lanes) {
      for (const c of ['eff-x', 'eff-y', 'eta-series']) {
        const path = step.locator(`.${c}.lane-${l.laneId} path.series-curve`);
        await expect.poll(() => path.count(), { timeout: POLL_MS }).toBe(1);
      }
    }
    expect(await step.locator('.eff-x path.series-curve').count()).toBe(lanes.length);
    await p.screenshot('charts-loss-zero', p.page.getByRole('region', { name: 'Charts' }));

    // Hovering a lane's card dims the other lane's series in every chart, and only while hovered.
    const [first, second] = lanes as [(typeof lanes)[0], (typeof lanes)[0]];
    const opacity = (laneId: string) =>
      loss.locator(`g.series-line.lane-${laneId}`).getAttribute('opacity');
    await p.page.locator(`ol.lane-list > li[data-lane-id="${first.laneId}"]`).hover();
    await expect.poll(() => opacity(second.laneId), { timeout: POLL_MS }).toBe('0.2');
    expect(await opacity(first.laneId)).toBe('1');
    expect(await step.locator(`g.eff-x.lane-${second.laneId}`).getAttribute('opacity')).toBe('0.2');
    await p.page.getByRole('region', { name: 'Charts' }).hover();
    await expect.poll(() => opacity(second.laneId), { timeout: POLL_MS }).toBe('1');

    // Hiding the charts unmounts them; showing them draws them again.
    const toggle = p.page.getByRole('button', { name: 'Hide charts' });
    await toggle.click();
    expect(await p.page.locator('figure.loss-chart').count()).toBe(0);
    await p.page.getByRole('button', { name: 'Show charts' }).click();
    await expect.poll(() => p.page.locator('figure.loss-chart').count()).toBe(1);
    p.assertClean();
  });
});
