// Submission sizing and time estimates from measured throughput (src/gpu/pacing.ts): the
// first submission is small, later ones fit the frame budget at the rate measured, growth is
// bounded, a slow device shrinks them at once, and only a measured estimate refuses work.
import { describe, expect, it } from 'vitest';
import {
  FRAME_BUDGET_MS,
  MAX_GROWTH,
  MIN_EFFECTIVE_RUNS,
  START_RATE,
  SubmissionPacer,
  Throughput,
  effectiveRuns,
  iterationsPerSubmit,
  roundDuration,
  shouldRefuse,
  sizeClass,
} from '../../src/gpu/pacing';

/** A device that steps `rate` effective run-steps per ms, exactly. */
function simulateRun(
  pacer: SubmissionPacer,
  runs: number,
  iterations: number,
  rate: (submission: number) => number,
): number[] {
  const times: number[] = [];
  for (let done = 0; done < iterations;) {
    const n = pacer.next(iterations - done);
    const ms = (effectiveRuns(runs) * n) / rate(times.length);
    pacer.done(n, ms);
    times.push(ms);
    done += n;
  }
  return times;
}

describe('submission sizing', () => {
  it('fits the budget at the given rate, at least 1 and at most what is left', () => {
    expect(iterationsPerSubmit(10_000, 1000, 25, 1e6, null)).toBe(250);
    expect(iterationsPerSubmit(10_000, 1e6, 25, 1e6, null)).toBe(1);
    expect(iterationsPerSubmit(10_000, 1000, 25, 100, null)).toBe(100);
    // Few runs cost like a workgroup's worth.
    expect(iterationsPerSubmit(6400, 1, 25, 1e6, null)).toBe(2500);
    expect(effectiveRuns(1)).toBe(MIN_EFFECTIVE_RUNS);
  });

  it('grows at most MAX_GROWTH times per submission', () => {
    expect(iterationsPerSubmit(1e9, 1000, 25, 1e9, 10)).toBe(10 * MAX_GROWTH);
  });

  it('starts small on an unmeasured device and settles on the budget', () => {
    const device = 20_000; // effective run-steps per ms, 20 × START_RATE
    const pacer = new SubmissionPacer(new Throughput(), 4096, FRAME_BUDGET_MS);
    const times = simulateRun(pacer, 4096, 100_000, () => device);
    expect(times[0]).toBeLessThanOrEqual((FRAME_BUDGET_MS * START_RATE) / device + 1e-9);
    for (const ms of times) expect(ms).toBeLessThanOrEqual(FRAME_BUDGET_MS * 1.0001);
    // Once measured, submissions fill the budget (within one iteration's rounding).
    const perIteration = 4096 / device;
    expect(times[times.length - 2]).toBeGreaterThan(FRAME_BUDGET_MS - perIteration - 1e-9);
  });

  it('shrinks at once when the device slows down', () => {
    const pacer = new SubmissionPacer(new Throughput(), 4096, FRAME_BUDGET_MS);
    const times = simulateRun(pacer, 4096, 20_000, (k) => (k < 12 ? 50_000 : 5_000));
    // The first submission at the slow rate overshoots (at most 10×, the slowdown); with the
    // smoothing, the next ones are back within two budgets and then one.
    expect(times[12]).toBeLessThanOrEqual(FRAME_BUDGET_MS * 10 * 1.0001);
    for (const ms of times.slice(14, -1)) expect(ms).toBeLessThanOrEqual(FRAME_BUDGET_MS * 1.5);
  });

  it('learns per size class: a small batch says nothing fast about a large one', () => {
    const t = new Throughput();
    expect(t.measured).toBe(false);
    expect(t.rate(100)).toBe(START_RATE);
    t.record(16, 1000, 1); // 64 effective runs × 1000 / 1 ms = 64,000 per ms
    expect(t.rate(16)).toBeCloseTo(64_000);
    expect(sizeClass(65_536)).not.toBe(sizeClass(16));
    // Unmeasured class: the slowest measured one.
    t.record(65_536, 10, 100); // 6,553.6 per ms
    expect(t.rate(1_000_000)).toBeCloseTo(6553.6);
    expect(t.estimateMs(65_536, 1000)).toBeCloseTo(10_000);
    // Garbage measurements are ignored.
    t.record(65_536, 10, 0);
    t.record(65_536, 10, NaN);
    expect(t.rate(65_536)).toBeCloseTo(6553.6);
  });

  it('estimates a batch from its own measurements', () => {
    const pacer = new SubmissionPacer(new Throughput(), 524_288, FRAME_BUDGET_MS);
    expect(pacer.measured).toBe(false);
    pacer.done(2, 200); // 100 ms per iteration
    expect(pacer.measured).toBe(true);
    expect(pacer.estimateMs(100_001)).toBeCloseTo(10_000_100);
  });
});

describe('refusal', () => {
  it('refuses only measured estimates over the limit, and only early in a run', () => {
    expect(shouldRefuse(true, 0, 121_000, 120_000)).toBe(true);
    expect(shouldRefuse(true, 0, 119_000, 120_000)).toBe(false);
    expect(shouldRefuse(false, 0, 1e9, 120_000)).toBe(false);
    expect(shouldRefuse(true, 5_000, 200_000, 120_000)).toBe(true);
    // A batch that ran for over a tenth of the limit finishes.
    expect(shouldRefuse(true, 13_000, 200_000, 120_000)).toBe(false);
  });

  it('the UI maximum on a measured software renderer is refused before it starts', () => {
    const t = new Throughput();
    t.record(65_536, 16, 350); // what SwiftShader did here: ≈ 3,000 run-steps per ms
    const runs = 8 * 65_536;
    const estimate = t.estimateMs(runs, 100_001);
    expect(estimate).toBeGreaterThan(10 * 60_000);
    expect(shouldRefuse(t.measured, 0, estimate, 120_000)).toBe(true);
  });

  it('names durations in the unit a person would', () => {
    expect(roundDuration(400)).toEqual({ unit: 'seconds', n: 1 });
    expect(roundDuration(45_200)).toEqual({ unit: 'seconds', n: 45 });
    expect(roundDuration(120_000)).toEqual({ unit: 'minutes', n: 2 });
    expect(roundDuration(3 * 3600_000)).toEqual({ unit: 'hours', n: 3 });
  });
});
