// The PNG export asks the map view for a snapshot through this hook: the map component
// (src/ui/map, H6) calls registerSnapshot(fn) on mount with a function that renders the
// current view into an image and returns it as a PNG Blob, and calls the returned disposer on
// unmount. Until one is registered, the export falls back to the first canvas in the map area.

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
