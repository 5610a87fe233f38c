// What a Train view session is built from: lanes share the seed's weights and batch order
// unless they take their own seed, a changed optimizer restarts only its lane, and the pieces
// the view draws (confusion matrix, first-layer weights) come out in the documented shapes.
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/url-codec';
import { REGISTRIES } from '../../src/ui/registry';
import { trainModel } from '../../src/core/train/trainConfig';
import {
  backendKey,
  classCount,
  confusionMatrix,
  firstLayer,
  laneKey,
  laneSetup,
  SeedCache,
} from '../../src/ui/train/taskData';

const config = decodeConfig('#mode=train&task=mnist_mlp', REGISTRIES).config;
const model = trainModel(config.train);

describe('Train view task data', () => {
  it('lanes share the seed: the same initial weights and the same batch order', () => {
    const seeds = new SeedCache(model, 8000, 32, 2);
    const [a, b] = config.lanes.map((l) => laneSetup(l, config.train, seeds));
    expect(a?.init).toBe(b?.init);
    expect(a?.batches).toBe(b?.batches);
    expect(a?.steps).toBe(2 * 250);
    expect(a?.epochSteps).toBe(250);
    expect(a?.optimizer).toMatchObject({ id: 'sgd', params: { lr: 0.01, momentum: 0 } });
  });

  it('a lane with its own seed gets its own weights and batches', () => {
    const seeds = new SeedCache(model, 8000, 32, 1);
    const own = { ...config.lanes[0]!, seed: 99 };
    const shared = laneSetup(config.lanes[1]!, config.train, seeds);
    const mine = laneSetup(own, config.train, seeds);
    expect(mine.init).not.toEqual(shared.init);
    expect(mine.batches[0]).not.toEqual(shared.batches[0]);
    expect(laneKey(own)).not.toBe(laneKey(config.lanes[0]!));
  });

  it('what restarts what: lane fields restart the lane, model fields the backend', () => {
    const lane = config.lanes[0]!;
    expect(laneKey({ ...lane, name: 'renamed', color: '#000000' })).toBe(laneKey(lane));
    expect(laneKey({ ...lane, optimizer: { id: 'sgd', params: { lr: 0.02 } } })).not.toBe(
      laneKey(lane),
    );
    expect(backendKey({ ...config.train, epochs: 3 })).toBe(backendKey(config.train));
    expect(backendKey({ ...config.train, hidden: [64] })).not.toBe(backendKey(config.train));
    expect(backendKey({ ...config.train, batchSize: 64 })).not.toBe(backendKey(config.train));
  });

  it('counts a confusion matrix row = true class, column = predicted', () => {
    // true 0 → predicted 0 twice, true 1 → predicted 0 once, true 2 → predicted 2 once
    const m = confusionMatrix([0, 0, 1, 2], [0, 0, 0, 2], 3);
    expect(Array.from(m)).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(classCount(model)).toBe(10);
  });

  it('first-layer weights: an MLP gives [units][784] as 28×28 images, the CNN its kernels', () => {
    const params = new Float32Array(784 * 128 + 128 + 128 * 10 + 10).map((_, i) => i);
    const mlp = firstLayer(model, params, 28);
    expect(mlp.rows).toBe(128);
    expect(mlp.side).toBe(28);
    expect(mlp.weights).toHaveLength(128 * 784);
    expect(mlp.weights[785]).toBe(785);
    const cnnConfig = decodeConfig('#mode=train&task=mnist_cnn', REGISTRIES).config;
    const cnn = firstLayer(trainModel(cnnConfig.train), new Float32Array(2000), 28);
    expect(cnn).toMatchObject({ rows: 8, side: 3 });
    expect(cnn.weights).toHaveLength(8 * 9);
  });
});
