// The app's whole config in the URL's hash, and back. Decoding never throws: a malformed or
// hostile link (bad JSON, unknown names, out-of-range numbers, huge arrays, prototype keys)
// yields a config where each bad part falls back to its default, plus one message per problem
// naming what was wrong. Values are validated against the registries' schemas, and only keys
// the schemas know are ever copied, so `__proto__` and friends go nowhere.
//
// Format (URLSearchParams in the hash, numbers as JavaScript's shortest round-trip text):
//   #surface=rosenbrock&sp={"a":1}&view=-2,2,-1,3&start=-1.5,2&steps=500&seed=1&step=500
//    &lanes=[{"name":"Adam","color":"#ec4899","optimizer":{"name":"adam","lr":0.05},
//             "schedule":{"name":"step_lr","step_size":100},"clip":{"max_norm":1},
//             "swarm":{"kind":"cloud","count":1000},"hidden":true,
//             "noise":{"sigma":0.1,"relative":true,"runs":1000,"batch":8}}]
//    &sel=0&mode=grid&log=0&embed=1&controls=lr,beta1&lang=zh
//    &preset=<id> (a preset's "what to look at" text)
// A typed surface: surface=custom&f=<the formula, URL-encoded>&sp={"a":2} (its parameters).

import type { OptimizerDef, ScheduleDef, SurfaceDef, Vec2, ViewWindow } from './types';
import type { ParamSchema } from './params';
import { MAX_START_ABS, MAX_STEPS } from './limits';
import {
  defaultConfig,
  MAX_EMBED_CONTROLS,
  MAX_LANES,
  VIEW_MODES,
  type Config,
  type LaneConfig,
  type ParamRecord,
  type ViewMode,
  LANGUAGES,
  type Language,
} from './config';
import { decodeTrain, encodeTrain, TRAIN_URL_KEYS } from './train/url';
import { decodeExplore, encodeExplore, EXPLORE_URL_KEYS } from './explore/url';
import { decodeOrbit, encodeOrbit, ORBIT_URL_KEYS } from './orbit';
import { findPreset, laneFromSpec } from './presets';
import { encodeNoise } from './noiseCodec';
import { choiceText, flagText, readIntegerField, readText, isRecord } from './linkSchema';
import { trainTask } from './train/trainConfig';
import { CUSTOM_SURFACE_ID, surfaceOfRef, typedSurface, type SurfaceRef } from './surfaceRef';
import { truncate } from './errors';
import { englishText, message, registryText, type Message } from './messages';
import { parseJson, parseNumbers, readLane, readParams } from './linkLane';

/** The registries the codec validates against (arrays of the registry entries). */
export interface Registries {
  readonly surfaces: readonly SurfaceDef[];
  readonly optimizers: readonly OptimizerDef[];
  readonly schedules: readonly ScheduleDef[];
}

export interface Decoded {
  readonly config: Config;
  /** One message per problem found; empty for a clean link. */
  readonly messages: readonly Message[];
  /** The messages in English, one line each (the command line, the tests). */
  readonly problems: string[];
}

/** Longest hash accepted at all (a real config is a few hundred characters). */
export const MAX_HASH_LENGTH = 16_000;
/** Largest |coordinate| of a view window. */
export const MAX_VIEW_ABS = 1e6;

const fmt = (v: number): string => String(v);

/** The registry entry a surface reference names: the typed surface is not in `reg`. */
function surfaceIn(ref: SurfaceRef, reg: Registries): SurfaceDef | undefined {
  return ref.id === CUSTOM_SURFACE_ID
    ? surfaceOfRef(ref)
    : reg.surfaces.find((s) => s.id === ref.id);
}

function paramsToObject(
  values: ParamRecord,
  schema: readonly ParamSchema[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of schema) {
    const v = values[p.key];
    if (v !== undefined) out[p.key] = v;
  }
  return out;
}

