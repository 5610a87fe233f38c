// The valibot schemas a share link's JSON is decoded with (url-codec.ts reads the link with
// them), and the reader that applies a schema one field at a time. The parameters' schemas
// are generated from the registries (params.ts paramValueSchema, one per registry entry's
// parameter list); the lane's own fields are written here once.
//
// A link is read leniently: a field that fails its schema is left out (it takes its default)
// and its schema's message is reported; the other fields are still read. Every message names
// the field.

import {
  boolean,
  check,
  custom,
  nullable,
  nullish,
  number,
  object,
  optional,
  picklist,
  pipe,
  safeParse,
  string,
  transform,
  type GenericSchema,
  type InferOutput,
} from 'valibot';
import { boundedNumber, paramValueSchema, type ParamSchema, type ParamValue } from './params';
import { MAX_SEEDS_PER_LANE, MAX_SWARM } from './config';
import { truncate } from './errors';
import { asIssue, issueMessage, message, type Message } from './messages';
import {
  DEFAULT_NOISE,
  MAX_BATCH,
  MAX_NOISE_RUNS,
  MAX_NOISE_SIGMA,
  MIN_NOISE_SIGMA,
  noiseProblem,
  type NoiseConfig,
} from './noise';

/** Longest list parameter a link may hold (multi_step_lr's milestones). */
export const MAX_LIST_LENGTH = 64;
const MAX_NAME_LENGTH = 40;

export type FieldSchema = GenericSchema<unknown, unknown>;
export type Shape = Readonly<Record<string, FieldSchema>>;
export type ShapeOutput<S extends Shape> = { -readonly [K in keyof S]?: InferOutput<S[K]> };

export interface FieldReport {
  /** A known field whose value failed its schema: the first issue's message. */
  readonly invalid: (key: string, message: Message) => void;
  /** A key the shape does not know (not reported when absent). */
  readonly unknown?: (key: string) => void;
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON object (not an array, not null), with `problem` for anything else. */
export const plainObject = (problem: Message): GenericSchema<unknown, Record<string, unknown>> =>
  custom<Record<string, unknown>>(isRecord, asIssue(problem));

/**
 * Reads `raw` against `shape` one field at a time: a field whose value fails its schema is
 * left out and reported with its schema's first message; a key the shape does not know is
 * reported (keys in `skip` are known but read elsewhere). Only own keys are read and only the
 * shape's keys are written, so `__proto__` and friends go nowhere.
 */
export function readFields<S extends Shape>(
  raw: Record<string, unknown>,
  shape: S,
  report: FieldReport,
  skip: readonly string[] = [],
): ShapeOutput<S> {
  const out: Record<string, unknown> = {};
  if (report.unknown) reportUnknownKeys(raw, [...Object.keys(shape), ...skip], report.unknown);
  for (const key of Object.keys(shape)) {
    if (!Object.hasOwn(raw, key) || raw[key] === undefined) continue;
    const result = safeParse(shape[key]!, raw[key], { abortEarly: true });
    if (result.success) out[key] = result.output;
    else report.invalid(key, issueMessage(result.issues[0].message));
  }
  return out as ShapeOutput<S>;
}

/** Calls `unknown` with each key of `raw` that is not in `known`. */
export function reportUnknownKeys(
  raw: Record<string, unknown>,
  known: readonly string[],
  unknown: (key: string) => void,
): void {
  for (const key of Object.keys(raw)) if (!known.includes(key)) unknown(key);
}

// ---- registry entries' parameters -----------------------------------------------------------

const paramShapes = new WeakMap<readonly ParamSchema[], Shape>();

/** One parameter as a link holds it: its value schema, lists capped at MAX_LIST_LENGTH first. */
function linkParamSchema(p: ParamSchema): FieldSchema {
  const value = paramValueSchema(p);
  if (p.kind !== 'list') return value;
  return pipe(
    custom<unknown[]>(Array.isArray, asIssue(message('param.list', { key: p.key }))),
    check(
      (items) => items.length <= MAX_LIST_LENGTH,
      asIssue(message('link.listTooLong', { key: p.key, max: MAX_LIST_LENGTH })),
    ),
    // (the value schema reads any input; pipe wants its input typed as unknown[])
    value as GenericSchema<unknown[], ParamValue>,
  );
}

/**
 * The link schema of a registry entry's parameters (an optimizer, a schedule, a surface),
 * generated from its parameter list and cached per list.
 */
export function paramShape(params: readonly ParamSchema[]): Shape {
  let shape = paramShapes.get(params);
  if (!shape) {
    shape = Object.fromEntries(params.map((p) => [p.key, linkParamSchema(p)]));
    paramShapes.set(params, shape);
  }
  return shape;
}

// ---- a lane's own fields --------------------------------------------------------------------

const positive = (key: string): GenericSchema<unknown, number | null> => {
  const problem = message('link.clipValue', { key });
  return nullable(
    boundedNumber(
      { min: 0, max: 1e12, exclusiveMin: true },
      { finite: problem, integer: problem, range: () => problem },
    ),
  );
};

/** A lane's `clip` object (null or an absent key: no clipping). */
export const CLIP_SHAPE = { max_norm: positive('max_norm'), max_value: positive('max_value') };

const SWARM_MESSAGE = asIssue(message('link.swarm', { max: MAX_SWARM }));
/** A lane's `swarm` object; its fields are all-or-nothing. */
export const SWARM_ENTRIES = {
  kind: picklist(['grid', 'cloud'], SWARM_MESSAGE),
  count: pipe(
    number(SWARM_MESSAGE),
    check((n) => Number.isInteger(n) && n >= 1 && n <= MAX_SWARM, SWARM_MESSAGE),
  ),
  draw: optional(picklist(['trails', 'dots'], SWARM_MESSAGE)),
};

const NOISE_PROBLEM = message('link.noise', {
  sigmaMin: MIN_NOISE_SIGMA,
  sigmaMax: MAX_NOISE_SIGMA,
  runs: MAX_NOISE_RUNS,
  batch: MAX_BATCH,
});
const NOISE_MESSAGE = asIssue(NOISE_PROBLEM);
/** A lane's `noise` object; a missing (or null) field takes the default. */
export const NOISE_ENTRIES = {
  sigma: nullish(number(NOISE_MESSAGE), DEFAULT_NOISE.sigma),
  relative: nullish(boolean(NOISE_MESSAGE), false),
  runs: nullish(number(NOISE_MESSAGE), DEFAULT_NOISE.runs),
  batch: nullish(number(NOISE_MESSAGE), DEFAULT_NOISE.batch),
};

const noiseSchema: GenericSchema<unknown, NoiseConfig> = pipe(
  plainObject(NOISE_PROBLEM),
  object(NOISE_ENTRIES, NOISE_MESSAGE),
  check(
    (n) => noiseProblem(n) === null,
    (issue) =>
      asIssue(
        message('link.noiseIgnored', { problem: noiseProblem(issue.input as NoiseConfig) ?? '' }),
      ),
  ),
);

const seedSchema = (key: string, min: number, max: number): GenericSchema<unknown, number> => {
  const problem = message('link.seed', { key, min, max });
  return boundedNumber(
    { min, max, integer: true },
    { finite: problem, integer: problem, range: () => problem },
  );
};

/** Printable text only (no control characters), at most MAX_NAME_LENGTH characters. */
const cleanName = (text: string): string =>
  Array.from(text)
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch !== '\u007f')
    .join('')
    .slice(0, MAX_NAME_LENGTH);

