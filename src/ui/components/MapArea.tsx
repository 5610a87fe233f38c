// The map slot: H6's WebGPU map (<SurfaceMap />, with its own canvas-2D fallback) or the grid
// of every surface (<SurfaceGrid />). Both read the store (surface, view, lanes, start, step,
// selectedLane, resultsVersion) and results.ts, and write through setView/resetView/setStart/
// openSurface.

import { useStore } from '../store';
import { SurfaceGrid } from '../map/SurfaceGrid';
import { SurfaceMap } from '../map/SurfaceMap';

export function MapArea() {
  const mode = useStore((s) => s.config.mode);
  const embed = useStore((s) => s.config.embed);
  return (
    <section
      className={`map-area${mode === 'grid' ? ' grid-mode' : ''}`}
      aria-label={mode === 'grid' ? 'All surfaces' : 'Loss surface map'}
    >
      {mode === 'grid' ? <SurfaceGrid /> : <SurfaceMap showHint={!embed} />}
    </section>
  );
}
