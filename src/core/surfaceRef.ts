// The one way every layer finds a surface: a reference names a built-in surface by id, or the
// typed surface by its expression (id 'custom', the text in `expression`). Runs, the config and
// the link carry the text itself, so a run is self-describing and no layer holds a mutable
// "current typed surface". Where a surface's position matters (the engine's and the map's
// shader switches), the typed surface sits right after the registry's surfaces.
//
// The expression parser (src/core/customSurface.ts and src/core/expr/) is its own chunk, out of
// the page's first load: whatever may meet a typed surface awaits loadTypedSurfaces() first (the
// link reader, the surface picker, the command line, the tests' setup). Before it has loaded,
// typedSurface() answers with a message instead of throwing.

import type { CustomSurfaceOutcome } from './customSurface';
import { SURFACES, surfaceById } from './surfaces';
import type { SurfaceDef } from './types';
import { englishText, message } from './messages';

/** The id of the typed surface. */
export const CUSTOM_SURFACE_ID = 'custom';

let compileTyped: ((text: string) => CustomSurfaceOutcome) | null = null;
let loading: Promise<void> | null = null;

/** Loads the expression parser once; typedSurface() works from then on. */
export function loadTypedSurfaces(): Promise<void> {
  loading ??= import('./customSurface').then((m) => {
    compileTyped = m.customSurface;
  });
  return loading;
}

/** Whether the expression parser has loaded. */
export function typedSurfacesLoaded(): boolean {
  return compileTyped !== null;
}

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
    if (!compileTyped) {
      const problem = message('formula.notLoaded');
      return { ok: false, problem, message: englishText(problem), position: 0, length: 0 };
    }
    outcome = compileTyped(text);
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
