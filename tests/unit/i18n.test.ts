// Every English string has a Chinese one and vice versa (interface and Learn texts), with the
// same {{placeholders}}, and every Learn topic has its prose in both languages.
import { describe, expect, it } from 'vitest';
import { en, type Strings } from '../../src/ui/i18n/en';
import { zh } from '../../src/ui/i18n/zh';
import { learnTexts as learnEn } from '../../src/ui/learn/texts/en';
import { learnTexts as learnZh } from '../../src/ui/learn/texts/zh';
import { LEARN_TOPICS } from '../../src/ui/learn/topics';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { SCHEDULES } from '../../src/core/schedules';
import { SURFACES } from '../../src/core/surfaces';
import { PRESETS } from '../../src/core/presets';
import { PRESET_TEXTS } from '../../src/core/presetTexts';
import { TASKS } from '../../src/core/train/tasks';
import { zhRegistry } from '../../src/ui/i18n/zhRegistry';
import { chartsStrings } from '../../src/ui/charts/strings';
import { exploreStrings } from '../../src/ui/explore/strings';
import { trainStrings } from '../../src/ui/train/strings';
import { view3dStrings } from '../../src/ui/view3d/strings';
import { gridStrings } from '../../src/ui/map/gridStrings';

function leaves(table: Strings, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const HAN = /\p{Script=Han}/u;

describe('translations', () => {
  const enLeaves = leaves(en);
  const zhLeaves = leaves(zh);

  it('every en key has a zh translation and vice versa', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it('keeps the placeholders and is not left empty', () => {
    for (const [key, text] of enLeaves) {
      const other = zhLeaves.get(key) ?? '';
      expect(other.trim(), key).not.toBe('');
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it('is Chinese text, not English copied over (apart from names and symbols)', () => {
    const untranslated = [...zhLeaves].filter(
      ([key, text]) => !HAN.test(text) && text === enLeaves.get(key),
    );
    // Names that stay as they are in Chinese technical writing.
    const allowed = new Set(['toolbar.startY', 'params.amsgrad', 'explain.torchName']);
    expect(untranslated.map(([k]) => k).filter((k) => !allowed.has(k))).toEqual([]);
  });

  it('names every parameter key and schedule of the registries', () => {
    const keys = new Set(OPTIMIZERS.flatMap((o) => o.params.map((p) => p.key)));
    for (const key of keys) expect(enLeaves.has(`params.${key}`), key).toBe(true);
    for (const s of SCHEDULES) expect(enLeaves.has(`schedules.${s.id}`), s.id).toBe(true);
  });

  it('has Learn prose for every topic in both languages, and a topic for every optimizer and schedule', () => {
    const ids = LEARN_TOPICS.map((t) => t.id).sort();
    expect(Object.keys(learnEn).sort()).toEqual(ids);
    expect(Object.keys(learnZh).sort()).toEqual(ids);
    for (const id of ids)
      for (const field of ['idea', 'helps', 'fails'] as const) {
        expect(learnEn[id]![field].length, `${id}.${field}`).toBeGreaterThan(40);
        expect(HAN.test(learnZh[id]![field]), `${id}.${field}`).toBe(true);
      }
    for (const o of OPTIMIZERS) expect(ids).toContain(o.id);
    for (const s of SCHEDULES) expect(ids).toContain(s.id);
  });
});

describe("registry texts and the lazy views' namespaces", () => {
  // People's names stay as they are in Chinese technical writing.
  const PEOPLE =
    /^(Rosenbrock|Beale|Himmelblau|Booth|Matyas|Goldstein–Price|Rastrigin|Ackley|Styblinski–Tang)$/;

  it('has Chinese for every English text the registries show', () => {
    const texts = new Set<string>();
    for (const s of SURFACES) {
      texts.add(s.label);
      for (const p of s.params) texts.add(p.label).add(p.help);
    }
    for (const p of PRESETS) texts.add(p.title).add(PRESET_TEXTS[p.id] ?? '');
    for (const o of OPTIMIZERS) for (const p of o.params) texts.add(p.help);
    for (const s of SCHEDULES) for (const p of s.params) texts.add(p.label).add(p.help);
    for (const t of TASKS) texts.add(t.title).add(t.description);
    const missing = [...texts].filter((t) => !PEOPLE.test(t) && zhRegistry[t] === undefined);
    expect(missing).toEqual([]);
  });

  it.each([
    ['charts', chartsStrings],
    ['explore', exploreStrings],
    ['train', trainStrings],
    ['3-D view', view3dStrings],
    ['grid', gridStrings],
  ] as const)('%s: the same keys and placeholders in both languages, in Chinese', (_, t) => {
    const en = leaves(t.tables.en);
    const zh = leaves(t.tables.zh);
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) {
      const other = zh.get(key) ?? '';
      expect(placeholders(other), key).toEqual(placeholders(text));
      // Not English copied over (the band's name and %, and a name plus a field, read alike).
      if (!['band', 'fieldOf'].includes(key))
        expect(HAN.test(other) || other !== text, key).toBe(true);
    }
  });
});
