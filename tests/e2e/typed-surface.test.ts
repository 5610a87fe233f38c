// "Your surface" end to end: a typed f(x, y) opened from a link, drawn with the lanes' paths on
// WebGPU (engine records tracking the float64 runs), its parameters as sliders, the Explain
// panel and the grid; an invalid formula typed into the field shows where it is wrong while
// the map keeps the last valid surface; a hostile link falls back to the default surface.
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
} from './harness';
import { readTrajectories, snapshot, waitForResults, waitForSettled } from './app-hook';

let app: App;
const POLL_MS = 30_000;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const TWO_MINIMA = '(x^2-1)^2 + y^2 + 0.3*x';
const WITH_PARAMETERS = 'a*(x^2-1)^2 + b*y^2';

function link(formula: string, extra = ''): string {
  return `#surface=custom&f=${encodeURIComponent(formula)}${extra}`;
}

async function openOnWebGpu(target: string): Promise<AppPage> {
  const p = await app.open(target);
  await requireWebGpu(p.page);
  const state = await waitForResults(p.page);
  expect(state.gpu.kind, `the app fell back to the CPU: ${JSON.stringify(state.gpu)}`).toBe(
    'webgpu',
  );
  return p;
}

function mapRegion(p: AppPage): Locator {
  return p.page.getByRole('region', { name: 'Loss surface map' });
}

function formulaInput(p: AppPage): Locator {
  return p.page.getByRole('textbox', { name: 'Your surface f(x, y)' });
}

/** The hash's f, decoded (null without one). */
function hashFormula(p: AppPage): string | null {
  return new URLSearchParams(new URL(p.page.url()).hash.slice(1)).get('f');
}

