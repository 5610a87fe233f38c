// The colour scale (low to high loss, log-scaled), the marks and the lanes, as small HTML legends.

import { useTranslation } from '../i18n';
import { lossColor, type ColorMapName } from '../../gpu/render/colormap';
import { setHoveredLane, useStore } from '../store';

/** A CSS linear-gradient of the colour map (the shader's polynomial sampled at 9 stops). */
export function colorMapGradient(map: ColorMapName = 'viridis'): string {
  const stops: string[] = [];
  for (let i = 0; i <= 8; i++) {
    const [r, g, b] = lossColor(i / 8, map);
    stops.push(
      `rgb(${Math.round(r * 255)} ${Math.round(g * 255)} ${Math.round(b * 255)}) ${i * 12.5}%`,
    );
  }
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

export function ColorScale({ className = 'map-legend' }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={className} aria-hidden="true">
      <span>{t('map.lowLoss')}</span>
      <span className="bar" style={{ background: colorMapGradient() }} />
      <span>{t('map.highLoss')}</span>
    </div>
  );
}

export function GridLegend({
  lanes,
}: {
  lanes: readonly { readonly id: string; readonly name: string; readonly color: string }[];
}) {
  const { t } = useTranslation();
  return (
    <div className="surface-grid-legend">
      <ColorScale className="legend-row" />
      <div className="legend-row">
        <span className="mark-min" aria-hidden="true" /> {t('map.knownMinimum')}
        <span className="mark-start" aria-hidden="true" /> {t('map.start')}
      </div>
      <ul className="legend-lanes">
        {lanes.map((l) => (
          <li key={l.id}>
            <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
            {l.name}
          </li>
        ))}
      </ul>
      <p>{t('map.gridNote')}</p>
    </div>
  );
}

/**
 * The map's lane legend: a swatch and name per visible lane. Hovering (or focusing) an entry
 * highlights that lane's path (the store's hoveredLane).
 */
export function LaneLegend({
  lanes,
}: {
  lanes: readonly { readonly id: string; readonly name: string; readonly color: string }[];
}) {
  const { t } = useTranslation();
  const hovered = useStore((s) => s.view.hoveredLane);
  if (lanes.length === 0) return null;
  return (
    <ul className="map-lane-legend" aria-label={t('map.laneLegend')}>
      {lanes.map((l) => (
        <li
          key={l.id}
          data-lane-id={l.id}
          className={hovered === l.id ? 'hovered' : hovered ? 'dimmed' : undefined}
          tabIndex={0}
          onPointerEnter={() => setHoveredLane(l.id)}
          onPointerLeave={() => setHoveredLane(null)}
          onFocus={() => setHoveredLane(l.id)}
          onBlur={() => setHoveredLane(null)}
        >
          <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
          {l.name}
        </li>
      ))}
    </ul>
  );
}
