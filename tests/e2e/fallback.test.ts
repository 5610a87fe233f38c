// The CPU map after the GPU process goes away. A WebGPU canvas that cannot present takes
// Chromium's GPU process down (issue 9: the device is lost, no adapter comes back and the app
// falls back to the CPU); the GPU process also backs the page's 2-D canvases, whose contexts
// are lost with it and restored blank. The CPU map renderer must draw again, or the map stays
// black. Chromium's DevTools protocol crashes the GPU process on demand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, startApp, waitFor, type App } from './harness';
import { waitForSettled } from './app-hook';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Counts the contexts restored on 2-D canvases (after a loss). */
function countRestoredContexts(): void {
  const w = window as unknown as { restoredContexts: number };
  w.restoredContexts = 0;
  const getContext = HTMLCanvasElement.prototype.getContext;
  const watched = new WeakSet<HTMLCanvasElement>();
  HTMLCanvasElement.prototype.getContext = function (
    this: HTMLCanvasElement,
    ...args: Parameters<HTMLCanvasElement['getContext']>
  ) {
    if ((args[0] as string) === '2d' && !watched.has(this)) {
      watched.add(this);
      this.addEventListener('contextrestored', () => w.restoredContexts++);
    }
    return (getContext as (...a: unknown[]) => unknown).apply(this, args);
  } as HTMLCanvasElement['getContext'];
}

/**
 * Share of the image's pixels in its most common colour (5 bits per channel). A blank canvas
 * shows the page's dark background behind the overlay's axes and labels: most of the image
 * is one colour. The drawn map is shaded and contoured: no colour covers much of it.
 */
function dominantShare(png: Buffer): number {
  const image = decodePng(png);
  const counts = new Map<number, number>();
  for (let p = 0; p < image.width * image.height; p++) {
    const r = image.rgba[p * 4]! >> 3;
    const g = image.rgba[p * 4 + 1]! >> 3;
    const b = image.rgba[p * 4 + 2]! >> 3;
    const key = (r << 10) | (g << 5) | b;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Math.max(...counts.values()) / (image.width * image.height);
}

describe('the CPU map when the GPU process goes away', () => {
  it('draws again once its canvas comes back, never stays black', async () => {
    const p = await app.open('', { withoutWebGpu: true, initScripts: [countRestoredContexts] });
    await waitForSettled(p.page);
    const map = p.page.getByRole('region', { name: 'Loss surface map' });
    await expect.poll(() => map.locator('[data-renderer="cpu"]').count()).toBe(1);
    await expect
      .poll(async () => dominantShare(await p.screenshot('map-before-gpu-crash', map)))
      .toBeLessThan(0.2);

    const browser = await app.browser.newBrowserCDPSession();
    await browser.send('Browser.crashGpuProcess').catch(() => undefined);
    await waitFor('the 2-D contexts restored after the crash', async () =>
      (await p.page.evaluate(
        () => (window as unknown as { restoredContexts: number }).restoredContexts,
      )) > 0
        ? true
        : undefined,
    );
    await p.page.waitForTimeout(1000);
    const png = await p.screenshot('map-after-gpu-crash', map);
    expect(
      dominantShare(png),
      'share of the map in one colour (blank: the background)',
    ).toBeLessThan(0.2);
    p.assertClean();
  });
});
