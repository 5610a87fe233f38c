// Property-based fuzzing of the share-link decoder (fast-check, fixed seeds): thousands of
// generated and mutated links. Whatever a link holds, decoding never throws and always gives
// a config; a link with a problem says so; and a decoded config re-encodes to a link that
// decodes to the same config with no problems (the round trip is stable).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { PRESETS, presetConfig } from '../../src/core/presets';
import { SCHEDULES } from '../../src/core/schedules';
import { SURFACES } from '../../src/core/surfaces';
import { decodeConfig, encodeConfig } from '../../src/core/url-codec';

const REG = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };

// Every key a link can carry, so generated links reach every decoder.
const KEYS = [
  ...new Set(
    [defaultConfig(), ...PRESETS.map((p) => presetConfig(p, REG))]
      .flatMap((c) => [...new URLSearchParams(encodeConfig(c, REG)).keys()])
      .concat(['surface', 'f', 'sp', 'view', 'start', 'steps', 'seed', 'step', 'lanes', 'sel']),
  ),
];
const VALID_LINKS = [defaultConfig(), ...PRESETS.map((p) => presetConfig(p, REG))].map((c) =>
  encodeConfig(c, REG),
);

/** Numbers a careless or hostile link holds. */
const nastyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 2 ** 53, 4294967296, NaN, Infinity),
  fc.integer(),
);
/** JSON values with the shapes the lanes field expects, and hostile objects. */
const laneValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 3 }),
    nastyNumber,
    fc.constantFrom(
      { toString: 'adam' },
      { valueOf: 1 },
      { __proto__: { name: 'adam' } },
      { constructor: 'x' },
    ),
    fc.record(
      {
        optimizer: fc.oneof(
          fc.record(
            {
              name: fc.oneof(fc.constantFrom(...OPTIMIZERS.map((o) => o.id)), tie('value')),
              lr: fc.oneof(nastyNumber, tie('value')),
              betas: fc.oneof(fc.array(nastyNumber, { maxLength: 3 }), tie('value')),
              momentum: nastyNumber,
            },
            { requiredKeys: [] },
          ),
          tie('value'),
        ),
        schedule: fc.oneof(
          fc.record(
            { name: fc.constantFrom(...SCHEDULES.map((s) => s.id)), step_size: tie('value') },
            { requiredKeys: [] },
          ),
          tie('value'),
        ),
        clip: tie('value'),
        name: tie('value'),
        color: tie('value'),
        swarm: tie('value'),
        noise: tie('value'),
        seed: nastyNumber,
      },
      { requiredKeys: [] },
    ),
  ),
})).value;

const fieldValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  nastyNumber.map(String),
  fc.array(nastyNumber, { maxLength: 5 }).map((a) => a.join(',')),
  fc.array(laneValue, { maxLength: 4 }).map((a) => JSON.stringify(a)),
  laneValue.map((v) => JSON.stringify(v) ?? 'undefined'),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '%',
    '%E0%A4%A',
    '\u0000',
  ),
);

const generatedLink = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), fieldValue), {
    maxLength: 8,
  })
  .map((pairs) => new URLSearchParams(pairs).toString());

/** A valid link cut short, with a character flipped, or with a field repeated. */
const mutatedLink = fc
  .tuple(fc.constantFrom(...VALID_LINKS), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 3 }))
  .map(([link, a, b, how]) => {
    const at = a % Math.max(1, link.length);
    if (how === 0) return link.slice(0, at);
    if (how === 1) {
      const flipped = String.fromCharCode((link.charCodeAt(at) ^ (1 << (b % 7))) & 0x7f);
      return link.slice(0, at) + flipped + link.slice(at + 1);
    }
    if (how === 2) return `${link}&${link.split('&')[b % link.split('&').length]}`;
    return link.slice(at) + link.slice(0, at);
  });

function decodeSafely(link: string) {
  const decoded = decodeConfig(link, REG);
  expect(decoded.config).toBeDefined();
  for (const p of decoded.problems) expect(typeof p).toBe('string');
  // Re-encoding what was decoded is a clean link to the same config.
  const again = decodeConfig(encodeConfig(decoded.config, REG), REG);
  expect(again.problems).toEqual([]);
  expect(encodeConfig(again.config, REG)).toBe(encodeConfig(decoded.config, REG));
  return decoded;
}

