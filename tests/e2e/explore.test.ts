// The hyperparameter map and the basin map from links, in headless Chromium on SwiftShader
// (the production build from its sub-path): what they draw, what hover and click do, the
// progress bar and Cancel, the CPU fallback, and bad links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { requireWebGpu, startApp, type App, type AppPage } from './harness';
import { BASIN_PALETTE } from '../../src/core/explore/colours';

let app: App;
const POLL_MS = 120_000;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** A locator's text, '' while it is not there. */
function textOf(locator: Locator): Promise<string> {
  return locator
    .first()
    .innerText({ timeout: 1000 })
    .catch(() => '');
}

const lanes = (list: unknown[]): string => `&lanes=${encodeURIComponent(JSON.stringify(list))}`;

/** The RGBA pixels of the n-th explore image canvas (drawn at one pixel per run). */
async function canvasPixels(page: Page, n = 0): Promise<number[]> {
  return page.evaluate((i) => {
    const canvas = document.querySelectorAll<HTMLCanvasElement>('.explore-canvas canvas')[i];
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return [];
    return Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data);
  }, n);
}

async function waitForMeta(p: AppPage, engine: RegExp): Promise<string> {
  const meta = p.page.locator('.explore-meta').first();
  await expect
    .poll(async () => (await meta.count()) > 0 && (await meta.innerText()), {
      timeout: POLL_MS,
      message: 'the explore view reports its runs',
    })
    .toMatch(engine);
  return meta.innerText();
}

describe('hyperparameter map (mode=sweep)', () => {
  it('draws η × β₁ for Adam on Rosenbrock; hover reads a cell, click gives the lane its values', async () => {
    const p = await app.open(
      '#surface=rosenbrock&mode=sweep&sl=3&sx=lr,0.0001,1,64&sy=beta1,0,0.999,48&steps=300',
    );
    await requireWebGpu(p.page);
    expect(await waitForMeta(p, /on the GPU/)).toMatch(/3,072 runs × 300 steps/);
    const px = await canvasPixels(p.page);
    expect(px.length, 'one pixel per run').toBe(64 * 48 * 4);
    const colours = new Set<string>();
    for (let k = 0; k < px.length; k += 4) colours.add(`${px[k]},${px[k + 1]},${px[k + 2]}`);
    expect(colours.size, 'a picture, not a flat colour').toBeGreaterThan(50);
    await p.screenshot('sweep-adam-rosenbrock');

    const image = p.page.locator('.explore-canvas').first();
    const box = await image.boundingBox();
    if (!box) throw new Error('no sweep image');
    await p.page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.5);
    await expect
      .poll(() => textOf(p.page.locator('.sweep-readout')), { timeout: POLL_MS })
      .toMatch(/lr = .*beta1 = /);
    await p.page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.5);
    // Adam is lane 4; its learning rate now holds the clicked cell's value (≈ 0.1), in the link.
    const adamLr = async (): Promise<number> => {
      const hash = await p.page.evaluate(() => location.hash);
      const list = new URLSearchParams(hash.slice(1)).get('lanes');
      const lane = (JSON.parse(list ?? '[]') as { optimizer?: { lr?: number } }[])[3];
      return lane?.optimizer?.lr ?? NaN;
    };
    await expect.poll(adamLr, { timeout: POLL_MS }).toBeGreaterThan(0.02);
    expect(await adamLr()).toBeLessThan(0.5);
    await expect.poll(() => p.page.evaluate(() => location.hash)).toMatch(/mode=sweep.*sx=lr/);
    p.assertClean();
  });

  it('a 1-D sweep draws the learning-rate range plot of every lane', async () => {
    const p = await app.open('#surface=rosenbrock&mode=sweep&sx=lr,0.0001,1,32&sy=none&steps=200');
    await requireWebGpu(p.page);
    await waitForMeta(p, /on the GPU/);
    await expect
      .poll(() => p.page.locator('.sweep-chart .recharts-line').count(), { timeout: POLL_MS })
      .toBe(4);
    await expect
      .poll(() => textOf(p.page.locator('.sweep-chart')), { timeout: POLL_MS })
      .toMatch(/diverged/);
    await p.screenshot('sweep-lr-range');
    p.assertClean();
  });

  it('bad sweep fields in a link give messages and the defaults, never an error', async () => {
    const p = await app.open(
      '#mode=sweep&sx=constructor,abc,1,64&sy=beta1,1,0,99999&sl=42&sc=<b>&st=1e999&bc=-3',
    );
    const alerts = p.page.getByRole('alert').or(p.page.getByRole('status'));
    await expect
      .poll(async () => (await alerts.allInnerTexts()).join(' '), { timeout: POLL_MS })
      .toMatch(/sx: .*sy: .*sl: .*sc: .*st: .*bc: /s);
    // The defaults run: the first visible lane (SGD) has no β₁, which the view says.
    await expect
      .poll(() => textOf(p.page.locator('.explore-problem')), { timeout: POLL_MS })
      .toMatch(/beta1/);
    p.assertClean();
  });
});

