// The first minute, the phone and the map's keyboard focus: at 1440 × 900 the page opens
// animating with Play in view (and Play never scrolls), the first-visit hint is remembered,
// the start point's paths follow a drag; at 390 × 844 with touch nothing overflows, one finger
// scrolls the page over the map (the start stays) and "Move start" makes it move; skip links
// are the first tab stops. Embeds are in embed.test.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { RESULTS_DIR, startApp, type App } from './harness';
import { waitForResults, type DescentLabHook } from './app-hook';

let app: App;
const POLL_MS = 60_000;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Runs in the page before the app: records the step counter's text on every frame. */
function recordStepsInitScript(): void {
  const seen: number[] = [];
  (window as unknown as { __e2eSteps: number[] }).__e2eSteps = seen;
  const tick = (): void => {
    const text = document.querySelector('.step-readout strong')?.textContent;
    if (text) {
      const n = Number(text);
      if (seen[seen.length - 1] !== n) seen.push(n);
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const stepsSeen = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { __e2eSteps: number[] }).__e2eSteps]);

const startOf = (page: Page) =>
  page.evaluate(() => {
    const hook = (window as unknown as { __descentLab: DescentLabHook }).__descentLab;
    return hook.getState().config['start'] as [number, number];
  });

const resultsVersion = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { __descentLab: DescentLabHook }).__descentLab.getState().view
        .resultsVersion,
  );

describe('first minute at 1440 × 900', () => {
  it('opens animating from step 0 without input, with Play, map and lanes in view', async () => {
    const p = await app.open('', {
      firstVisit: true,
      viewport: DESKTOP,
      initScripts: [recordStepsInitScript],
    });
    // Nothing is pressed: the counter starts at 0 and climbs by itself (how fast depends on
    // the renderer's frame rate; SwiftShader under load draws a few frames a second).
    await expect
      .poll(async () => (await stepsSeen(p.page)).length, { timeout: POLL_MS })
      .toBeGreaterThanOrEqual(4);
    const seen = await stepsSeen(p.page);
    expect(seen[0]).toBe(0);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    expect(seen.at(-1)!).toBeLessThanOrEqual(500);
    const play = p.page.getByRole('button', { name: /^(Play|Pause)$/ });
    await expect.poll(() => play.getAttribute('aria-label')).toMatch(/Pause|Play/);

    const inView = (sel: string) =>
      p.page
        .locator(sel)
        .first()
        .evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        });
    for (const sel of ['.timebar button', '.map-area', '.lanes', '.step-readout']) {
      const r = await inView(sel);
      expect(r.top, sel).toBeGreaterThanOrEqual(0);
      expect(r.bottom, sel).toBeLessThanOrEqual(DESKTOP.height);
      expect(r.right, sel).toBeLessThanOrEqual(DESKTOP.width);
    }
    const map = await inView('.map-area');
    expect(map.bottom - map.top).toBeGreaterThan(500);
    await p.page.screenshot({ path: join(RESULTS_DIR, 'layout-desktop-first-view.png') });
    // The hint on the map says what the dots are and that the start moves.
    await expect
      .poll(() => p.page.locator('.first-visit-hint').textContent())
      .toMatch(/optimizer.*start/);

    // Play (and Pause) never scroll the page.
    expect(await p.page.evaluate(() => window.scrollY)).toBe(0);
    for (let i = 0; i < 3; i++) {
      const was = await play.getAttribute('aria-label');
      await play.click();
      await expect.poll(() => play.getAttribute('aria-label'), { timeout: POLL_MS }).not.toBe(was);
      await p.page.waitForTimeout(300);
      expect(await p.page.evaluate(() => window.scrollY)).toBe(0);
    }
    p.assertClean();
  });

  it('the hint is dismissed once and stays dismissed after a reload', async () => {
    const p = await app.open('', { firstVisit: true, viewport: DESKTOP });
    const hint = p.page.locator('.first-visit-hint');
    await expect.poll(() => hint.count(), { timeout: POLL_MS }).toBe(1);
    await p.page.getByRole('button', { name: 'Dismiss this hint' }).click();
    expect(await hint.count()).toBe(0);
    await p.page.reload({ waitUntil: 'load' });
    await waitForResults(p.page);
    expect(await p.page.locator('.surface-map').count()).toBe(1);
    expect(await hint.count()).toBe(0);
    p.assertClean();
  });

  it('a link with a step keeps it; reduced motion opens on the end', async () => {
    const named = await app.open('#step=123', { firstVisit: true, viewport: DESKTOP });
    await waitForResults(named.page);
    await named.page.waitForTimeout(500);
    expect(await named.page.locator('.step-readout strong').textContent()).toBe('123');
    // The harness's default context prefers reduced motion.
    const still = await app.open('', { viewport: DESKTOP });
    await waitForResults(still.page);
    await still.page.waitForTimeout(500);
    expect(await still.page.locator('.step-readout strong').textContent()).toBe('500');
    named.assertClean();
    still.assertClean();
  });

  it('the paths follow a drag of the start point, before the button is released', async () => {
    const p = await app.open('#step=500', { viewport: DESKTOP });
    await waitForResults(p.page);
    const box = (await p.page.locator('.surface-map').boundingBox())!;
    const x0 = box.x + box.width * 0.3;
    const y0 = box.y + box.height * 0.3;
    await p.page.mouse.move(x0, y0);
    await p.page.mouse.down();
    const versions: number[] = [];
    const starts: string[] = [];
    for (let i = 1; i <= 5; i++) {
      await p.page.mouse.move(x0 + i * 20, y0 + i * 10);
      await p.page.waitForTimeout(300);
      versions.push(await resultsVersion(p.page));
      starts.push(JSON.stringify(await startOf(p.page)));
    }
    await p.page.mouse.up();
    // While the button is held, the start moved with the pointer and the runs were recomputed.
    expect(new Set(starts).size).toBeGreaterThanOrEqual(4);
    expect(versions.at(-1)! - versions[0]!).toBeGreaterThanOrEqual(3);
    p.assertClean();
  });
});

