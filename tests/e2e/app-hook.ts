// How the end-to-end tests read the app's numbers. The app exposes, in every build:
//
//   window.__descentLab = { getState: useStore.getState, getResults }
//
// (src/ui/store.ts and src/ui/results.ts). The tests only read through it, never write: the
// controls are driven through the page like a user would (keyboard, clicks, the URL).
import type { Page } from 'playwright-core';
import { waitFor } from './harness';

// The parts of the store and the results (src/ui/store.ts, src/ui/results.ts) the tests read,
// written out here so that the tests state exactly what they rely on.
export interface HookState {
  /** The config slice (what a link reproduces); `step` is the scrubbed step. */
  readonly config: { readonly step: number } & Record<string, unknown>;
  readonly view: {
    readonly gpu: { readonly kind: string; readonly adapter?: string; readonly reason?: string };
    readonly messages: readonly { readonly level: string; readonly text: string }[];
    readonly resultsVersion: number;
  };
}

export interface HookResults {
  readonly lanes: readonly {
    readonly laneId: string;
    /** The lane's single run in float64 (CPU), when the app keeps it. */
    readonly run: { readonly x: ArrayLike<number>; readonly loss: ArrayLike<number> } | null;
    readonly firstRun: number;
  }[];
  /** The engine's record buffers on the GPU (vec4 x, y, loss, lr per record). */
  readonly gpu: {
    readonly chunks: readonly {
      readonly firstRun: number;
      readonly runCount: number;
      readonly records: GPUBuffer;
      readonly recordBase: readonly number[];
    }[];
    readonly recordsPerRun: number;
  } | null;
  /** CPU fallback: every run's records, run-major. */
  readonly records: Float32Array | null;
  readonly recordsPerRun: number;
}

export interface DescentLabHook {
  getState(): HookState;
  getResults(): HookResults;
}

const HOOK_MISSING =
  'window.__descentLab is missing: the app must expose { getState, getResults } from ' +
  'src/ui/store.ts and src/ui/results.ts (see tests/e2e/app-hook.ts)';

