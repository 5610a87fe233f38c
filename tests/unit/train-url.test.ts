// The Train view's fields of the link: a task link gets the task's lanes and settings, what
// differs from the task round-trips, and every bad value is reported and replaced.
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig } from '../../src/core/url-codec';
import { REGISTRIES } from '../../src/ui/registry';
import { TASKS, taskById } from '../../src/core/train/tasks';
import { trainConfigForTask, trainModel } from '../../src/core/train/trainConfig';

const decode = (hash: string) => decodeConfig(hash, REGISTRIES);

describe('train link fields', () => {
  it('#mode=train&task=mnist_mlp opens the six-optimizer race with the task settings', () => {
    const { config, problems } = decode('#mode=train&task=mnist_mlp');
    expect(problems).toEqual([]);
    expect(config.mode).toBe('train');
    expect(config.train).toEqual(trainConfigForTask(taskById('mnist_mlp')!));
    expect(config.lanes.map((l) => l.name)).toEqual([
      'SGD',
      'Momentum',
      'AdaGrad',
      'RMSprop',
      'AdaDelta',
      'Adam',
    ]);
    expect(config.lanes[2]?.optimizer).toEqual({ id: 'adagrad', params: { lr: 0.1 } });
    expect(trainModel(config.train)).toMatchObject({ sizes: [784, 128, 10], activation: 'relu' });
  });

  it('autostart=1 is read', () => {
    expect(decode('#mode=train&task=mnist_mlp&autostart=1').config.train.autostart).toBe(true);
  });

  it('every task opens, and a changed setup round-trips through the link', () => {
    for (const task of TASKS) {
      const { config, problems } = decode(`#mode=train&task=${task.id}`);
      expect(problems, task.id).toEqual([]);
      const changed = {
        ...config,
        train: {
          ...config.train,
          hidden: task.model.kind === 'mlp' ? [32, 16] : [],
          activation: 'tanh' as const,
          batchSize: 17,
          epochs: 3,
          seed: 42,
          stop: { accuracy: 0.9, patience: 2 },
        },
        lanes: config.lanes.map((l, i) => (i === 0 ? { ...l, seed: 7, seeds: 3 } : l)),
      };
      const again = decode(encodeConfig(changed, REGISTRIES));
      expect(again.problems, task.id).toEqual([]);
      expect(again.config.train).toEqual(changed.train);
      expect(again.config.lanes[0]?.seed).toBe(7);
      expect(again.config.lanes[0]?.seeds).toBe(3);
      expect(again.config.lanes[1]?.seed).toBeUndefined();
    }
  });

  it('a link shows only what differs from the task', () => {
    const { config } = decode('#mode=train&task=mnist_cnn');
    const hash = encodeConfig(config, REGISTRIES);
    expect(hash).toContain('task=mnist_cnn');
    for (const key of ['hidden=', 'act=', 'batch=', 'epochs=', 'stopacc=', 'patience='])
      expect(hash).not.toContain(key);
  });

  it.each([
    ['task=alexnet', /task: unknown task "alexnet"/],
    ['hidden=12,abc', /hidden: a list of at most/],
    ['hidden=5000', /hidden: .*1024/],
    ['act=gelu', /act: must be one of/],
    ['batch=0', /batch: must be an integer in \[1, 4096\]/],
    ['epochs=100000', /epochs: must be an integer in \[1, 200\]/],
    ['stopacc=1.5', /stopacc: must be off or a share/],
    ['patience=-2', /patience: must be off or an integer/],
    ['autostart=yes', /autostart: must be 0 or 1/],
    ['lanes=[{"optimizer":{"name":"adam"},"seed":-1}]', /seed must be an integer/],
    ['lanes=[{"optimizer":{"name":"adam"},"seeds":9}]', /seeds must be an integer in \[1, 4\]/],
  ])('%s is reported and replaced by the task default', (field, message) => {
    const task = field.startsWith('task=') ? '' : 'task=mnist_mlp&';
    const { config, problems } = decode(`#mode=train&${task}${field}`);
    expect(problems.join('\n')).toMatch(message);
    expect(config.mode).toBe('train');
    const defaults = trainConfigForTask(taskById('mnist_mlp')!);
    expect(config.train.batchSize).toBe(defaults.batchSize);
    expect(config.train.hidden).toEqual(defaults.hidden);
  });
});
