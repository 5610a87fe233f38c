// The one way every layer finds a surface: a reference names a built-in surface by id, or the
// typed surface by its expression (id 'custom', the text in `expression`). Runs, the config and
// the link carry the text itself, so a run is self-describing and no layer holds a mutable
// "current typed surface". Where a surface's position matters (the engine's and the map's
// shader switches), the typed surface sits right after the registry's surfaces.

import { CUSTOM_SURFACE_ID, customSurface, type CustomSurfaceOutcome } from './customSurface';
import { SURFACES, surfaceById } from './surfaces';
import type { SurfaceDef } from './types';

export { CUSTOM_SURFACE_ID };

/** What names a surface: a built-in id, or 'custom' with the typed text. */
export interface SurfaceRef {
  readonly id: string;
  /** The typed f(x, y); only with id 'custom'. */
  readonly expression?: string;
}

const outcomes = new Map<string, CustomSurfaceOutcome>();
/** Texts remembered: typing produces one per keystroke, the app needs the latest few. */
const MAX_REMEMBERED = 32;

/**
 * customSurface(text), memoised: the same text always gives the same SurfaceDef object, so
 * the engine's and the map's caches (keyed by identity or by WGSL text) keep hitting.
 */
export function typedSurface(text: string): CustomSurfaceOutcome {
  let outcome = outcomes.get(text);
  if (outcome) {
    // Most recently used last.
    outcomes.delete(text);
  } else {
    outcome = customSurface(text);
    if (outcomes.size >= MAX_REMEMBERED) {
      const oldest = outcomes.keys().next().value;
      if (oldest !== undefined) outcomes.delete(oldest);
    }
  }
  outcomes.set(text, outcome);
  return outcome;
}

/** The surface a reference names; undefined for an unknown id or an invalid typed text. */
export function surfaceOfRef(ref: SurfaceRef): SurfaceDef | undefined {
  if (ref.id !== CUSTOM_SURFACE_ID) return surfaceById(ref.id);
  if (ref.expression === undefined) return undefined;
  const outcome = typedSurface(ref.expression);
  return outcome.ok ? outcome.def : undefined;
}

/** True for the typed surface's def (never a built-in). */
export function isTypedSurface(def: SurfaceDef): boolean {
  return def.id === CUSTOM_SURFACE_ID;
}

const listCache = new WeakMap<SurfaceDef, readonly SurfaceDef[]>();

/** The built-in surfaces, then the typed one when there is one (its index: SURFACES.length). */
export function surfacesWith(typed: SurfaceDef | null | undefined): readonly SurfaceDef[] {
  if (!typed) return SURFACES;
  let list = listCache.get(typed);
  if (!list) {
    list = [...SURFACES, typed];
    listCache.set(typed, list);
  }
  return list;
}
