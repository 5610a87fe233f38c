// The explore views' settings in a link: a round trip keeps them exactly, each bad field is a
// message naming it with the default kept, and the axis scales place values as the cells are
// spaced.
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig } from '../../src/core/url-codec';
import { defaultConfig, VIEW_MODES, type Config } from '../../src/core/config';
import { defaultExplore } from '../../src/core/explore/config';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { SCHEDULES } from '../../src/core/schedules';
import { SURFACES } from '../../src/core/surfaces';
import { axisValues } from '../../src/core/explore/sweep';
import { axisFraction, axisTicks } from '../../src/ui/explore/axisScale';

const REG = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };

function roundTrip(config: Config): Config {
  const { config: back, problems } = decodeConfig(encodeConfig(config, REG), REG);
  expect(problems).toEqual([]);
  return back;
}

describe('explore settings in the link', () => {
  it('a 2-D sweep of a schedule parameter and a lane survives a round trip', () => {
    const base = defaultConfig();
    const config: Config = {
      ...base,
      mode: 'sweep',
      explore: {
        ...base.explore,
        sweep: {
          lane: 'l3',
          x: { target: 'optimizer', key: 'lr', min: 1e-5, max: 0.3, cells: 200 },
          y: { target: 'schedule', key: 'gamma', min: 0.5, max: 0.999, cells: 17 },
          color: 'steps',
          threshold: 2.5e-4,
        },
      },
    };
    expect(roundTrip(config).explore).toEqual(config.explore);
  });

  it('a 1-D sweep and a basin map survive a round trip', () => {
    const base = defaultConfig();
    const oneD: Config = {
      ...base,
      mode: 'sweep',
      explore: { ...base.explore, sweep: { ...base.explore.sweep, y: null, color: 'distance' } },
    };
    expect(roundTrip(oneD).explore.sweep.y).toBeNull();
    const basins: Config = {
      ...base,
      mode: 'basins',
      explore: { ...base.explore, basins: { cells: 512 } },
    };
    const back = roundTrip(basins);
    expect(back.mode).toBe('basins');
    expect(back.explore.basins.cells).toBe(512);
  });

  it('writes the fields only in their own mode', () => {
    const hash = encodeConfig(defaultConfig(), REG);
    expect(hash).not.toMatch(/(^|&)(sx|sy|sl|sc|st|bc)=/);
  });

  it.each([
    ['sx=lr,1,0,64', /sx: min must be below max/],
    ['sx=lr,1e-4,1', /sx: must be key,min,max,cells/],
    ['sx=__proto__,0,1,8', /sx: the parameter must be a name/],
    ['sx=constructor(),0,1,8', /sx: the parameter must be a name/],
    ['sx=lr,NaN,1,8', /sx: min and max must be numbers/],
    ['sx=lr,0,1e999,8', /sx: min and max must be numbers/],
    ['sy=beta1,0,0.9,257', /sy: cells must be an integer in \[2, 256\]/],
    ['sy=beta1,0,0.9,1.5', /sy: cells must be an integer/],
    ['sl=9', /sl: no lane 9/],
    ['sc=%3Cb%3E', /sc: must be loss, steps, distance/],
    ['st=abc', /st: the loss threshold must be a number/],
    ['bc=513', /bc: start points per side must be an integer in \[8, 512\]/],
    ['bc=', /bc: start points per side/],
    ['mode=3x', new RegExp(`mode: must be one of ${VIEW_MODES.join(', ')}`)],
  ])('%s gives a message naming the field and keeps the default', (field, message) => {
    const { config, problems } = decodeConfig(field, REG);
    expect(problems.join('\n')).toMatch(message);
    expect(config.explore).toEqual(defaultExplore());
  });
});

describe('sweep axis scales', () => {
  it('evenly spaced cells sit at evenly spaced fractions on their own scale', () => {
    for (const [scale, min, max] of [
      ['log', 1e-4, 1],
      ['log1m', 0, 0.999],
      ['linear', -2, 3],
    ] as const) {
      const axis = { target: 'optimizer' as const, key: 'k', min, max, cells: 5, scale };
      const fractions = axisValues(axis).map((v) => axisFraction(scale, min, max, v));
      fractions.forEach((f, i) => expect(f).toBeCloseTo(i / 4, 12));
    }
  });

  it('ticks: decades on a log axis, 1 − 10⁻ᵏ on a log(1 − β) axis, round numbers on a linear one', () => {
    expect(axisTicks('log', 1e-4, 1)).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
    const beta = axisTicks('log1m', 0, 0.999);
    expect(beta.map((v) => Number(v.toFixed(6)))).toEqual([0, 0.9, 0.99, 0.999]);
    expect(axisTicks('linear', -2, 3)).toEqual([-2, -1, 0, 1, 2, 3]);
  });
});
