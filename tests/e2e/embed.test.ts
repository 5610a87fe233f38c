// Embeds (#…&embed=1) in an iframe of a host page: at 720 × 480, 480 × 320 and 1200 × 800 the
// frame's document fits without an inner scrollbar, with the map, Play, the scrubber, the
// step counter, the sliders named by controls=, the lane legend and a link to the full app.
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';

let app: App;
const POLL_MS = 60_000;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** A host page (same origin) holding one iframe of the app at the given size. */
async function hostEmbed(hash: string, width: number, height: number) {
  const host = await app.open('', { viewport: { width: width + 40, height: height + 40 } });
  // The host is a page of its own on the app's origin (served by the test, without the app's
  // CSP, which allows no frames in the app itself).
  const hostUrl = `${app.origin}/embed-host.html`;
  await host.page.route(hostUrl, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body:
        `<!doctype html><title>host</title><body style="margin:20px">` +
        `<iframe title="Descent Lab" src="${app.url}${hash}" width="${width}" height="${height}" ` +
        `style="border:0;display:block"></iframe></body>`,
    }),
  );
  await host.page.goto(hostUrl);
  await expect
    .poll(() => host.page.frames()[1]?.url() ?? '', { timeout: POLL_MS })
    .toContain('embed=1');
  const frame = host.page.frames()[1]!;
  await expect.poll(() => frame.locator('.embed-bar').count(), { timeout: POLL_MS }).toBe(1);
  await expect
    .poll(() => frame.locator('.surface-map[data-renderer]').count(), { timeout: POLL_MS })
    .toBe(1);
  return { host, frame };
}

const fits = (frame: Frame) =>
  frame.evaluate(() => {
    const root = document.scrollingElement!;
    return {
      scrollHeight: root.scrollHeight,
      clientHeight: root.clientHeight,
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
    };
  });

describe('embed', () => {
  it('at 720 × 480: no inner scrollbar, Play advances the step, legend, sliders and "Open in Descent Lab"', async () => {
    const { host, frame } = await hostEmbed('#embed=1&controls=lr,momentum&step=500', 720, 480);
    const size = await fits(frame);
    expect(size.scrollHeight).toBeLessThanOrEqual(size.clientHeight);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    // The map comes first and takes most of the frame.
    const map = (await frame.locator('.map-area').boundingBox())!;
    expect(map.height).toBeGreaterThan(480 * 0.6);

    // The legend names every lane; the sliders are the ones the link chose (lane 1 is SGD).
    const legend = await frame.locator('.embed-legend li').allTextContents();
    expect(legend).toEqual(['SGD', 'Momentum', 'RMSprop', 'Adam']);
    await expect.poll(() => frame.locator('.embed-sliders input[type=range]').count()).toBe(2);
    expect(
      await frame.locator('.embed-sliders input[type=range]').first().getAttribute('aria-label'),
    ).toBe('SGD learning rate');

    const open = frame.getByRole('link', { name: /Open this view in Descent Lab/ });
    expect(await open.getAttribute('target')).toBe('_blank');
    expect(await open.getAttribute('rel')).toBe('noopener');
    const href = (await open.getAttribute('href'))!;
    expect(href.startsWith(app.url)).toBe(true);
    expect(href).not.toMatch(/embed=1/);
    expect(href).toMatch(/controls=lr,momentum/);

    await host.screenshot('embed-720x480');
    // Play from the end: back to 0, then the counter climbs.
    const readout = frame.locator('.step-readout strong');
    expect(await readout.textContent()).toBe('500');
    await frame.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(async () => Number(await readout.textContent()), { timeout: POLL_MS })
      .toBeGreaterThan(20);
    expect(Number(await readout.textContent())).toBeLessThan(500);
    expect(await frame.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    // A slider moves lane 1's learning rate.
    await frame.locator('.embed-sliders input[type=range]').first().focus();
    await frame.page().keyboard.press('ArrowRight');
    await expect
      .poll(() => frame.evaluate(() => location.hash), { timeout: POLL_MS })
      .not.toMatch(/"name":"sgd","lr":0.001[,}]/);
    host.assertClean();
  });

  it.each([
    [480, 320],
    [1200, 800],
  ])('at %i × %i: no inner scrollbar, the map fills the frame', async (width, height) => {
    const { host, frame } = await hostEmbed('#embed=1&controls=lr', width, height);
    const size = await fits(frame);
    expect(size.scrollHeight).toBeLessThanOrEqual(size.clientHeight);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    const map = (await frame.locator('.map-area').boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(width - 1);
    expect(map.height).toBeGreaterThan(height * 0.45);
    await host.screenshot(`embed-${width}x${height}`);
    host.assertClean();
  });

  it('a bad controls= name says so in the embed and shows no slider for it', async () => {
    const { host, frame } = await hostEmbed('#embed=1&controls=nope', 720, 480);
    await expect
      .poll(() => frame.locator('[data-testid=message]').first().textContent(), {
        timeout: POLL_MS,
      })
      .toMatch(/controls: "nope" is not a number parameter of lane 1/);
    expect(await frame.locator('.embed-sliders').count()).toBe(0);
    const size = await fits(frame);
    expect(size.scrollHeight).toBeLessThanOrEqual(size.clientHeight);
    host.assertClean([/This link had problems/]);
  });
});
