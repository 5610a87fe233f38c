// How the end-to-end tests read the app's numbers. The app exposes, in every build:
//
//   window.__descentLab = { getState: useStore.getState, getResults }
//
// (src/ui/store.ts and src/ui/results.ts). The tests only read through it, never write: the
// controls are driven through the page like a user would (keyboard, clicks, the URL).
import type { Page } from 'playwright-core';
import type { AppState } from '../../src/ui/store';
import type { Results } from '../../src/ui/results';
import { waitFor } from './harness';

export interface DescentLabHook {
  getState(): AppState;
  getResults(): Results;
}

const HOOK_MISSING =
  'window.__descentLab is missing: the app must expose { getState, getResults } from ' +
  'src/ui/store.ts and src/ui/results.ts (see tests/e2e/app-hook.ts)';

export interface AppSnapshot {
  readonly gpu: { kind: string; adapter?: string; reason?: string };
  readonly resultsVersion: number;
  readonly messages: { level: string; text: string }[];
  readonly hash: string;
}

export async function snapshot(page: Page): Promise<AppSnapshot | null> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __descentLab?: DescentLabHook }).__descentLab;
    if (!hook) return null;
    const s = hook.getState();
    return {
      gpu: { ...s.view.gpu },
      resultsVersion: s.view.resultsVersion,
      messages: s.view.messages.map((m) => ({ level: m.level, text: m.text })),
      hash: location.hash,
    };
  });
}

/**
 * Waits until the app has chosen its engine and published results newer than `after`
 * (a resultsVersion seen before), and returns the state then.
 */
export async function waitForResults(
  page: Page,
  after = 0,
  timeoutMs = 90_000,
): Promise<AppSnapshot> {
  let last: AppSnapshot | null = null;
  try {
    return await waitFor(
      `the app's results (resultsVersion > ${after})`,
      async () => {
        last = await snapshot(page);
        if (last === null) return undefined;
        return last.gpu.kind !== 'pending' && last.resultsVersion > after ? last : undefined;
      },
      timeoutMs,
    );
  } catch (error) {
    if (last === null) throw new Error(HOOK_MISSING);
    throw new Error(`${String(error)}; last state: ${JSON.stringify(last)}`);
  }
}

export interface LaneNumbers {
  readonly laneId: string;
  /** Interleaved x, y of the lane's single run (steps + 1 points). */
  readonly x: number[];
  readonly loss: number[];
  /** Where the numbers came from: the lane's float64 run, CPU records, or the GPU buffer. */
  readonly source: 'run' | 'records' | 'gpu';
}

/**
 * The trajectory numbers of every lane, as the app computed them: the lane's own run when the
 * app keeps it on the CPU, else its records (read back from the GPU buffer when only there).
 */
export async function readTrajectories(page: Page): Promise<LaneNumbers[]> {
  const lanes = await page.evaluate(async () => {
    const hook = (window as unknown as { __descentLab?: DescentLabHook }).__descentLab;
    if (!hook) return null;
    const r = hook.getResults();
    let records: Float32Array | null = r.records;
    let source: 'records' | 'gpu' = 'records';
    const needRecords = r.lanes.some((l) => l.run === null);
    if (needRecords && records === null && r.recordBuffer !== null) {
      // Copy the engine's record buffer to a readable one on the device the app is using.
      const devices = (window as unknown as { __e2eDevices: GPUDevice[] }).__e2eDevices;
      const device = devices[devices.length - 1];
      if (!device) throw new Error('results live on the GPU but no device was captured');
      const size = r.runCount * r.recordsPerRun * 16; // vec4<f32> per record
      const staging = device.createBuffer({
        label: 'e2e.staging',
        size,
        usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
      });
      const encoder = device.createCommandEncoder({ label: 'e2e.readback' });
      encoder.copyBufferToBuffer(r.recordBuffer, 0, staging, 0, size);
      device.queue.submit([encoder.finish()]);
      await staging.mapAsync(GPUMapMode.READ);
      records = new Float32Array(staging.getMappedRange().slice(0));
      staging.destroy();
      source = 'gpu';
    }
    return r.lanes.map((lane) => {
      if (lane.run) {
        return {
          laneId: lane.laneId,
          x: Array.from(lane.run.x),
          loss: Array.from(lane.run.loss),
          source: 'run' as const,
        };
      }
      const x: number[] = [];
      const loss: number[] = [];
      if (records) {
        const first = lane.firstRun * r.recordsPerRun * 4;
        for (let k = 0; k < r.recordsPerRun; k++) {
          x.push(records[first + 4 * k]!, records[first + 4 * k + 1]!);
          loss.push(records[first + 4 * k + 2]!);
        }
      }
      return { laneId: lane.laneId, x, loss, source };
    });
  });
  if (lanes === null) throw new Error(HOOK_MISSING);
  return lanes;
}