function laneToJson(lane: LaneConfig, reg: Registries): Record<string, unknown> {
  const opt = reg.optimizers.find((o) => o.id === lane.optimizer.id);
  const out: Record<string, unknown> = {
    name: lane.name,
    color: lane.color,
    optimizer: {
      name: lane.optimizer.id,
      ...paramsToObject(lane.optimizer.params, opt?.params ?? []),
    },
  };
  if (lane.schedule) {
    const sch = reg.schedules.find((s) => s.id === lane.schedule!.id);
    out['schedule'] = {
      name: lane.schedule.id,
      ...paramsToObject(lane.schedule.params, sch?.params ?? []),
    };
  }
  const clip: Record<string, number> = {};
  if (lane.clip.maxNorm !== null) clip['max_norm'] = lane.clip.maxNorm;
  if (lane.clip.maxValue !== null) clip['max_value'] = lane.clip.maxValue;
  if (Object.keys(clip).length > 0) out['clip'] = clip;
  if (lane.swarm)
    out['swarm'] = {
      kind: lane.swarm.kind,
      count: lane.swarm.count,
      ...(lane.swarm.draw === 'dots' ? { draw: 'dots' } : {}),
    };
  if (lane.noise) out['noise'] = encodeNoise(lane.noise);
  if (!lane.visible) out['hidden'] = true;
  if (lane.seed !== undefined) out['seed'] = lane.seed;
  if (lane.seeds !== undefined && lane.seeds > 1) out['seeds'] = lane.seeds;
  return out;
}

/** The config as a URL hash (without the leading '#'). */
export function encodeConfig(config: Config, reg: Registries): string {
  const q = new URLSearchParams();
  q.set('surface', config.surface.id);
  if (config.surface.id === CUSTOM_SURFACE_ID && config.surface.expression !== undefined)
    q.set('f', config.surface.expression);
  const surf = surfaceIn(config.surface, reg);
  const sp = paramsToObject(config.surface.params, surf?.params ?? []);
  if (Object.keys(sp).length > 0) q.set('sp', JSON.stringify(sp));
  const v = config.view;
  q.set('view', [v.xMin, v.xMax, v.yMin, v.yMax].map(fmt).join(','));
  q.set('start', config.start.map(fmt).join(','));
  q.set('steps', fmt(config.steps));
  q.set('seed', fmt(config.seed));
  q.set('step', fmt(config.step));
  q.set('lanes', JSON.stringify(config.lanes.map((l) => laneToJson(l, reg))));
  const sel = config.lanes.findIndex((l) => l.id === config.selectedLane);
  if (sel >= 0) q.set('sel', fmt(sel));
  if (config.mode !== 'single') q.set('mode', config.mode);
  if (config.mode === 'train') encodeTrain(config.train, q);
  const sweptLane = config.lanes.findIndex((l) => l.id === config.explore.sweep.lane);
  encodeExplore(config.mode, config.explore, sweptLane, q);
  if (config.mode === '3d') encodeOrbit(config.orbit, q);
  if (!config.chart.logLoss) q.set('log', '0');
  if (config.embed) q.set('embed', '1');
  if (config.controls.length > 0) q.set('controls', config.controls.join(','));
  if (config.preset !== null) q.set('preset', config.preset);
  if (config.lang !== 'en') q.set('lang', config.lang);
  // ',' and ':' are allowed in a fragment as they are: keep them readable (view=-2,2,-1,3).
  return q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}

// ---- decoding ------------------------------------------------------------------------------

/** `preset=<id>`: a known preset's id, else null with a message. */
function presetField(text: string | null, problems: Message[]): string | null {
  if (text === null) return null;
  if (findPreset(text)) return text;
  problems.push(message('link.noPreset', { id: truncate(text) }));
  return null;
}

/**
 * The typed surface of a link's `f`, or null with a message naming the character at fault
 * (1-based, as an editor counts) and what is wrong there.
 */
function readFormula(text: string | null, problems: Message[]): SurfaceDef | null {
  if (text === null) {
    problems.push(message('link.formulaMissing'));
    return null;
  }
  const outcome = typedSurface(text);
  if (outcome.ok) return outcome.def;
  problems.push(message('link.formula', { at: outcome.position + 1, problem: outcome.problem }));
  return null;
}

function validView(v: readonly number[]): ViewWindow | null {
  const [xMin, xMax, yMin, yMax] = v as [number, number, number, number];
  if (v.some((n) => Math.abs(n) > MAX_VIEW_ABS)) return null;
  if (!(xMax - xMin > 1e-9) || !(yMax - yMin > 1e-9)) return null;
  return { xMin, xMax, yMin, yMax };
}

