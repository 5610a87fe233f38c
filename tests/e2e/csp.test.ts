// The built page ships its Content-Security-Policy (scripts/build/content-security-policy.ts)
// and every e2e test runs under it: here, that it is in force (an injected inline script and
// eval are refused) while the app computes and draws as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../scripts/build/content-security-policy';
import { startApp, type App } from './harness';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('Content-Security-Policy', () => {
  it('is in the built page and refuses inline scripts and eval', async () => {
    const p = await app.open('');
    const meta = await p.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(meta).toContain("default-src 'none'");
    expect(meta).not.toContain('unsafe-eval');
    const refused = await p.page.evaluate(async () => {
      const w = window as unknown as { injectedRan?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true';
      document.head.append(script);
      await new Promise((r) => setTimeout(r, 50));
      let evalRefused = false;
      try {
        (0, window.eval)('1 + 1');
      } catch {
        evalRefused = true;
      }
      return { inlineRan: w.injectedRan === true, evalRefused };
    });
    expect(refused).toEqual({ inlineRan: false, evalRefused: true });
    // The app itself runs as usual under the policy.
    await expect
      .poll(() => p.page.locator('.status-line').textContent(), { timeout: 60_000 })
      .toMatch(/last compute/);
    p.assertClean([/Content Security Policy/, /Refused to (execute|evaluate)/]);
  });
});
