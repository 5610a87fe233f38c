// The run-spec parser: docs/FORMAT.md cases (PyTorch argument names) to ResolvedRun, with every
// default filled in from the registries' schemas and every problem reported as a SpecError
// that names the case and the field. `toRunSpec` writes the same shape back.

import type { ResolvedRun, SurfaceData, Vec2 } from './types';
import type { ParamSchema, ParamValue, ParamValues } from './params';
import { validateParam } from './params';
import { MAX_START_ABS, MAX_STEPS } from './limits';
import { OPTIMIZERS, optimizerById } from './optimizers';
import { SCHEDULES, scheduleById } from './schedules';
import { SURFACES, surfaceById } from './surfaces';
import { CUSTOM_SURFACE_ID, surfaceOfRef, typedSurface } from './surfaceRef';

export class SpecError extends Error {
  constructor(
    readonly caseId: string,
    /** Path of the offending value, e.g. `optimizer.betas[1]`; '' for the case itself. */
    readonly field: string,
    readonly detail: string,
  ) {
    super(`case ${caseId}${field ? `, ${field}` : ''}: ${detail}`);
    this.name = 'SpecError';
  }
}

/** Case fields that are generator outputs, not inputs of the run. */
const OUTPUT_FIELDS = new Set(['expected', 'chaotic', 'f32_divergence', 'f32_compare_steps']);
const INPUT_FIELDS = ['id', 'surface', 'start', 'optimizer', 'schedule', 'clip', 'steps'];

/** A JSON object as parsed. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as an error message names it: `"text"`, `null`, `an array`, `number`, ... */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? `"${value}"` : typeof value;
}

/** Reads one case's fields; every problem is a SpecError naming the case and the field. */
export class Parser {
  constructor(readonly caseId: string) {}

  fail(field: string, detail: string): never {
    throw new SpecError(this.caseId, field, detail);
  }

  object(value: unknown, field: string): Json {
    if (!isObject(value)) this.fail(field, `must be an object, got ${describe(value)}`);
    return value;
  }

  /** Resolves a registry name, listing the known ones when it is not found. */
  name<T>(
    obj: Json,
    field: string,
    lookup: (id: string) => T | undefined,
    known: readonly { id: string }[],
  ): T {
    const name = obj['name'];
    if (typeof name !== 'string')
      this.fail(`${field}.name`, `must be a string, got ${describe(name)}`);
    const def = lookup(name);
    if (def === undefined)
      this.fail(
        `${field}.name`,
        `unknown ${field} "${name}"; known: ${known.map((d) => d.id).join(', ')}`,
      );
    return def;
  }

  /**
   * Reads the parameters of `schema` from `obj` (every key but `name` and `extra`), filling in
   * defaults and rejecting unknown keys, wrong types and out-of-range values.
   */
  params(
    obj: Json,
    field: string,
    schema: readonly ParamSchema[],
    extra: readonly string[] = [],
  ): ParamValues {
    const values: Record<string, ParamValue> = {};
    const specKeys = new Set<string>(['name', ...extra]);
    for (const param of schema) specKeys.add(param.specKey?.key ?? param.key);
    for (const key of Object.keys(obj)) {
      if (!specKeys.has(key)) {
        const known = [...specKeys].filter((k) => k !== 'name');
        this.fail(
          `${field}.${key}`,
          `unknown parameter "${key}"; known: ${known.length ? known.join(', ') : '(none)'}`,
        );
      }
    }
    for (const param of schema) {
      let raw: unknown;
      let path: string;
      if (param.specKey) {
        const container = obj[param.specKey.key];
        path = `${field}.${param.specKey.key}[${param.specKey.index}]`;
        if (container === undefined || container === null) raw = undefined;
        else {
          const size = schema.filter((p) => p.specKey?.key === param.specKey?.key).length;
          if (!Array.isArray(container) || container.length !== size)
            this.fail(
              `${field}.${param.specKey.key}`,
              `must be a list of ${size} numbers, got ${describe(container)}`,
            );
          raw = container[param.specKey.index];
        }
      } else {
        path = `${field}.${param.key}`;
        raw = obj[param.key];
        if (raw === null) raw = undefined;
      }
      if (raw === undefined) {
        if (param.required) this.fail(path, `is required`);
        values[param.key] = param.default;
        continue;
      }
      if (param.kind === 'list' && Array.isArray(raw)) {
        raw.forEach((item: unknown, i) => {
          const message = validateParam({ ...param, default: [] }, [item]);
          if (message) this.fail(`${path}[${i}]`, message.replace(param.key, `${param.key}[${i}]`));
        });
      }
      const message = validateParam(param, raw);
      if (message) this.fail(path, message);
      values[param.key] = (Array.isArray(raw) ? [...(raw as number[])] : raw) as ParamValue;
    }
    return values;
  }

