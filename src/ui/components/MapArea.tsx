// The map slot: the current map view's component (src/ui/views.ts), e.g. H6's WebGPU map
// <SurfaceMap />, the 3-D view or the grid of every surface. Each reads the store and
// results.ts itself; an unknown mode (never decoded from a link) falls back to the map.
// id="map" is the target of the "Skip to map" link.

import { Suspense } from 'react';
import { nameOf, useTranslation } from '../i18n';
import { useStore } from '../store';
import { viewFor } from '../views';
import { JobProgress } from './JobProgress';

export function MapArea() {
  const { t } = useTranslation();
  const mode = useStore((s) => s.config.mode);
  const embed = useStore((s) => s.config.embed);
  const slot = viewFor(mode)?.map ?? viewFor('single')?.map;
  if (!slot) return null;
  const View = slot.component;
  return (
    <section
      id="map"
      tabIndex={-1}
      className={`map-area${slot.areaClass ? ` ${slot.areaClass}` : ''}`}
      aria-label={nameOf(slot.areaLabel)}
    >
      <Suspense fallback={<p className="view-loading">{t('page.loading')}</p>}>
        <View showHint={!embed} />
      </Suspense>
      {/* A long recompute of the map's runs (the CPU fallback's swarms, a huge batch). */}
      <JobProgress kind="main" />
    </section>
  );
}
