// A lane switching optimizer keeps what still means the same thing: every parameter the new
// optimizer has under the same PyTorch name (lr, momentum, weight_decay, eps, betas...) and a
// valid value for, and, when the lane still carries its default name, a name that says what
// it now runs ("Momentum" running NAdam would mislead).

import type { LaneConfig, ParamRecord } from './config';
import { validateParam } from './params';
import type { OptimizerDef } from './types';

/** The name a lane gets by default for an optimizer and its settings. */
export function defaultLaneName(def: OptimizerDef, params: ParamRecord): string {
  if (def.id === 'sgd') {
    const momentum = params['momentum'];
    if (typeof momentum === 'number' && momentum > 0)
      return params['nesterov'] === true ? 'Nesterov' : 'Momentum';
  }
  return def.label;
}

export function switchOptimizer(
  lane: LaneConfig,
  from: OptimizerDef | undefined,
  to: OptimizerDef,
): LaneConfig {
  const params: ParamRecord = {};
  for (const p of to.params) {
    const value = lane.optimizer.params[p.key];
    if (value !== undefined && validateParam(p, value) === null) params[p.key] = value;
  }
  const wasDefault =
    from !== undefined &&
    (lane.name === defaultLaneName(from, lane.optimizer.params) || lane.name === from.label);
  return {
    ...lane,
    name: wasDefault ? defaultLaneName(to, params) : lane.name,
    optimizer: { id: to.id, params },
  };
}