describe('share-link fuzzing', () => {
  it('3,000 generated links: never throws, round trip stable', () => {
    fc.assert(
      fc.property(generatedLink, (link) => {
        decodeSafely(link);
      }),
      { seed: 20261128, numRuns: 3000 },
    );
  });

  it('2,500 mutated valid links: never throws, round trip stable', () => {
    fc.assert(
      fc.property(mutatedLink, (link) => {
        decodeSafely(link);
      }),
      { seed: 8, numRuns: 2500 },
    );
  });

  it('a link whose lanes hold objects in place of names is a message, not an exception', () => {
    const link = new URLSearchParams({
      surface: 'himmelblau',
      lanes: JSON.stringify([{ optimizer: { name: { toString: 'adam' } } }]),
    }).toString();
    const { problems } = decodeSafely(link);
    expect(problems.join(' ')).toMatch(/lane 1: unknown optimizer/);
  });

  it('an unknown field inside a lane, its clip, swarm or noise is named', () => {
    const lanes = [
      { optimizer: { name: 'adam' }, bogus: 1 },
      { optimizer: { name: 'adam' }, clip: { max_norm: 1, bogus: 1 } },
      { optimizer: { name: 'adam' }, swarm: { kind: 'grid', count: 4, bogus: 1 } },
      { optimizer: { name: 'adam' }, noise: { sigma: 0.1, bogus: 1 } },
    ];
    for (const lane of lanes) {
      const { problems } = decodeSafely(
        new URLSearchParams({ lanes: JSON.stringify([lane]) }).toString(),
      );
      expect(problems.join(' '), JSON.stringify(lane)).toMatch(/lane 1.*unknown field "bogus"/);
    }
  });

  it('a repeated field says which value was used', () => {
    const { config, problems } = decodeSafely('surface=rosenbrock&surface=himmelblau');
    expect(config.surface.id).toBe('rosenbrock');
    expect(problems.join(' ')).toMatch(/"surface" appears 2 times; the first value is used/);
  });

  it('a lane field of the wrong type is always named in a message', () => {
    const notObject = fc.constantFrom<unknown>('text', 5, true, [1, 'x'], []);
    const notNumber = fc.oneof(
      fc.constantFrom<unknown>({}, [], 'text', true, { toString: 'adam' }, [1, 'x']),
      fc.object({ maxDepth: 1 }),
    );
    const wrongByField: Record<string, fc.Arbitrary<unknown>> = {
      clip: notObject,
      swarm: notObject,
      noise: notObject,
      schedule: notObject,
      name: fc.constantFrom<unknown>({}, [], 5, true),
      color: fc.constantFrom<unknown>({}, [], 5, true, 'red'),
      seed: fc.constantFrom<unknown>({}, [], 'text', true, 1.5, -1),
      seeds: fc.constantFrom<unknown>({}, [], 'text', true, 1.5, 0),
      'optimizer.lr': notNumber,
      'optimizer.eps': notNumber,
      'optimizer.weight_decay': notNumber,
      'optimizer.betas': fc.constantFrom<unknown>({}, 'text', true, [1, 'x'], [0.9]),
      'optimizer.amsgrad': fc.constantFrom<unknown>({}, [], 'text', 5),
      hidden: fc.constantFrom<unknown>({}, [], 'text', 5, null),
    };
    fc.assert(
      fc.property(
        fc
          .constantFrom(...Object.keys(wrongByField))
          .chain((field) => fc.tuple(fc.constant(field), wrongByField[field]!)),
        ([field, value]) => {
          const lane: Record<string, unknown> = { optimizer: { name: 'adam' } };
          if (field.startsWith('optimizer.'))
            (lane['optimizer'] as Record<string, unknown>)[field.slice(10)] = value;
          else lane[field] = value;
          const { problems } = decodeConfig(
            new URLSearchParams({ lanes: JSON.stringify([lane]) }).toString(),
            REG,
          );
          expect(problems.join(' '), `${field} = ${JSON.stringify(value)}`).toMatch(/lane 1/);
        },
      ),
      { seed: 9, numRuns: 800 },
    );
  });
});
