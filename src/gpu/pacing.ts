// How much GPU work one submission gets, and how long a batch will take, from the throughput
// measured on this device. On a software renderer (and on many real GPUs) a submission holds
// the page's frames until it ends, so each one is sized to fit a frame budget; the sizes come
// from what earlier submissions took, never from constants tuned to one machine.
//
// Work is counted in effective run-steps: iterations × max(runs, MIN_EFFECTIVE_RUNS). A batch
// of few runs leaves most of the device idle, so its iterations cost about as much as a
// workgroup's would; counting it as a workgroup keeps its estimate on the safe (slow) side.
// Throughput is learned per size class (runs within a factor of 4), because a small batch's
// rate says little about a large one's.

/** What one submission should take at most (ms): a frame at 20–60 Hz. */
export const FRAME_BUDGET_MS = 25;
/**
 * Effective run-steps per ms assumed before anything was measured: below every rate seen on
 * SwiftShader with 2 loaded CPU cores (1,000–13,000), so the first submissions stay short.
 */
export const START_RATE = 1000;
/** Runs a dispatch costs at least (a workgroup's invocations). */
export const MIN_EFFECTIVE_RUNS = 64;
/** A submission is at most this many times its predecessor (the estimate may be off). */
export const MAX_GROWTH = 2;
/** Weight of the newest measurement in the smoothed time per run-step. */
const SMOOTHING = 0.5;

export function effectiveRuns(runs: number): number {
  return Math.max(runs, MIN_EFFECTIVE_RUNS);
}

/** Size classes of batches: runs within a factor of 4 share a learned rate. */
export function sizeClass(runs: number): number {
  return Math.floor(Math.log2(effectiveRuns(runs)) / 2);
}

/** Effective run-steps per ms, learned per size class from finished submissions. */
export class Throughput {
  /** Size class → smoothed ms per effective run-step. */
  private readonly msPerStep = new Map<number, number>();

  /** Whether any submission was measured yet. */
  get measured(): boolean {
    return this.msPerStep.size > 0;
  }

  /**
   * The rate for a batch of `runs`: its class's, else the slowest class measured (a guess on
   * the safe side), else START_RATE.
   */
  rate(runs: number): number {
    const own = this.msPerStep.get(sizeClass(runs));
    if (own !== undefined) return 1 / own;
    if (!this.measured) return START_RATE;
    return 1 / Math.max(...this.msPerStep.values());
  }

  /** Notes that `iterations` iterations of a batch of `runs` took `ms` (submit to done). */
  record(runs: number, iterations: number, ms: number): void {
    if (!(ms > 0) || !(iterations > 0) || !Number.isFinite(ms)) return;
    const perStep = ms / (effectiveRuns(runs) * iterations);
    const cls = sizeClass(runs);
    const old = this.msPerStep.get(cls);
    this.msPerStep.set(cls, old === undefined ? perStep : old + SMOOTHING * (perStep - old));
  }

  /** Estimated ms for `iterations` iterations of a batch of `runs`. */
  estimateMs(runs: number, iterations: number): number {
    return (effectiveRuns(runs) * iterations) / this.rate(runs);
  }
}

/**
 * Iterations for the next submission: what fits `budgetMs` at `rate`, at least 1, at most
 * MAX_GROWTH × the previous submission's and at most what is left.
 */
export function iterationsPerSubmit(
  rate: number,
  runs: number,
  budgetMs: number,
  remaining: number,
  previous: number | null,
): number {
  const fits = Math.floor((budgetMs * rate) / effectiveRuns(runs));
  const grown = previous === null ? fits : Math.min(fits, previous * MAX_GROWTH);
  return Math.max(1, Math.min(remaining, grown));
}

/**
 * Sizes the submissions of one batch: the first from the device's throughput, the later ones
 * from this batch's own measurements (which also teach the device's throughput).
 */
export class SubmissionPacer {
  private readonly throughput: Throughput;
  private readonly runs: number;
  private readonly budgetMs: number;
  /** This batch's smoothed ms per iteration; null until a submission was measured. */
  private msPerIteration: number | null = null;
  private previous: number | null = null;

  constructor(throughput: Throughput, runs: number, budgetMs = FRAME_BUDGET_MS) {
    this.throughput = throughput;
    this.runs = runs;
    this.budgetMs = budgetMs;
  }

  /** Whether this batch or the device has measured anything (an estimate is more than a guess). */
  get measured(): boolean {
    return this.msPerIteration !== null || this.throughput.measured;
  }

  private rate(): number {
    return this.msPerIteration === null
      ? this.throughput.rate(this.runs)
      : effectiveRuns(this.runs) / this.msPerIteration;
  }

  /** Iterations for the next submission, `remaining` iterations being left. */
  next(remaining: number): number {
    const n = iterationsPerSubmit(this.rate(), this.runs, this.budgetMs, remaining, this.previous);
    this.previous = n;
    return n;
  }

  /** A submission of `iterations` iterations took `ms`. */
  done(iterations: number, ms: number): void {
    if (!(ms > 0) || !(iterations > 0) || !Number.isFinite(ms)) return;
    this.throughput.record(this.runs, iterations, ms);
    const per = ms / iterations;
    const old = this.msPerIteration;
    this.msPerIteration = old === null ? per : old + SMOOTHING * (per - old);
  }

  /** Estimated ms for `iterations` more iterations of this batch. */
  estimateMs(iterations: number): number {
    return (effectiveRuns(this.runs) * iterations) / this.rate();
  }
}

/** A batch refused because it would take too long: what the message names. */
export interface Refusal {
  readonly estimateMs: number;
  readonly limitMs: number;
}

/**
 * Whether a batch must be refused: its estimated total exceeds the limit. Only a measured
 * estimate refuses (START_RATE is a guess on the slow side), and only early in a run: a batch
 * that has run for a tenth of the limit is left to finish, whatever noise says.
 */
export function shouldRefuse(
  measured: boolean,
  elapsedMs: number,
  remainingMs: number,
  limitMs: number,
): boolean {
  return measured && elapsedMs <= limitMs / 10 && elapsedMs + remainingMs > limitMs;
}

/** A duration in the unit a person would say it in, rounded: 45 s, 3 min, 2 h. */
export function roundDuration(ms: number): {
  readonly unit: 'seconds' | 'minutes' | 'hours';
  readonly n: number;
} {
  const s = ms / 1000;
  if (s < 90) return { unit: 'seconds', n: Math.max(1, Math.round(s)) };
  if (s < 90 * 60) return { unit: 'minutes', n: Math.round(s / 60) };
  return { unit: 'hours', n: Math.round(s / 3600) };
}
