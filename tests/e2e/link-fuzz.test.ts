// 60 fuzzed share links (tests/link-arbitraries.ts, fixed seed) opened one after
// another in one page, as a user pasting links would: no page error, no console error, and
// the page keeps its controls and at most a handful of messages.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedLink, mutatedLink } from '../link-arbitraries';
import { startApp, type App } from './harness';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('fuzzed links in the page', () => {
  it('60 generated and mutated links: no page or console error, the page stays usable', async () => {
    const links = [
      ...fc.sample(generatedLink, { seed: 42, numRuns: 40 }),
      ...fc.sample(mutatedLink, { seed: 43, numRuns: 20 }),
    ];
    const p = await app.open('');
    for (const link of links) {
      await p.page.evaluate((hash) => {
        window.location.hash = hash;
      }, link);
      // Two frames: the decode, the compute and the first draw of the new link.
      await p.page.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
      );
    }
    await p.page.evaluate(() => {
      window.location.hash = '';
    });
    await expect.poll(() => p.page.getByRole('button', { name: /^(Play|Pause)$/ }).count()).toBe(1);
    expect(await p.page.locator('[data-testid="message"]').count()).toBeLessThanOrEqual(5);
    await p.screenshot('link-fuzz-after');
    p.assertClean();
  }, 300_000);
});
