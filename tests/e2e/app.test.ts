// The built app in headless Chromium with WebGPU on SwiftShader, served from /descent-lab/ as a
// static host would. Each test opens its own page and ends with assertClean(): no console
// error, no uncaught error, no request off the origin, no failed request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_PATH,
  decodePng,
  distinctColors,
  requireWebGpu,
  startApp,
  waitFor,
  type App,
  type AppPage,
} from './harness';
import {
  laneDifferences,
  readTrajectories,
  snapshot,
  waitForResults,
  waitForSettled,
  type LaneNumbers,
} from './app-hook';
import type { Locator } from 'playwright-core';
import { SURFACES } from '../../src/core/surfaces';

let app: App;
/** How long a UI expectation may take to come true (SwiftShader on 2 shared cores is slow). */
const POLL_MS = 30_000;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Opens the app and waits for its first results; fails unless it runs on WebGPU. */
async function openOnWebGpu(target = ''): Promise<AppPage> {
  const p = await app.open(target);
  await requireWebGpu(p.page);
  const state = await waitForResults(p.page);
  expect(state.gpu.kind, `the app fell back to the CPU: ${JSON.stringify(state.gpu)}`).toBe(
    'webgpu',
  );
  return p;
}

/** The map view, by its accessible name. */
function mapRegion(p: AppPage) {
  return p.page.getByRole('region', { name: 'Loss surface map' });
}

/** A slider's position: the value of an <input type=range>, else aria-valuenow. */
async function sliderValue(slider: Locator): Promise<string | null> {
  return slider.inputValue().catch(() => slider.getAttribute('aria-valuenow'));
}

/**
 * Reads the lanes' numbers until `problem` returns null for them (the GPU records may lag the
 * float64 runs by a frame or two), and fails with the last problem after 30 s.
 */
async function untilNumbers(
  p: AppPage,
  what: string,
  problem: (numbers: LaneNumbers[]) => string | null,
): Promise<LaneNumbers[]> {
  let last = 'never read';
  try {
    return await waitFor(
      what,
      async () => {
        const numbers = await readTrajectories(p.page);
        const found = problem(numbers);
        if (found === null) return numbers;
        last = found;
        return undefined;
      },
      30_000,
    );
  } catch (error) {
    throw new Error(`${String(error)}\nlast: ${last}`);
  }
}

/**
 * The page is clean (no console error or warning, page error, off-origin or failed request)
 * and the app itself shows no error message (its GPU errors, compute errors).
 */
async function assertAppClean(p: AppPage): Promise<void> {
  p.assertClean();
  const state = await snapshot(p.page);
  const errors = (state?.messages ?? []).filter((m) => m.level === 'error').map((m) => m.text);
  expect(errors, 'error messages the app shows').toEqual([]);
}

/** null when every lane has its float64 run and its GPU records. */
function allOnGpu(numbers: LaneNumbers[]): string | null {
  if (numbers.length === 0) return 'no lanes in the results';
  const missing = numbers.filter((l) => l.run === null || l.engine === null);
  return missing.length
    ? `lanes without a float64 run or GPU records: ${missing.map((l) => l.laneId).join(', ')}`
    : null;
}

/** The first lane's η slider (the learning rate), by its accessible name. */
function etaSlider(p: AppPage) {
  return p.page.getByRole('slider', { name: /η|learning rate|\blr\b/i }).first();
}

