// Per-run buffer layouts of the step engine, derived from one field list each. The same list
// packs the words in TypeScript and generates the WGSL `const` offsets the shader reads, so no
// offset is ever counted by hand (tests/gpu/compose.test.ts checks both sides agree on a GPU).
//
// Both buffers are `array<u32>`: floats are stored as their bits and read with bitcast<f32>,
// which keeps NaN payloads and denormal-looking integers intact (a float store could flush them).

export type FieldType = 'u32' | 'f32' | 'vec2u' | 'vec2f' | 'vec4f';

/** A field: name, type, and how many consecutive elements (an array) it holds. */
export type FieldSpec = readonly [name: string, type: FieldType, count?: number];

const FIELD_WORDS: Record<FieldType, number> = { u32: 1, f32: 1, vec2u: 2, vec2f: 2, vec4f: 4 };

export interface FieldLayout {
  readonly name: string;
  readonly type: FieldType;
  readonly count: number;
  /** Offset in 32-bit words from the start of the run's record. */
  readonly offset: number;
  /** Words per element. */
  readonly words: number;
}

export interface StructLayout {
  /** Name prefix of the generated WGSL constants, e.g. 'RUN' → RUN_STEPS, RUN_STRIDE. */
  readonly prefix: string;
  readonly fields: readonly FieldLayout[];
  readonly byName: ReadonlyMap<string, FieldLayout>;
  /** Words per run (a multiple of 4, so every run starts 16-byte aligned). */
  readonly strideWords: number;
}

/** Lays fields out in order, each aligned to its own size (vec4 to 4 words). */
export function layoutFields(prefix: string, specs: readonly FieldSpec[]): StructLayout {
  const fields: FieldLayout[] = [];
  const byName = new Map<string, FieldLayout>();
  let offset = 0;
  for (const [name, type, count = 1] of specs) {
    const words = FIELD_WORDS[type];
    offset = Math.ceil(offset / words) * words;
    const field = { name, type, count, offset, words };
    fields.push(field);
    byName.set(name, field);
    offset += words * count;
  }
  return { prefix, fields, byName, strideWords: Math.ceil(offset / 4) * 4 };
}

/** 'surfaceIndex' → 'SURFACE_INDEX'. */
export function constName(prefix: string, field: string): string {
  return `${prefix}_${field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** The WGSL constants for one layout: an offset per field and the stride. */
export function layoutWgsl(layout: StructLayout): string {
  const lines = layout.fields.map(
    (f) => `const ${constName(layout.prefix, f.name)}: u32 = ${f.offset}u;`,
  );
  lines.push(`const ${layout.prefix}_STRIDE: u32 = ${layout.strideWords}u;`);
  return lines.join('\n');
}

/**
 * What the engine knows about one run, read-only on the GPU. Float fields are float32.
 * A negative clip bound means "no clipping" (shaders/clip.wgsl).
 */
export const RUN_LAYOUT = layoutFields('RUN', [
  ['surfaceIndex', 'u32'], // index into SURFACES
  ['optimizerIndex', 'u32'], // index into OPTIMIZERS
  ['scheduleIndex', 'u32'], // index into SCHEDULES (only feedback schedules are dispatched on)
  ['lrSource', 'u32'], // LR_FROM_TABLE (lr_t in the table), _CONSTANT (`lr`), _FEEDBACK (`sched.x`)
  ['steps', 'u32'],
  ['tableRow', 'u32'], // row of step 0 in the step table (vec4: lr_t, s0, s1, s2)
  ['recordBase', 'u32'], // index of the run's first record in the chunk's record buffer
  ['lr', 'f32'], // the optimizer's lr, for runs without a schedule
  ['surfaceData', 'vec2u'], // (offset, count) of the run's points in surfaceData
  ['clip', 'vec2f'], // (max_norm, max_value), −1 when absent
  ['start', 'vec2f'],
  // (loss threshold, settle tolerance²) of a tracked run (ResolvedRun.track); (−∞, +∞) otherwise
  ['track', 'vec2f'],
  ['noiseSeed', 'u32'], // the run's seed of the counter-based generator (src/core/noise.ts)
  ['noiseBatch', 'u32'], // data surfaces: points per mini-batch, 0 for all of them
  ['surfaceParams', 'vec4f'],
  ['optimizerConstants', 'vec4f', 2],
  ['scheduleConstants', 'vec4f', 2],
  ['scheduleInitial', 'vec4f'],
  ['noiseScale', 'vec2f'], // σ of the gradient noise: (absolute, relative to |∇f|)
]);

/**
 * What changes as a run advances, read-write on the GPU. Once a run is done or diverged only t,
 * status and divergedAt mean anything: the step loop runs on past the end (step.wgsl).
 */
export const STATE_LAYOUT = layoutFields('STATE', [
  ['pos', 'vec2f'],
  ['t', 'u32'], // the next step to evaluate, 0..steps
  ['status', 'u32'], // RunStatus
  ['opt', 'vec4f', 2], // the optimizer's state slots (x = slot 0, ...) of coordinate 0, then 1
  ['sched', 'vec4f'],
  ['divergedAt', 'u32'],
  // Summary counters of a tracked run (src/core/explore/summary.ts): the first step with
  // loss ≤ threshold (0xffffffff: none yet) and 1 + the last step that moved more than the tolerance.
  ['firstBelow', 'u32'],
  ['settledAt', 'u32'],
]);

/** Values of STATE.status (WGSL: STATUS_RUNNING, ...). */
export const RunStatus = { running: 0, done: 1, diverged: 2 } as const;

/** Values of RUN.lrSource: where a run's lr comes from (WGSL: LR_FROM_TABLE, ...). */
export const LrSource = { table: 0, constant: 1, feedback: 2 } as const;

/** The WGSL constants of RunStatus and LrSource. */
export function enumsWgsl(): string {
  const lines: string[] = [];
  for (const [prefix, values] of [
    ['STATUS', RunStatus],
    ['LR_FROM', LrSource],
  ] as const) {
    for (const [name, value] of Object.entries(values)) {
      lines.push(`const ${constName(prefix, name)}: u32 = ${value}u;`);
    }
  }
  return lines.join('\n');
}

/** Writes one field's values at `base` (the run's first word) into u32/f32 views of one buffer. */
export function writeField(
  layout: StructLayout,
  u32: Uint32Array,
  f32: Float32Array,
  base: number,
  name: string,
  values: readonly number[],
): void {
  const field = layout.byName.get(name);
  if (!field) throw new Error(`${layout.prefix} has no field ${name}`);
  const total = field.words * field.count;
  if (values.length > total) {
    throw new Error(`${layout.prefix}.${name} holds ${total} values, got ${values.length}`);
  }
  const start = base + field.offset;
  const isFloat = field.type === 'f32' || field.type === 'vec2f' || field.type === 'vec4f';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (isFloat) f32[start + i] = v;
    else u32[start + i] = v;
  }
}

/** Reads one field back (the inverse of writeField), for status reads and tests. */
export function readField(
  layout: StructLayout,
  u32: Uint32Array,
  f32: Float32Array,
  base: number,
  name: string,
): number[] {
  const field = layout.byName.get(name);
  if (!field) throw new Error(`${layout.prefix} has no field ${name}`);
  const isFloat = field.type === 'f32' || field.type === 'vec2f' || field.type === 'vec4f';
  const out: number[] = [];
  const start = base + field.offset;
  for (let i = 0; i < field.words * field.count; i++) {
    out.push(isFloat ? (f32[start + i] ?? NaN) : (u32[start + i] ?? 0));
  }
  return out;
}
