// The lanes' lines and bands as one SVG path each, inside recharts' plot area (usePlotArea)
// and on the same x and y ranges as its axes, instead of recharts' <Line>: a <Line> builds
// several objects per point (labels, animation state) on every render, and recharts keeps
// (and clones) the chart's data in its store, which was most of a chart update's
// main-thread time. The path strings are memoised, so recharts' own re-renders redo none.
// While a lane is hovered (in the lanes panel or the map's legend), the other lanes' series
// dim, as their paths do on the map.

import { memo, useId, useMemo } from 'react';
import { usePlotArea } from 'recharts';
import { useStore } from '../store';
import type { BandSpec, LineSpec } from './ChartFrame';
import type { Row } from './series';

type Scale = (v: number) => number | undefined;

/** Farthest a point is drawn outside the plot (px): the clip path hides it either way. */
const FAR_PX = 1e6;

/**
 * A pixel coordinate as SVG path text: clamped, so a huge value (a run blowing up to 1e300)
 * never writes exponent notation or overflows the rasteriser.
 */
function coord(v: number): string {
  return Math.min(FAR_PX, Math.max(-FAR_PX, v)).toFixed(1);
}

/** "M x y L x y …" through the rows' values of `key`, broken where a value is missing. */
export function linePath(rows: readonly Row[], key: string, x: Scale, y: Scale): string {
  let d = '';
  let open = false;
  for (const row of rows) {
    const v = row[key];
    const px = x(row['step'] ?? NaN);
    const py = v === null || v === undefined ? undefined : y(v);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) {
      open = false;
      continue;
    }
    d += `${open ? 'L' : 'M'}${coord(px)} ${coord(py)}`;
    open = true;
  }
  return d;
}

/** Closed outlines of the band between `lo` and `hi`, one per stretch where both exist. */
export function bandPath(rows: readonly Row[], lo: string, hi: string, x: Scale, y: Scale): string {
  let d = '';
  let run: [number, number, number][] = [];
  const flush = () => {
    if (run.length > 1) {
      d += run.map(([px, , ph], i) => `${i ? 'L' : 'M'}${coord(px)} ${coord(ph)}`).join('');
      for (let i = run.length - 1; i >= 0; i--) {
        d += `L${coord(run[i]![0])} ${coord(run[i]![1])}`;
      }
      d += 'Z';
    }
    run = [];
  };
  for (const row of rows) {
    const a = row[lo];
    const b = row[hi];
    const px = x(row['step'] ?? NaN);
    const pl = a === null || a === undefined ? undefined : y(a);
    const ph = b === null || b === undefined ? undefined : y(b);
    if (px === undefined || pl === undefined || ph === undefined || !Number.isFinite(pl + ph)) {
      flush();
      continue;
    }
    run.push([px, pl, ph]);
  }
  flush();
  return d;
}

export const SeriesPaths = memo(function SeriesPaths({
  rows,
  lines,
  bands,
  xMax,
  domain,
  log,
}: {
  rows: readonly Row[];
  lines: readonly LineSpec[];
  bands: readonly BandSpec[];
  xMax: number;
  domain: readonly [number, number];
  log: boolean;
}) {
  const plot = usePlotArea();
  const hovered = useStore((s) => s.view.hoveredLane);
  const dimmed = (lane: string) => hovered !== null && lane !== hovered;
  const clip = useId().replace(/:/g, '');
  const px = plot?.x ?? 0;
  const py = plot?.y ?? 0;
  const pw = plot?.width ?? 0;
  const ph = plot?.height ?? 0;
  const paths = useMemo(() => {
    if (!(pw > 0 && ph > 0 && xMax > 0)) return null;
    const t = (v: number) => (log ? Math.log(v) : v);
    const [lo, hi] = [t(domain[0]), t(domain[1])];
    const x: Scale = (v) => px + (v / xMax) * pw;
    const y: Scale = (v) => (log && v <= 0 ? undefined : py + ph - ((t(v) - lo) / (hi - lo)) * ph);
    return {
      bands: bands.map((b) => bandPath(rows, b.lo, b.hi, x, y)),
      lines: lines.map((l) => linePath(rows, l.key, x, y)),
    };
  }, [rows, lines, bands, xMax, domain, log, px, py, pw, ph]);
  if (!paths) return null;
  return (
    <g className={`chart-series${hovered !== null ? ' has-hover' : ''}`}>
      <defs>
        <clipPath id={clip}>
          <rect x={px} y={py} width={pw} height={ph} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clip})`}>
        {bands.map((b, i) => (
          <path
            key={b.lo}
            className="series-band"
            d={paths.bands[i]}
            fill={b.color}
            fillOpacity={dimmed(b.lane) ? 0.05 : 0.2}
            stroke="none"
          />
        ))}
        {lines.map((l, i) => (
          <g
            key={l.key}
            className={`series-line ${l.className}`}
            opacity={dimmed(l.lane) ? 0.2 : 1}
          >
            <path
              className="series-curve"
              d={paths.lines[i]}
              fill="none"
              stroke={l.color}
              strokeWidth={l.width ?? 1.5}
              {...(l.dash ? { strokeDasharray: l.dash } : {})}
            />
          </g>
        ))}
      </g>
    </g>
  );
});
