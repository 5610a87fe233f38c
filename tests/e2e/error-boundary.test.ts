// The error boundary (src/ui/components/ErrorBoundary.tsx): an error thrown while React draws
// the page becomes a message with two ways back, never a blank page. The error is provoked
// from outside the app, with no test hook in the build: Number.prototype.toPrecision is made
// to throw for one start coordinate, which the map's accessible label formats while rendering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App, type AppPage } from './harness';

let app: App;
const POLL_MS = 60_000;
/** A start x that no default or preset uses: rendering it is what throws. */
const TRAP_X = 1.375;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Arms (or disarms) the trap: toPrecision throws for TRAP_X while window.__trap is true. */
async function setTrap(p: AppPage, armed: boolean): Promise<void> {
  await p.page.evaluate(
    ({ armed, trapX }) => {
      const w = window as unknown as { __trap?: boolean; __trapInstalled?: boolean };
      w.__trap = armed;
      if (w.__trapInstalled) return;
      w.__trapInstalled = true;
      const original = Number.prototype.toPrecision;
      Number.prototype.toPrecision = function (this: number, digits?: number) {
        if (w.__trap && Number(this) === trapX) throw new Error('trap: a render error on purpose');
        return original.call(this, digits);
      };
    },
    { armed, trapX: TRAP_X },
  );
}

const mapDrawn = (p: AppPage) => p.page.locator('.surface-map[data-renderer]').count();
const crashShown = (p: AppPage) => p.page.locator('main.crash[role="alert"]').count();
const startX = (p: AppPage) =>
  p.page.evaluate(
    () =>
      (
        window as unknown as {
          __descentLab: { getState: () => { config: { start: [number, number] } } };
        }
      ).__descentLab.getState().config.start[0],
  );

/** Opens the app, waits for the map, arms the trap and follows a link to the trapped start. */
async function crashThePage(): Promise<AppPage> {
  const p = await app.open('#surface=himmelblau&start=0.5,0.5');
  await expect.poll(() => mapDrawn(p), { timeout: POLL_MS }).toBe(1);
  await setTrap(p, true);
  await p.page.evaluate((x) => {
    window.location.hash = `#surface=himmelblau&start=${x},0.5`;
  }, TRAP_X);
  await expect.poll(() => crashShown(p), { timeout: POLL_MS }).toBe(1);
  return p;
}

describe('error boundary', () => {
  it('a render error shows a message with the error and two buttons, not a blank page', async () => {
    const p = await crashThePage();
    const crash = p.page.locator('main.crash');
    await expect.poll(() => crash.locator('h1').innerText()).toContain('could not draw');
    expect(await crash.innerText()).toContain('trap: a render error on purpose');
    expect(await crash.getByRole('button', { name: 'Open the default setup' }).count()).toBe(1);
    expect(await crash.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    // The failing setup stays in the address bar, to be copied into a bug report.
    expect(p.page.url()).toContain(`start=${TRAP_X}`);
    await p.page.screenshot({ path: 'test-results/error-boundary.png' });
    // No uncaught error reached the page; the only console output is React's and ours.
    expect(p.pageErrors).toEqual([]);
    await p.context.close();
  });

  it('"Try again" draws the same setup once the cause is gone; nothing is lost', async () => {
    const p = await crashThePage();
    await setTrap(p, false);
    await p.page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => mapDrawn(p), { timeout: POLL_MS }).toBe(1);
    expect(await crashShown(p)).toBe(0);
    expect(await startX(p)).toBe(TRAP_X);
    await p.context.close();
  });

  it('"Open the default setup" leaves the failing setup and draws the default', async () => {
    const p = await crashThePage();
    // Still armed: only leaving the failing setup can bring the page back.
    await p.page.getByRole('button', { name: 'Open the default setup' }).click();
    await expect.poll(() => mapDrawn(p), { timeout: POLL_MS }).toBe(1);
    expect(await crashShown(p)).toBe(0);
    expect(await startX(p)).not.toBe(TRAP_X);
    expect(p.page.url()).not.toContain(`start=${TRAP_X}`);
    await p.context.close();
  });
});
