// The optimizer registry: PyTorch 1.13's torch.optim update rules, one file each (schema, the
// float64 element-wise update, its WGSL twin, formula and worked examples). The UI, the URL
// codec, the run-spec parser, every engine and the tests read this list, never a copy of it.

import type { OptimizerDef } from '../types';
import optimizerCommonWgsl from '../../../shaders/optimizers/common.wgsl?raw';
import { sgd } from './sgd';
import { adagrad } from './adagrad';
import { rmsprop } from './rmsprop';
import { adadelta } from './adadelta';
import { adam, adamw } from './adam';
import { adamax } from './adamax';
import { nadam } from './nadam';
import { radam } from './radam';

export const OPTIMIZERS: readonly OptimizerDef[] = [
  sgd,
  adagrad,
  rmsprop,
  adadelta,
  adam,
  adamw,
  adamax,
  nadam,
  radam,
];

/**
 * WGSL every shader that calls an optimizer update includes once, before the snippets:
 * `withWeightDecay` and `updateMoments` (shaders/optimizers/common.wgsl).
 */
export const OPTIMIZER_COMMON_WGSL: string = optimizerCommonWgsl;

export function optimizerById(id: string): OptimizerDef | undefined {
  return OPTIMIZERS.find((def) => def.id === id);
}

export { createOptimizerState, createStepInputs, setStepInputs, updateAll } from './vector';
