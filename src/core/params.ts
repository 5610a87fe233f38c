// Hyperparameter schemas: one description per parameter drives the UI slider, the URL codec,
// the run-spec parser and the validation messages.

import {
  array,
  boolean,
  check,
  number,
  picklist,
  pipe,
  safeParse,
  type GenericSchema,
} from 'valibot';
import { asIssue, englishText, issueMessage, message, type Message } from './messages';

/**
 * How a slider maps its position to a value.
 * - linear: evenly spaced values.
 * - log: evenly spaced exponents (η, ε, weight decay).
 * - log1m: evenly spaced log(1 − v), so 0.9, 0.99, 0.999, 0.9999 sit at equal distances (β, ρ, α).
 */
export type ParamScale = 'linear' | 'log' | 'log1m';

interface ParamBase {
  /** Key in the flat parameter record (PyTorch's argument name; `beta1`/`beta2` for `betas`). */
  readonly key: string;
  /** Short label for the UI, e.g. 'learning rate'. */
  readonly label: string;
  /** Mathematical symbol shown beside the label, e.g. 'η', 'β₁'. */
  readonly symbol?: string;
  /** One sentence a student can read: what the parameter does. */
  readonly help: string;
  /** True when PyTorch has no default for it (sgd's lr, step_lr's step_size, ...). */
  readonly required?: boolean;
  /**
   * Where the value sits in a docs/FORMAT.md run spec when that differs from `key`:
   * Adam's `beta1` is `betas[0]` in the spec.
   */
  readonly specKey?: { readonly key: string; readonly index: number };
}

export interface NumberParam extends ParamBase {
  readonly kind: 'number';
  readonly default: number;
  /** Validity bounds (a value outside is rejected with a message). */
  readonly min: number;
  readonly max: number;
  /** True when `min` itself is not allowed (lr > 0). */
  readonly exclusiveMin?: boolean;
  readonly integer?: boolean;
  readonly scale: ParamScale;
  /** The range the slider offers; the number field accepts anything valid. */
  readonly slider: readonly [number, number];
}

export interface BooleanParam extends ParamBase {
  readonly kind: 'boolean';
  readonly default: boolean;
}

export interface ChoiceParam extends ParamBase {
  readonly kind: 'choice';
  readonly default: string;
  readonly options: readonly string[];
}

/** A list of numbers, e.g. multi_step_lr's milestones. */
export interface ListParam extends ParamBase {
  readonly kind: 'list';
  readonly default: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
}

export type ParamSchema = NumberParam | BooleanParam | ChoiceParam | ListParam;

export type ParamValue = number | boolean | string | readonly number[];
/** Every parameter of an entry, defaults filled in, keyed by `ParamSchema.key`. */
export type ParamValues = Readonly<Record<string, ParamValue>>;

/** Reads a number parameter; throws if the record does not hold a number there (a programming error). */
export function num(values: ParamValues, key: string): number {
  const value = values[key];
  if (typeof value !== 'number') throw new Error(`parameter ${key} is not a number`);
  return value;
}

export function bool(values: ParamValues, key: string): boolean {
  const value = values[key];
  if (typeof value !== 'boolean') throw new Error(`parameter ${key} is not a boolean`);
  return value;
}

export function choice(values: ParamValues, key: string): string {
  const value = values[key];
  if (typeof value !== 'string') throw new Error(`parameter ${key} is not a choice`);
  return value;
}

export function list(values: ParamValues, key: string): readonly number[] {
  const value = values[key];
  if (!Array.isArray(value)) throw new Error(`parameter ${key} is not a list`);
  return value as readonly number[];
}

/** The defaults of a schema, for a fresh lane or a spec that leaves parameters out. */
export function defaultValues(schema: readonly ParamSchema[]): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const param of schema) values[param.key] = param.default;
  return values;
}

const valueSchemas = new WeakMap<ParamSchema, GenericSchema<unknown, ParamValue>>();