  finite(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(field, `must be a finite number, got ${describe(value)}`);
    return value;
  }

  data(value: unknown, field: string, kind: 'linear' | 'logistic'): SurfaceData {
    const obj = this.object(value, field);
    const keys = kind === 'linear' ? ['u', 'v'] : ['u', 'w', 'c'];
    for (const key of Object.keys(obj))
      if (!keys.includes(key))
        this.fail(
          `${field}.${key}`,
          `unknown data array "${key}"; a ${kind} data set has ${keys.join(', ')}`,
        );
    const arrays: Record<string, number[]> = {};
    let length = -1;
    for (const key of keys) {
      const arr = obj[key];
      if (!Array.isArray(arr))
        this.fail(`${field}.${key}`, `must be an array of numbers, got ${describe(arr)}`);
      if (arr.length === 0) this.fail(`${field}.${key}`, 'must not be empty');
      arrays[key] = arr.map((item: unknown, i) => this.finite(item, `${field}.${key}[${i}]`));
      if (length >= 0 && arr.length !== length)
        this.fail(
          `${field}.${key}`,
          `has ${arr.length} entries but ${keys[0]} has ${length}: data arrays must have equal length`,
        );
      length = arr.length;
    }
    if (kind === 'logistic')
      (arrays['c'] as number[]).forEach((c, i) => {
        if (c !== 0 && c !== 1) this.fail(`${field}.c[${i}]`, `labels must be 0 or 1, got ${c}`);
      });
    return arrays as unknown as SurfaceData;
  }
}

/** The `optimizer` field of a case (PyTorch names, defaults filled in from the registry). */
export function parseOptimizerField(p: Parser, spec: Json): ResolvedRun['optimizer'] {
  const optObj = p.object(spec['optimizer'], 'optimizer');
  const optimizer = p.name(optObj, 'optimizer', optimizerById, OPTIMIZERS);
  const optParams = p.params(optObj, 'optimizer', optimizer.params);
  if (optimizer.id === 'sgd' && optParams['nesterov'] === true) {
    if (!((optParams['momentum'] as number) > 0) || optParams['dampening'] !== 0)
      p.fail('optimizer.nesterov', 'Nesterov momentum requires momentum > 0 and dampening = 0');
  }
  return { id: optimizer.id, params: optParams };
}

/**
 * The optional `schedule` field; `runLength` is what the schedule is stepped over (steps for
 * a 2-D run, epochs for a train case), for one_cycle_lr's total_steps check.
 */