describe('Descent Lab, production build served from a sub-path', () => {
  it('loads from /descent-lab/ and computes and draws on WebGPU', async () => {
    const p = await openOnWebGpu();
    expect(new URL(p.page.url()).pathname).toBe(BASE_PATH);
    // Every same-origin request stays under the sub-path: the build uses relative URLs.
    const outside = p.requests.filter((u) => !new URL(u).pathname.startsWith(BASE_PATH));
    expect(outside, 'requests outside the sub-path (absolute asset URLs?)').toEqual([]);

    // The app asked for a device and drew into a WebGPU canvas, and says so itself.
    expect(await p.deviceCount(), 'GPUAdapter.requestDevice calls').toBeGreaterThan(0);
    const webgpuCanvases = await p.page.evaluate(
      () => (window as unknown as { __e2eWebgpuCanvases: number }).__e2eWebgpuCanvases,
    );
    expect(webgpuCanvases, "canvases with a 'webgpu' context").toBeGreaterThan(0);
    await expect
      .poll(() => p.page.getByText(/^WebGPU: /).count(), {
        timeout: POLL_MS,
        message: "the app's status line saying 'WebGPU: <adapter>'",
      })
      .toBe(1);

    // The map is a picture, not a blank rectangle: a colour map has many colours.
    const region = mapRegion(p);
    await waitFor('a visible canvas in the map', async () =>
      (await region.locator('canvas').first().isVisible()) ? true : undefined,
    );
    const map = decodePng(await p.screenshot('main-map', region));
    expect(distinctColors(map), 'distinct colours in the map canvas').toBeGreaterThan(32);
    await p.screenshot('main-view');
    await assertAppClean(p);
  });

  it('moving the η slider by keyboard changes the trajectory and the URL; the URL reproduces it', async () => {
    const p = await openOnWebGpu();
    const before = await waitForSettled(p.page);
    const trajectoryBefore = await untilNumbers(p, 'GPU records of every lane', allOnGpu);
    expect(trajectoryBefore.length, 'lanes in the results').toBeGreaterThan(0);
    const first = trajectoryBefore[0]!;
    expect(first.engine ?? first.run, 'numbers of the first lane').not.toBeNull();
    expect((first.engine ?? first.run)!.x.length, 'points in the first lane').toBeGreaterThan(2);

    const slider = etaSlider(p);
    await expect
      .poll(() => slider.count(), { timeout: POLL_MS, message: 'a slider named η / learning rate' })
      .toBe(1);
    const valueBefore = await sliderValue(slider);
    await slider.focus();
    await p.page.keyboard.press('ArrowRight');

    await waitFor('the URL to change after the slider moved', async () =>
      new URL(p.page.url()).hash !== before.hash ? true : undefined,
    );
    const after = await waitForSettled(p.page);
    expect(after.resultsVersion, 'a recompute after the slider moved').toBeGreaterThan(
      before.resultsVersion,
    );
    const urlAfter = p.page.url();
    expect(await sliderValue(slider), 'the slider position after ArrowRight').not.toBe(valueBefore);
    // The float64 run moves at once; the engine's records (read back from the GPU) follow.
    const trajectoryAfter = await untilNumbers(
      p,
      'the first lane and its GPU records to move after one ArrowRight on η',
      (n) => {
        const moved = laneDifferences(trajectoryBefore, n).join('\n');
        return /lane \S+ run\.x\[/.test(moved) && /engine\.x \(GPU records\)\[/.test(moved)
          ? null
          : `differences from before: ${moved || 'none'}`;
      },
    );
    await assertAppClean(p);

    // A fresh page on that URL computes exactly the same numbers.
    const reopened = await openOnWebGpu(urlAfter);
    await waitForSettled(reopened.page);
    expect(new URL(reopened.page.url()).hash).toBe(new URL(urlAfter).hash);
    await untilNumbers(reopened, 'the reopened link to give the same numbers', (n) => {
      const differences = laneDifferences(trajectoryAfter, n);
      return differences.length ? differences.join('; ') : null;
    });
    await assertAppClean(reopened);
  });

  it('a malformed or hostile URL shows what was wrong and falls back to defaults', async () => {
    const hostile =
      '#surface=no_such_surface&steps=-5&start=NaN,1e999&view=1,1,1' +
      '&lanes=' +
      encodeURIComponent('[{"optimizer":{"name":"adam","lr":-1},"__proto__":{"x":1}},{') +
      '&seed=<img src=x onerror=alert(1)>';
    const p = await app.open(hostile);
    const dialogs: string[] = [];
    p.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const state = await waitForResults(p.page);
    expect(state.messages.length, 'messages about the bad link').toBeGreaterThan(0);
    // The message is on the page, where a user sees it.
    const alert = p.page.getByRole('alert').or(p.page.getByRole('status'));
    await expect
      .poll(async () => (await alert.allInnerTexts()).join(' '), {
        timeout: POLL_MS,
        message: 'an alert or status naming a bad part of the link',
      })
      .toMatch(/surface|steps|start|lane|link|URL/i);
    // The app still works on its defaults: the controls are there and it still computes.
    await expect
      .poll(() => etaSlider(p).count(), { timeout: POLL_MS, message: 'the η slider (defaults)' })
      .toBeGreaterThan(0);
    expect(await p.page.locator('img[src="x"]').count(), 'injected markup').toBe(0);
    expect(dialogs).toEqual([]);
    await p.screenshot('malformed-url');
    await assertAppClean(p);
  });
});

describe('many surfaces at once', () => {
  it('the grid view renders every surface, each cell a drawn map; a cell opens its surface', async () => {
    const p = await openOnWebGpu();
    await waitForSettled(p.page);
    await p.page.getByRole('button', { name: /all surfaces/i }).click();
    const grid = p.page.getByRole('region', { name: /all surfaces/i });
    await expect
      .poll(() => grid.count(), {
        timeout: POLL_MS,
        message: 'the grid view (region "All surfaces")',
      })
      .toBe(1);
    await waitForSettled(p.page);

    // One cell per registry surface, each a control named after its surface (click to open).
    const cells = SURFACES.map((s) => ({
      surface: s,
      cell: grid.getByRole('button', { name: new RegExp(escapeRegExp(s.label)) }).first(),
    }));
    const missing = async () => {
      const out: string[] = [];
      for (const { surface, cell } of cells) if ((await cell.count()) === 0) out.push(surface.id);
      return out;
    };
    await expect
      .poll(missing, { timeout: POLL_MS, message: 'surfaces without a grid cell (a button)' })
      .toEqual([]);
    await p.screenshot('grid', grid);
    await p.screenshot('grid-view');
    const blank: string[] = [];
    for (const { surface, cell } of cells) {
      const image = decodePng(await cell.screenshot());
      if (distinctColors(image) <= 32)
        blank.push(`${surface.id} (${distinctColors(image)} colours)`);
    }
    expect(blank, 'grid cells that show no map').toEqual([]);

    // Clicking a cell opens that surface in the single map.
    const target = cells.find((c) => c.surface.id !== 'rosenbrock')!;
    await target.cell.click();
    await expect
      .poll(() => mapRegion(p).count(), { timeout: POLL_MS, message: 'the single map again' })
      .toBe(1);
    await waitFor(`the URL to name ${target.surface.id}`, () =>
      new URL(p.page.url()).hash.includes(`surface=${target.surface.id}`) ? true : undefined,
    );
    await assertAppClean(p);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('robustness', () => {
  it('a device destroyed mid-run is recovered, with the state kept and a notice', async () => {
    const p = await openOnWebGpu();
    const before = await waitForSettled(p.page);
    const numbersBefore = await untilNumbers(p, 'GPU records of every lane', allOnGpu);
    const devicesBefore = await p.deviceCount();

    // Mid-run: playback on, then the device goes away under the app.
    const play = p.page.getByRole('button', { name: /\bplay\b/i }).first();
    await expect.poll(() => play.count(), { timeout: POLL_MS, message: 'a Play button' }).toBe(1);
    await play.click();
    await p.page.waitForTimeout(300);
    await p.page.evaluate(() => {
      const devices = (window as unknown as { __e2eDevices: GPUDevice[] }).__e2eDevices;
      devices[devices.length - 1]!.destroy();
    });

    await waitFor('a new GPUDevice after the loss', async () =>
      (await p.deviceCount()) > devicesBefore ? true : undefined,
    );
    // Stop playback (the scrubbed step is in the URL) and let the app settle.
    const pause = p.page.getByRole('button', { name: /\bpause\b/i }).first();
    if ((await pause.count()) > 0) await pause.click();
    const after = await waitForSettled(p.page);
    expect(after.resultsVersion, 'a recompute on the new device').toBeGreaterThan(
      before.resultsVersion,
    );
    expect(after.gpu.kind, 'engine after recovery').toBe('webgpu');
    expect(after.messages.map((m) => m.text).join(' | '), 'a notice about the lost device').toMatch(
      /device|GPU/i,
    );
    // The config survives the loss (all but the scrubbed step, which playback moved).
    expect(after.config, 'the config after the loss').toBe(before.config);
    // Same config, same engine: the same numbers as before the loss.
    await untilNumbers(p, 'the numbers on the new device to equal those before the loss', (n) => {
      if (allOnGpu(n) !== null) return `after the recovery: ${allOnGpu(n)}`;
      const differences = laneDifferences(numbersBefore, n);
      return differences.length ? differences.join('; ') : null;
    });
    const map = decodePng(await p.screenshot('after-device-loss', mapRegion(p)));
    expect(distinctColors(map), 'the map is drawn again').toBeGreaterThan(32);
    await assertAppClean(p);
  });
});

describe('other ways in', () => {
  it('without WebGPU the app runs on the CPU, draws the map and says why in a banner', async () => {
    const p = await app.open('', { withoutWebGpu: true });
    expect(await p.page.evaluate(() => 'gpu' in navigator), 'navigator.gpu hidden').toBe(false);
    const state = await waitForSettled(p.page);
    expect(state.gpu.kind, 'the engine the app chose').toBe('cpu-fallback');
    expect(await p.deviceCount(), 'GPU devices requested').toBe(0);
    const banner = p.page.getByRole('alert').or(p.page.getByRole('status'));
    await expect
      .poll(async () => (await banner.allInnerTexts()).join(' '), {
        timeout: POLL_MS,
        message: 'a banner saying the app runs without WebGPU',
      })
      .toMatch(/WebGPU/);
    const numbers = await readTrajectories(p.page);
    expect(numbers.length, 'lanes computed on the CPU').toBeGreaterThan(0);
    expect(numbers.every((l) => l.run !== null && l.run.x.length > 2)).toBe(true);
    const map = decodePng(await p.screenshot('cpu-fallback-map', mapRegion(p)));
    expect(distinctColors(map), 'distinct colours in the CPU-drawn map').toBeGreaterThan(32);
    await assertAppClean(p);
  });

  it('embed mode (embed=1 in the hash) shows the map and only the compact bar', async () => {
    const p = await openOnWebGpu('#embed=1');
    await waitForSettled(p.page);
    await expect
      .poll(() => mapRegion(p).count(), { timeout: POLL_MS, message: 'the map in embed mode' })
      .toBe(1);
    // No controls=: the only slider is the scrubber (embed.test.ts covers the compact bar).
    const sliders = p.page.getByRole('slider');
    expect(await sliders.count(), 'sliders in embed mode').toBe(1);
    expect(await sliders.getAttribute('aria-label')).toBe('Scrubbed step');
    expect(await p.page.getByRole('button', { name: /add lane/i }).count()).toBe(0);
    const map = decodePng(await p.screenshot('embed', mapRegion(p)));
    expect(distinctColors(map), 'distinct colours in the embedded map').toBeGreaterThan(32);
    await assertAppClean(p);
  });
});

/** Interactive elements the accessibility tree lists without a name (aria snapshot lines). */
const INTERACTIVE_ROLES =
  /^\s*- (button|checkbox|combobox|link|listbox|menuitem|option|radio|searchbox|slider|spinbutton|switch|tab|textbox)\b(?!\s+")/;

describe('accessibility', () => {
  it('every control has an accessible name and is reachable by keyboard; axe finds nothing serious', async () => {
    const p = await openOnWebGpu();
    const tree = await p.page.locator('body').ariaSnapshot();
    const unnamed = tree.split('\n').filter((line) => INTERACTIVE_ROLES.test(line));
    expect(unnamed, 'controls without an accessible name').toEqual([]);

    // Tab through the page: every visible, enabled control gets the focus at some point.
    const controls = await p.page.evaluate(() => {
      const selector =
        'button, input, select, textarea, a[href], [role=slider], [role=switch], [role=tab], [tabindex]';
      let i = 0;
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        // checkVisibility() also hides what a closed <details> holds (reachable once opened).
        const visible = el.checkVisibility({ visibilityProperty: true });
        const disabled = (el as HTMLButtonElement).disabled || el.getAttribute('tabindex') === '-1';
        if (!visible || disabled || el.closest('[inert],[aria-hidden=true]')) continue;
        // Radios in a group take one tab stop; only the checked (or first) one is reachable.
        if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
          const group = document.querySelectorAll<HTMLInputElement>(
            `input[type=radio][name="${CSS.escape(el.name)}"]`,
          );
          const stop = Array.from(group).find((r) => r.checked) ?? group[0];
          if (stop !== el) continue;
        }
        el.dataset['e2eControl'] = String(i++);
        out.push(el.outerHTML.slice(0, 120));
      }
      return out;
    });
    expect(controls.length, 'controls on the page').toBeGreaterThan(3);
    // Tab until the focus comes back round to the first control reached (other tab stops,
    // such as summaries and chart elements, are passed over), or 4 presses per control.
    const reached = new Set<string>();
    let firstReached: string | null = null;
    for (let k = 0; k < 4 * controls.length; k++) {
      await p.page.keyboard.press('Tab');
      const id = await p.page.evaluate(
        () => (document.activeElement as HTMLElement | null)?.dataset['e2eControl'] ?? null,
      );
      if (id === null) continue;
      if (id === firstReached && reached.size > 1) break;
      firstReached ??= id;
      reached.add(id);
    }
    const unreachable = controls.filter((_, i) => !reached.has(String(i)));
    expect(unreachable, 'controls Tab never reaches').toEqual([]);

    const violations = await p.axe();
    expect(
      violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`),
      'serious or critical axe-core violations (all in test-results/axe.json)',
    ).toEqual([]);
    await assertAppClean(p);
  });
});
