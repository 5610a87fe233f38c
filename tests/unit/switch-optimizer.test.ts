// Switching a lane's optimizer keeps the settings that mean the same thing and renames a lane
// that still carries its default name.
import { describe, expect, it } from 'vitest';
import { makeLane } from '../../src/core/config';
import { optimizerById } from '../../src/core/optimizers';
import { defaultLaneName, switchOptimizer } from '../../src/core/switchOptimizer';

const def = (id: string) => {
  const d = optimizerById(id);
  if (!d) throw new Error(`no optimizer ${id}`);
  return d;
};
const clip = { maxNorm: null, maxValue: null };

describe('switching a lane optimizer', () => {
  it('"Momentum" (SGD, μ 0.9) becomes RMSprop with its lr and momentum, named RMSprop', () => {
    const lane = makeLane('l2', 'Momentum', '#000000', 'sgd', { lr: 0.003, momentum: 0.9 }, clip);
    const next = switchOptimizer(lane, def('sgd'), def('rmsprop'));
    expect(next.name).toBe('RMSprop');
    expect(next.optimizer).toEqual({ id: 'rmsprop', params: { lr: 0.003, momentum: 0.9 } });
  });

  it('drops what the new optimizer has no parameter for (NAdam has no momentum)', () => {
    const lane = makeLane('l2', 'Momentum', '#000000', 'sgd', { lr: 0.003, momentum: 0.9 }, clip);
    const next = switchOptimizer(lane, def('sgd'), def('nadam'));
    expect(next.name).toBe('NAdam');
    expect(next.optimizer.params).toEqual({ lr: 0.003 });
  });

  it('Adam to AdamW keeps β₁, β₂, ε and weight decay', () => {
    const params = { lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6, weight_decay: 0.01 };
    const lane = makeLane('l4', 'Adam', '#000000', 'adam', params, clip);
    const next = switchOptimizer(lane, def('adam'), def('adamw'));
    expect(next.optimizer.params).toEqual(params);
    expect(next.name).toBe(def('adamw').label);
  });

  it('a name the user chose stays; a value invalid for the new optimizer is left out', () => {
    const lane = makeLane('l1', 'my run', '#000000', 'sgd', { lr: 0.003, momentum: 0.9 }, clip);
    const next = switchOptimizer(lane, def('sgd'), def('adam'));
    expect(next.name).toBe('my run');
    expect(next.optimizer.params).toEqual({ lr: 0.003 });
    const rho = makeLane('l1', 'Adadelta', '#000000', 'adadelta', { lr: 1, rho: 0.9 }, clip);
    expect(switchOptimizer(rho, def('adadelta'), def('rmsprop')).optimizer.params).toEqual({
      lr: 1,
    });
  });

  it('names SGD by what it does', () => {
    expect(defaultLaneName(def('sgd'), { lr: 0.1 })).toBe('SGD');
    expect(defaultLaneName(def('sgd'), { lr: 0.1, momentum: 0.9 })).toBe('Momentum');
    expect(defaultLaneName(def('sgd'), { lr: 0.1, momentum: 0.9, nesterov: true })).toBe(
      'Nesterov',
    );
  });
});
