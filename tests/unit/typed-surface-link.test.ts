// A typed surface in the share link (surface=custom&f=...&sp=...), in run specs, and in the
// float64 path by reference: the formula and its parameters survive a round trip exactly, and
// every malformed or hostile formula gives a message naming the character at fault, the
// default surface, and nothing thrown.
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig } from '../../src/core/url-codec';
import { defaultConfig, type Config } from '../../src/core/config';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { SCHEDULES } from '../../src/core/schedules';
import { SURFACES } from '../../src/core/surfaces';
import { surfaceOfRef, surfacesWith, typedSurface } from '../../src/core/surfaceRef';
import { parseRunSpec, toRunSpec } from '../../src/core/spec';
import { simulate } from '../../src/core/simulate';
import type { ResolvedRun } from '../../src/core/types';

const REG = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };
const decode = (hash: string) => decodeConfig(hash, REG);

function typedConfig(expression: string, params: Config['surface']['params'] = {}): Config {
  return { ...defaultConfig(), surface: { id: 'custom', params, expression } };
}

describe('a typed surface in the link', () => {
  it.each([
    ['two minima', '(x^2-1)^2 + y^2 + 0.3*x', {}],
    ['parameters', 'a*(x^2 - 1)^2 + b*y^2', { a: 2.5, b: -0.125 }],
    ['characters a URL escapes', 'max(x, y)^2 / (1 + exp(-x)) + π·y − e×x', {}],
    ['one parameter set', 'sin(freq*x) + y^2 + x^2', { freq: 3 }],
  ])('%s: round trip', (_name, expression, params) => {
    const config = typedConfig(expression, params);
    const hash = encodeConfig(config, REG);
    expect(hash).toContain('surface=custom');
    expect(new URLSearchParams(hash).get('f')).toBe(expression);
    const back = decode(hash);
    expect(back.problems).toEqual([]);
    expect(back.config.surface).toEqual(config.surface);
    expect(encodeConfig(back.config, REG)).toBe(hash);
  });

  it('opens on the typed surface’s own window and start', () => {
    const { config } = decode(`surface=custom&f=${encodeURIComponent('x^2 + y^2')}`);
    const def = surfaceOfRef(config.surface)!;
    expect(config.view).toEqual(def.view);
    expect(config.start).toEqual(def.defaultStart);
  });

  it('validates its parameters like any surface’s', () => {
    const f = encodeURIComponent('a*x^2 + y^2');
    const { config, problems } = decode(
      `surface=custom&f=${f}&sp=${encodeURIComponent('{"a":"x","zz":1,"__proto__":{"a":1}}')}`,
    );
    expect(config.surface).toEqual({ id: 'custom', params: {}, expression: 'a*x^2 + y^2' });
    expect(problems.join('\n')).toMatch(/surface custom: a /);
    expect(problems.join('\n')).toMatch(/unknown parameter "zz"/);
  });

  // [text, 1-based character the message names]
  const hostile: [string, string, number][] = [
    ['4k characters', 'x+'.repeat(2000) + 'x', 401],
    ['depth 1000', '('.repeat(1000) + 'x' + ')'.repeat(1000), 401],
    ['depth 60 (short)', '('.repeat(60) + 'x' + ')'.repeat(60), 49],
    ['constructor', 'constructor', 1],
    ['constructor()', 'constructor(x)', 1],
    ['__proto__', '__proto__', 1],
    ['toString', 'toString', 1],
    ['hasOwnProperty', 'x + hasOwnProperty', 5],
    ['unicode', 'x² + y²', 2],
    ['emoji', 'x + 😀', 5],
    ['NaN literal', 'x + NaN', 5],
    ['Infinity literal', 'Infinity*x', 1],
    ['huge number', '1e999*x', 1],
    ['empty', '', 1],
    ['blank', '   ', 1],
    ['control character', 'x\u0000+y', 2],
    ['markup', '<img src=x onerror=alert(1)>', 1],
    ['unclosed', 'sin(x', 4],
  ];
  it.each(hostile)('%s: a positioned message and the default surface', (_name, text, at) => {
    let decoded: ReturnType<typeof decode> | undefined;
    expect(() => {
      decoded = decode(`surface=custom&f=${encodeURIComponent(text)}&sp={"a":1}`);
    }).not.toThrow();
    const { config, problems } = decoded!;
    expect(config.surface).toEqual(defaultConfig().surface);
    expect(config.view).toEqual(SURFACES.find((s) => s.id === 'rosenbrock')!.view);
    expect(problems[0]).toMatch(new RegExp(`^your surface f\\(x, y\\), at character ${at}: `));
    expect(problems[0]!.length).toBeLessThan(300);
  });

  it('a link of 10,000 characters of formula is refused whole, with a message', () => {
    const { config, problems } = decode(
      `surface=custom&f=${encodeURIComponent('x+'.repeat(5000))}x`,
    );
    expect(config.surface).toEqual(defaultConfig().surface);
    expect(problems.join('\n')).toMatch(/characters long \(at most 16000\); using the defaults/);
  });

  it('asks for the formula when surface=custom has none, and ignores f without it', () => {
    expect(decode('surface=custom').problems.join('\n')).toMatch(/needs f=/);
    const { config, problems } = decode('surface=himmelblau&f=x');
    expect(config.surface).toEqual({ id: 'himmelblau', params: {} });
    expect(problems.join('\n')).toMatch(/f: a formula is only read with surface=custom/);
  });
});

