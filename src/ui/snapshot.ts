// The exports ask the mounted view for pictures through these hooks. A map view calls
// registerSnapshot(fn) on mount with a function that renders the current view into a PNG Blob
// (the PNG export), and a map that can be recorded also calls provideFrame(fn) (one frame for
// the WebM recorder); each returns its disposer. Until a snapshot is registered, the export
// falls back to the first canvas in the map area.

import type { SnapshotLegend, SnapshotMarks } from './map/snapshotPng';

type Snapshot = () => Promise<Blob | null>;

let current: Snapshot | null = null;

/** For the map component: provide the PNG snapshot of the current view. */
export function registerSnapshot(fn: Snapshot): () => void {
  current = fn;
  return () => {
    if (current === fn) current = null;
  };
}

/** A PNG of the map view, or null when there is nothing to capture. */
export async function takeSnapshot(): Promise<Blob | null> {
  if (current) return current();
  const canvas = document.querySelector<HTMLCanvasElement>('.map-area canvas');
  if (!canvas) return null;
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'));
}

/** Saves a Blob as a file (a same-origin blob: URL; nothing leaves the page). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One frame of the map as shown: its pixels, marks and legend (for the WebM recorder). */
export interface MapFrame {
  readonly image: ImageData;
  readonly marks: SnapshotMarks | null;
  readonly legend: SnapshotLegend | null;
}

let frameProvider: (() => Promise<MapFrame | null>) | null = null;

/** The mounted map registers how to take one frame; returns the disposer. */
export function provideFrame(fn: () => Promise<MapFrame | null>): () => void {
  frameProvider = fn;
  return () => {
    if (frameProvider === fn) frameProvider = null;
  };
}

/** The current frame of the mounted map, or null when none is mounted. */
export function takeMapFrame(): Promise<MapFrame | null> {
  return frameProvider ? frameProvider() : Promise.resolve(null);
}
