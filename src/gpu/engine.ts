// The batched float32 step engine: many optimizer runs advance in one compute dispatch, one
// invocation per run, K steps per dispatch. Trajectories land in record buffers
// (src/gpu/records.ts) that renderers draw from without a readback; readBack() turns them into
// Trajectory objects for the CLI and the tests.
//
// A batch larger than one buffer allows is split into chunks (each with its own buffers and
// bind group); a run that cannot fit even alone is refused with a message naming the limit.
//
// Within a chunk, the runs of one (surface, optimizer, clip used, feedback schedule) that have
// enough work sit in consecutive slots of the run and state buffers and get a dispatch with a
// shader of just that surface and optimizer (SwiftShader executes every arm of a switch); the
// other runs share one dispatch. Records and every public index stay in the caller's order.
//
// A typed surface (src/core/surfaceRef.ts) is not in the registry: runs name it by its text, and
// a batch may hold one, at index registry.surfaces.length. Its pipelines are keyed by its WGSL
// text (a new formula never meets a stale pipeline) and compile synchronously, since the
// whole-registry pipeline that stands in for a compiling one does not contain it.

import type { ParamValues } from '../core/params';
import type {
  OptimizerDef,
  ResolvedRun,
  ScheduleDef,
  SurfaceData,
  SurfaceDef,
  Trajectory,
} from '../core/types';
import { STEP_SCALARS } from '../core/types';
import { num } from '../core/params';
import { composeStepShader, type ShaderSources, type ShaderSubset } from './compose';
import {
  LrSource,
  RUN_LAYOUT,
  RunStatus,
  STATE_LAYOUT,
  readField,
  writeField,
  type StructLayout,
} from './layout';
import { DEFAULT_REGISTRY } from './registry';
import { RECORD_BYTES, RECORD_FLOATS, recordStep, recordsPerRun } from './records';
import { messageOf } from '../core/errors';
import {
  lossThresholdOf,
  settleToleranceSquared,
  type SummaryTable,
} from '../core/explore/summary';
import { summariesOf } from './summaries';
import { CUSTOM_SURFACE_ID, surfaceOfRef } from '../core/surfaceRef';

/** Everything the engine reads from the registries: the defs and the shared WGSL files. */
export interface EngineRegistry extends ShaderSources {
  readonly surfaces: readonly SurfaceDef[];
  readonly optimizers: readonly OptimizerDef[];
  readonly schedules: readonly ScheduleDef[];
  /** The float32 words of a data set as the surface snippets read `surfaceData`. */
  packSurfaceData(def: SurfaceDef, data: SurfaceData): Float32Array;
}

/** The device limits the engine plans with. */
export interface EngineLimits {
  readonly maxStorageBufferBindingSize: number;
  readonly maxBufferSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
}

export interface EngineOptions {
  /** Default: DEFAULT_REGISTRY (every surface, optimizer and schedule). */
  readonly registry?: EngineRegistry;
  /** Lower limits than the device's, to test chunk splitting; values above the device's are ignored. */
  readonly limits?: Partial<EngineLimits>;
  /** Invocations per workgroup (the shader's `override WORKGROUP_SIZE`); default 64. */
  readonly workgroupSize?: number;
  /**
   * Compile shaders holding only the surfaces and optimizers a batch uses (default true):
   * much faster on software renderers, one compile per new combination.
   */
  readonly specialize?: boolean;
  /**
   * When the runs of one (surface, optimizer, clip, feedback schedule) get a pipeline and a
   * dispatch of their own: at least `runs` runs and `work` run-steps (runs × (steps + 1))
   * in a chunk. The other runs share one dispatch. Default DEFAULT_GROUP_THRESHOLD.
   */
  readonly groupThreshold?: GroupThreshold;
}

export interface GroupThreshold {
  readonly runs: number;
  readonly work: number;
}

export interface PrepareOptions {
  /** Record every n-th step (1: every step, as readBack needs). Default 1. */
  readonly recordEvery?: number;
  /**
   * A batch this one replaces: its buffers are reused where large enough (the UI re-prepares
   * on every slider move). The old batch must not be used afterwards.
   */
  readonly reuse?: Batch;
}

/** One chunk's record buffer and the runs it holds, for renderers. */
export interface RecordChunk {
  /** Index of the chunk's first run in the batch. */
  readonly firstRun: number;
  readonly runCount: number;
  /** vec4<f32> records per src/gpu/records.ts; run i of the chunk starts at `recordBase[i]`. */
  readonly records: GPUBuffer;
  /** First record of each run of the chunk (runs may have different step counts). */
  readonly recordBase: readonly number[];
  /** Records per run when every run of the chunk has the same count (run i at i × this), else null. */
  readonly recordsPerRun: number | null;
}

/** How a long Batch.run() reports and stops (the UI's progress bar and Cancel button). */
export interface RunControl {
  /** Called after each submission finished with the fraction of iterations done. */
  readonly onProgress?: (fraction: number) => void;
  /** Aborted: run() returns after the submission in flight, the runs left part-way. */
  readonly signal?: AbortSignal;
}

export interface RunStatusInfo {
  readonly status: 'running' | 'done' | 'diverged';
  /** The next step the run evaluates (steps once done; the frozen step once diverged). */
  readonly step: number;
  readonly divergedAt: number | null;
  /** Where the run is now (its last position; the frozen one once diverged), float32. */
  readonly pos: readonly [number, number];
}

/** A run's records as written (recordEvery may be > 1): entry k holds the state before step `steps[k]`. */
export interface RunRecords {
  readonly steps: Int32Array;
  /** Interleaved [x0, y0, x1, y1, ...]. */
  readonly x: Float64Array;
  readonly loss: Float64Array;
  /** The lr step `steps[k]` used; NaN for the final record (no step follows it). */
  readonly lr: Float64Array;
  readonly divergedAt: number | null;
}

const UNIFORM_BYTES = 32; // DispatchParams: 7 × 4 bytes, padded to 16 bytes
const NAN_BITS = 0x7fc00000;
const NOT_YET = 0xffffffff; // STATE.firstBelow before the loss reached the threshold (step.wgsl)
const MIN_BUFFER_BYTES = 16; // a zero-sized binding is invalid
const DEFAULT_STEPS_PER_DISPATCH = 256;
const DISPATCHES_PER_SUBMIT = 16;
/** Submissions a run() with a progress callback is at least split into. */
const PROGRESS_SUBMITS = 20;
/** Run-steps per submission of a run() with a progress callback (≈ 0.1 s on SwiftShader). */
const PROGRESS_SUBMIT_RUN_STEPS = 2_000_000;
// Measured on SwiftShader (14 surfaces × 3 optimizers, 500 steps, warm): with one run per key
// 42 dispatches of their own are slower than one mixed dispatch (32 vs 27 ms), with 4 runs
// per key 1.6× faster, with 16 or more 2×. A key's first batch also costs a compile (some
// 50–100 ms of CPU, asynchronous), which a key with little work would not earn back.
export const DEFAULT_GROUP_THRESHOLD: GroupThreshold = { runs: 4, work: 1 << 14 };
// run() waits for the specialized pipeline of a group with this much work (run-steps); a
// smaller group steps with the whole-registry pipeline until its own compiled.
const WAIT_FOR_PIPELINE_WORK = 1 << 18;
// A mixed dispatch of at most this many surfaces + optimizers compiles a shader of just those.
const MAX_MIXED_SUBSET = 4;
// Each (surface, optimizer, clip, feedback schedule) a batch used is one entry: the grid view
// alone uses 14 surfaces × its lanes' optimizers.
const MAX_CACHED_PIPELINES = 256;

