// The registries as the UI uses them: one object for the URL codec and presets, lookups that
// fall back to a usable entry, and the defaults-filled parameter records a run needs.

import { OPTIMIZERS, optimizerById } from '../core/optimizers';
import { SCHEDULES, scheduleById } from '../core/schedules';
import { SURFACES, surfaceById } from '../core/surfaces';
import { defaultValues, type ParamSchema, type ParamValue, type ParamValues } from '../core/params';
import type { OptimizerDef, ScheduleDef, SurfaceDef } from '../core/types';
import type { Registries } from '../core/url-codec';

export const REGISTRIES: Registries = {
  surfaces: SURFACES,
  optimizers: OPTIMIZERS,
  schedules: SCHEDULES,
};

export { OPTIMIZERS, SCHEDULES, SURFACES };

export function surfaceDef(id: string): SurfaceDef {
  return surfaceById(id) ?? SURFACES[0]!;
}

export function optimizerDef(id: string): OptimizerDef | undefined {
  return optimizerById(id);
}

export function scheduleDef(id: string): ScheduleDef | undefined {
  return scheduleById(id);
}

/** Schema defaults overlaid with the values set explicitly (only schema keys). */
export function filled(
  schema: readonly ParamSchema[],
  values: Readonly<Record<string, ParamValue>>,
): ParamValues {
  const out = defaultValues(schema);
  for (const p of schema) {
    const v = values[p.key];
    if (v !== undefined) out[p.key] = v;
  }
  return out;
}
