// The URL codec: every preset and a config using every feature survive a round trip exactly;
// each kind of bad input yields a message naming the problem and falls back for that part only.
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig, MAX_HASH_LENGTH } from '../../src/core/url-codec';
import { PRESETS, presetConfig } from '../../src/core/presets';
import { defaultConfig, MAX_LANES, type Config } from '../../src/core/config';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { SCHEDULES } from '../../src/core/schedules';
import { SURFACES } from '../../src/core/surfaces';

const REG = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };
const decode = (hash: string) => decodeConfig(hash, REG);
const lanesParam = (lanes: unknown) => `lanes=${encodeURIComponent(JSON.stringify(lanes))}`;

/** A config that uses every field the codec writes. */
function richConfig(): Config {
  const base = defaultConfig();
  return {
    ...base,
    surface: { id: 'rosenbrock', params: { a: 1.5, b: 50 } },
    view: { xMin: -2.25, xMax: 2.125, yMin: -1e-3, yMax: 3.1 },
    start: [-1.2345678901234567, 0.1 + 0.2],
    steps: 10_000,
    seed: 4_294_967_295,
    step: 1234,
    chart: { logLoss: false },
    mode: 'grid',
    selectedLane: 'l2',
    embed: true,
    controls: ['lr', 'momentum'],
    lanes: [
      {
        ...base.lanes[0]!,
        name: 'My "SGD", with commas & #hash',
        visible: false,
        optimizer: { id: 'sgd', params: { lr: 0.003, momentum: 0.95, nesterov: true } },
        clip: { maxNorm: 0.5, maxValue: 2 },
        swarm: { kind: 'cloud', count: 5000, draw: 'dots' },
      },
      {
        ...base.lanes[1]!,
        optimizer: {
          id: 'adam',
          params: { lr: 1e-3, beta1: 0.8, beta2: 0.9999, eps: 1e-12, amsgrad: true },
        },
        schedule: { id: 'multi_step_lr', params: { milestones: [100, 200, 200], gamma: 0.5 } },
        swarm: { kind: 'grid', count: 1024 },
      },
      {
        ...base.lanes[2]!,
        optimizer: { id: 'rmsprop', params: { lr: 0.01, centered: true } },
        schedule: { id: 'reduce_lr_on_plateau', params: { mode: 'min', patience: 5 } },
        noise: { sigma: 0.0123, relative: true, runs: 10_000, batch: 32 },
      },
      {
        ...base.lanes[3]!,
        noise: { sigma: 1000, relative: false, runs: 1, batch: 1 },
      },
    ],
  };
}