describe('a typed surface by reference', () => {
  const text = '(x^2-1)^2 + y^2 + 0.3*x';

  it('is one object per text, placed after the built-in surfaces', () => {
    const a = typedSurface(text);
    const b = typedSurface(`${text}`);
    expect(a).toBe(b);
    const def = surfaceOfRef({ id: 'custom', expression: text })!;
    expect(surfacesWith(def).indexOf(def)).toBe(SURFACES.length);
    expect(surfacesWith(null)).toBe(SURFACES);
    expect(surfaceOfRef({ id: 'custom' })).toBeUndefined();
    expect(surfaceOfRef({ id: 'custom', expression: 'x +' })).toBeUndefined();
  });

  it('runs in float64 from the run alone, and its run spec replays', () => {
    const run: ResolvedRun = {
      id: 'typed',
      surface: { id: 'custom', params: { a: 2 }, expression: `a*${text}` },
      start: [-2, 2],
      optimizer: {
        id: 'sgd',
        params: {
          lr: 0.01,
          momentum: 0,
          dampening: 0,
          weight_decay: 0,
          nesterov: false,
          maximize: false,
        },
      },
      schedule: null,
      clip: { maxNorm: null, maxValue: null },
      steps: 50,
    };
    const t = simulate(run);
    expect(t.divergedAt).toBeNull();
    // One plain gradient step by hand: f = a(x²−1)² + y² + 0.3x, a = 2, at (−2, 2):
    // ∂f/∂x = 4a·x(x²−1) + 0.3 = 8·(−2)·3 + 0.3 = −47.7, ∂f/∂y = 2y = 4.
    expect(t.x[2]).toBeCloseTo(-2 + 0.01 * 47.7, 12);
    expect(t.x[3]).toBeCloseTo(2 - 0.01 * 4, 12);
    const spec = toRunSpec(run);
    expect(spec['surface']).toEqual({ name: 'custom', expression: `a*${text}`, a: 2 });
    const back = parseRunSpec(JSON.parse(JSON.stringify(spec)), 0);
    expect(simulate(back).x).toEqual(t.x);
    expect(() =>
      parseRunSpec({ ...spec, surface: { name: 'custom', expression: 'x +' } }, 0),
    ).toThrow(/surface\.expression.*at character 3/);
  });
});