export interface AppSnapshot {
  readonly gpu: { kind: string; adapter?: string; reason?: string };
  readonly resultsVersion: number;
  readonly messages: { level: string; text: string }[];
  readonly hash: string;
  /** The config as JSON, without the scrubbed step (which playback moves). */
  readonly config: string;
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
      config: JSON.stringify({ ...s.config, step: undefined }),
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

/**
 * Waits until the app has settled: an engine chosen, results published, and neither the
 * results version nor the URL hash changed for `quietMs` (recomputes and the debounced URL
 * write are done).
 */
export async function waitForSettled(
  page: Page,
  quietMs = 800,
  timeoutMs = 90_000,
): Promise<AppSnapshot> {
  let last: AppSnapshot | null = null;
  let key = '';
  let since = Date.now();
  try {
    return await waitFor(
      'the app to settle (results and URL unchanged)',
      async () => {
        last = await snapshot(page);
        if (last === null || last.gpu.kind === 'pending' || last.resultsVersion === 0) {
          return undefined;
        }
        const next = `${last.resultsVersion} ${last.hash}`;
        if (next !== key) {
          key = next;
          since = Date.now();
          return undefined;
        }
        return Date.now() - since >= quietMs ? last : undefined;
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
  /** The lane's float64 run (interleaved x, y; losses), or null when the app keeps none. */
  readonly run: { readonly x: number[]; readonly loss: number[] } | null;
  /**
   * The lane's first run as the engine recorded it: read back from the GPU record buffer
   * (WebGPU) or the CPU records (fallback); null when neither holds it.
   */
  readonly engine: { readonly x: number[]; readonly loss: number[] } | null;
}

/**
 * The trajectory numbers of every lane as the app computed them: its float64 run and its
 * engine records (read back from the GPU through a staging buffer on the app's own device).
 */
export async function readTrajectories(page: Page): Promise<LaneNumbers[]> {
  const lanes = await page.evaluate(async () => {
    const hook = (window as unknown as { __descentLab?: DescentLabHook }).__descentLab;
    if (!hook) return null;
    const r = hook.getResults();
    const devices = (window as unknown as { __e2eDevices: GPUDevice[] }).__e2eDevices;
    const out = [];
    for (const lane of r.lanes) {
      const run = lane.run ? { x: Array.from(lane.run.x), loss: Array.from(lane.run.loss) } : null;
      let engine: { x: number[]; loss: number[] } | null = null;
      let floats: Float32Array | null = null;
      if (r.records) {
        const first = lane.firstRun * r.recordsPerRun * 4;
        floats = r.records.subarray(first, first + r.recordsPerRun * 4);
      } else if (r.gpu) {
        const chunk = r.gpu.chunks.find(
          (c) => lane.firstRun >= c.firstRun && lane.firstRun < c.firstRun + c.runCount,
        );
        const base = chunk?.recordBase[lane.firstRun - chunk.firstRun];
        if (!chunk || base === undefined) throw new Error(`no GPU chunk holds lane ${lane.laneId}`);
        if (!(chunk.records.usage & GPUBufferUsage.COPY_SRC)) {
          throw new Error('the record buffer lacks COPY_SRC: the tests cannot read it back');
        }
        const size = r.gpu.recordsPerRun * 16; // vec4<f32> per record
        // The buffer belongs to one of the app's devices; the newest live one that accepts it.
        for (let d = devices.length - 1; d >= 0 && floats === null; d--) {
          const device = devices[d]!;
          device.pushErrorScope('validation');
          const staging = device.createBuffer({
            label: 'e2e.staging',
            size,
            usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
          });
          const encoder = device.createCommandEncoder({ label: 'e2e.readback' });
          encoder.copyBufferToBuffer(chunk.records, base * 16, staging, 0, size);
          device.queue.submit([encoder.finish()]);
          const error = await device.popErrorScope();
          if (error === null) {
            // A lost device raises no validation error, but its mapAsync rejects.
            const mapped = await staging.mapAsync(GPUMapMode.READ).then(
              () => true,
              () => false,
            );
            if (mapped) floats = new Float32Array(staging.getMappedRange().slice(0));
          }
          staging.destroy();
        }
        if (floats === null) throw new Error('no captured device could read the record buffer');
      }
      if (floats) {
        const x: number[] = [];
        const loss: number[] = [];
        for (let k = 0; k < floats.length / 4; k++) {
          x.push(floats[4 * k]!, floats[4 * k + 1]!);
          loss.push(floats[4 * k + 2]!);
        }
        engine = { x, loss };
      }
      out.push({ laneId: lane.laneId, run, engine });
    }
    return out;
  });
  if (lanes === null) throw new Error(HOOK_MISSING);
  return lanes;
}

/**
 * Where two readings of the lanes differ, one short line per difference (the first differing
 * index of each series): empty when every number is identical (NaN equals NaN).
 */
export function laneDifferences(a: readonly LaneNumbers[], b: readonly LaneNumbers[]): string[] {
  const out: string[] = [];
  if (a.length !== b.length) return [`${a.length} lanes vs ${b.length}`];
  const series = (name: string, x: number[] | undefined, y: number[] | undefined) => {
    if (x === undefined || y === undefined) {
      if (x !== y) out.push(`${name}: ${x ? x.length : 'none'} vs ${y ? y.length : 'none'}`);
      return;
    }
    if (x.length !== y.length) return void out.push(`${name}: ${x.length} vs ${y.length} values`);
    const i = x.findIndex((v, k) => !Object.is(v, y[k]));
    if (i >= 0) out.push(`${name}[${i}]: ${x[i]} vs ${y[i]}`);
  };
  a.forEach((lane, i) => {
    const other = b[i]!;
    const id = lane.laneId === other.laneId ? lane.laneId : `${lane.laneId}/${other.laneId}`;
    series(`lane ${id} run.x`, lane.run?.x, other.run?.x);
    series(`lane ${id} run.loss`, lane.run?.loss, other.run?.loss);
    series(`lane ${id} engine.x (GPU records)`, lane.engine?.x, other.engine?.x);
    series(`lane ${id} engine.loss (GPU records)`, lane.engine?.loss, other.engine?.loss);
  });
  return out;
}