interface PipelineEntry {
  /** Null until an asynchronous compile finished (the whole-registry pipeline never is). */
  readonly pipeline: GPUComputePipeline | null;
  /** Holds a typed surface: the whole-registry pipeline may not stand in for it. */
  readonly typed: boolean;
  /** Resolves once compiled; rejects with the compiler's messages. */
  readonly ready: Promise<void>;
}

/**
 * Runs of a chunk that one specialized pipeline steps: they sit in state slots
 * [firstSlot, firstSlot + runCount) of the chunk's run and state buffers.
 */
interface SlotGroup {
  readonly entry: PipelineEntry;
  readonly firstSlot: number;
  readonly runCount: number;
  readonly grid: readonly [number, number];
  /** Run-steps: Σ (steps + 1) over its runs. */
  readonly work: number;
}

type BufferRole = 'runs' | 'state' | 'table' | 'data' | 'records';

const ROLE_TEXT: Record<BufferRole, string> = {
  runs: 'run parameters',
  state: 'run state',
  table: 'learning-rate and step-scalar table',
  data: 'surface data',
  records: 'trajectory records',
};

/** What runs of one configuration (all but the start point) share. */
interface RunConfig {
  /** The typed surface the runs use (index registry.surfaces.length), or null. */
  readonly typed: SurfaceDef | null;
  /** Registry indices: surface, optimizer, schedule (−1: none). */
  readonly indices: readonly [number, number, number];
  /** The shader subset this configuration needs: one surface, one optimizer. */
  readonly subset: ShaderSubset;
  /** The subset as a string: runs with equal keys share a specialized pipeline. */
  readonly groupKey: string;
  readonly words: Uint32Array; // RUN_LAYOUT; start, recordBase, tableRow, surfaceData per run
  readonly initialState: Uint32Array; // STATE_LAYOUT; pos per run
  readonly recordCount: number;
  readonly tableKey: string;
  readonly table: () => Float32Array; // rows of vec4, built once per key
  readonly tableRows: number;
  readonly dataKey: string | null;
  readonly data: Float32Array | null;
  readonly dataCount: number;
}

/** What one optimizer configuration contributes to every run that uses it. */
interface OptimizerParts {
  readonly constants: readonly number[];
  readonly initialState: readonly number[];
  /** The parameters' key with the lr left out. */
  readonly keyWithoutLr: string;
  /** Whether stepScalars changes with the lr (then the table cannot be shared across lrs). */
  scalarsNeedLr(steps: number): boolean;
}

interface PackedRun {
  readonly run: ResolvedRun;
  readonly config: RunConfig;
}

interface ChunkPlan {
  readonly first: number;
  readonly runs: PackedRun[];
  readonly tableRows: Map<string, number>; // key → first row
  tableRowCount: number;
  readonly dataOffsets: Map<string, number>; // key → first word
  dataWords: number;
  recordCount: number;
}

function gpuErrorText(error: GPUError): string {
  const kind =
    typeof GPUValidationError !== 'undefined' && error instanceof GPUValidationError
      ? 'validation'
      : typeof GPUOutOfMemoryError !== 'undefined' && error instanceof GPUOutOfMemoryError
        ? 'out-of-memory'
        : 'internal';
  return `GPU ${kind} error: ${error.message}`;
}

/** Runs `body` inside validation, out-of-memory and internal error scopes; throws their first error. */
async function scoped<T>(device: GPUDevice, what: string, body: () => T | Promise<T>): Promise<T> {
  device.pushErrorScope('internal');
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T | undefined;
  let thrown: unknown = null;
  try {
    result = await body();
  } catch (error) {
    thrown = error;
  }
  const errors = [
    await device.popErrorScope(),
    await device.popErrorScope(),
    await device.popErrorScope(),
  ];
  if (thrown !== null) throw thrown;
  const error = errors.find((e) => e !== null);
  if (error) throw new Error(`${what}: ${gpuErrorText(error)}`);
  return result as T;
}

/** JSON with sorted keys, so equal parameter records give equal keys. */
function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/**
 * The key of a flat parameter record with one key left out, much cheaper than stableKey (a
 * sweep prepares one configuration per cell). Equal records give equal keys: the keys are
 * sorted, numbers print as the shortest round-trip decimal, lists as comma-joined numbers.
 */
function paramsKeyWithout(params: ParamValues, skip: string): string {
  let out = '';
  for (const key of Object.keys(params).sort()) {
    if (key !== skip) out += `${key}=${String(params[key])};`;
  }
  return out;
}

function subsetKey(subset: ShaderSubset, typed: SurfaceDef | null): string {
  const key = `${subset.surfaces.join(',')}|${subset.optimizers.join(',')}|${subset.schedules.join(',')}|${subset.clip ?? true}|${subset.track ?? true}|${subset.noise ?? true}`;
  // The whole text: two formulas never share a key (a Map hashes it once per lookup).
  return typed ? `${key}|${typed.wgsl}` : key;
}

/** Most pipeline entries an engine remembers by key (typing a formula adds one per version). */
const MAX_OWN_PIPELINES = 128;

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

function bytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

export class BatchEngine {
  readonly device: GPUDevice;
  readonly registry: EngineRegistry;
  readonly limits: EngineLimits;
  readonly workgroupSize: number;
  /** Resolves when the pipeline compiled; rejects with the compiler's messages otherwise. */
  readonly ready: Promise<void>;
  private readonly bindGroupLayout: GPUBindGroupLayout;
  private readonly pipelineLayout: GPUPipelineLayout;
  private readonly specialize: boolean;
  private readonly groupThreshold: GroupThreshold;
  private readonly full: PipelineEntry;
  private readonly ownPipelines = new Map<string, PipelineEntry>();
  private compiled = 0;
  private lostMessage: string | null = null;
  private readonly lost: Promise<string>;
  private readonly tableCache = new Map<string, Float32Array>();
  private readonly needLrCache = new Map<string, boolean>();
  // Per parameter object: runs of one config share their objects, so a batch of a million
  // runs computes each key and constant once.
  private readonly keys = new WeakMap<object, string>();
  private readonly ids = new WeakMap<object, number>();
  private lastId = 0;
  private readonly dataCache = new WeakMap<SurfaceData, { key: string; words: Float32Array }>();
  private readonly optimizerCache = new WeakMap<ParamValues, Map<string, OptimizerParts>>();

  private static readonly pipelines = new WeakMap<GPUDevice, Map<string, PipelineEntry>>();

  /** Creates an engine and waits until its pipeline compiled. */
  static async create(device: GPUDevice, options: EngineOptions = {}): Promise<BatchEngine> {
    const engine = new BatchEngine(device, options);
    await engine.ready;
    return engine;
  }