/** Reads a hash (with or without the leading '#'). An empty hash gives the defaults, no problems. */
export function decodeConfig(
  hash: string,
  reg: Registries,
  base: Config = defaultConfig(),
): Decoded {
  const problems: Message[] = [];
  let text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > MAX_HASH_LENGTH) {
    problems.push(message('link.tooLong', { length: text.length, max: MAX_HASH_LENGTH }));
    text = '';
  }
  if (text === '') return decoded(base, problems);
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(text);
  } catch {
    return decoded(base, [message('link.unreadable')]);
  }
  const get = (key: string): string | null => q.get(key);
  const known = new Set([
    'surface',
    'f',
    'sp',
    'view',
    'start',
    'steps',
    'seed',
    'step',
    'lanes',
    'sel',
    'mode',
    'log',
    'embed',
    'controls',
    'preset',
    'lang',
    ...TRAIN_URL_KEYS,
    ...EXPLORE_URL_KEYS,
    ...ORBIT_URL_KEYS,
  ]);
  for (const key of new Set(q.keys())) {
    if (!known.has(key)) problems.push(message('link.unknownKey', { key: truncate(key) }));
    else if (q.getAll(key).length > 1)
      problems.push(message('link.repeated', { key, count: q.getAll(key).length }));
  }

  // Surface: its view and start are the fallbacks for the view and start below.
  let surface = base.surface;
  let surfDef = surfaceIn(surface, reg);
  let view: ViewWindow = surfDef?.view ?? base.view;
  let start: Vec2 = surfDef?.defaultStart ?? base.start;
  const surfaceName = get('surface');
  const formula = get('f');
  if (surfaceName !== null) {
    const typed = surfaceName === CUSTOM_SURFACE_ID ? readFormula(formula, problems) : null;
    const def =
      surfaceName === CUSTOM_SURFACE_ID
        ? (typed ?? undefined)
        : reg.surfaces.find((s) => s.id === surfaceName);
    if (def) {
      surfDef = def;
      surface =
        typed && formula !== null
          ? { id: def.id, params: {}, expression: formula }
          : { id: def.id, params: {} };
      view = def.view;
      start = def.defaultStart;
    } else {
      const using = registryText(surfDef?.label ?? surface.id, surface.id);
      problems.push(
        surfaceName === CUSTOM_SURFACE_ID
          ? message('link.formulaFallback', { using })
          : message('link.unknownSurface', { name: truncate(surfaceName), using }),
      );
    }
  } else {
    view = base.view;
    start = base.start;
  }
  if (formula !== null && surfaceName !== CUSTOM_SURFACE_ID)
    problems.push(message('link.formulaIgnored'));
  const spText = get('sp');
  // The parameters of a formula that could not be read are not another surface's.
  const typedFailed = surfaceName === CUSTOM_SURFACE_ID && surface.id !== CUSTOM_SURFACE_ID;
  if (spText !== null && surfDef && !typedFailed) {
    const raw = parseJson(spText, message('link.surfaceParams'), problems);
    if (raw !== undefined) {
      if (isRecord(raw)) {
        const what = message('link.surfaceEntry', { id: surface.id });
        surface = { ...surface, params: readParams(raw, surfDef.params, [], what, problems) };
      } else problems.push(message('link.spNotObject'));
    }
  }

  const viewText = get('view');
  if (viewText !== null) {
    const nums = parseNumbers(viewText, 4, 'view', problems);
    if (nums) {
      const v = validView(nums);
      if (v) view = v;
      else problems.push(message('link.view', { max: MAX_VIEW_ABS }));
    }
  }

  const startText = get('start');
  if (startText !== null) {
    const nums = parseNumbers(startText, 2, 'start', problems);
    if (nums) {
      if (nums.every((n) => Math.abs(n) <= MAX_START_ABS)) start = [nums[0]!, nums[1]!];
      else problems.push(message('link.start', { max: MAX_START_ABS }));
    }
  }

  const intField = (key: string, lo: number, hi: number, fallback: number): number =>
    readIntegerField(key, get(key), lo, hi, fallback, problems);
  const steps = intField('steps', 1, MAX_STEPS, base.steps);
  const seed = intField('seed', 0, 0xffffffff, base.seed);
  const step = intField('step', 0, steps, Math.min(base.step, steps));

  let lanes: LaneConfig[] = [...base.lanes];
  const lanesText = get('lanes');
  if (lanesText !== null) {
    const raw = parseJson(lanesText, 'lanes', problems);
    if (raw !== undefined) {
      if (!Array.isArray(raw)) problems.push(message('link.lanesNotList'));
      else {
        if (raw.length > MAX_LANES)
          problems.push(message('link.lanesTooMany', { count: raw.length, max: MAX_LANES }));
        const read: LaneConfig[] = [];
        for (const item of raw.slice(0, MAX_LANES)) {
          const lane = readLane(item, read.length, reg, problems);
          if (lane) read.push(lane);
        }
        if (read.length > 0 || raw.length === 0) lanes = read;
        else problems.push(message('link.lanesNone'));
      }
    }
  }

  const modeSchema = choiceText(VIEW_MODES, (t) =>
    message('link.mode', { options: VIEW_MODES.join(', '), text: truncate(t) }),
  );
  const mode: ViewMode = readText(get('mode'), modeSchema, 'single', problems);
  const orbit = decodeOrbit(get, problems);

  const train = decodeTrain(get, base.train, problems);
  const explore = decodeExplore(
    get,
    base.explore,
    lanes.map((l) => l.id),
    problems,
  );
  // A Train link without lanes races the task's own lanes.
  if (mode === 'train' && lanesText === null) lanes = trainTask(train).lanes.map(laneFromSpec);

  let selectedLane: string | null = null;
  const selText = get('sel');
  if (selText !== null) {
    const i = Number(selText);
    const lane = Number.isInteger(i) ? lanes[i] : undefined;
    if (lane) selectedLane = lane.id;
    else problems.push(message('link.sel', { text: truncate(selText) }));
  }

  const flag = (key: string, fallback: boolean): boolean =>
    readText(
      get(key),
      flagText((t) => message('link.flag', { key, text: truncate(t) })),
      fallback,
      problems,
    );

  return decoded(
    {
      surface,
      view,
      lanes,
      steps,
      start,
      seed,
      step,
      chart: { logLoss: flag('log', true) },
      mode,
      orbit,
      train,
      explore,
      selectedLane,
      embed: flag('embed', false),
      controls: readControls(get('controls'), lanes[0], reg, problems),
      preset: presetField(get('preset'), problems),
      lang: decodeLang(get('lang'), problems),
    },
    problems,
  );
}

