// Export and the look of lanes: the PNG carries a legend in the lanes' colours, the WebM export
// yields a video blob, hovering a lane highlights it, and the dark-mode switch sticks.
import { copyFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, startApp, type App, type Image } from './harness';
import { waitForSettled } from './app-hook';

let app: App;
const POLL_MS = 60_000;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

// Eight lanes in the default palette order; lane 8 duplicates lane 1 exactly, lane 2 differs
// from lane 1 only by ε (the paths coincide).
const LANES = [
  { name: 'Adam eps 1e-8', optimizer: { name: 'adam', lr: 0.05 } },
  { name: 'Adam eps 1e-3', optimizer: { name: 'adam', lr: 0.05, eps: 0.001 } },
  { name: 'SGD', optimizer: { name: 'sgd', lr: 0.001 } },
  { name: 'Momentum', optimizer: { name: 'sgd', lr: 0.001, momentum: 0.9 } },
  { name: 'RMSprop', optimizer: { name: 'rmsprop', lr: 0.01 } },
  { name: 'Adagrad', optimizer: { name: 'adagrad', lr: 0.5 } },
  { name: 'Adadelta', optimizer: { name: 'adadelta', lr: 1 } },
  { name: 'Adam (copy)', optimizer: { name: 'adam', lr: 0.05 } },
];
const COLORS = [
  '#e69f00',
  '#56b4e9',
  '#009e73',
  '#cc79a7',
  '#d55e00',
  '#0072b2',
  '#f0e442',
  '#bbbbbb',
];
const HASH = `#surface=rosenbrock&lanes=${encodeURIComponent(
  JSON.stringify(LANES.map((l, i) => ({ ...l, color: COLORS[i] }))),
)}`;

/** Pixels of exactly this colour (±2 per channel) inside the rectangle. */
function countColor(img: Image, hex: string, x0: number, y0: number, x1: number, y1: number) {
  const v = parseInt(hex.slice(1), 16);
  const want = [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++)
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      const o = (y * img.width + x) * 4;
      if (want.every((c, k) => Math.abs(img.rgba[o + k]! - c) <= 2)) n++;
    }
  return n;
}

describe('share and look', () => {
  it('8 lanes: the PNG export has a legend in the lane colours; hovering a lane highlights it', async () => {
    const p = await app.open(HASH);
    await waitForSettled(p.page);
    const legend = p.page.locator('.map-lane-legend li');
    await expect.poll(() => legend.count(), { timeout: POLL_MS }).toBe(8);
    await p.screenshot('share-8-lanes', '.surface-map');

    const [download] = await Promise.all([
      p.page.waitForEvent('download'),
      p.page.getByRole('button', { name: 'PNG', exact: true }).click(),
    ]);
    const file = (await download.path())!;
    copyFileSync(file, 'test-results/share-export.png');
    const png = readFileSync(file);
    const img = decodePng(png);
    // The legend box: top right, 8 rows of 18 CSS px (× the device pixel ratio).
    const dpr = await p.page.evaluate(() => window.devicePixelRatio || 1);
    const box = { x0: img.width - Math.round(320 * dpr), y0: 0, y1: Math.round(170 * dpr) };
    for (const c of COLORS)
      expect(countColor(img, c, box.x0, box.y0, img.width, box.y1), c).toBeGreaterThan(60 * dpr);
    await p.page.setContent('<p>png</p>').catch(() => undefined);
    p.assertClean();
  });

  it('hover: the lanes panel and the map legend set the highlighted lane', async () => {
    const p = await app.open(HASH);
    await waitForSettled(p.page);
    const hovered = () =>
      p.page.evaluate(
        () =>
          (
            window as unknown as {
              __descentLab: { getState: () => { view: { hoveredLane: string | null } } };
            }
          ).__descentLab.getState().view.hoveredLane,
      );
    const laneIds = await p.page.evaluate(() =>
      (
        window as unknown as {
          __descentLab: { getState: () => { config: { lanes: { id: string }[] } } };
        }
      ).__descentLab
        .getState()
        .config.lanes.map((l) => l.id),
    );
    await p.page.locator(`.lane-list > li[data-lane-id="${laneIds[2]}"]`).hover();
    await expect.poll(hovered, { timeout: POLL_MS }).toBe(laneIds[2]);
    await expect(
      p.page.locator(`.map-lane-legend li[data-lane-id="${laneIds[2]}"]`).getAttribute('class'),
    ).resolves.toBe('hovered');
    await p.page.locator(`.map-lane-legend li[data-lane-id="${laneIds[7]}"]`).hover();
    await expect.poll(hovered, { timeout: POLL_MS }).toBe(laneIds[7]);
    await p.screenshot('share-hover', '.surface-map');
    await p.page.mouse.move(2, 2);
    await expect.poll(hovered, { timeout: POLL_MS }).toBe(null);
    p.assertClean();
  });

  it('WebM export records a video blob of the run', async () => {
    const p = await app.open('#steps=200');
    await p.page.evaluate(() => {
      const orig = URL.createObjectURL.bind(URL);
      (window as unknown as { __blobs: { type: string; size: number }[] }).__blobs = [];
      URL.createObjectURL = (b: Blob | MediaSource) => {
        if (b instanceof Blob)
          (window as unknown as { __blobs: { type: string; size: number }[] }).__blobs.push({
            type: b.type,
            size: b.size,
          });
        return orig(b);
      };
    });
    await waitForSettled(p.page);
    const [download] = await Promise.all([
      p.page.waitForEvent('download', { timeout: 120_000 }),
      p.page.getByRole('button', { name: 'WebM', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.webm$/);
    const blobs = await p.page.evaluate(
      () => (window as unknown as { __blobs: { type: string; size: number }[] }).__blobs,
    );
    const video = blobs.find((b) => b.type.startsWith('video/'));
    expect(video?.type).toBe('video/webm');
    expect(video!.size).toBeGreaterThan(1000);
    // The scrubbed step is back where it was.
    const step = await p.page.evaluate(
      () =>
        (
          window as unknown as {
            __descentLab: { getState: () => { config: { step: number } } };
          }
        ).__descentLab.getState().config.step,
    );
    expect(step).toBe(200);
    p.assertClean();
  }, 180_000);

  it('dark mode: the toolbar switch darkens the page and is remembered', async () => {
    const p = await app.open('');
    await waitForSettled(p.page);
    const theme = () => p.page.evaluate(() => document.documentElement.dataset['theme']);
    expect(await theme()).toBe('light');
    await p.page.getByRole('button', { name: 'Dark mode' }).click();
    expect(await theme()).toBe('dark');
    const bg = await p.page.evaluate(
      () => getComputedStyle(document.documentElement).backgroundColor,
    );
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(120);
    await p.screenshot('share-dark');
    await p.page.reload();
    await waitForSettled(p.page);
    expect(await theme()).toBe('dark');
    await p.page.getByRole('button', { name: 'Light mode' }).click();
    expect(await theme()).toBe('light');
    p.assertClean();
  });
});
