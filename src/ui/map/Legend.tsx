// The colour scale (low to high loss, log-scaled) and the marks, as a small HTML legend.

import { lossColor, type ColorMapName } from '../../gpu/render/colormap';

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
  return (
    <div className={className} aria-hidden="true">
      <span>low loss</span>
      <span className="bar" style={{ background: colorMapGradient() }} />
      <span>high (log)</span>
    </div>
  );
}

export function GridLegend({
  lanes,
}: {
  lanes: readonly { readonly id: string; readonly name: string; readonly color: string }[];
}) {
  return (
    <div className="surface-grid-legend">
      <ColorScale className="legend-row" />
      <div className="legend-row">
        <span className="mark-min" aria-hidden="true" /> known minimum
        <span className="mark-start" aria-hidden="true" /> start
      </div>
      <ul className="legend-lanes">
        {lanes.map((l) => (
          <li key={l.id}>
            <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
            {l.name}
          </li>
        ))}
      </ul>
      <p>Each surface from its own default start. Click a surface to open it.</p>
    </div>
  );
}
