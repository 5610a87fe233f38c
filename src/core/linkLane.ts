// Reading a link's lanes (and the small parsers the rest of the link decoder shares): each
// lane object is checked field by field against the registries' schemas; a bad field falls
// back to its default with a message, a lane that cannot be read is dropped with one.
// url-codec.ts owns the whole link; this file owns one lane of it.

import type { ParamSchema } from './params';
import { LANE_COLORS, type LaneConfig, type ParamRecord, type SwarmConfig } from './config';
import {
  CLIP_SHAPE,
  isRecord,
  LANE_FIELDS,
  LANE_SHAPE,
  NOISE_ENTRIES,
  paramShape,
  readFields,
  reportUnknownKeys,
  SWARM_ENTRIES,
  type FieldReport,
} from './linkSchema';
import { quoteValue, truncate } from './errors';
import { message, registryText, type Message } from './messages';
import type { Registries } from './url-codec';

/** Own enumerable property, never the prototype chain. */
const own = (o: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(o, key) ? o[key] : undefined;

export function parseJson(text: string, what: Message | string, problems: Message[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    problems.push(message('link.badJson', { what }));
    return undefined;
  }
}

export function parseNumbers(
  text: string,
  count: number,
  what: string,
  problems: Message[],
): number[] | null {
  const parts = text.split(',');
  const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if (parts.length !== count || nums.some((n) => !Number.isFinite(n))) {
    problems.push(message('link.numbers', { what, count, text: truncate(text) }));
    return null;
  }
  return nums;
}

/**
 * Reads the parameters of a registry entry from `source` against the entry's schema (generated
 * from the registry): an invalid value takes the default, with a message; other keys are named.
 */
export function readParams(
  source: Record<string, unknown>,
  schema: readonly ParamSchema[],
  skip: readonly string[],
  what: Message,
  problems: Message[],
): ParamRecord {
  const report: FieldReport = {
    invalid: (_, problem) => problems.push(message('link.paramInvalid', { what, problem })),
    unknown: (key) => problems.push(message('link.paramUnknown', { what, key: truncate(key) })),
  };
  return readFields(source, paramShape(schema), report, skip) as ParamRecord;
}

/** A registry entry (optimizer, schedule) a link object names by its `name`. */
function entryNamed<E extends { readonly id: string }>(
  entries: readonly E[],
  obj: unknown,
): E | undefined {
  const name = isRecord(obj) ? own(obj, 'name') : undefined;
  return typeof name === 'string' ? entries.find((e) => e.id === name) : undefined;
}

const unknownSubfield = (what: Message, field: string, key: string): Message =>
  message('link.laneUnknownSubfield', { what, field, key: truncate(key) });

export function readLane(
  raw: unknown,
  index: number,
  reg: Registries,
  problems: Message[],
): LaneConfig | null {
  const lane = index + 1;
  const what = message('link.lane', { lane });
  if (!isRecord(raw)) {
    problems.push(message('link.laneNotObject', { what }));
    return null;
  }
  reportUnknownKeys(raw, LANE_FIELDS, (key) =>
    problems.push(message('link.laneUnknownField', { what, key: truncate(key) })),
  );
  const optRaw = own(raw, 'optimizer');
  if (!isRecord(optRaw)) {
    problems.push(message('link.laneNoOptimizer', { what }));
    return null;
  }
  const opt = entryNamed(reg.optimizers, optRaw);
  if (!opt) {
    const name = quoteValue(own(optRaw, 'name'));
    problems.push(message('link.laneUnknownOptimizer', { what, name }));
    return null;
  }
  const color = LANE_COLORS[index % LANE_COLORS.length]!;
  const fields = readFields(raw, LANE_SHAPE, {
    invalid: (key, problem) =>
      problems.push(
        key === 'name'
          ? message('link.laneName', { what, problem, using: registryText(opt.label) })
          : key === 'color'
            ? message('link.laneColor', { what, problem, using: color })
            : message('link.laneField', { what, problem }),
      ),
  });
  const entry = (def: { id: string; label: string }) =>
    message('link.laneEntry', { lane, id: registryText(def.label, def.id) });
  const optimizer = {
    id: opt.id,
    params: readParams(optRaw, opt.params, ['name'], entry(opt), problems),
  };

  let schedule: LaneConfig['schedule'] = null;
  const schRaw = own(raw, 'schedule');
  if (schRaw !== undefined && schRaw !== null) {
    const sch = entryNamed(reg.schedules, schRaw);
    if (sch && isRecord(schRaw)) {
      const params = readParams(schRaw, sch.params, ['name'], entry(sch), problems);
      schedule = { id: sch.id, params };
    } else {
      const named = isRecord(schRaw) ? own(schRaw, 'name') : undefined;
      const name = quoteValue(named ?? schRaw);
      problems.push(message('link.laneUnknownSchedule', { what, name }));
    }
  }

  const clip = fields.clip
    ? readFields(fields.clip, CLIP_SHAPE, {
        invalid: (_, problem) => problems.push(message('link.laneField', { what, problem })),
        unknown: (key) => problems.push(unknownSubfield(what, 'clip', key)),
      })
    : {};
  let swarm: SwarmConfig | null = null;
  if (fields.swarm) {
    const { kind, count, draw } = fields.swarm;
    swarm = draw === 'dots' ? { kind, count, draw } : { kind, count };
  }
  for (const [field, entries] of [
    ['swarm', SWARM_ENTRIES],
    ['noise', NOISE_ENTRIES],
  ] as const) {
    const obj = own(raw, field);
    if (isRecord(obj))
      reportUnknownKeys(obj, Object.keys(entries), (key) =>
        problems.push(unknownSubfield(what, field, key)),
      );
  }
  const noise = fields.noise ?? null;
  if (noise && swarm) {
    problems.push(message('link.laneSwarmAndNoise', { what }));
    swarm = null;
  }
  const { seed, seeds } = fields;
  return {
    id: `l${index + 1}`,
    name: fields.name ?? opt.label,
    color: fields.color ?? color,
    visible: fields.hidden !== true,
    optimizer,
    schedule,
    clip: { maxNorm: clip.max_norm ?? null, maxValue: clip.max_value ?? null },
    swarm,
    ...(seed !== undefined ? { seed } : {}),
    ...(seeds !== undefined && seeds > 1 ? { seeds } : {}),
    ...(noise ? { noise } : {}),
  };
}
