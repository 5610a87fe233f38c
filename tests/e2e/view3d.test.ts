// The 3-D view (mode=3d) in headless Chromium on SwiftShader, from the sub-path build: it
// draws a lit surface with the lanes' paths from a link, dragging and the keys move the
// camera (into the link), a bad camera in a link gives a message, and without WebGPU the
// canvas-2D fallback draws the same scene. Screenshots land in test-results/3d-*.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import {
  decodePng,
  distinctColors,
  requireWebGpu,
  startApp,
  waitFor,
  type App,
  type AppPage,
  type Image,
} from './harness';
import { snapshot, waitForResults } from './app-hook';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

interface Orbit {
  readonly yaw: number;
  readonly pitch: number;
  readonly distance: number;
  readonly logHeight: boolean;
}

async function orbitOf(p: AppPage): Promise<Orbit> {
  const state = await snapshot(p.page);
  if (!state) throw new Error('no app state');
  return (JSON.parse(state.config) as { orbit: Orbit }).orbit;
}

function stage(p: AppPage): Locator {
  return p.page.getByRole('application', { name: /^3-D surface view/ });
}

/** Fraction of pixels that differ by more than a little between two same-size images. */
function changedShare(a: Image, b: Image): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let changed = 0;
  for (let i = 0; i < a.width * a.height; i++) {
    let d = 0;
    for (let c = 0; c < 3; c++) d += Math.abs(a.rgba[4 * i + c]! - b.rgba[4 * i + c]!);
    if (d > 24) changed++;
  }
  return changed / (a.width * a.height);
}

/** Screenshots the stage until it shows a drawn surface (many colours), returns it. */
async function drawn(p: AppPage, name: string): Promise<Image> {
  return waitFor(`a drawn 3-D view (${name})`, async () => {
    const image = decodePng(await p.screenshot(name, stage(p)));
    return distinctColors(image) > 60 ? image : undefined;
  });
}

/** Screenshots until the picture differs from `before` on more than `share` of its pixels. */
async function changedFrom(p: AppPage, before: Image, name: string, share = 0.03): Promise<Image> {
  return waitFor(`the 3-D view to change (${name})`, async () => {
    const image = decodePng(await p.screenshot(name, stage(p)));
    return changedShare(before, image) > share ? image : undefined;
  });
}

async function assertAppClean(p: AppPage): Promise<void> {
  p.assertClean();
  const state = await snapshot(p.page);
  const errors = (state?.messages ?? []).filter((m) => m.level === 'error').map((m) => m.text);
  expect(errors, 'error messages the app shows').toEqual([]);
}