/**
 * The valibot schema of one parameter's value, generated from its description (cached per
 * description): its issue messages name the parameter and the allowed range, for the UI, the
 * URL codec and the CLI alike.
 */
export function paramValueSchema(param: ParamSchema): GenericSchema<unknown, ParamValue> {
  let schema = valueSchemas.get(param);
  if (!schema) {
    schema = buildValueSchema(param);
    valueSchemas.set(param, schema);
  }
  return schema;
}

/** A finite number, an integer where asked, within [min, max] (or (min, max]). */
export function boundedNumber(
  bounds: Pick<NumberParam, 'min' | 'max' | 'exclusiveMin' | 'integer'>,
  messages: { finite: Message; integer: Message; range: (value: number) => Message },
): GenericSchema<unknown, number> {
  const { min, max, exclusiveMin = false, integer = false } = bounds;
  const finite = asIssue(messages.finite);
  return pipe(
    number(finite),
    check((v: number) => Number.isFinite(v), finite),
    check((v) => !integer || Number.isInteger(v), asIssue(messages.integer)),
    check(
      (v) => (exclusiveMin ? v > min : v >= min) && v <= max,
      (issue) => asIssue(messages.range(issue.input as number)),
    ),
  );
}

function buildValueSchema(param: ParamSchema): GenericSchema<unknown, ParamValue> {
  const { key } = param;
  switch (param.kind) {
    case 'number': {
      const open = param.exclusiveMin ? '(' : '[';
      const { min, max } = param;
      return boundedNumber(param, {
        finite: message('param.finite', { key }),
        integer: message('param.integer', { key }),
        range: (value) => message('param.range', { key, open, min, max, value }),
      });
    }
    case 'boolean':
      return boolean(asIssue(message('param.boolean', { key })));
    case 'choice': {
      const options = param.options.join(', ');
      return picklist(param.options, asIssue(message('param.choice', { key, options })));
    }
    case 'list': {
      const { min, max } = param;
      const item = boundedNumber(param, {
        finite: message('param.listFinite', { key }),
        integer: message('param.listInteger', { key }),
        range: (value) => message('param.listRange', { key, min, max, value }),
      });
      // array() builds a new array: the caller's is never shared with the config.
      return array(item, asIssue(message('param.list', { key })));
    }
  }
}

/**
 * Checks one value against its schema. Returns null when valid, else the message of the first
 * problem (see paramValueSchema).
 */
export function paramProblem(param: ParamSchema, value: unknown): Message | null {
  const result = safeParse(paramValueSchema(param), value, { abortEarly: true });
  if (result.success) return null;
  const text = result.issues[0].message;
  return text ? issueMessage(text) : message('param.invalid', { key: param.key });
}

/** paramProblem in English (the command line's run specs, the tests). */
export function validateParam(param: ParamSchema, value: unknown): string | null {
  const problem = paramProblem(param, value);
  return problem && englishText(problem);
}

/** Slider position in [0, 1] to a value, following the parameter's scale. */
export function sliderToValue(param: NumberParam, position: number): number {
  const [lo, hi] = param.slider;
  const p = Math.min(1, Math.max(0, position));
  let value: number;
  switch (param.scale) {
    case 'linear':
      value = lo + (hi - lo) * p;
      break;
    case 'log':
      value = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * p);
      break;
    case 'log1m': {
      const a = Math.log1p(-lo);
      const b = Math.log1p(-hi);
      value = -Math.expm1(a + (b - a) * p);
      break;
    }
  }
  return param.integer ? Math.round(value) : value;
}

/** A value to its slider position in [0, 1] (clamped to the slider's range). */
export function valueToSlider(param: NumberParam, value: number): number {
  const [lo, hi] = param.slider;
  let p: number;
  switch (param.scale) {
    case 'linear':
      p = (value - lo) / (hi - lo);
      break;
    case 'log':
      p = (Math.log(value) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
      break;
    case 'log1m':
      p = (Math.log1p(-value) - Math.log1p(-lo)) / (Math.log1p(-hi) - Math.log1p(-lo));
      break;
  }
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}
