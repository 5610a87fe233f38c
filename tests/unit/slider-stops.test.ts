import { describe, expect, it } from 'vitest';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { SCHEDULES } from '../../src/core/schedules';
import type { NumberParam } from '../../src/core/params';
import { formatParamValue, nearestStop, rateStops } from '../../src/ui/sliderStops';

const rateParams: NumberParam[] = [
  ...OPTIMIZERS.flatMap((o) => o.params),
  ...SCHEDULES.flatMap((s) => s.params),
].filter((p): p is NumberParam => p.kind === 'number' && p.scale === 'log1m');

describe('slider stops of rates close to 1', () => {
  it('there are such parameters (β₁, β₂, ρ, momentum, γ)', () => {
    expect(rateParams.map((p) => p.key)).toEqual(
      expect.arrayContaining(['beta1', 'beta2', 'momentum']),
    );
  });

  for (const param of rateParams) {
    it(`${param.key}: every arrow press changes the value read out, and 0.9/0.99/0.999 are stops`, () => {
      const stops = rateStops(param)!;
      expect(stops[0]).toBe(param.slider[0]);
      expect(stops.at(-1)).toBe(param.slider[1]);
      for (let i = 1; i < stops.length; i++) {
        expect(stops[i]!).toBeGreaterThan(stops[i - 1]!);
        expect(formatParamValue(param, stops[i]!)).not.toBe(formatParamValue(param, stops[i - 1]!));
      }
      for (const v of [0.9, 0.99, 0.999]) {
        if (v > param.slider[0] && v <= param.slider[1]) expect(stops).toContain(v);
      }
      // About 12 stops a decade of 1 − v: fine enough to steer, coarse enough to read.
      const decades = Math.log10((1 - param.slider[0]) / (1 - param.slider[1]));
      expect(stops.length).toBeGreaterThan(10 * decades);
      expect(stops.length).toBeLessThan(14 * decades + 3);
    });
  }

  it('β₂ = 0.999 sits on a stop; one step either side reads 0.9988 and 0.9991', () => {
    const beta2 = rateParams.find((p) => p.key === 'beta2')!;
    const stops = rateStops(beta2)!;
    const at = nearestStop(stops, 0.999);
    expect(stops[at]).toBe(0.999);
    expect(formatParamValue(beta2, stops[at - 1]!)).toBe('0.9988');
    expect(formatParamValue(beta2, stops[at + 1]!)).toBe('0.9991');
  });

  it('reads out enough digits for values very close to 1', () => {
    const beta2 = rateParams.find((p) => p.key === 'beta2')!;
    expect(formatParamValue(beta2, 0.99988)).toBe('0.99988');
    expect(formatParamValue(beta2, 0.9999)).toBe('0.9999');
    expect(formatParamValue(beta2, 0.5)).toBe('0.5');
  });

  it('other scales keep even steps', () => {
    const lr = OPTIMIZERS[0]!.params.find((p) => p.key === 'lr') as NumberParam;
    expect(rateStops(lr)).toBeNull();
  });
});