describe('3-D view', () => {
  it('draws Himmelblau from a link on WebGPU; drag and keys orbit and zoom, into the link', async () => {
    const p = await app.open('#mode=3d&surface=himmelblau');
    await requireWebGpu(p.page);
    const state = await waitForResults(p.page);
    expect(state.gpu.kind).toBe('webgpu');
    await expect.poll(() => p.page.locator('.view3d').getAttribute('data-renderer')).toBe('gpu');
    expect(
      await p.page.getByRole('button', { name: '3-D', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    const first = await drawn(p, '3d-himmelblau');
    await p.screenshot('3d-himmelblau-page');

    // Drag: the camera turns, the picture changes, the link carries the new camera.
    const box = (await stage(p).boundingBox())!;
    const before = await orbitOf(p);
    await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.page.mouse.down();
    await p.page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 30, {
      steps: 6,
    });
    await p.page.mouse.up();
    const dragged = await orbitOf(p);
    expect(dragged.yaw).not.toBe(before.yaw);
    expect(dragged.pitch).toBeGreaterThan(before.pitch);
    const afterDrag = await changedFrom(p, first, '3d-himmelblau-dragged');
    await expect.poll(() => p.page.evaluate(() => location.hash)).toMatch(/cam=/);

    // Keys on the focused view: ← turns by 10°, + zooms in.
    await stage(p).focus();
    await p.page.keyboard.press('ArrowLeft');
    await p.page.keyboard.press('+');
    const keyed = await orbitOf(p);
    expect(keyed.yaw).toBeCloseTo(((dragged.yaw + 10 + 540) % 360) - 180, 6);
    expect(keyed.distance).toBeLessThan(dragged.distance);
    await changedFrom(p, afterDrag, '3d-himmelblau-keys');
    const violations = await p.axe();
    expect(
      violations.map((v) => `${v.impact} ${v.id}: ${v.help}`),
      'serious or critical axe-core violations in the 3-D view',
    ).toEqual([]);
    await assertAppClean(p);
  });

  it('draws Rosenbrock with log height and the camera from the link; scrubbing moves the marker', async () => {
    const p = await app.open('#mode=3d&surface=rosenbrock&logz=1&cam=25,38,3.3&step=500');
    await requireWebGpu(p.page);
    await waitForResults(p.page);
    expect(await orbitOf(p)).toEqual({ yaw: 25, pitch: 38, distance: 3.3, logHeight: true });
    expect(await p.page.getByRole('checkbox', { name: 'Log height' }).isChecked()).toBe(true);
    const end = await drawn(p, '3d-rosenbrock-log');
    // Scrub to step 0 with the time bar's keys: the paths shrink to their start (a few
    // thousand pixels: the paths and the markers).
    await p.page.getByRole('slider', { name: 'Scrubbed step' }).focus();
    await p.page.keyboard.press('Home');
    await changedFrom(p, end, '3d-rosenbrock-log-step0', 0.002);
    // "PNG" exports the 3-D picture.
    const [download] = await Promise.all([
      p.page.waitForEvent('download'),
      p.page.getByRole('button', { name: 'PNG', exact: true }).click(),
    ]);
    const png = decodePng(readFileSync((await download.path())!));
    expect(distinctColors(png), 'distinct colours in the exported PNG').toBeGreaterThan(60);
    // Linear height is a different picture.
    await p.page.getByRole('checkbox', { name: 'Log height' }).uncheck();
    await drawn(p, '3d-rosenbrock-linear');
    await assertAppClean(p);
  });

  it('a diverging lane (NaN records) and a swarm draw without blanking the view', async () => {
    const lanes = [
      { name: 'SGD too fast', color: '#f97316', optimizer: { name: 'sgd', lr: 0.01 } },
      {
        name: 'Adam swarm',
        color: '#ec4899',
        optimizer: { name: 'adam', lr: 0.05 },
        swarm: { kind: 'grid', count: 64 },
      },
    ];
    const p = await app.open(
      `#mode=3d&surface=rosenbrock&logz=1&lanes=${encodeURIComponent(JSON.stringify(lanes))}`,
    );
    await requireWebGpu(p.page);
    await waitForResults(p.page);
    const results = await p.page.evaluate(() => {
      const hook = (
        window as unknown as {
          __descentLab: {
            getResults(): { lanes: { run: { divergedAt: number | null } | null }[] };
          };
        }
      ).__descentLab;
      return hook.getResults().lanes.map((l) => l.run?.divergedAt ?? null);
    });
    expect(results[0], 'the SGD lane diverges').not.toBeNull();
    const end = await drawn(p, '3d-diverged-swarm');
    await p.page.getByRole('slider', { name: 'Scrubbed step' }).focus();
    await p.page.keyboard.press('Home');
    await changedFrom(p, end, '3d-diverged-swarm-step0', 0.002);
    await assertAppClean(p);
  });

  it('a bad camera or mode in a link gives a message and the defaults, never an error', async () => {
    const p = await app.open('#mode=3d&surface=himmelblau&cam=10,NaN,99&logz=maybe');
    await waitForResults(p.page);
    await drawn(p, '3d-bad-link');
    const text = await p.page.locator('body').innerText();
    expect(text).toMatch(/cam: yaw, pitch and distance must be finite numbers/);
    expect(text).toMatch(/logz: must be 0 or 1/);
    const orbit = await orbitOf(p);
    expect(orbit).toEqual({ yaw: -35, pitch: 34, distance: 4.6, logHeight: false });
    p.assertClean([/This link had problems/]);

    const q = await app.open('#mode=4d');
    await waitForResults(q.page);
    expect(await q.page.locator('body').innerText()).toMatch(
      /mode: must be one of single, 3d, grid, sweep, basins, train, got "4d"/,
    );
    q.assertClean([/This link had problems/]);
  });

  it('without WebGPU the canvas-2D fallback draws the mesh and the paths', async () => {
    const p = await app.open('#mode=3d&surface=himmelblau', { withoutWebGpu: true });
    await waitForResults(p.page);
    await expect.poll(() => p.page.locator('.view3d').getAttribute('data-renderer')).toBe('cpu');
    const first = await drawn(p, '3d-cpu-himmelblau');
    await stage(p).focus();
    await p.page.keyboard.press('ArrowRight');
    await changedFrom(p, first, '3d-cpu-himmelblau-turned');
    p.assertClean([/WebGPU/]);
  });
});
