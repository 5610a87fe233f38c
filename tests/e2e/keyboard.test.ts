// Keyboard use of the map view: Space plays and pauses (but types a space in a field), and
// removing a lane keeps focus in the lanes panel instead of sending it to the top of the page,
// an arrow key on a β slider moves the value read out (0.999 → 0.9988), not only 1 − β, and a
// number field commits what was typed, not the valid prefixes on the way.
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

describe('keyboard', () => {
  it('Space plays and pauses; in a text field it is just a space', async () => {
    const p = await app.open('#steps=2000&step=0');
    const play = p.page.getByRole('button', { name: /^(Play|Pause)$/ });
    await expect.poll(() => play.getAttribute('aria-label'), { timeout: POLL_MS }).toBe('Play');
    await p.page.locator('body').click({ position: { x: 5, y: 5 } });
    await p.page.keyboard.press('Space');
    await expect.poll(() => play.getAttribute('aria-label'), { timeout: POLL_MS }).toBe('Pause');
    await p.page.keyboard.press('Space');
    await expect.poll(() => play.getAttribute('aria-label'), { timeout: POLL_MS }).toBe('Play');
    const name = p.page.getByRole('textbox', { name: 'Lane 1 name' });
    await name.click();
    await p.page.keyboard.press('End');
    await p.page.keyboard.type(' x');
    expect(await name.inputValue()).toBe('SGD x');
    expect(await play.getAttribute('aria-label')).toBe('Play');
    await p.screenshot('keyboard-space');
    p.assertClean();
  });

  it('Remove keeps focus on the next lane, and on "Add lane" after the last', async () => {
    const p = await app.open('');
    const remove = (n: string) => p.page.getByRole('button', { name: `Remove ${n}`, exact: true });
    await remove('Momentum').focus();
    await p.page.keyboard.press('Enter');
    await expect
      .poll(() => p.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), {
        timeout: POLL_MS,
      })
      .toBe('Remove RMSprop');
    for (const n of ['RMSprop', 'Adam', 'SGD']) {
      await remove(n).focus();
      await p.page.keyboard.press('Enter');
    }
    await expect
      .poll(() => p.page.evaluate(() => document.activeElement?.textContent?.trim()), {
        timeout: POLL_MS,
      })
      .toBe('+ Add lane');
    await p.screenshot('keyboard-remove');
    p.assertClean();
  });

  it('one ArrowLeft on β₂ reads 0.9988 on the slider, in the summary and in the link', async () => {
    const p = await app.open('');
    const slider = p.page.getByRole('slider', { name: 'Adam beta 2', exact: true });
    const summary = p.page.locator('summary', { hasText: 'β₂' }).last();
    await summary.click();
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('0.999');
    await slider.focus();
    await p.page.keyboard.press('ArrowLeft');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('0.9988');
    await expect.poll(() => summary.textContent()).toContain('β₂ 0.9988');
    await expect.poll(() => p.page.evaluate(() => location.hash)).toContain('0.9988');
    await p.page.keyboard.press('ArrowRight');
    await p.page.keyboard.press('ArrowRight');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toBe('0.9991');
    p.assertClean();
  });

  it('a number field commits what was typed, never the valid prefix on the way', async () => {
    const p = await app.open('#steps=500');
    const steps = p.page.getByRole('textbox', { name: 'Steps per run' });
    const configSteps = () =>
      p.page.evaluate(
        () =>
          (
            window as unknown as { __descentLab: { getState(): { config: { steps: number } } } }
          ).__descentLab.getState().config.steps,
      );
    await steps.fill('');
    await steps.pressSequentially('100001', { delay: 40 });
    await p.page.waitForTimeout(1000);
    expect(await configSteps()).toBe(500);
    expect(await steps.getAttribute('aria-invalid')).toBe('true');
    expect(await steps.getAttribute('title')).toContain('100000');
    await p.page.keyboard.press('Tab');
    await expect.poll(() => steps.inputValue()).toBe('500');
    await steps.fill('');
    await steps.pressSequentially('2e3', { delay: 40 });
    await p.page.keyboard.press('Enter');
    await expect.poll(configSteps).toBe(2000);
    p.assertClean();
  });
});