/** Every lane's GPU records agree with its float64 run over the first 100 steps. */
async function expectGpuFollowsFloat64(p: AppPage, what: string): Promise<void> {
  let last = 'never read';
  await waitFor(
    `${what}: GPU records of every lane matching the float64 runs`,
    async () => {
      const lanes = await readTrajectories(p.page);
      const bad: string[] = [];
      for (const lane of lanes) {
        if (!lane.run || !lane.engine) {
          bad.push(`${lane.laneId}: missing`);
          continue;
        }
        for (let k = 0; k < 200; k++) {
          const a = lane.engine.x[k]!;
          const b = lane.run.x[k]!;
          if (!(Math.abs(a - b) <= 1e-3 * (1 + Math.abs(b)))) {
            bad.push(`${lane.laneId} x[${k}]: GPU ${a} vs float64 ${b}`);
            break;
          }
        }
      }
      last = bad.join('; ');
      return lanes.length > 0 && bad.length === 0 ? true : undefined;
    },
    POLL_MS,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\nlast: ${last}`);
  });
}

/** The fraction of pixels that differ between two screenshots of one size. */
function differingPixels(a: Buffer, b: Buffer): number {
  const x = decodePng(a);
  const y = decodePng(b);
  if (x.width !== y.width || x.height !== y.height) return 1;
  let differ = 0;
  for (let i = 0; i < x.width * x.height; i++) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(x.rgba[4 * i + c]! - y.rgba[4 * i + c]!) > 8) {
        differ++;
        break;
      }
    }
  }
  return differ / (x.width * x.height);
}

async function assertAppClean(p: AppPage): Promise<void> {
  p.assertClean();
  const state = await snapshot(p.page);
  const errors = (state?.messages ?? []).filter((m) => m.level === 'error').map((m) => m.text);
  expect(errors, 'error messages the app shows').toEqual([]);
}

describe('your surface', () => {
  it('a two-minimum formula from a link: map with paths, GPU runs, Explain, grid', async () => {
    const p = await openOnWebGpu(link(TWO_MINIMA));
    await waitForSettled(p.page);
    expect(await formulaInput(p).inputValue()).toBe(TWO_MINIMA);
    expect(await p.page.getByRole('combobox', { name: 'Loss surface' }).inputValue()).toBe(
      'custom',
    );
    await expectGpuFollowsFloat64(p, TWO_MINIMA);
    const map = decodePng(await p.screenshot('typed-surface-map', mapRegion(p)));
    expect(distinctColors(map), 'distinct colours in the map').toBeGreaterThan(32);
    // The two minima are marked on the map (found numerically).
    const explain = p.page.getByRole('region', { name: 'Explain this step' });
    await expect
      .poll(async () => (await explain.innerText()).length, {
        timeout: POLL_MS,
        message: 'the Explain panel',
      })
      .toBeGreaterThan(40);
    await p.screenshot('typed-surface-view');

    // The grid has a cell for it, drawn like the others.
    await p.page.getByRole('button', { name: /all surfaces/i }).click();
    const grid = p.page.getByRole('region', { name: /all surfaces/i });
    const cell = grid.getByRole('button', { name: /^Your surface/ });
    await expect
      .poll(() => cell.count(), { timeout: POLL_MS, message: 'a grid cell for your surface' })
      .toBe(1);
    await waitForSettled(p.page);
    await p.screenshot('typed-surface-grid', grid);
    expect(distinctColors(decodePng(await cell.screenshot())), 'your grid cell').toBeGreaterThan(
      32,
    );
    await cell.click();
    await expect
      .poll(() => mapRegion(p).count(), { timeout: POLL_MS, message: 'the map again' })
      .toBe(1);
    expect(hashFormula(p)).toBe(TWO_MINIMA);
    await assertAppClean(p);
  });

  it('named parameters get sliders that travel in the link', async () => {
    const p = await openOnWebGpu(link(WITH_PARAMETERS, `&sp=${encodeURIComponent('{"a":2}')}`));
    await waitForSettled(p.page);
    const a = p.page.getByRole('slider', { name: /\ba\b/ }).first();
    const b = p.page.getByRole('slider', { name: /\bb\b/ }).first();
    expect(await a.count(), 'a slider for a').toBe(1);
    expect(await b.count(), 'a slider for b').toBe(1);
    await expectGpuFollowsFloat64(p, WITH_PARAMETERS);
    const before = await readTrajectories(p.page);
    await b.focus();
    await p.page.keyboard.press('ArrowRight');
    await waitFor('b in the link', () =>
      /"b":/.test(decodeURIComponent(new URL(p.page.url()).hash)) ? true : undefined,
    );
    await waitForSettled(p.page);
    const after = await readTrajectories(p.page);
    expect(after[0]!.run!.x, 'a path after moving b').not.toEqual(before[0]!.run!.x);
    await expectGpuFollowsFloat64(p, `${WITH_PARAMETERS} after b moved`);
    await p.screenshot('typed-surface-parameters', mapRegion(p));
    await p.screenshot('typed-surface-parameters-view');
    await assertAppClean(p);
  });

  it('"Your surface…" in the surface select opens the field with a starter formula', async () => {
    const p = await openOnWebGpu('');
    await waitForSettled(p.page);
    const select = p.page.getByRole('combobox', { name: 'Loss surface' });
    expect(await formulaInput(p).count(), 'no formula field on a built-in surface').toBe(0);
    await select.selectOption('custom');
    await waitFor('surface=custom in the link', () => (hashFormula(p) !== null ? true : undefined));
    const starter = hashFormula(p)!;
    expect(await formulaInput(p).inputValue()).toBe(starter);
    expect(p.page.getByText(/sin cos tan exp log sqrt abs tanh sinh cosh min max/)).toBeTruthy();
    await waitForSettled(p.page);
    await expectGpuFollowsFloat64(p, starter);
    // Away and back: the formula is remembered.
    await select.selectOption('himmelblau');
    await waitFor('himmelblau in the link', () =>
      new URL(p.page.url()).hash.includes('surface=himmelblau') ? true : undefined,
    );
    await select.selectOption('custom');
    await waitFor('the formula again', () => (hashFormula(p) === starter ? true : undefined));
    await assertAppClean(p);
  });

  it('an invalid formula shows where it is wrong and the map keeps the last valid one', async () => {
    const p = await openOnWebGpu(link(TWO_MINIMA));
    await waitForSettled(p.page);
    const canvas = mapRegion(p).locator('canvas').first();
    const box = await canvas.boundingBox();
    // The typed surface's render pass compiles asynchronously (frames wait for it): the map
    // is drawn once two pictures half a second apart agree.
    let before = await canvas.screenshot();
    await waitFor('the map drawn and still', async () => {
      await p.page.waitForTimeout(500);
      const again = await canvas.screenshot();
      const settled = differingPixels(again, before) < 0.001;
      before = again;
      return settled ? true : undefined;
    });
    const input = formulaInput(p);
    await input.fill('x^2 + 3*(y - 1');
    const alert = p.page.getByRole('alert').filter({ hasText: 'At character' });
    await expect
      .poll(() => alert.innerText(), { timeout: POLL_MS, message: 'the positioned message' })
      .toMatch(/At character 9: .*"\(".*never closed/s);
    // The caret sits under the unclosed "(" (column 9 of the shown text).
    const context = await p.page.locator('.formula-context').innerText();
    const [shown, carets] = context.split('\n');
    expect(shown).toBe('x^2 + 3*(y - 1');
    expect(carets).toBe(`${' '.repeat(8)}^`);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await p.page.waitForTimeout(1000);
    await p.screenshot('typed-surface-invalid');
    expect(hashFormula(p), 'the link keeps the last valid formula').toBe(TWO_MINIMA);
    expect(await canvas.boundingBox(), 'the map did not move or resize').toEqual(box);
    const still = await canvas.screenshot();
    expect(differingPixels(still, before), 'the map still shows the previous surface').toBeLessThan(
      0.01,
    );

    // A valid formula replaces the surface, in the map, the link and the runs.
    const next = '(x - 1)^2 + 3*(y + 0.5)^2';
    await input.fill(next);
    await waitFor('the new formula in the link', () =>
      hashFormula(p) === next ? true : undefined,
    );
    await waitForSettled(p.page);
    await expectGpuFollowsFloat64(p, next);
    const lanes = await readTrajectories(p.page);
    const end = lanes[3]!.run!.x.slice(-2); // Adam, 500 steps: near the one minimum (1, −0.5)
    expect(Math.hypot(end[0]! - 1, end[1]! + 0.5)).toBeLessThan(0.05);
    const changed = await canvas.screenshot();
    expect(differingPixels(changed, before), 'the map shows the new surface').toBeGreaterThan(0.2);
    await p.screenshot('typed-surface-replaced', mapRegion(p));
    await assertAppClean(p);
  });

  it(
    'a hostile formula in a link: a positioned message, the default surface, nothing thrown',
    {
      timeout: 300_000,
    },
    async () => {
      const positioned = (at: number) =>
        new RegExp(`your surface f\\(x, y\\), at character ${at}: `);
      // Each page takes a while on SwiftShader: tests/unit/typed-surface-link.test.ts has the rest.
      const hostile: [string, RegExp][] = [
        // 10,000 characters: longer than any link the app reads at all.
        ['x+'.repeat(5000) + 'x', /at most 16000\); using the defaults/],
        ['x*'.repeat(1000) + 'x', positioned(401)],
        ['('.repeat(60) + 'x' + ')'.repeat(60), positioned(49)],
        ['constructor.__proto__(x)', positioned(12)],
      ];
      for (const [formula, expected] of hostile) {
        const p = await app.open(link(formula));
        const state = await waitForResults(p.page);
        expect(state.messages.map((m) => m.text).join(' '), formula.slice(0, 20)).toMatch(expected);
        expect(await p.page.getByRole('combobox', { name: 'Loss surface' }).inputValue()).toBe(
          'rosenbrock',
        );
        if (formula === hostile[1]![0]) await p.screenshot('typed-surface-hostile-link');
        await assertAppClean(p);
        await p.context.close();
      }
    },
  );
});