describe('round trip', () => {
  it('an empty hash gives the defaults and no problems', () => {
    expect(decode('')).toEqual({ config: defaultConfig(), messages: [], problems: [] });
    expect(decode('#')).toEqual({ config: defaultConfig(), messages: [], problems: [] });
  });

  it('the default config', () => {
    const c = defaultConfig();
    const r = decode(encodeConfig(c, REG));
    expect(r.problems).toEqual([]);
    expect(r.config).toEqual(c);
  });

  it('a config using every field (numbers to the last bit)', () => {
    const c = richConfig();
    const hash = encodeConfig(c, REG);
    const r = decode(`#${hash}`);
    expect(r.problems).toEqual([]);
    expect(r.config).toEqual(c);
    expect(r.config.start[1]).toBe(0.30000000000000004);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('preset %s', (_id, preset) => {
    const c = presetConfig(preset, REG);
    const r = decode(encodeConfig(c, REG));
    expect(r.problems).toEqual([]);
    expect(r.config).toEqual(c);
  });

  it('writes the embed flag as embed=1', () => {
    expect(encodeConfig({ ...defaultConfig(), embed: true }, REG)).toMatch(/(^|&)embed=1(&|$)/);
    expect(decode('embed=1').config.embed).toBe(true);
  });
});

describe('embed sliders: controls=', () => {
  const adamFirst = lanesParam([{ optimizer: { name: 'adam' } }, { optimizer: { name: 'sgd' } }]);

  it('round trip of one and two parameters of lane 1, in order', () => {
    for (const controls of [['beta1'], ['beta1', 'lr']]) {
      const c = { ...decode(adamFirst).config, embed: true, controls };
      const hash = encodeConfig(c, REG);
      expect(hash).toContain(`controls=${controls.join(',')}`);
      const r = decode(hash);
      expect(r.problems).toEqual([]);
      expect(r.config.controls).toEqual(controls);
    }
    expect(encodeConfig(defaultConfig(), REG)).not.toContain('controls');
  });

  it('unknown names, non-number parameters, repeats and a third slider: a message each, the rest kept', () => {
    const r = decode(`${adamFirst}&controls=lr,bogus,amsgrad,lr,beta2,eps`);
    expect(r.config.controls).toEqual(['lr', 'beta2']);
    const text = r.problems.join('\n');
    expect(text).toMatch(/controls: "bogus" is not a number parameter of lane 1 \(adam: lr, /);
    expect(text).toMatch(/controls: "amsgrad" is not a number parameter/);
    expect(text).toMatch(/controls: "lr" is named twice/);
    expect(text).toMatch(/controls: at most 2 sliders; "eps" dropped/);
    expect(r.problems).toHaveLength(4);
  });

  it('names are checked against lane 1 (here SGD, which has no beta1)', () => {
    const r = decode('controls=beta1');
    expect(r.config.controls).toEqual([]);
    expect(r.problems.join('\n')).toMatch(/"beta1" is not a number parameter of lane 1 \(sgd:/);
  });

  it('no lanes: every name is refused; empty and hostile text gives no slider', () => {
    expect(decode('lanes=[]&controls=lr').problems.join('\n')).toMatch(/there is no lane 1/);
    expect(decode('controls=').config.controls).toEqual([]);
    expect(decode('controls=,,').problems).toEqual([]);
    const r = decode(`controls=${encodeURIComponent('__proto__,constructor,' + 'x'.repeat(500))}`);
    expect(r.config.controls).toEqual([]);
    expect(r.problems).toHaveLength(3);
    expect(r.problems.every((p) => p.length < 300)).toBe(true);
  });
});

describe('bad input falls back per part, with a message', () => {
  it('bad JSON in lanes: default lanes, other fields kept', () => {
    const r = decode('surface=beale&steps=300&lanes=%5B%7Bnot json');
    expect(r.problems.join('\n')).toMatch(/lanes: not valid JSON/);
    expect(r.config.lanes).toEqual(defaultConfig().lanes);
    expect(r.config.surface.id).toBe('beale');
    expect(r.config.steps).toBe(300);
  });

  it('lanes not a list', () => {
    const r = decode('lanes=%7B%7D');
    expect(r.problems.join()).toMatch(/lanes: not a list/);
    expect(r.config.lanes).toEqual(defaultConfig().lanes);
  });

  it('an unknown optimizer drops that lane only', () => {
    const r = decode(
      lanesParam([
        { optimizer: { name: 'sgd', lr: 0.1 } },
        { optimizer: { name: 'lion', lr: 0.1 } },
      ]),
    );
    expect(r.problems.join()).toMatch(/lane 2: unknown optimizer "lion"/);
    expect(r.config.lanes).toHaveLength(1);
    expect(r.config.lanes[0]!.optimizer).toEqual({ id: 'sgd', params: { lr: 0.1 } });
  });

  it('when no lane can be read, the default lanes', () => {
    const r = decode(lanesParam([{ optimizer: { name: 'nope' } }, 42, null]));
    expect(r.config.lanes).toEqual(defaultConfig().lanes);
    expect(r.problems.join()).toMatch(/none could be read/);
  });

  it('out-of-range and mistyped hyperparameters take their defaults', () => {
    const r = decode(
      lanesParam([
        {
          optimizer: { name: 'adam', lr: -1, beta1: 1.5, eps: 'tiny', amsgrad: 'yes', beta2: 0.99 },
        },
      ]),
    );
    const text = r.problems.join('\n');
    expect(text).toMatch(/lr must be in/);
    expect(text).toMatch(/beta1 must be in/);
    expect(text).toMatch(/eps must be a finite number/);
    expect(text).toMatch(/amsgrad must be true or false/);
    expect(r.config.lanes[0]!.optimizer.params).toEqual({ beta2: 0.99 });
  });

  it('unknown parameters and fields are reported and ignored', () => {
    const r = decode(`${lanesParam([{ optimizer: { name: 'sgd', lr: 0.1, warp: 9 } }])}&color=red`);
    expect(r.problems.join()).toMatch(/unknown parameter "warp"/);
    expect(r.problems.join()).toMatch(/unknown field "color"/);
    expect(r.config.lanes[0]!.optimizer.params).toEqual({ lr: 0.1 });
  });

  it('unknown schedule: the lane keeps running without one', () => {
    const r = decode(
      lanesParam([{ optimizer: { name: 'sgd', lr: 0.1 }, schedule: { name: 'warp_lr' } }]),
    );
    expect(r.problems.join()).toMatch(/unknown schedule "warp_lr"/);
    expect(r.config.lanes[0]!.schedule).toBeNull();
  });

  it('bad clip, swarm, colour and name values', () => {
    const r = decode(
      lanesParam([
        {
          optimizer: { name: 'sgd', lr: 0.1 },
          clip: { max_norm: -1, max_value: 2 },
          swarm: { kind: 'spiral', count: 10 },
          color: 'javascript:alert(1)',
          name: `a\u0000b\u001fc${'x'.repeat(100)}`,
        },
        { optimizer: { name: 'sgd', lr: 0.1 }, swarm: { kind: 'grid', count: 1e9 } },
        { optimizer: { name: 'sgd', lr: 0.1 }, swarm: { kind: 'grid', count: 9, draw: 'lines' } },
      ]),
    );
    const text = r.problems.join('\n');
    expect(text).toMatch(/clip max_norm must be a positive number/);
    expect(text).toMatch(/swarm must be/);
    expect(text).toMatch(/color must be #rrggbb/);
    const [a, b] = r.config.lanes;
    expect(a!.clip).toEqual({ maxNorm: null, maxValue: 2 });
    expect(a!.swarm).toBeNull();
    expect(a!.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(a!.name.startsWith('abc')).toBe(true);
    expect(a!.name.length).toBeLessThanOrEqual(40);
    expect(b!.swarm).toBeNull();
    expect(r.config.lanes[2]!.swarm).toBeNull();
  });

  it('bad gradient noise values', () => {
    const lane = (noise: unknown) => ({ optimizer: { name: 'adam', lr: 0.1 }, noise });
    const r = decode(
      lanesParam([
        lane({ sigma: 0, runs: 10 }),
        lane({ sigma: 0.1, runs: 10_001 }),
        lane({ sigma: 0.1, runs: 2.5 }),
        lane({ sigma: 'big' }),
        lane({ sigma: 0.1, relative: 'yes' }),
        lane([1, 2]),
        lane({ sigma: 0.1, batch: 0 }),
        lane({ sigma: 1e-3, runs: 50, __proto__: { polluted: true } }),
      ]),
    );
    const text = r.problems.join('\n');
    expect(text).toMatch(/lane 1.*noise sigma must be in/);
    expect(text).toMatch(/lane 2.*noise runs must be an integer in \[1, 10000\]/);
    expect(text).toMatch(/lane 4.*noise must be \{sigma/);
    expect(text).toMatch(/lane 7.*noise batch must be/);
    expect(r.problems).toHaveLength(7);
    expect(r.config.lanes.slice(0, 7).every((l) => l.noise === undefined)).toBe(true);
    // Absent fields take the defaults.
    expect(r.config.lanes[7]!.noise).toEqual({ sigma: 1e-3, relative: false, runs: 50, batch: 8 });
  });

  it('a lane with both a swarm and noise keeps the noise', () => {
    const r = decode(
      lanesParam([
        { optimizer: { name: 'sgd', lr: 0.1 }, swarm: { kind: 'grid', count: 9 }, noise: {} },
      ]),
    );
    expect(r.problems.join()).toMatch(/swarm or noise, not both/);
    expect(r.config.lanes[0]!.swarm).toBeNull();
    expect(r.config.lanes[0]!.noise).toEqual({ sigma: 0.1, relative: false, runs: 200, batch: 8 });
  });

  it('unknown surface: the default surface, the rest kept', () => {
    const r = decode('surface=klein_bottle&steps=77');
    expect(r.problems.join()).toMatch(/unknown surface "klein_bottle"/);
    expect(r.config.surface.id).toBe(defaultConfig().surface.id);
    expect(r.config.steps).toBe(77);
  });

  it('a known surface brings its own view and start when the link has none', () => {
    const r = decode('surface=himmelblau');
    const def = SURFACES.find((s) => s.id === 'himmelblau')!;
    expect(r.problems).toEqual([]);
    expect(r.config.view).toEqual(def.view);
    expect(r.config.start).toEqual(def.defaultStart);
  });

  it.each([
    ['view=1,0,0,1', /view: needs xMin < xMax/],
    ['view=0,1,0', /view: expected 4 finite numbers/],
    ['view=0,1,0,Infinity', /view: expected 4 finite numbers/],
    ['view=0,1e300,0,1', /view: needs/],
    ['start=NaN,1', /start: expected 2 finite numbers/],
    ['start=1e9,0', /start: coordinates must be within/],
    ['steps=0', /steps: must be an integer/],
    ['steps=1.5', /steps: must be an integer/],
    ['steps=1e12', /steps: must be an integer/],
    ['seed=-1', /seed: must be an integer/],
    ['step=999999', /step: must be an integer/],
    ['sel=7', /sel: no lane 7/],
    ['mode=4d', /mode: must be one of single, 3d, grid, sweep, basins, train, got "4d"/],
    ['embed=maybe', /embed: must be 0 or 1/],
    ['sp=%7Bbroken', /surface parameters: not valid JSON/],
    ['sp=%7B%22b%22%3A-5%7D', /b must be in/],
  ])('%s', (hash, message) => {
    const r = decode(hash);
    expect(r.problems.join('\n')).toMatch(message);
    // Everything else stays at the defaults.
    const d = defaultConfig();
    expect(r.config.lanes).toEqual(d.lanes);
    expect(r.config.surface.id).toBe(d.surface.id);
  });

  it('huge input: a too-long hash is refused whole, too many lanes and list entries are cut', () => {
    const long = decode(`steps=5&pad=${'x'.repeat(MAX_HASH_LENGTH)}`);
    expect(long.config).toEqual(defaultConfig());
    expect(long.problems.join()).toMatch(/characters long/);

    const many = decode(
      lanesParam(Array.from({ length: 50 }, () => ({ optimizer: { name: 'sgd', lr: 0.1 } }))),
    );
    expect(many.config.lanes).toHaveLength(MAX_LANES);
    expect(many.problems.join()).toMatch(/50 lanes, at most 8/);

    const list = decode(
      lanesParam([
        {
          optimizer: { name: 'sgd', lr: 0.1 },
          schedule: {
            name: 'multi_step_lr',
            milestones: Array.from({ length: 500 }, (_, i) => i + 1),
          },
        },
      ]),
    );
    expect(list.problems.join()).toMatch(/milestones has more than/);
    expect(list.config.lanes[0]!.schedule).toEqual({ id: 'multi_step_lr', params: {} });
  });

  it('prototype-pollution keys go nowhere', () => {
    const hostile =
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},' +
      '"optimizer":{"name":"adam","__proto__":{"lr":5,"polluted":1},"lr":0.01}}';
    const r = decode(
      `lanes=${encodeURIComponent(`[${hostile}]`)}&sp=${encodeURIComponent('{"__proto__":{"a":3,"polluted":1}}')}`,
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
    const lane = r.config.lanes[0]!;
    expect(lane.optimizer.params).toEqual({ lr: 0.01 });
    expect(Object.getPrototypeOf(lane.optimizer.params)).toBe(Object.prototype);
    expect(r.config.surface.params).toEqual({});
    expect(r.problems.join()).toMatch(/unknown parameter "__proto__"/);
  });

  it('never throws on garbage', () => {
    for (const g of [
      '%',
      '%E0%A4%A',
      '&&&',
      '=',
      'lanes=',
      'lanes=null',
      'lanes=[[]]',
      '\u0000',
      'view=,,,',
    ]) {
      expect(() => decode(g)).not.toThrow();
    }
  });
});
