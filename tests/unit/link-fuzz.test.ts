// Property-based fuzzing of the share-link decoder (fast-check, fixed seeds): thousands of
// generated and mutated links. Whatever a link holds, decoding never throws and always gives
// a config; a link with a problem says so; and a decoded config re-encodes to a link that
// decodes to the same config with no problems (the round trip is stable).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig } from '../../src/core/url-codec';
import { generatedLink, mutatedLink, REG } from '../link-arbitraries';

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