describe('phone 390 × 844 with touch', () => {
  it('fits the width in every view of the toolbar', async () => {
    const p = await app.open('', { touch: true, viewport: PHONE });
    await waitForResults(p.page);
    const overflow = () =>
      p.page.evaluate(() => {
        const root = document.scrollingElement!;
        return root.scrollWidth;
      });
    expect(await overflow()).toBeLessThanOrEqual(PHONE.width);
    // What the phone shows first (the viewport, not the whole page).
    await p.page.screenshot({ path: join(RESULTS_DIR, 'layout-phone.png') });
    for (const view of ['3-D', 'All surfaces', 'Hyperparameters', 'Basins', 'Train', 'Map']) {
      await p.page.getByRole('button', { name: view, exact: true }).click();
      await p.page.waitForTimeout(800);
      expect(await overflow(), view).toBeLessThanOrEqual(PHONE.width);
    }
  });

  it('one finger swiped on the map scrolls the page and leaves the start; "Move start" moves it', async () => {
    const p = await app.open('#step=500', { touch: true, viewport: PHONE });
    await waitForResults(p.page);
    const before = await startOf(p.page);
    const box = (await p.page.locator('.surface-map').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height * 0.8;
    const cdp = await p.context.newCDPSession(p.page);
    const swipe = async (fromY: number, toY: number) => {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchStart',
        touchPoints: [{ x, y: fromY }],
      });
      for (let i = 1; i <= 10; i++)
        await cdp.send('Input.dispatchTouchEvent', {
          type: 'touchMove',
          touchPoints: [{ x, y: fromY + ((toY - fromY) * i) / 10 }],
        });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    expect(await p.page.evaluate(() => window.scrollY)).toBe(0);
    await swipe(y, y - 200);
    await expect
      .poll(() => p.page.evaluate(() => window.scrollY), { timeout: POLL_MS })
      .toBeGreaterThan(50);
    await p.page.waitForTimeout(300);
    expect(await startOf(p.page)).toEqual(before);
    await p.page.screenshot({ path: join(RESULTS_DIR, 'layout-phone-scrolled.png') });

    // With "Move start" pressed, the same finger moves the start and the page stays.
    // The first swipe's fling may still be scrolling: wait until the page rests at the top.
    await expect
      .poll(
        () =>
          p.page.evaluate(async () => {
            window.scrollTo(0, 0);
            await new Promise((r) => setTimeout(r, 400));
            return window.scrollY;
          }),
        { timeout: POLL_MS },
      )
      .toBe(0);
    const toggle = p.page.getByRole('button', { name: 'Move start' });
    expect(await toggle.isVisible()).toBe(true);
    await toggle.tap();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await swipe(y, y - 120);
    await expect
      .poll(async () => JSON.stringify(await startOf(p.page)), { timeout: POLL_MS })
      .not.toBe(JSON.stringify(before));
    expect(await p.page.evaluate(() => window.scrollY)).toBe(0);
    p.assertClean();
  });
});

