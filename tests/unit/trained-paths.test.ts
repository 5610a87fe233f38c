// The map draws the Train view's line-fit paths only on the surface they descended (the
// linear_regression surface of the same seed's points), from the initial weights on, thinned.
import { describe, expect, it } from 'vitest';
import { defaultConfig, makeLane, type Config } from '../../src/core/config';
import { taskById } from '../../src/core/train/tasks';
import { showsTrainedLine, trainedPaths } from '../../src/ui/map/trainedPaths';
import { emptyLaneResult, type TrainResults } from '../../src/ui/train/trainResults';

const clip = { maxNorm: null, maxValue: null };

function lineResults(steps: number, dataSeed = 7, task = 'line_fit'): TrainResults {
  const lane = emptyLaneResult('a', steps, 10, 2, 1, Float64Array.from([0.25, -0.5]));
  for (let t = 0; t < steps; t++) lane.path!.set([t, -t], 2 * t);
  lane.step = steps;
  return {
    key: 'k',
    task: taskById(task)!,
    model: { kind: 'mlp', sizes: [1, 1], activation: 'none', loss: 'mse' },
    test: { rows: 0, features: 1, x: new Float32Array(0), y: new Float32Array(0) },
    imageSide: null,
    dataSeed,
    classes: 0,
    paramCount: 2,
    firstLayer: null,
    lanes: [lane],
    engine: 'cpu',
    samplesPerSecond: 0,
    stepsPerSecond: 0,
    preparing: null,
    error: null,
  };
}

function mapConfig(patch: Partial<Config> = {}): Config {
  return {
    ...defaultConfig(),
    mode: 'single',
    surface: { id: 'linear_regression', params: {} },
    seed: 7,
    lanes: [makeLane('a', 'Adam', '#ff0000', 'adam', { lr: 0.01 }, clip)],
    ...patch,
  };
}

describe('trained paths on the map', () => {
  it('start at the initial weights and follow every step', () => {
    const [path] = trainedPaths(mapConfig(), lineResults(5));
    expect(path!.points).toEqual([
      [0.25, -0.5],
      [0, -0],
      [1, -1],
      [2, -2],
      [3, -3],
      [4, -4],
    ]);
    expect(path!.steps).toBe(5);
    expect(path!.color).toBe('#ff0000');
  });

  it('are thinned on long runs but keep the last point reached', () => {
    const [path] = trainedPaths(mapConfig(), lineResults(4000));
    expect(path!.points.length).toBeLessThanOrEqual(1501);
    expect(path!.points.at(-1)).toEqual([3999, -3999]);
  });

  it('stop at the first non-finite point of a diverged lane', () => {
    const results = lineResults(5);
    results.lanes[0]!.path![2 * 3] = Number.NaN;
    expect(trainedPaths(mapConfig(), results)[0]!.points).toHaveLength(4);
  });

  it('are drawn only on the same points, the same surface, a visible lane', () => {
    expect(showsTrainedLine(mapConfig(), lineResults(3))).toBe(true);
    expect(trainedPaths(mapConfig({ seed: 8 }), lineResults(3))).toEqual([]);
    expect(
      trainedPaths(mapConfig({ surface: { id: 'rosenbrock', params: {} } }), lineResults(3)),
    ).toEqual([]);
    expect(trainedPaths(mapConfig({ mode: 'grid' }), lineResults(3))).toEqual([]);
    expect(trainedPaths(mapConfig(), lineResults(3, 7, 'logistic_regression'))).toEqual([]);
    expect(trainedPaths(mapConfig(), null)).toEqual([]);
    const hidden = mapConfig();
    expect(
      trainedPaths(
        { ...hidden, lanes: hidden.lanes.map((l) => ({ ...l, visible: false })) },
        lineResults(3),
      ),
    ).toEqual([]);
  });
});
