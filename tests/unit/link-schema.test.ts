// The link's parameter schemas are generated from the registries: every parameter of every
// optimizer, schedule and surface is read by its schema, a bad value is named with the
// parameter's range and takes the default, and the other parameters of the entry still read.

import { describe, expect, it } from 'vitest';
import { MAX_LIST_LENGTH, paramShape } from '../../src/core/linkSchema';
import { paramValueSchema, validateParam, type ParamSchema } from '../../src/core/params';
import { decodeConfig } from '../../src/core/url-codec';
import { REG } from '../link-arbitraries';

/** A value outside the parameter's schema (wrong range, or wrong type for non-numbers). */
function badValue(p: ParamSchema): unknown {
  switch (p.kind) {
    case 'number':
      return p.max + Math.max(1, Math.abs(p.max));
    case 'list':
      return [p.max + 1];
    case 'boolean':
      return 'yes';
    case 'choice':
      return `not-${p.options[0]}`;
  }
}

const good = (p: ParamSchema): unknown => p.default;

describe('link schemas generated from the registries', () => {
  const entries = [
    ...REG.optimizers.map((e) => ({ kind: 'optimizer', e })),
    ...REG.schedules.map((e) => ({ kind: 'schedule', e })),
  ];
  it('every parameter of every optimizer and schedule has its schema', () => {
    for (const { e } of entries)
      expect(Object.keys(paramShape(e.params)).sort()).toEqual(e.params.map((p) => p.key).sort());
  });

  it.each(entries.map(({ kind, e }) => [kind, e.id, e] as const))(
    '%s %s: a bad value is named and defaulted, the others read',
    (kind, id, entry) => {
      for (const bad of entry.params) {
        const obj: Record<string, unknown> = { name: id };
        for (const p of entry.params) obj[p.key] = p === bad ? badValue(p) : good(p);
        const lane =
          kind === 'optimizer'
            ? { optimizer: obj }
            : { optimizer: { name: 'sgd', lr: 0.1 }, schedule: obj };
        const { config, problems } = decodeConfig(
          new URLSearchParams({ lanes: JSON.stringify([lane]) }).toString(),
          REG,
        );
        expect(problems).toEqual([
          `lane 1 (${id}): ${validateParam(bad, badValue(bad))}; using the default`,
        ]);
        expect(problems[0]).toContain(bad.key);
        const read = kind === 'optimizer' ? config.lanes[0]!.optimizer : config.lanes[0]!.schedule!;
        expect(read.id).toBe(id);
        expect(Object.keys(read.params).sort()).toEqual(
          entry.params
            .filter((p) => p !== bad)
            .map((p) => p.key)
            .sort(),
        );
      }
    },
  );

  it('surface parameters are read by their generated schemas', () => {
    for (const s of REG.surfaces)
      for (const bad of s.params) {
        const sp = Object.fromEntries(
          s.params.map((p) => [p.key, p === bad ? badValue(p) : good(p)]),
        );
        const { config, problems } = decodeConfig(
          new URLSearchParams({ surface: s.id, sp: JSON.stringify(sp) }).toString(),
          REG,
        );
        expect(problems).toEqual([
          `surface ${s.id}: ${validateParam(bad, badValue(bad))}; using the default`,
        ]);
        expect(Object.keys(config.surface.params)).not.toContain(bad.key);
      }
  });

  it('number messages name the range and the value; lists are capped before their items', () => {
    const lr: ParamSchema = {
      kind: 'number',
      key: 'lr',
      label: 'lr',
      help: '',
      default: 0.1,
      min: 0,
      max: 10,
      exclusiveMin: true,
      scale: 'log',
      slider: [1e-3, 1],
    };
    expect(validateParam(lr, 0)).toBe('lr must be in (0, 10], got 0');
    expect(validateParam(lr, Infinity)).toBe('lr must be a finite number');
    expect(validateParam(lr, '1')).toBe('lr must be a finite number');
    expect(validateParam(lr, 10)).toBeNull();
    const milestones: ParamSchema = {
      kind: 'list',
      key: 'milestones',
      label: 'milestones',
      help: '',
      default: [],
      min: 1,
      max: 100,
      integer: true,
    };
    expect(validateParam(milestones, [1, 2.5])).toBe('milestones must hold integers');
    const long = Array.from({ length: MAX_LIST_LENGTH + 1 }, () => 'x');
    const shape = paramShape([milestones]);
    expect(paramValueSchema(milestones)).toBe(paramValueSchema(milestones)); // cached
    const { problems } = decodeConfig(
      new URLSearchParams({
        lanes: JSON.stringify([
          {
            optimizer: { name: 'sgd', lr: 0.1 },
            schedule: { name: 'multi_step_lr', milestones: long },
          },
        ]),
      }).toString(),
      REG,
    );
    expect(shape['milestones']).toBeDefined();
    expect(problems.join()).toMatch(/milestones has more than 64 entries; using the default/);
  });
});