const viewOf = (page: Page) =>
  page.evaluate(() => {
    const hook = (window as unknown as { __descentLab: DescentLabHook }).__descentLab;
    return hook.getState().config['view'] as {
      xMin: number;
      xMax: number;
      yMin: number;
      yMax: number;
    };
  });

describe('phone: two fingers on the map', () => {
  it('pinching apart zooms the map in, moving both fingers pans it, and the start stays', async () => {
    const p = await app.open('#step=500', { touch: true, viewport: PHONE });
    await waitForResults(p.page);
    const start = await startOf(p.page);
    const before = await viewOf(p.page);
    const box = (await p.page.locator('.surface-map').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await p.context.newCDPSession(p.page);
    const touch = (
      type: 'touchStart' | 'touchMove' | 'touchEnd',
      points: { x: number; y: number }[],
    ) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map((pt, i) => ({ ...pt, id: i })),
      });
    // Two fingers 40 px apart move to 160 px apart: 4× closer.
    await touch('touchStart', [
      { x: cx - 20, y: cy },
      { x: cx + 20, y: cy },
    ]);
    for (let i = 1; i <= 10; i++) {
      const half = 20 + 6 * i;
      await touch('touchMove', [
        { x: cx - half, y: cy },
        { x: cx + half, y: cy },
      ]);
    }
    await touch('touchEnd', []);
    await expect
      .poll(
        async () =>
          before.xMax - before.xMin - ((await viewOf(p.page)).xMax - (await viewOf(p.page)).xMin),
        {
          timeout: POLL_MS,
        },
      )
      .toBeGreaterThan(0);
    const zoomed = await viewOf(p.page);
    const ratio = (before.xMax - before.xMin) / (zoomed.xMax - zoomed.xMin);
    expect(ratio, 'zoom factor of a 4× pinch').toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(6);
    // The page itself did not zoom, and the start point did not move.
    expect(await p.page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);
    expect(await startOf(p.page)).toEqual(start);

    // Both fingers moving 60 px right pans the view left (the surface follows the fingers).
    await touch('touchStart', [
      { x: cx - 30, y: cy },
      { x: cx + 30, y: cy },
    ]);
    for (let i = 1; i <= 6; i++)
      await touch('touchMove', [
        { x: cx - 30 + 10 * i, y: cy },
        { x: cx + 30 + 10 * i, y: cy },
      ]);
    await touch('touchEnd', []);
    await expect
      .poll(async () => (await viewOf(p.page)).xMin, { timeout: POLL_MS })
      .toBeLessThan(zoomed.xMin);
    expect(await startOf(p.page)).toEqual(start);
    p.assertClean();
  });
});

describe('keyboard: skip links and the map focus ring', () => {
  it('the first tab stops skip to the map, the lanes and the charts', async () => {
    const p = await app.open('', { viewport: DESKTOP });
    await waitForResults(p.page);
    const active = () =>
      p.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const r = el?.getBoundingClientRect();
        return {
          text: el?.textContent?.trim() ?? '',
          id: el?.id ?? '',
          cls: el?.className ?? '',
          visible: r ? r.top >= 0 && r.height > 0 : false,
        };
      });
    const targets = [
      ['Skip to map', 'surface-map'],
      ['Skip to lanes', 'lanes'],
      ['Skip to charts', 'charts'],
    ] as const;
    for (const [i, [text, target]] of targets.entries()) {
      // A click at the page's corner puts the tab order back at its start.
      await p.page.mouse.click(3, 3);
      for (let k = 0; k <= i; k++) await p.page.keyboard.press('Tab');
      const link = await active();
      expect(link.text).toBe(text);
      expect(link.visible).toBe(true);
      if (i === 0) await p.screenshot('layout-skip-link', '.skip-links a:focus');
      await p.page.keyboard.press('Enter');
      const now = await active();
      expect(target === 'surface-map' ? now.cls : now.id).toContain(target);
      if (target === 'surface-map') {
        // The ring is drawn over the canvas while the map has keyboard focus.
        const ring = await p.page.evaluate(
          () => getComputedStyle(document.querySelector('.surface-map')!, '::after').borderTopWidth,
        );
        expect(ring).toBe('3px');
        await p.screenshot('layout-map-focus', '.map-area');
      }
    }
    // The skip links moved focus without touching the hash (which holds the config).
    expect(await p.page.evaluate(() => location.hash)).not.toMatch(/(^#|&)(map|lanes|charts)(&|$)/);
    p.assertClean();
  });
});