export function parseScheduleField(
  p: Parser,
  spec: Json,
  runLength: number,
): ResolvedRun['schedule'] {
  let schedule: ResolvedRun['schedule'] = null;
  if (spec['schedule'] !== undefined && spec['schedule'] !== null) {
    const schedObj = p.object(spec['schedule'], 'schedule');
    const def = p.name(schedObj, 'schedule', scheduleById, SCHEDULES);
    // docs/FORMAT.md: one_cycle_lr's cycle_momentum is always false; accept it written out as such.
    const extra = def.id === 'one_cycle_lr' ? ['cycle_momentum'] : [];
    const params = p.params(schedObj, 'schedule', def.params, extra);
    const cycle = schedObj['cycle_momentum'];
    if (extra.length && cycle !== undefined && cycle !== null && cycle !== false)
      p.fail(
        'schedule.cycle_momentum',
        'must be false: runs have no momentum to cycle (docs/FORMAT.md), got ' + describe(cycle),
      );
    const problem = def.validateRun?.(params, runLength);
    if (problem) p.fail(`schedule`, problem);
    schedule = { id: def.id, params };
  }
  return schedule;
}

/** The optional `clip` field: max_norm and max_value, each ≥ 0 or absent. */
export function parseClipField(p: Parser, spec: Json): ResolvedRun['clip'] {
  let maxNorm: number | null = null;
  let maxValue: number | null = null;
  if (spec['clip'] !== undefined && spec['clip'] !== null) {
    const clipObj = p.object(spec['clip'], 'clip');
    for (const key of Object.keys(clipObj))
      if (key !== 'max_norm' && key !== 'max_value')
        p.fail(`clip.${key}`, `unknown parameter "${key}"; known: max_norm, max_value`);
    const bound = (key: string): number | null => {
      const v = clipObj[key];
      if (v === undefined || v === null) return null;
      const n = p.finite(v, `clip.${key}`);
      if (n < 0) p.fail(`clip.${key}`, `must be ≥ 0, got ${n}`);
      return n;
    };
    maxNorm = bound('max_norm');
    maxValue = bound('max_value');
  }
  return { maxNorm, maxValue };
}

/** Parses one docs/FORMAT.md case (output fields such as `expected` are ignored). */
export function parseRunSpec(value: unknown, index: number): ResolvedRun {
  const rawId = isObject(value) ? value['id'] : undefined;
  const caseId = typeof rawId === 'string' && rawId !== '' ? rawId : `#${index}`;
  const p: Parser = new Parser(caseId);
  const spec = p.object(value, '');
  if (typeof rawId !== 'string' || rawId === '')
    p.fail('id', `must be a non-empty string, got ${describe(rawId)}`);
  for (const key of Object.keys(spec))
    if (!INPUT_FIELDS.includes(key) && !OUTPUT_FIELDS.has(key) && !key.startsWith('f32_'))
      p.fail(key, `unknown field "${key}"; known: ${INPUT_FIELDS.join(', ')}`);

  // surface
  const surfaceObj = p.object(spec['surface'], 'surface');
  // A typed surface: {"name": "custom", "expression": "<f(x, y)>", <its parameters>}.
  let expression: string | undefined;
  if (surfaceObj['name'] === CUSTOM_SURFACE_ID) {
    const text = surfaceObj['expression'];
    if (typeof text !== 'string')
      p.fail('surface.expression', `must be the formula as a string, got ${describe(text)}`);
    const outcome = typedSurface(text);
    if (!outcome.ok)
      p.fail('surface.expression', `at character ${outcome.position + 1}: ${outcome.message}`);
    expression = text;
  }
  const surface =
    expression === undefined
      ? p.name(surfaceObj, 'surface', surfaceById, SURFACES)
      : surfaceOfRef({ id: CUSTOM_SURFACE_ID, expression })!;
  const surfaceParams = p.params(
    surfaceObj,
    'surface',
    surface.params,
    surface.data ? ['data'] : expression === undefined ? [] : ['expression'],
  );
  let data: SurfaceData | undefined;
  if (surface.data) {
    if (surfaceObj['data'] === undefined || surfaceObj['data'] === null)
      p.fail('surface.data', `surface ${surface.id} needs a data set`);
    data = p.data(surfaceObj['data'], 'surface.data', surface.data);
  }

  // start
  const startRaw = spec['start'];
  if (!Array.isArray(startRaw) || startRaw.length !== 2)
    p.fail('start', `must be a pair of numbers [x, y], got ${describe(startRaw)}`);
  const start = startRaw.map((v: unknown, i) => {
    const n = p.finite(v, `start[${i}]`);
    if (Math.abs(n) > MAX_START_ABS)
      p.fail(`start[${i}]`, `must be within ±${MAX_START_ABS}, got ${n}`);
    return n;
  }) as unknown as Vec2;

  const optimizer = parseOptimizerField(p, spec);

  // steps
  const steps = spec['steps'];
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS)
    p.fail(
      'steps',
      `must be an integer in [1, ${MAX_STEPS}], got ${describe(steps) === 'number' ? steps : describe(steps)}`,
    );

  const schedule = parseScheduleField(p, spec, steps);
  const clip = parseClipField(p, spec);

  return {
    id: caseId,
    surface: {
      id: surface.id,
      params: surfaceParams,
      ...(data ? { data } : {}),
      ...(expression === undefined ? {} : { expression }),
    },
    start,
    optimizer,
    schedule,
    clip,
    steps,
  };
}

