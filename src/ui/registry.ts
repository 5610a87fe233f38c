// The registries as the UI uses them: one object for the URL codec and presets, lookups that
// fall back to a usable entry, and the defaults-filled parameter records a run needs.

import { OPTIMIZERS, optimizerById } from '../core/optimizers';
import { SCHEDULES, scheduleById } from '../core/schedules';
import { SURFACES } from '../core/surfaces';
import { CUSTOM_SURFACE_ID, surfaceOfRef, surfacesWith, type SurfaceRef } from '../core/surfaceRef';
import { defaultValues, type ParamSchema, type ParamValue, type ParamValues } from '../core/params';
import type { OptimizerDef, ScheduleDef, SurfaceDef } from '../core/types';
import type { Registries } from '../core/url-codec';
import type { Config } from '../core/config';

export const REGISTRIES: Registries = {
  surfaces: SURFACES,
  optimizers: OPTIMIZERS,
  schedules: SCHEDULES,
};

export { OPTIMIZERS, SCHEDULES, SURFACES };

/** The surface a reference names (a built-in id, or the typed text); the first one otherwise. */
export function surfaceDef(ref: SurfaceRef): SurfaceDef {
  return surfaceOfRef(ref) ?? SURFACES[0]!;
}

/** A config's surface, or another surface by id (with its default parameters). */
export function surfaceRefOf(config: Config, surfaceId = config.surface.id): SurfaceRef {
  return surfaceId === config.surface.id ? config.surface : { id: surfaceId };
}

/**
 * Every surface a config can show: the built-in ones, then its typed one (the grid's cells,
 * and the index the map's shader switches on).
 */
export function surfacesOf(config: Config): readonly SurfaceDef[] {
  const typed = config.surface.id === CUSTOM_SURFACE_ID ? surfaceOfRef(config.surface) : null;
  return surfacesWith(typed);
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
