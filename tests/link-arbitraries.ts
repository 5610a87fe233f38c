// Generators of share links for fuzzing (fast-check): links built from every key a link can
// carry with careless and hostile values, and valid links cut short, with a character
// flipped, rotated or with a field repeated. Used by tests/unit/link-fuzz.test.ts (the
// decoder) and tests/e2e/link-fuzz.test.ts (the page).

import fc from 'fast-check';
import { defaultConfig } from '../src/core/config';
import { OPTIMIZERS } from '../src/core/optimizers';
import { PRESETS, presetConfig } from '../src/core/presets';
import { SCHEDULES } from '../src/core/schedules';
import { SURFACES } from '../src/core/surfaces';
import { encodeConfig } from '../src/core/url-codec';

export const REG = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };

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

export const generatedLink = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), fieldValue), {
    maxLength: 8,
  })
  .map((pairs) => new URLSearchParams(pairs).toString());

/** A valid link cut short, with a character flipped, or with a field repeated. */
export const mutatedLink = fc
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
