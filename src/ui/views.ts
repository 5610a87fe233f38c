// The views the page can show, one entry each: map views (the map of one surface, the 3-D
// view, the grid of every surface), which put their own component in the map area and share
// the rest of the layout, and full-page views such as the Train view. src/ui/allViews.ts
// registers every view (its order is the view switch's order), with the components other than
// the map loaded on first use; the toolbar's view switch, the page layout and the map area read
// the list, so a new view is one new module plus one entry there.

import type { ComponentType } from 'react';
import type { ViewMode } from '../core/config';

export type { ViewMode };

/** What a map view puts in the map area (src/ui/components/MapArea.tsx). */
export interface MapSlot {
  readonly component: ComponentType<{ showHint: boolean }>;
  /** The map area's accessible name while this view shows. */
  readonly areaLabel: string;
  /** An extra class on the map area (layout tweaks). */
  readonly areaClass?: string;
}

export type ViewEntry = {
  readonly mode: ViewMode;
  /** The view switch's button text. */
  readonly label: string;
} & (
  | {
      /** A map view: its component in the map area, beside the lanes, time bar and charts. */
      readonly map: MapSlot;
      readonly page?: undefined;
    }
  | {
      /** A full-page view: replaces the map area, lanes, time bar, charts and "Explain". */
      readonly page: ComponentType;
      readonly map?: undefined;
    }
);

const entries: ViewEntry[] = [];

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