function decoded(config: Config, messages: Message[]): Decoded {
  return { config, messages, problems: messages.map(englishText) };
}

/** `controls=lr,beta1`: parameters of the first lane's optimizer, shown as an embed's sliders. */
function readControls(
  text: string | null,
  lane: LaneConfig | undefined,
  reg: Registries,
  problems: Message[],
): string[] {
  if (text === null) return [];
  const names = text.split(',').map((n) => n.trim());
  const schema = reg.optimizers.find((o) => o.id === lane?.optimizer.id)?.params ?? [];
  const sliders = schema.filter((p) => p.kind === 'number').map((p) => p.key);
  const out: string[] = [];
  for (const name of names) {
    if (name === '') continue;
    if (!sliders.includes(name)) {
      problems.push(
        lane
          ? message('link.controlsNotParam', {
              name: truncate(name),
              id: lane.optimizer.id,
              keys: sliders.join(', '),
            })
          : message('link.controlsNoLane', { name: truncate(name) }),
      );
    } else if (out.includes(name)) problems.push(message('link.controlsTwice', { name }));
    else if (out.length >= MAX_EMBED_CONTROLS)
      problems.push(message('link.controlsTooMany', { max: MAX_EMBED_CONTROLS, name }));
    else out.push(name);
  }
  return out;
}

/** `lang=zh`: a known interface language, or English with a message naming the bad value. */
function decodeLang(text: string | null, problems: Message[]): Language {
  const schema = choiceText(LANGUAGES, (t) =>
    message('link.lang', { options: LANGUAGES.join(', '), text: truncate(t) }),
  );
  return readText(text, schema, 'en', problems);
}