/** Which basin palette colours cover at least 2 % of an image (shading divided out). */
function paletteColoursIn(px: readonly number[]): number {
  const counts = new Array<number>(BASIN_PALETTE.length).fill(0);
  let total = 0;
  for (let k = 0; k < px.length; k += 4) {
    const rgb = [px[k]!, px[k + 1]!, px[k + 2]!];
    const peak = Math.max(...rgb);
    if (peak < 40) continue; // diverged (black)
    total++;
    let best = -1;
    let bestD = Infinity;
    BASIN_PALETTE.forEach((c, i) => {
      const s = Math.max(...c) / peak;
      const d = c.reduce((sum, v, j) => sum + (v - rgb[j]! * s) ** 2, 0);
      if (d < bestD) [best, bestD] = [i, d];
    });
    if (best >= 0 && bestD < 900) counts[best]!++;
  }
  return counts.filter((n) => n > 0.02 * total).length;
}

describe('basin map (mode=basins)', () => {
  const momentum = lanes([
    { name: 'Momentum', optimizer: { name: 'sgd', lr: 0.002, momentum: 0.9 } },
  ]);

  it('momentum on Himmelblau ends in four basins; click sets the start', async () => {
    const p = await app.open(`#surface=himmelblau&mode=basins&bc=96&steps=400${momentum}`);
    await requireWebGpu(p.page);
    expect(await waitForMeta(p, /on the GPU/)).toMatch(/9,216 runs × 400 steps/);
    const px = await canvasPixels(p.page);
    expect(px.length).toBe(96 * 96 * 4);
    expect(paletteColoursIn(px), 'four minima, four colours').toBe(4);
    await expect
      .poll(() => textOf(p.page.locator('.basins-lane .sweep-readout')), { timeout: POLL_MS })
      .toMatch(/minimum 1: \d+.*minimum 4: \d+|minimum 4: \d+.*minimum 1: \d+/);
    await p.screenshot('basins-momentum-himmelblau');
    const image = p.page.locator('.explore-canvas').first();
    const box = await image.boundingBox();
    if (!box) throw new Error('no basin image');
    await p.page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await expect
      .poll(() => textOf(p.page.locator('.basins-lane .sweep-readout')), { timeout: POLL_MS })
      .toMatch(/start \(.*ends in minimum/);
    await p.page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.2);
    // The view window is ±5: 20 % in from the top left is about (−3, 3).
    await expect
      .poll(() => p.page.evaluate(() => location.hash), { timeout: POLL_MS })
      .toMatch(/start=-3\.\d+,(2\.9|3\.0)\d*/);
    p.assertClean();
  });

  it('a long basin map shows its progress and can be cancelled, then run again', async () => {
    const p = await app.open(`#surface=himmelblau&mode=basins&bc=256&steps=6000${momentum}`);
    await requireWebGpu(p.page);
    const bar = p.page.locator('.job-progress[data-job="basins"]');
    await expect
      .poll(() => bar.getAttribute('data-status', { timeout: 1000 }).catch(() => null), {
        timeout: POLL_MS,
      })
      .toBe('running');
    await bar.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => bar.getAttribute('data-status'), { timeout: POLL_MS })
      .toBe('cancelled');
    expect(await bar.getByRole('button', { name: 'Run again' }).isVisible()).toBe(true);
    await p.screenshot('basins-cancelled');
    p.assertClean();
  });

  it('without WebGPU the float64 path draws a coarser basin map', async () => {
    const p = await app.open(`#surface=himmelblau&mode=basins&bc=96&steps=300${momentum}`, {
      withoutWebGpu: true,
    });
    expect(await waitForMeta(p, /on the CPU/)).toMatch(/2,304 runs × 300 steps/);
    expect(paletteColoursIn(await canvasPixels(p.page))).toBe(4);
    p.assertClean();
  });
});
