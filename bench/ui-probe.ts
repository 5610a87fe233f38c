// The key → frame probe shared by `npm run bench:ui` and `npm run soak`: an init script that
// timestamps every keydown, every GPU queue submission (with whether the app's results then
// hold a landed GPU batch) and its completion, and every long task; and `press`, which
// presses a key and waits for the map frame that draws the new paths.
import type { Page } from 'playwright-core';
import { waitFor } from '../tests/e2e/harness';

/**
 * Runs in the page before the app: timestamps every keydown, every queue submission (with
 * whether the app's results then hold a landed GPU batch) and its completion, and every long
 * task.
 */
export function probeInitScript(): void {
  interface Probe {
    keydowns: number[];
    submits: { at: number; landed: boolean; version: number; done: number }[];
    longTasks: { start: number; duration: number }[];
  }
  const w = window as unknown as {
    __uiBench: Probe;
    __descentLab?: { getResults(): { gpuPending: boolean; gpu: unknown; version: number } };
  };
  const probe: Probe = { keydowns: [], submits: [], longTasks: [] };
  w.__uiBench = probe;
  window.addEventListener('keydown', (e) => probe.keydowns.push(e.timeStamp), true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  if (typeof GPUQueue === 'undefined') return;
  const submit = GPUQueue.prototype.submit;
  GPUQueue.prototype.submit = function (this: GPUQueue, buffers: Iterable<GPUCommandBuffer>) {
    submit.call(this, buffers);
    const r = w.__descentLab?.getResults();
    const entry = {
      at: performance.now(),
      landed: !!r && !r.gpuPending && r.gpu !== null,
      version: r?.version ?? -1,
      done: NaN,
    };
    probe.submits.push(entry);
    void this.onSubmittedWorkDone().then(() => {
      entry.done = performance.now();
    });
  };
}

export interface ProbeView {
  keydown: number;
  frame: number;
  done: number;
  longTasks: { start: number; duration: number }[];
}

/** Presses `key` and waits for the map frame drawing the new paths and its GPU completion. */
export async function press(page: Page, key: string): Promise<ProbeView> {
  const before = await page.evaluate(() => {
    const w = window as unknown as {
      __uiBench: { keydowns: number[] };
      __descentLab: { getResults(): { version: number } };
    };
    return { keys: w.__uiBench.keydowns.length, version: w.__descentLab.getResults().version };
  });
  await page.keyboard.press(key);
  const view = await waitFor(
    `the frame with the new paths after ${key}`,
    () =>
      page.evaluate(({ keys, version }) => {
        const probe = (
          window as unknown as {
            __uiBench: {
              keydowns: number[];
              submits: { at: number; landed: boolean; version: number; done: number }[];
              longTasks: { start: number; duration: number }[];
            };
          }
        ).__uiBench;
        const keydown = probe.keydowns[keys];
        if (keydown === undefined) return undefined;
        // The config's sync publish bumps the version with the GPU batch pending; a submit
        // that sees a landed batch at a later version draws the new paths.
        const frame = probe.submits.find((s) => s.at > keydown && s.landed && s.version > version);
        if (!frame || Number.isNaN(frame.done)) return undefined;
        return { keydown, frame: frame.at, done: frame.done, longTasks: probe.longTasks };
      }, before),
    60_000,
  );
  return view;
}

export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}
