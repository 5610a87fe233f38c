// The map slot: the WebGPU map of one surface (<SurfaceMap />, with its own canvas-2D
// fallback), or what the current view puts in its place (src/ui/views.ts `area`: the grid of
// every surface, a hyperparameter map...).

import { useStore } from '../store';
import { viewFor } from '../views';
import { SurfaceMap } from '../map/SurfaceMap';

export function MapArea() {
  const mode = useStore((s) => s.config.mode);
  const embed = useStore((s) => s.config.embed);
  const area = viewFor(mode)?.area;
  const Area = area?.component;
  return (
    <section
      className={`map-area${Area ? ` ${mode}-mode` : ''}`}
      aria-label={area?.label ?? 'Loss surface map'}
    >
      {Area ? <Area /> : <SurfaceMap showHint={!embed} />}
    </section>
  );
}
