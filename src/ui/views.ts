// The views the page can show, one entry each: the map of one surface, the grid of every
// surface, and full-page views such as the Train view. A view module registers itself here
// (src/ui/train/TrainView.tsx, src/ui/map/gridView.ts); the toolbar's view switch and the page
// layout read the list, so a new view is one new module plus one import in src/ui/allViews.ts.

import type { ComponentType } from 'react';
import type { Config } from '../core/config';

export type ViewMode = Config['mode'];

export interface ViewEntry {
  readonly mode: ViewMode;
  /** The view switch's button text. */
  readonly label: string;
  /**
   * A full-page view replaces the map area, the lanes panel, the time bar, the charts and
   * "Explain"; null for the map views, which share that layout.
   */
  readonly page: ComponentType | null;
  /**
   * A view that keeps the shared layout but shows something else in the map's place (the grid
   * of every surface, a hyperparameter map...): that component and the region's accessible
   * name. Absent: the map of one surface.
   */
  readonly area?: { readonly component: ComponentType; readonly label: string };
}

const entries: ViewEntry[] = [{ mode: 'single', label: 'Map', page: null }];

export function registerView(entry: ViewEntry): void {
  const at = entries.findIndex((e) => e.mode === entry.mode);
  if (at >= 0) entries[at] = entry;
  else entries.push(entry);
}

export function views(): readonly ViewEntry[] {
  return entries;
}

export function viewFor(mode: ViewMode): ViewEntry | undefined {
  return entries.find((e) => e.mode === mode);
}
