// What the PyTorch and Keras exports of a Train-view lane share: the lane resolved against
// the registries (every default filled in), and the script's first lines.

import type { Config, LaneConfig } from '../config';
import { defaultValues, type ParamValues } from '../params';
import { optimizerById } from '../optimizers';
import { scheduleById } from '../schedules';
import type { OptimizerDef, ScheduleDef } from '../types';
import { trainTask, type TrainConfig } from './trainConfig';

export interface LaneParts {
  readonly lane: LaneConfig;
  readonly optimizer: OptimizerDef;
  readonly params: ParamValues;
  readonly schedule: ScheduleDef | null;
  readonly scheduleParams: ParamValues;
  readonly seed: number;
}

export function laneParts(config: Config, laneId: string): LaneParts {
  const lane = config.lanes.find((l) => l.id === laneId);
  if (!lane) throw new Error(`No lane ${laneId}`);
  const optimizer = optimizerById(lane.optimizer.id);
  if (!optimizer) throw new Error(`Unknown optimizer ${lane.optimizer.id}`);
  const schedule = lane.schedule ? (scheduleById(lane.schedule.id) ?? null) : null;
  return {
    lane,
    optimizer,
    params: { ...defaultValues(optimizer.params), ...lane.optimizer.params },
    schedule,
    scheduleParams: schedule ? { ...defaultValues(schedule.params), ...lane.schedule?.params } : {},
    seed: lane.seed ?? config.train.seed,
  };
}

export const header = (train: TrainConfig, parts: LaneParts, framework: string): string[] => [
  `# Descent Lab, Train view: ${trainTask(train).title}`,
  `# Lane "${parts.lane.name.replace(/[\r\n]/g, ' ')}": ${parts.optimizer.label}${parts.schedule ? ` with ${parts.schedule.label} (stepped once per epoch)` : ''}, ${framework}.`,
];
