// What the explore views change: their settings in the config, and a lane from a picked cell.

import type { BasinsConfig, SweepAxisConfig, SweepConfig } from '../../core/explore/config';
import type { SweepAxis } from '../../core/explore/sweep';
import {
  duplicateLane,
  setConfig,
  setLaneParam,
  setLaneScheduleParam,
  setStart,
  useStore,
} from '../store';

export function setSweep(patch: Partial<SweepConfig>): void {
  const { explore } = useStore.getState().config;
  setConfig({ explore: { ...explore, sweep: { ...explore.sweep, ...patch } } });
}

export function setBasins(patch: Partial<BasinsConfig>): void {
  const { explore } = useStore.getState().config;
  setConfig({ explore: { ...explore, basins: { ...explore.basins, ...patch } } });
}

function setAxisValue(laneId: string, axis: SweepAxisConfig, value: number): void {
  if (axis.target === 'optimizer') setLaneParam(laneId, axis.key, value);
  else setLaneScheduleParam(laneId, axis.key, value);
}

/**
 * A picked sweep cell: the lane takes the cell's values, or (add) a copy of the lane does, so
 * its path shows on the map next to the original.
 */
export function applySweepCell(
  laneId: string,
  axes: readonly SweepAxis[],
  values: readonly number[],
  add: boolean,
): string {
  let target = laneId;
  if (add) {
    const before = new Set(useStore.getState().config.lanes.map((l) => l.id));
    duplicateLane(laneId);
    const copy = useStore.getState().config.lanes.find((l) => !before.has(l.id));
    if (!copy) return laneId; // at the lane limit: set the lane itself
    target = copy.id;
  }
  axes.forEach((axis, k) => {
    const v = values[k];
    if (v !== undefined) setAxisValue(target, axis, v);
  });
  return target;
}

/** A picked basin cell: it becomes the start point of every lane. */
export function applyBasinStart(start: readonly [number, number]): void {
  setStart([start[0], start[1]]);
}