  constructor(device: GPUDevice, options: EngineOptions = {}) {
    this.device = device;
    this.registry = options.registry ?? DEFAULT_REGISTRY;
    this.workgroupSize = options.workgroupSize ?? 64;
    const own = device.limits;
    const lower = (key: keyof EngineLimits): number =>
      Math.min(own[key], options.limits?.[key] ?? Infinity);
    this.limits = {
      maxStorageBufferBindingSize: lower('maxStorageBufferBindingSize'),
      maxBufferSize: lower('maxBufferSize'),
      maxComputeWorkgroupsPerDimension: lower('maxComputeWorkgroupsPerDimension'),
    };
    this.lost = device.lost.then((info) => {
      this.lostMessage = `The GPU device was lost (${info.reason}): ${info.message || 'no message'}`;
      return this.lostMessage;
    });

    // An explicit layout: 'auto' would drop bindings a registry without data surfaces leaves unused.
    const storage = (type: GPUBufferBindingType): Omit<GPUBindGroupLayoutEntry, 'binding'> => ({
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type },
    });
    this.bindGroupLayout = device.createBindGroupLayout({
      label: 'BatchEngine.bindGroupLayout',
      entries: [
        { binding: 0, ...storage('uniform') },
        { binding: 1, ...storage('read-only-storage') },
        { binding: 2, ...storage('storage') },
        { binding: 3, ...storage('read-only-storage') },
        { binding: 4, ...storage('read-only-storage') },
        { binding: 5, ...storage('storage') },
      ],
    });
    this.pipelineLayout = device.createPipelineLayout({
      label: 'BatchEngine.pipelineLayout',
      bindGroupLayouts: [this.bindGroupLayout],
    });
    this.specialize = options.specialize ?? true;
    this.groupThreshold = options.groupThreshold ?? DEFAULT_GROUP_THRESHOLD;
    this.full = this.pipelineFor(null, null);
    this.ready = this.full.ready;
  }

  /** Pipelines this engine compiled rather than found in the device's cache (tests, benchmarks). */
  get pipelinesCompiled(): number {
    return this.compiled;
  }

  /** The whole-registry pipeline: compiled in the constructor, the fallback of every group. */
  get fullPipeline(): GPUComputePipeline {
    const pipeline = this.full.pipeline;
    if (!pipeline) throw new Error('The step pipeline is missing');
    return pipeline;
  }

  /**
   * The pipeline of the whole registry (null) or of a subset, compiled once per device and
   * shader source: re-preparing never recompiles. A subset compiles asynchronously (its
   * `pipeline` stays null meanwhile, and the UI thread does not stall): until it is there its
   * runs step with the whole-registry pipeline, with the same results, unless run() waits for
   * it (a group with much work).
   */
  private pipelineFor(subset: ShaderSubset | null, typed: SurfaceDef | null): PipelineEntry {
    const signature = subset ? subsetKey(subset, typed) : typed ? `all|${typed.wgsl}` : 'all';
    const own = this.ownPipelines.get(signature);
    if (own) return own;
    const device = this.device;
    const sources = typed
      ? { ...this.registry, surfaces: [...this.registry.surfaces, typed] }
      : this.registry;
    const code = composeStepShader(sources, subset ?? undefined);
    // Compiled now, not in the background, when nothing could stand in for it meanwhile.
    const now = !subset || typed !== null;
    const key = `${this.workgroupSize}\n${code}`;
    let cache = BatchEngine.pipelines.get(device);
    if (!cache) {
      cache = new Map();
      BatchEngine.pipelines.set(device, cache);
    }
    let entry = cache.get(key);
    if (entry) {
      // Least recently used first: move it to the end.
      cache.delete(key);
    } else {
      this.compiled++;
      device.pushErrorScope('validation');
      const module = device.createShaderModule({ label: 'BatchEngine.step', code });
      const descriptor: GPUComputePipelineDescriptor = {
        label: `BatchEngine.pipeline(${signature})`,
        layout: this.pipelineLayout,
        compute: { module, entryPoint: 'main', constants: { WORKGROUP_SIZE: this.workgroupSize } },
      };
      const pipeline = now ? device.createComputePipeline(descriptor) : null;
      const compiling = now
        ? Promise.resolve(pipeline)
        : device.createComputePipelineAsync(descriptor);
      const scope = device.popErrorScope();
      const pipelines = cache;
      const created: { pipeline: GPUComputePipeline | null } = { pipeline };
      const ready = (async () => {
        const info = await module.getCompilationInfo();
        const errors = info.messages.filter((m) => m.type === 'error');
        let failure: string | null = null;
        try {
          created.pipeline = await compiling;
        } catch (error) {
          failure = messageOf(error);
        }
        const error = await scope;
        if (errors.length > 0 || error || failure !== null) {
          pipelines.delete(key);
          created.pipeline = null;
          const lines = errors.map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
          throw new Error(
            `The step shader did not compile: ${lines.join('; ') || (error ? error.message : (failure ?? ''))}`,
          );
        }
      })();
      // Callers that never await `ready` still see the error through run().
      ready.catch(() => undefined);
      entry = {
        get pipeline() {
          return created.pipeline;
        },
        typed: typed !== null,
        ready,
      };
      if (cache.size >= MAX_CACHED_PIPELINES) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    cache.set(key, entry);
    if (this.ownPipelines.size >= MAX_OWN_PIPELINES) {
      // The device cache still holds the dropped ones; 'all' (inserted first) stays.
      for (const k of [...this.ownPipelines.keys()].slice(1, MAX_OWN_PIPELINES / 2))
        this.ownPipelines.delete(k);
    }
    this.ownPipelines.set(signature, entry);
    return entry;
  }

  /**
   * Drops the engine's CPU-side caches. The pipeline stays cached per device (it cannot be
   * destroyed, and a new engine on the same device reuses it); batches are destroyed by their owners.
   */
  destroy(): void {
    this.tableCache.clear();
  }

  /** Throws the device-lost message once the device is gone. */
  checkDevice(): void {
    if (this.lostMessage) throw new Error(this.lostMessage);
  }

  /** Waits for `promise`, or throws the device-lost message if the device goes first. */
  async whileAlive<T>(promise: Promise<T>): Promise<T> {
    const result = await Promise.race([
      promise.then((value) => ({ value })),
      this.lost.then((message) => ({ lost: message })),
    ]);
    if ('lost' in result) throw new Error(result.lost);
    return result.value;
  }

  /** A number per object (identity), for configuration keys. */
  private idOf(value: object): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = ++this.lastId;
      this.ids.set(value, id);
    }
    return id;
  }

  private keyOf(value: object): string {
    let key = this.keys.get(value);
    if (key === undefined) {
      key = stableKey(value);
      this.keys.set(value, key);
    }
    return key;
  }

  private optimizerParts(optimizer: OptimizerDef, params: ParamValues): OptimizerParts {
    let byId = this.optimizerCache.get(params);
    if (!byId) {
      byId = new Map();
      this.optimizerCache.set(params, byId);
    }
    const cached = byId.get(optimizer.id);
    if (cached) return cached;
    // Slots of coordinate 0, then of coordinate 1 (STATE.opt), padded to 4.
    const initial = optimizer.initialState?.(params) ?? [];
    const slots = [0, 1, 2, 3].map((k) => initial[k] ?? 0);
    const lr = num(params, 'lr');
    const keyWithoutLr = paramsKeyWithout(params, 'lr');
    // Per configuration without its lr, not per parameter object: an lr sweep asks once.
    const needLr = this.needLrCache;
    const parts: OptimizerParts = {
      constants: Array.from(optimizer.constants(params)),
      initialState: [...slots, ...slots],
      keyWithoutLr,
      scalarsNeedLr(steps) {
        const key = `${optimizer.id}|${keyWithoutLr}|${steps}`;
        let answer = needLr.get(key);
        if (answer === undefined) {
          const a = optimizer.stepScalars(params, steps);
          const b = optimizer.stepScalars({ ...params, lr: lr * 0.5 + 0.25 }, steps);
          answer = a.some((v, i) => !Object.is(v, b[i]));
          // Bounded like tableCache: the UI re-prepares on slider moves.
          if (needLr.size > 4096) needLr.clear();
          needLr.set(key, answer);
        }
        return answer;
      },
    };
    byId.set(optimizer.id, parts);
    return parts;
  }

  private configFor(run: ResolvedRun, recordEvery: number): RunConfig {
    const { surfaces, optimizers, schedules } = this.registry;
    let surfaceIndex = surfaces.findIndex((s) => s.id === run.surface.id);
    let surface = surfaces[surfaceIndex];
    let typed: SurfaceDef | null = null;
    if (!surface && run.surface.id === CUSTOM_SURFACE_ID) {
      typed = surfaceOfRef(run.surface) ?? null;
      if (!typed) throw new Error(`Run "${run.id}": its typed surface is missing or invalid`);
      surface = typed;
      surfaceIndex = surfaces.length;
    }
    if (!surface) throw new Error(`Run "${run.id}": unknown surface ${run.surface.id}`);
    const optimizerIndex = optimizers.findIndex((o) => o.id === run.optimizer.id);
    const optimizer = optimizers[optimizerIndex];
    if (!optimizer) throw new Error(`Run "${run.id}": unknown optimizer ${run.optimizer.id}`);
    let scheduleIndex = -1;
    let schedule: ScheduleDef | undefined;
    if (run.schedule) {
      const id = run.schedule.id;
      scheduleIndex = schedules.findIndex((s) => s.id === id);
      schedule = schedules[scheduleIndex];
      if (!schedule) throw new Error(`Run "${run.id}": unknown schedule ${id}`);
    }
    const steps = run.steps;
    if (!Number.isInteger(steps) || steps < 0) {
      throw new Error(`Run "${run.id}": steps must be a whole number ≥ 0, got ${steps}`);
    }
    const feedback = schedule?.kind === 'feedback';
    const baseLr = num(run.optimizer.params, 'lr');
    const lrSource = feedback ? LrSource.feedback : schedule ? LrSource.table : LrSource.constant;
    const optimizerParts = this.optimizerParts(optimizer, run.optimizer.params);

    const words = new Uint32Array(RUN_LAYOUT.strideWords);
    const floats = new Float32Array(words.buffer);
    const put = (name: string, values: readonly number[]): void =>
      writeField(RUN_LAYOUT, words, floats, 0, name, values);
    put('surfaceIndex', [surfaceIndex]);
    put('optimizerIndex', [optimizerIndex]);
    put('scheduleIndex', [Math.max(0, scheduleIndex)]);
    put('lrSource', [lrSource]);
    put('lr', [baseLr]);
    put('steps', [steps]);
    put('clip', [run.clip.maxNorm ?? -1, run.clip.maxValue ?? -1]);
    put('start', [run.start[0], run.start[1]]);
    put('track', [lossThresholdOf(run.track), settleToleranceSquared(run.track)]);
    put(
      'surfaceParams',
      surface.params.map((p) => num(run.surface.params, p.key)),
    );
    put('optimizerConstants', optimizerParts.constants);
    // src/core/noise.ts; the seed is per run (buildChunk). σ as (absolute, relative).
    const noise = run.noise && (run.noise.sigma > 0 || run.noise.batch > 0) ? run.noise : null;
    if (noise) {
      put('noiseBatch', [surface.data ? noise.batch : 0]);
      put('noiseScale', noise.relative ? [0, noise.sigma] : [noise.sigma, 0]);
    }

    const initialState = new Uint32Array(STATE_LAYOUT.strideWords);
    const stateFloats = new Float32Array(initialState.buffer);
    const putState = (name: string, values: readonly number[]): void =>
      writeField(STATE_LAYOUT, initialState, stateFloats, 0, name, values);
    putState('pos', [run.start[0], run.start[1]]);
    putState('t', [0]);
    putState('status', [RunStatus.running]);
    putState('divergedAt', [0]);
    putState('opt', optimizerParts.initialState);
    putState('firstBelow', [NOT_YET]);
    putState('settledAt', [0]);

    // Runs whose lr does not come from the table share it across learning rates (an lr sweep
    // needs one table, not one per lr) unless the optimizer's step scalars depend on the lr.
    let tableKey: string;
    let lrs: () => Float64Array;
    if (schedule && run.schedule && !feedback) {
      const params = run.schedule.params;
      const problem = schedule.validateRun?.(params, steps);
      if (problem) throw new Error(`Run "${run.id}": ${problem}`);
      const lrTable = schedule.lrTable;
      if (!lrTable) throw new Error(`schedule ${schedule.id} has no lrTable`);
      tableKey = `${optimizer.id}|${this.keyOf(run.optimizer.params)}|${schedule.id}|${this.keyOf(params)}|${steps}`;
      lrs = () => lrTable(baseLr, params, steps);
    } else {
      if (schedule && run.schedule) {
        const params = run.schedule.params;
        const problem = schedule.validateRun?.(params, steps);
        if (problem) throw new Error(`Run "${run.id}": ${problem}`);
        put('scheduleConstants', schedule.gpuConstants?.(params) ?? []);
        const initial = schedule.gpuInitialState?.(baseLr, params) ?? [baseLr, 0, 0, 0];
        put('scheduleInitial', initial);
        putState('sched', initial);
      }
      tableKey = optimizerParts.scalarsNeedLr(steps)
        ? `${optimizer.id}|${this.keyOf(run.optimizer.params)}|-|${steps}`
        : `${optimizer.id}|${optimizerParts.keyWithoutLr}|*|${steps}`;
      // The lr column is unused (the run's lr or sched.x is the lr).
      lrs = () => new Float64Array(steps).fill(NaN);
    }
    const table = (): Float32Array => {
      const cached = this.tableCache.get(tableKey);
      if (cached) return cached;
      const lr = lrs();
      const scalars = optimizer.stepScalars(run.optimizer.params, steps);
      if (lr.length < steps || scalars.length < steps * STEP_SCALARS) {
        throw new Error(
          `Run "${run.id}": the schedule or step-scalar table is shorter than ${steps} steps`,
        );
      }
      const rows = new Float32Array(Math.max(1, steps) * 4);
      for (let t = 0; t < steps; t++) {
        rows[4 * t] = lr[t] ?? NaN;
        for (let j = 0; j < STEP_SCALARS; j++) {
          rows[4 * t + 1 + j] = scalars[t * STEP_SCALARS + j] ?? NaN;
        }
      }
      // Bounded: the UI re-prepares on slider moves; old keys would pile up otherwise.
      if (this.tableCache.size > 256) this.tableCache.clear();
      this.tableCache.set(tableKey, rows);
      return rows;
    };

    let data: Float32Array | null = null;
    let dataKey: string | null = null;
    let dataCount = 0;
    if (surface.data) {
      const set = run.surface.data;
      if (!set) throw new Error(`Run "${run.id}": surface ${surface.id} needs a data set`);
      let packedData = this.dataCache.get(set);
      if (!packedData) {
        packedData = { key: stableKey(set), words: this.registry.packSurfaceData(surface, set) };
        this.dataCache.set(set, packedData);
      }
      data = packedData.words;
      dataKey = `${surface.data}|${packedData.key}`;
      dataCount = set.u.length;
    }
    // Table schedules are not in the shader (their lr is a table row): only feedback ones count.
    const subset: ShaderSubset = {
      surfaces: [surfaceIndex],
      optimizers: [optimizerIndex],
      schedules: feedback ? [scheduleIndex] : [],
      clip: run.clip.maxNorm !== null || run.clip.maxValue !== null,
      track: run.track !== undefined,
      noise: noise !== null,
    };
    return {
      typed,
      indices: [surfaceIndex, optimizerIndex, scheduleIndex],
      subset,
      groupKey: subsetKey(subset, typed),
      words,
      initialState,
      recordCount: recordsPerRun(steps, recordEvery),
      tableKey,
      table,
      tableRows: Math.max(1, steps),
      dataKey,
      data,
      dataCount,
    };
  }

  /** The largest buffer one binding may hold, and the name of the limit that sets it. */
  private bufferLimit(): { bytes: number; name: string } {
    const { maxStorageBufferBindingSize, maxBufferSize } = this.limits;
    return maxBufferSize < maxStorageBufferBindingSize
      ? { bytes: maxBufferSize, name: 'maxBufferSize' }
      : { bytes: maxStorageBufferBindingSize, name: 'maxStorageBufferBindingSize' };
  }

  /** Runs one chunk may hold: one invocation each, in a 2-D grid of workgroups. */
  maxRunsPerChunk(): number {
    const dim = this.limits.maxComputeWorkgroupsPerDimension;
    return dim * dim * this.workgroupSize;
  }

  /** Splits packed runs into chunks whose buffers all fit, or refuses a run that never fits. */
  private plan(packed: readonly PackedRun[], recordEvery: number): ChunkPlan[] {
    const limit = this.bufferLimit();
    const runBytes = RUN_LAYOUT.strideWords * 4;
    const stateBytes = STATE_LAYOUT.strideWords * 4;
    const maxRuns = this.maxRunsPerChunk();
    const chunks: ChunkPlan[] = [];
    const fresh = (first: number): ChunkPlan => ({
      first,
      runs: [],
      tableRows: new Map(),
      tableRowCount: 0,
      dataOffsets: new Map(),
      dataWords: 0,
      recordCount: 0,
    });
    let chunk = fresh(0);
    const sizes = (c: ChunkPlan, config: RunConfig): Record<BufferRole, number> => {
      const n = c.runs.length + 1;
      const newTable = c.tableRows.has(config.tableKey) ? 0 : config.tableRows;
      const newData =
        config.dataKey === null || c.dataOffsets.has(config.dataKey)
          ? 0
          : (config.data?.length ?? 0);
      // Records first: when they are what does not fit, recording less often is the remedy.
      return {
        records: (c.recordCount + config.recordCount) * RECORD_BYTES,
        table: (c.tableRowCount + newTable) * 16,
        data: (c.dataWords + newData) * 4,
        runs: n * runBytes,
        state: n * stateBytes,
      };
    };
    const over = (s: Record<BufferRole, number>): BufferRole | null =>
      (Object.keys(s) as BufferRole[]).find((role) => s[role] > limit.bytes) ?? null;
    packed.forEach((p, i) => {
      const config = p.config;
      // The common case without allocating: does the run fit in the open chunk?
      const n = chunk.runs.length + 1;
      const newTable = chunk.tableRows.has(config.tableKey) ? 0 : config.tableRows;
      const newData =
        config.dataKey === null || chunk.dataOffsets.has(config.dataKey)
          ? 0
          : (config.data?.length ?? 0);
      const fits =
        n <= maxRuns &&
        (chunk.recordCount + config.recordCount) * RECORD_BYTES <= limit.bytes &&
        (chunk.tableRowCount + newTable) * 16 <= limit.bytes &&
        (chunk.dataWords + newData) * 4 <= limit.bytes &&
        n * Math.max(runBytes, stateBytes) <= limit.bytes;
      if (!fits) {
        if (chunk.runs.length > 0) {
          chunks.push(chunk);
          chunk = fresh(i);
        }
        const alone = sizes(chunk, config);
        const role = over(alone);
        if (role !== null) {
          const need = alone[role];
          const detail =
            role === 'records'
              ? ` (${config.recordCount.toLocaleString('en-US')} records of ${RECORD_BYTES} bytes)`
              : '';
          const hint =
            role === 'records'
              ? `; record every ${ordinal(Math.ceil((need / limit.bytes) * recordEvery))} step or less often, or take fewer steps`
              : '; take fewer steps';
          throw new Error(
            `Run "${p.run.id}" does not fit on this GPU: its ${ROLE_TEXT[role]} need ${bytes(need)}${detail}, ` +
              `${bytes(need - limit.bytes)} more than the device's ${limit.name} of ${bytes(limit.bytes)}${hint}.`,
          );
        }
      }
      const c = chunk;
      if (!c.tableRows.has(p.config.tableKey)) {
        c.tableRows.set(p.config.tableKey, c.tableRowCount);
        c.tableRowCount += p.config.tableRows;
      }
      if (p.config.dataKey !== null && p.config.data && !c.dataOffsets.has(p.config.dataKey)) {
        c.dataOffsets.set(p.config.dataKey, c.dataWords);
        c.dataWords += p.config.data.length;
      }
      c.recordCount += p.config.recordCount;
      c.runs.push(p);
    });
    if (chunk.runs.length > 0 || chunks.length === 0) chunks.push(chunk);
    return chunks;
  }

  /**
   * Packs the runs, plans chunks and uploads everything; the returned batch is ready to step.
   * Throws (before touching the GPU) when a run is invalid or cannot fit.
   */
  prepare(runs: readonly ResolvedRun[], options: PrepareOptions = {}): Batch {
    this.checkDevice();
    const recordEvery = options.recordEvery ?? 1;
    if (!Number.isInteger(recordEvery) || recordEvery < 1) {
      throw new Error(`recordEvery must be a whole number ≥ 1, got ${recordEvery}`);
    }
    // Runs of one configuration share their objects (the UI's swarms, sweeps over start
    // points): they are packed once, so a million runs cost a million small copies.
    const configs = new Map<string, RunConfig>();
    const packed = runs.map((run): PackedRun => {
      const key = [
        run.surface.id,
        run.surface.expression ?? '',
        this.idOf(run.surface.params),
        run.surface.data ? this.idOf(run.surface.data) : 0,
        run.optimizer.id,
        this.idOf(run.optimizer.params),
        run.schedule ? `${run.schedule.id}:${this.idOf(run.schedule.params)}` : '-',
        run.clip.maxNorm,
        run.clip.maxValue,
        run.steps,
        run.track ? `${run.track.lossThreshold},${run.track.settleTolerance}` : '-',
        run.noise ? `${run.noise.sigma}:${run.noise.relative}:${run.noise.batch}` : '-',
      ].join('|');
      let config = configs.get(key);
      if (!config) {
        config = this.configFor(run, recordEvery);
        configs.set(key, config);
      }
      return { run, config };
    });
    const typed = new Set([...configs.values()].map((c) => c.typed?.wgsl ?? null));
    typed.delete(null);
    if (typed.size > 1) {
      throw new Error(`A batch may hold one typed surface; this one has ${typed.size} formulas`);
    }
    const plans = this.plan(packed, recordEvery);
    const old = options.reuse?.takeBuffers() ?? [];
    // Buffer creation can run out of memory on a real GPU: the scopes are popped here and
    // their verdict awaited by run() and the reads, which then throw it as a message.
    const device = this.device;
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    const chunks = plans.map((plan, i) => this.buildChunk(plan, old[i] ?? null));
    for (let i = plans.length; i < old.length; i++) {
      for (const buffer of Object.values(old[i] ?? {})) buffer.destroy();
    }
    const validation = device.popErrorScope();
    const outOfMemory = device.popErrorScope();
    const created = Promise.all([validation, outOfMemory]).then((errors) => {
      const error = errors.find((e) => e !== null);
      if (error) throw new Error(`Preparing the batch failed: ${gpuErrorText(error)}`);
    });
    created.catch(() => undefined);
    return new Batch(this, created, runs, recordEvery, chunks);
  }

  private buildChunk(plan: ChunkPlan, old: ChunkBuffers | null): Chunk {
    const device = this.device;
    const n = plan.runs.length;
    const runWords = new Uint32Array(Math.max(1, n * RUN_LAYOUT.strideWords));
    const runFloats = new Float32Array(runWords.buffer);
    const stateWords = new Uint32Array(Math.max(1, n * STATE_LAYOUT.strideWords));
    const stateFloats = new Float32Array(stateWords.buffer);
    const table = new Float32Array(Math.max(4, plan.tableRowCount * 4));
    const data = new Float32Array(Math.max(4, plan.dataWords));
    const recordBase: number[] = [];
    const tablesWritten = new Set<string>();
    const dataWritten = new Set<string>();
    // The per-run fields, at offsets taken from the layouts once (this loop runs per run).
    const at = (layout: StructLayout, name: string): number => {
      const field = layout.byName.get(name);
      if (!field) throw new Error(`${layout.prefix} has no field ${name}`);
      return field.offset;
    };
    const TABLE_ROW = at(RUN_LAYOUT, 'tableRow');
    const RECORD_BASE = at(RUN_LAYOUT, 'recordBase');
    const SURFACE_DATA = at(RUN_LAYOUT, 'surfaceData');
    const START = at(RUN_LAYOUT, 'start');
    const NOISE_SEED = at(RUN_LAYOUT, 'noiseSeed');
    const POS = at(STATE_LAYOUT, 'pos');
    const slotOf = new Uint32Array(n);
    const groups: SlotGroup[] = [];
    let slot = 0;
    for (const [list, entry, work] of this.groupsOf(plan.runs)) {
      groups.push({
        entry,
        firstSlot: slot,
        runCount: list.length,
        grid: this.gridFor(list.length),
        work,
      });
      for (const i of list) slotOf[i] = slot++;
    }
    let record = 0;
    plan.runs.forEach((p, i) => {
      const config = p.config;
      const at = slotOf[i] ?? 0;
      const base = at * RUN_LAYOUT.strideWords;
      runWords.set(config.words, base);
      const row = plan.tableRows.get(config.tableKey) ?? 0;
      if (!tablesWritten.has(config.tableKey)) {
        tablesWritten.add(config.tableKey);
        table.set(config.table(), row * 4);
      }
      let dataOffset = 0;
      if (config.dataKey !== null && config.data) {
        dataOffset = plan.dataOffsets.get(config.dataKey) ?? 0;
        if (!dataWritten.has(config.dataKey)) {
          dataWritten.add(config.dataKey);
          data.set(config.data, dataOffset);
        }
      }
      runWords[base + TABLE_ROW] = row;
      runWords[base + RECORD_BASE] = record;
      runWords[base + SURFACE_DATA] = dataOffset;
      runWords[base + SURFACE_DATA + 1] = config.dataCount;
      runFloats[base + START] = p.run.start[0];
      runFloats[base + START + 1] = p.run.start[1];
      runWords[base + NOISE_SEED] = p.run.noise?.seed ?? 0;
      recordBase.push(record);
      record += config.recordCount;
      const stateBase = at * STATE_LAYOUT.strideWords;
      stateWords.set(config.initialState, stateBase);
      stateFloats[stateBase + POS] = p.run.start[0];
      stateFloats[stateBase + POS + 1] = p.run.start[1];
    });
    const limit = this.bufferLimit().bytes;
    const buffer = (
      role: BufferRole,
      size: number,
      usage: number,
      previous: GPUBuffer | undefined,
    ): GPUBuffer => {
      const need = Math.max(MIN_BUFFER_BYTES, Math.ceil(size / 4) * 4);
      if (previous && previous.size >= need && previous.usage === usage) return previous;
      previous?.destroy();
      // Room to grow, so that the next slider move reuses this buffer.
      const capacity = Math.min(
        Math.max(need, 2 ** Math.ceil(Math.log2(need))),
        Math.max(need, limit),
      );
      return device.createBuffer({ label: `BatchEngine.${role}`, size: capacity, usage });
    };
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
    const buffers: ChunkBuffers = {
      runs: buffer('runs', runWords.byteLength, storage, old?.runs),
      state: buffer('state', stateWords.byteLength, storage, old?.state),
      table: buffer('table', table.byteLength, storage, old?.table),
      data: buffer('data', data.byteLength, storage, old?.data),
      records: buffer(
        'records',
        Math.max(1, plan.recordCount) * RECORD_BYTES,
        storage | GPUBufferUsage.VERTEX,
        old?.records,
      ),
    };
    device.queue.writeBuffer(buffers.runs, 0, runWords);
    device.queue.writeBuffer(buffers.state, 0, stateWords);
    device.queue.writeBuffer(buffers.table, 0, table);
    device.queue.writeBuffer(buffers.data, 0, data);
    return {
      firstRun: plan.first,
      runCount: n,
      slotOf,
      groups,
      recordBase,
      recordCount: plan.recordCount,
      runSteps: plan.runs.map((p) => p.run.steps),
      initialState: stateWords,
      buffers,
      uniforms: new Map(),
      bytes: {
        records: plan.recordCount * RECORD_BYTES,
        table: plan.tableRowCount * 16,
        data: plan.dataWords * 4,
        runs: n * RUN_LAYOUT.strideWords * 4,
        state: n * STATE_LAYOUT.strideWords * 4,
      },
    };
  }

  /**
   * The chunk's runs (indices) by the pipeline that steps them. Runs of one specialization key
   * take consecutive slots of the run and state buffers, so one dispatch steps them; the
   * records stay in the caller's order. Keys with too little work to pay for a dispatch (and
   * a compile) of their own share the last group, whose shader holds what they use (the whole
   * registry when that is most of it).
   */
  private groupsOf(runs: readonly PackedRun[]): [number[], PipelineEntry, number][] {
    const workOf = (list: readonly number[]): number => {
      let work = 0;
      for (const i of list) work += (runs[i]?.run.steps ?? 0) + 1;
      return work;
    };
    const typed = runs.find((p) => p.config.typed)?.config.typed ?? null;
    const whole = typed ? this.pipelineFor(null, typed) : this.full;
    if (!this.specialize) {
      const all = runs.map((_, i) => i);
      return [[all, whole, workOf(all)]];
    }
    const byKey = new Map<string, number[]>();
    runs.forEach((p, i) => {
      let list = byKey.get(p.config.groupKey);
      if (!list) {
        list = [];
        byKey.set(p.config.groupKey, list);
      }
      list.push(i);
    });
    const out: [number[], PipelineEntry, number][] = [];
    const rest: number[] = [];
    const { runs: minRuns, work: minWork } = this.groupThreshold;
    for (const list of byKey.values()) {
      const first = runs[list[0] ?? 0];
      const work = workOf(list);
      if (first && (byKey.size === 1 || (list.length >= minRuns && work >= minWork))) {
        out.push([list, this.pipelineFor(first.config.subset, first.config.typed), work]);
      } else {
        for (const i of list) rest.push(i);
      }
    }
    if (rest.length > 0) {
      rest.sort((a, b) => a - b);
      const surfaces = new Set<number>();
      const optimizers = new Set<number>();
      const schedules = new Set<number>();
      let clip = false;
      let track = false;
      let restTyped: SurfaceDef | null = null;
      let noise = false;
      for (const i of rest) {
        const subset = runs[i]?.config.subset;
        if (!subset) continue;
        restTyped ??= runs[i]?.config.typed ?? null;
        for (const v of subset.surfaces) surfaces.add(v);
        for (const v of subset.optimizers) optimizers.add(v);
        for (const v of subset.schedules) schedules.add(v);
        clip ||= subset.clip ?? true;
        track ||= subset.track ?? true;
        noise ||= subset.noise ?? true;
      }
      const sorted = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);
      const entry =
        surfaces.size + optimizers.size > MAX_MIXED_SUBSET
          ? restTyped
            ? whole
            : this.full
          : this.pipelineFor(
              {
                surfaces: sorted(surfaces),
                optimizers: sorted(optimizers),
                schedules: sorted(schedules),
                clip,
                track,
                noise,
              },
              restTyped,
            );
      out.push([rest, entry, workOf(rest)]);
    }
    return out;
  }

  /** Workgroups for `runs` invocations: a 2-D grid when one dimension does not suffice. */
  private gridFor(runs: number): [number, number] {
    const groups = Math.max(1, Math.ceil(runs / this.workgroupSize));
    const gridX = Math.min(groups, this.limits.maxComputeWorkgroupsPerDimension);
    return [gridX, Math.ceil(groups / gridX)];
  }

  /** The bind group of a chunk's group of runs for `count` iterations per dispatch (cached). */
  bindGroupFor(chunk: Chunk, group: number, count: number, recordEvery: number): GPUBindGroup {
    const key = `${group}:${count}`;
    const cached = chunk.uniforms.get(key);
    if (cached) return cached.bindGroup;
    const slots = chunk.groups[group];
    if (!slots) throw new Error(`The chunk has no group ${group}`);
    const uniform = this.device.createBuffer({
      label: 'BatchEngine.params',
      size: UNIFORM_BYTES, // DispatchParams: count, recordEvery, runCount, rowRuns, nanBits, zero, firstSlot
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    const words = new Uint32Array(UNIFORM_BYTES / 4);
    // The sixth word, `zero`, stays 0.
    words.set([
      count,
      recordEvery,
      slots.runCount,
      slots.grid[0] * this.workgroupSize,
      NAN_BITS,
      0,
      slots.firstSlot,
    ]);
    this.device.queue.writeBuffer(uniform, 0, words);
    const b = chunk.buffers;
    const bindGroup = this.device.createBindGroup({
      label: 'BatchEngine.bindGroup',
      layout: this.bindGroupLayout,
      entries: [
        { binding: 0, resource: { buffer: uniform } },
        { binding: 1, resource: { buffer: b.runs } },
        { binding: 2, resource: { buffer: b.state } },
        { binding: 3, resource: { buffer: b.table } },
        { binding: 4, resource: { buffer: b.data } },
        { binding: 5, resource: { buffer: b.records } },
      ],
    });
    chunk.uniforms.set(key, { buffer: uniform, bindGroup });
    return bindGroup;
  }
}

interface ChunkBuffers {
  runs: GPUBuffer; // RUN_LAYOUT.strideWords × 4 bytes per run
  state: GPUBuffer; // STATE_LAYOUT.strideWords × 4 bytes per run
  table: GPUBuffer; // 16 bytes per step per distinct (optimizer, schedule, steps)
  data: GPUBuffer; // packSurfaceData words of each distinct data set
  records: GPUBuffer; // RECORD_BYTES per record
}

interface Chunk {
  readonly firstRun: number;
  readonly runCount: number;
  /** The state (and run-parameter) slot of each of the chunk's runs, in the caller's order. */
  readonly slotOf: Uint32Array;
  /** Slot ranges stepped by one pipeline each. */
  readonly groups: readonly SlotGroup[];
  readonly recordBase: readonly number[];
  readonly recordCount: number;
  readonly runSteps: readonly number[];
  readonly initialState: Uint32Array<ArrayBuffer>;
  readonly buffers: ChunkBuffers;
  readonly uniforms: Map<string, { buffer: GPUBuffer; bindGroup: GPUBindGroup }>;
  readonly bytes: Readonly<Record<BufferRole, number>>;
}

/** Prepared runs on the GPU: step them, draw their records, read them back. */
export class Batch {
  readonly runCount: number;
  readonly recordEvery: number;
  readonly runs: readonly ResolvedRun[];
  /** Iterations until every run is done: the longest run's steps plus its final evaluation. */
  readonly iterations: number;
  private readonly engine: BatchEngine;
  /** Rejects when creating the batch's buffers raised a GPU error. */
  private readonly created: Promise<void>;
  private readonly chunkList: Chunk[];
  private retired = false;

  constructor(
    engine: BatchEngine,
    created: Promise<void>,
    runs: readonly ResolvedRun[],
    recordEvery: number,
    chunks: Chunk[],
  ) {
    this.engine = engine;
    this.created = created;
    this.runs = runs;
    this.runCount = runs.length;
    this.recordEvery = recordEvery;
    this.chunkList = chunks;
    this.iterations = runs.reduce((m, r) => Math.max(m, r.steps + 1), 0);
  }

  /** Distinct pipelines the batch steps with once its specialized ones compiled. */
  get pipelineCount(): number {
    return new Set(this.chunkList.flatMap((c) => c.groups.map((g) => g.entry))).size;
  }

  /**
   * Resolves once every specialized pipeline the batch uses compiled (until then its runs step
   * with the whole-registry pipeline, with the same results); rejects with a compiler message.
   */
  get specialized(): Promise<void> {
    return Promise.all(this.chunkList.flatMap((c) => c.groups.map((g) => g.entry.ready))).then(
      () => undefined,
    );
  }

  /** Bytes each kind of buffer holds, summed over chunks (what the batch needs, not capacity). */
  get bytes(): Readonly<Record<BufferRole, number>> {
    const sum = { records: 0, table: 0, data: 0, runs: 0, state: 0 };
    for (const c of this.chunkList) {
      for (const role of Object.keys(sum) as BufferRole[]) sum[role] += c.bytes[role];
    }
    return sum;
  }

  /** The record buffers, for renderers (valid until destroy() or a prepare that reuses them). */
  get chunks(): readonly RecordChunk[] {
    return this.chunkList.map((c) => ({
      firstRun: c.firstRun,
      runCount: c.runCount,
      records: c.buffers.records,
      recordBase: c.recordBase,
      recordsPerRun: c.runSteps.every((steps) => steps === c.runSteps[0])
        ? recordsPerRun(c.runSteps[0] ?? 0, this.recordEvery)
        : null,
    }));
  }

  private check(): void {
    if (this.retired) throw new Error('This batch was destroyed or replaced by a newer one');
    this.engine.checkDevice();
  }

  /**
   * Encodes `iterations` iterations (a run's last one only evaluates and records its final
   * point) as dispatches of at most `perDispatch` iterations each, for every chunk.
   */
  encodeSteps(
    encoder: GPUCommandEncoder,
    iterations: number,
    perDispatch = DEFAULT_STEPS_PER_DISPATCH,
  ): void {
    this.check();
    const k = Math.max(1, Math.floor(perDispatch));
    const pass = encoder.beginComputePass({ label: 'BatchEngine.steps' });
    const full = this.engine.fullPipeline;
    let current: GPUComputePipeline | null = null;
    for (const chunk of this.chunkList) {
      if (chunk.runCount === 0) continue;
      chunk.groups.forEach((group, g) => {
        const pipeline = group.entry.pipeline ?? (group.entry.typed ? null : full);
        if (!pipeline) throw new Error("The typed surface's step shader did not compile");
        if (pipeline !== current) {
          pass.setPipeline(pipeline);
          current = pipeline;
        }
        for (let done = 0; done < iterations; done += k) {
          const count = Math.min(k, iterations - done);
          pass.setBindGroup(0, this.engine.bindGroupFor(chunk, g, count, this.recordEvery));
          pass.dispatchWorkgroups(group.grid[0], group.grid[1]);
        }
      });
    }
    pass.end();
  }

  /**
   * Steps every run to its end, submitting a few dispatches at a time. Resolves early when the
   * batch is destroyed or replaced meanwhile (the UI moved on to a newer configuration).
   */
  async run(
    stepsPerDispatch = DEFAULT_STEPS_PER_DISPATCH,
    control: RunControl = {},
  ): Promise<void> {
    this.check();
    await this.engine.whileAlive(this.created);
    // Stepping a large group with the whole-registry fallback would cost more than the wait.
    await this.engine.whileAlive(
      Promise.all(
        this.chunkList.flatMap((c) =>
          c.groups
            .filter((g) => g.work >= WAIT_FOR_PIPELINE_WORK || g.entry.typed)
            .map((g) => g.entry.ready),
        ),
      ),
    );
    const device = this.engine.device;
    const k = Math.max(1, Math.floor(stepsPerDispatch));
    const { onProgress, signal } = control;
    // With a progress bar to feed, at least PROGRESS_SUBMITS submissions (each one waited for),
    // each small enough that the page's own frames get drawn between them: on a software
    // renderer one long submission holds the compositor (no frame, no click) until it ends.
    const perSubmit = onProgress
      ? Math.max(
          1,
          Math.min(
            k * DISPATCHES_PER_SUBMIT,
            Math.ceil(this.iterations / PROGRESS_SUBMITS),
            Math.floor(PROGRESS_SUBMIT_RUN_STEPS / Math.max(1, this.runCount)),
          ),
        )
      : k * DISPATCHES_PER_SUBMIT;
    await scoped(device, 'Stepping the batch failed', async () => {
      for (let done = 0; done < this.iterations && !this.retired && !signal?.aborted;) {
        const iterations = Math.min(this.iterations - done, perSubmit);
        const encoder = device.createCommandEncoder({ label: 'BatchEngine.run' });
        this.encodeSteps(encoder, iterations, k);
        device.queue.submit([encoder.finish()]);
        await this.engine.whileAlive(device.queue.onSubmittedWorkDone());
        done += iterations;
        onProgress?.(done / this.iterations);
      }
    });
    this.engine.checkDevice();
  }

  /** Puts every run back at its start (the records are overwritten as the runs advance). */
  reset(): void {
    this.check();
    for (const chunk of this.chunkList) {
      this.engine.device.queue.writeBuffer(chunk.buffers.state, 0, chunk.initialState);
    }
  }

  private async readBuffers(pick: (c: Chunk) => GPUBuffer[]): Promise<ArrayBuffer[][]> {
    this.check();
    await this.engine.whileAlive(this.created);
    const device = this.engine.device;
    return scoped(device, 'Reading the batch back failed', async () => {
      const encoder = device.createCommandEncoder({ label: 'BatchEngine.readBack' });
      const staging = this.chunkList.map((chunk) =>
        pick(chunk).map((source) => {
          const copy = device.createBuffer({
            label: 'BatchEngine.staging',
            size: source.size,
            usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
          });
          encoder.copyBufferToBuffer(source, 0, copy, 0, source.size);
          return copy;
        }),
      );
      device.queue.submit([encoder.finish()]);
      try {
        await this.engine.whileAlive(
          Promise.all(staging.flat().map((b) => b.mapAsync(GPUMapMode.READ))),
        );
        return staging.map((list) => list.map((b) => b.getMappedRange().slice(0)));
      } catch (error) {
        this.engine.checkDevice();
        throw error;
      } finally {
        for (const b of staging.flat()) b.destroy();
      }
    });
  }

  private static statusOf(words: Uint32Array, floats: Float32Array, i: number): RunStatusInfo {
    const base = i * STATE_LAYOUT.strideWords;
    const status = readField(STATE_LAYOUT, words, floats, base, 'status')[0];
    const t = readField(STATE_LAYOUT, words, floats, base, 't')[0] ?? 0;
    const divergedAt = readField(STATE_LAYOUT, words, floats, base, 'divergedAt')[0] ?? 0;
    const [x = NaN, y = NaN] = readField(STATE_LAYOUT, words, floats, base, 'pos');
    const pos = [x, y] as const;
    return status === RunStatus.diverged
      ? { status: 'diverged', step: t, divergedAt, pos }
      : { status: status === RunStatus.done ? 'done' : 'running', step: t, divergedAt: null, pos };
  }

  /** Where each run stands. */
  async readStatus(): Promise<RunStatusInfo[]> {
    const data = await this.readBuffers((c) => [c.buffers.state]);
    const out: RunStatusInfo[] = [];
    this.chunkList.forEach((chunk, ci) => {
      const buffer = data[ci]?.[0] ?? new ArrayBuffer(0);
      const words = new Uint32Array(buffer);
      const floats = new Float32Array(buffer);
      for (let i = 0; i < chunk.runCount; i++) {
        out.push(Batch.statusOf(words, floats, chunk.slotOf[i] ?? 0));
      }
    });
    return out;
  }

  /** Every run's records as written; entries a running run has not reached yet are NaN. */
  async readRecords(): Promise<RunRecords[]> {
    const data = await this.readBuffers((c) => [c.buffers.records, c.buffers.state]);
    const out: RunRecords[] = [];
    this.chunkList.forEach((chunk, ci) => {
      const records = new Float32Array(data[ci]?.[0] ?? new ArrayBuffer(0));
      const stateBuffer = data[ci]?.[1] ?? new ArrayBuffer(0);
      const words = new Uint32Array(stateBuffer);
      const floats = new Float32Array(stateBuffer);
      for (let i = 0; i < chunk.runCount; i++) {
        const steps = chunk.runSteps[i] ?? 0;
        const status = Batch.statusOf(words, floats, chunk.slotOf[i] ?? 0);
        const count = recordsPerRun(steps, this.recordEvery);
        const base = chunk.recordBase[i] ?? 0;
        const stepOf = new Int32Array(count);
        const x = new Float64Array(2 * count);
        const loss = new Float64Array(count);
        const lr = new Float64Array(count);
        for (let k = 0; k < count; k++) {
          const step = recordStep(k, steps, this.recordEvery);
          stepOf[k] = step;
          // A running run has written the records of the steps before `step` only.
          const reached = status.status !== 'running' || step < status.step;
          const at = (base + k) * RECORD_FLOATS;
          x[2 * k] = reached ? (records[at] ?? NaN) : NaN;
          x[2 * k + 1] = reached ? (records[at + 1] ?? NaN) : NaN;
          loss[k] = reached ? (records[at + 2] ?? NaN) : NaN;
          lr[k] = reached ? (records[at + 3] ?? NaN) : NaN;
        }
        out.push({ steps: stepOf, x, loss, lr, divergedAt: status.divergedAt });
      }
    });
    return out;
  }

  /** Full trajectories (needs recordEvery 1): x and loss steps + 1 entries, lr steps entries. */
  async readBack(): Promise<Trajectory[]> {
    if (this.recordEvery !== 1) {
      throw new Error(
        `readBack needs every step recorded; this batch records every ${ordinal(this.recordEvery)} step (use readRecords)`,
      );
    }
    const records = await this.readRecords();
    return records.map((r, i) => {
      const steps = this.runs[i]?.steps ?? 0;
      return { x: r.x, loss: r.loss, lr: r.lr.slice(0, steps), divergedAt: r.divergedAt };
    });
  }

  /**
   * Every run's summary (src/gpu/summaries.ts) from its last record and its state words: the
   * final point and loss, and what a run with `track` counted. Prepare with recordEvery = the
   * runs' steps (1 for 0-step runs) so the records hold only the start and the end.
   */
  async readSummaries(): Promise<SummaryTable<Float32Array>> {
    const data = await this.readBuffers((c) => [c.buffers.records, c.buffers.state]);
    return summariesOf(
      this.chunkList.map((chunk, ci) => ({
        runCount: chunk.runCount,
        slotOf: chunk.slotOf,
        recordBase: chunk.recordBase,
        runSteps: chunk.runSteps,
        records: data[ci]?.[0] ?? new ArrayBuffer(0),
        state: data[ci]?.[1] ?? new ArrayBuffer(0),
      })),
      this.recordEvery,
    );
  }

  /** Hands this batch's buffers to a newer batch; this one becomes unusable. */
  takeBuffers(): ChunkBuffers[] {
    if (this.retired) return [];
    this.retired = true;
    for (const chunk of this.chunkList) for (const u of chunk.uniforms.values()) u.buffer.destroy();
    return this.chunkList.map((c) => c.buffers);
  }

  destroy(): void {
    for (const buffers of this.takeBuffers()) {
      for (const buffer of Object.values(buffers)) buffer.destroy();
    }
  }
}