/** Parses a JSON array of cases; the first bad case throws its SpecError. */
export function parseRunSpecs(value: unknown): ResolvedRun[] {
  if (!Array.isArray(value))
    throw new SpecError('(file)', '', `expected a JSON array of cases, got ${describe(value)}`);
  return value.map((item, i) => parseRunSpec(item, i));
}

/** Writes parameters in spec form: every value, `beta1`/`beta2` gathered into `betas`. */
function writeParams(schema: readonly ParamSchema[], values: ParamValues, out: Json): void {
  for (const param of schema) {
    const value = values[param.key] ?? param.default;
    const v = Array.isArray(value) ? [...(value as number[])] : value;
    if (param.specKey) {
      const arr = (out[param.specKey.key] as unknown[] | undefined) ?? [];
      arr[param.specKey.index] = v;
      out[param.specKey.key] = arr;
    } else {
      out[param.key] = v;
    }
  }
}

/** The docs/FORMAT.md shape of a run, all parameters written out; parseRunSpec reads it back. */
export function toRunSpec(run: ResolvedRun): Record<string, unknown> {
  const surfaceDef = surfaceOfRef(run.surface);
  const optDef = optimizerById(run.optimizer.id);
  if (!surfaceDef || !optDef)
    throw new Error(`run ${run.id} names an unknown surface or optimizer`);
  const surface: Json = { name: run.surface.id };
  if (run.surface.expression !== undefined) surface['expression'] = run.surface.expression;
  writeParams(surfaceDef.params, run.surface.params, surface);
  if (run.surface.data) {
    const data: Json = {};
    for (const [key, arr] of Object.entries(run.surface.data))
      if (arr !== undefined) data[key] = [...(arr as number[])];
    surface['data'] = data;
  }
  const optimizer: Json = { name: run.optimizer.id };
  writeParams(optDef.params, run.optimizer.params, optimizer);
  const spec: Json = {
    id: run.id,
    surface,
    start: [run.start[0], run.start[1]],
    optimizer,
    steps: run.steps,
  };
  if (run.schedule) {
    const def = scheduleById(run.schedule.id);
    if (!def) throw new Error(`run ${run.id} names an unknown schedule`);
    const schedule: Json = { name: run.schedule.id };
    writeParams(def.params, run.schedule.params, schedule);
    spec['schedule'] = schedule;
  }
  if (run.clip.maxNorm !== null || run.clip.maxValue !== null) {
    const clip: Json = {};
    if (run.clip.maxNorm !== null) clip['max_norm'] = run.clip.maxNorm;
    if (run.clip.maxValue !== null) clip['max_value'] = run.clip.maxValue;
    spec['clip'] = clip;
  }
  return spec;
}
