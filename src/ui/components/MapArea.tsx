// The map slot. The WebGPU map and grid views are H6's (src/ui/map: <SurfaceMap />,
// <SurfaceGrid />); they read the store (surface, view, lanes, start, step, resultsVersion)
// and results.ts, and write through setView/resetView/setStart/openSurface. Without WebGPU (or
// until those views mount) the Canvas 2D fallback map draws the same config.

import { useStore } from '../store';
import { FallbackMap } from './FallbackMap';

export function MapArea() {
  const mode = useStore((s) => s.config.mode);
  const surfaceId = useStore((s) => s.config.surface.id);
  return (
    <section
      className="map-area"
      aria-label={mode === 'grid' ? 'All surfaces' : 'Loss surface map'}
    >
      <FallbackMap
        label={`Loss surface ${surfaceId} with the lanes' paths; click to move the start point`}
      />
    </section>
  );
}
