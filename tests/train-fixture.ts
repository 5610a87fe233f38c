// The shape of a public train case (docs/TRAIN-FORMAT.md) as the JSON holds it, for the tests.
import { loadTrainCases } from './reference';

export interface TrainCaseJson {
  id: string;
  model: {
    kind: 'mlp' | 'cnn';
    sizes?: number[];
    activation: 'relu' | 'tanh' | 'sigmoid' | null;
    loss: 'cross_entropy' | 'bce' | 'mse';
    input?: number[];
    out_channels?: number;
    kernel_size?: number;
    pool?: number;
    classes?: number;
  };
  data: { x: number[][]; y: number[] };
  init: number[];
  batches: number[][];
  epoch_steps: number;
  optimizer: Record<string, unknown>;
  schedule?: Record<string, unknown> | null;
  clip?: Record<string, unknown> | null;
  steps: number;
  f32_compare_steps: number;
  expected: Record<
    'float64' | 'float32',
    {
      loss: number[];
      lr: number[];
      params: number[];
      final_loss: number;
      final_accuracy?: number;
    }
  >;
}

export function loadTrainFixture(): TrainCaseJson[] {
  return loadTrainCases<TrainCaseJson>();
}