const NAME_MESSAGE = asIssue(message('link.name'));
const COLOR_MESSAGE = asIssue(message('link.color'));

/**
 * A lane object's fields other than its optimizer and schedule (url-codec.ts reads those
 * against the registries).
 * The messages of `name` and `color` say the fallback the caller uses.
 */
export const LANE_SHAPE = {
  name: pipe(
    string(NAME_MESSAGE),
    check((s) => s.trim() !== '', NAME_MESSAGE),
    transform(cleanName),
  ),
  color: pipe(
    string(COLOR_MESSAGE),
    check((s) => /^#[0-9a-fA-F]{6}$/.test(s), COLOR_MESSAGE),
    transform((s) => s.toLowerCase()),
  ),
  clip: nullable(plainObject(message('link.clip'))),
  swarm: nullable(
    pipe(
      plainObject(message('link.swarm', { max: MAX_SWARM })),
      object(SWARM_ENTRIES, SWARM_MESSAGE),
    ),
  ),
  hidden: boolean(asIssue(message('link.hidden'))),
  seed: seedSchema('seed', 0, 0xffffffff),
  seeds: seedSchema('seeds', 1, MAX_SEEDS_PER_LANE),
  noise: nullable(noiseSchema),
};

/** Every field a lane object of a link may hold. */
export const LANE_FIELDS = ['optimizer', 'schedule', ...Object.keys(LANE_SHAPE)];

// ---- a link's text fields (URLSearchParams values) ------------------------------------------

/** The number a link's text holds; '' and blanks are not 0. */
export const textNumber = (text: string): number => (text.trim() === '' ? NaN : Number(text));

/** Text that holds an integer in [lo, hi]; `problem` gets the text as the link has it. */
export function integerText(
  lo: number,
  hi: number,
  problem: (text: string) => Message,
): GenericSchema<string, number> {
  return pipe(
    string(),
    check(
      (text) => {
        const n = textNumber(text);
        return Number.isInteger(n) && n >= lo && n <= hi;
      },
      (issue) => asIssue(problem(issue.input as string)),
    ),
    transform(textNumber),
  );
}

/** Text that is one of `options`. */
export const choiceText = <T extends string>(
  options: readonly T[],
  problem: (text: string) => Message,
): GenericSchema<string, T> =>
  picklist(options, (issue) => asIssue(problem(issue.input as string)));

/** A flag: 1 or true, 0 or false. */
export const flagText = (problem: (text: string) => Message): GenericSchema<string, boolean> =>
  pipe(
    choiceText(['1', 'true', '0', 'false'], problem),
    transform((text) => text === '1' || text === 'true'),
  );

/**
 * One text field of a link read with its schema: the value, or `fallback` (also when the link
 * has no such field) with the schema's message added to `problems`.
 */
export function readText<T>(
  text: string | null,
  schema: GenericSchema<string, T>,
  fallback: T,
  problems: Message[],
): T {
  if (text === null) return fallback;
  const result = safeParse(schema, text, { abortEarly: true });
  if (result.success) return result.output;
  problems.push(issueMessage(result.issues[0].message));
  return fallback;
}

/**
 * A link field that must be an integer in [lo, hi], read with readText: absent gives
 * `fallback` quietly, a bad value gives `fallback` and the standard message naming the field.
 */
export function readIntegerField(
  key: string,
  text: string | null,
  lo: number,
  hi: number,
  fallback: number,
  problems: Message[],
): number {
  return readText(
    text,
    integerText(lo, hi, (t) =>
      message('link.integer', { key, lo, hi, text: truncate(t), using: fallback }),
    ),
    fallback,
    problems,
  );
}
