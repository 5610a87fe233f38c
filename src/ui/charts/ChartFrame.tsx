// One chart: a recharts body that re-renders only when its rows or series change (memo), and
// over it the scrubbed step's cursor, the only part that follows the time bar (it reads the
// step from the store itself, so scrubbing re-renders one SVG line and a few dots per chart).

import { memo, useState, type MouseEvent, type ReactNode } from 'react';
import { CartesianGrid, ComposedChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { setStep, useStore } from '../store';
import { fmt } from '../format';
import { ct } from './strings';
import type { Row } from './series';
import { SeriesPaths } from './SeriesPaths';

/** A line of the chart: its data key in the rows, and how it is drawn and named. */
export interface LineSpec {
  readonly key: string;
  readonly name: string;
  readonly color: string;
  readonly dash?: string;
  readonly width?: number;
  /** Class of the line's SVG group (the e2e tests count series by it). */
  readonly className: string;
  /** The lane it belongs to: the others dim while a lane is hovered. */
  readonly lane: string;
}

/** A shaded band between two data keys (a noisy lane's 10–90 %). */
export interface BandSpec {
  readonly lo: string;
  readonly hi: string;
  readonly name: string;
  readonly color: string;
  readonly lane: string;
}

/** A vertical mark (a lane's divergence), optionally labelled. */
export interface MarkSpec {
  readonly key: string;
  readonly x: number;
  readonly color: string;
  readonly label?: string;
}

/** Values the cursor dots at the scrubbed step (the loss chart's lanes). */
export interface DotSpec {
  readonly key: string;
  readonly color: string;
  readonly values: ArrayLike<number>;
}

// The plot area inside each chart, for the cursor drawn over it: margins, the y axis width
// and the x axis height.
const HEIGHT = 200;
const MARGIN = { top: 6, right: 12, bottom: 4, left: 4 } as const;
const Y_AXIS_WIDTH = 52;
const X_AXIS_HEIGHT = 30;

/** The plot area's left edge and width in the chart's pixels. */
function plotX(width: number): { left: number; plotW: number } {
  const left = MARGIN.left + Y_AXIS_WIDTH;
  return { left, plotW: width - left - MARGIN.right };
}

export interface ChartProps {
  readonly title: ReactNode;
  readonly className: string;
  readonly rows: Row[];
  readonly lines: readonly LineSpec[];
  readonly bands?: readonly BandSpec[];
  readonly marks?: readonly MarkSpec[];
  readonly dots?: readonly DotSpec[];
  readonly width: number;
  readonly log: boolean;
  /** Y range; omitted: recharts' automatic range (then no cursor dots). */
  readonly domain: readonly [number, number] | undefined;
  readonly control?: ReactNode;
}

export const Chart = memo(function Chart(props: ChartProps) {
  const { title, className, rows, lines, width, log, domain, control } = props;
  const hasData = rows.some((r) => lines.some((l) => r[l.key] !== null));
  const xMax = rows.length > 0 ? (rows[rows.length - 1]!['step'] ?? 0) : 0;
  return (
    <figure className={`chart ${className}`} data-scale={log ? 'log' : 'linear'} style={{ width }}>
      <figcaption>
        {title} {control}
      </figcaption>
      {hasData ? (
        <div className="chart-box" style={{ width, height: HEIGHT }}>
          <ChartBody {...props} xMax={xMax} />
          <Cursor width={width} xMax={xMax} log={log} domain={domain} dots={props.dots ?? []} />
          <Hover rows={rows} lines={lines} bands={props.bands ?? []} width={width} xMax={xMax} />
        </div>
      ) : (
        <p className="empty-chart">{ct('empty')}</p>
      )}
    </figure>
  );
});

function Cursor({
  width,
  xMax,
  log,
  domain,
  dots,
}: {
  width: number;
  xMax: number;
  log: boolean;
  domain: readonly [number, number] | undefined;
  dots: readonly DotSpec[];
}) {
  const step = useStore((s) => s.config.step);
  const { left, plotW } = plotX(width);
  const top = MARGIN.top;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT;
  if (!(xMax > 0) || plotW <= 0) return null;
  const x = left + (Math.min(step, xMax) / xMax) * plotW;
  const yOf = (v: number): number | null => {
    if (!domain || !Number.isFinite(v)) return null;
    const [lo, hi] = domain;
    let f: number;
    if (log) {
      if (v <= 0) return null;
      f = (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
    } else f = (v - lo) / (hi - lo);
    if (!(f >= 0 && f <= 1)) return null;
    return top + (1 - f) * plotH;
  };
  return (
    <svg className="chart-cursor" width={width} height={HEIGHT} aria-hidden="true">
      <line x1={x} x2={x} y1={top} y2={top + plotH} stroke="#333" strokeDasharray="4 3" />
      {dots.map((d) => {
        const y = yOf(d.values[Math.min(step, d.values.length - 1)] ?? NaN);
        return y === null ? null : <circle key={d.key} cx={x} cy={y} r={3} fill={d.color} />;
      })}
    </svg>
  );
}

function ChartBody({
  rows,
  lines,
  bands,
  marks,
  width,
  log,
  domain,
  xMax,
}: ChartProps & { xMax: number }) {
  return (
    // No `data`: the series are drawn by SeriesPaths; the axes take their domains as given.
    <ComposedChart width={width} height={HEIGHT} margin={MARGIN}>
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis
        dataKey="step"
        type="number"
        domain={[0, xMax]}
        tick={{ fontSize: 11 }}
        allowDataOverflow
        height={X_AXIS_HEIGHT}
      />
      <YAxis
        scale={log ? 'log' : 'linear'}
        domain={domain ? [domain[0], domain[1]] : ['auto', 'auto']}
        allowDataOverflow
        tick={{ fontSize: 11 }}
        tickFormatter={(v: number) => fmt(v, 2)}
        width={Y_AXIS_WIDTH}
      />
      {domain && (
        <SeriesPaths
          rows={rows}
          lines={lines}
          bands={bands ?? []}
          xMax={xMax}
          domain={domain}
          log={log}
        />
      )}
      {(marks ?? []).map((m) => (
        <ReferenceLine
          key={m.key}
          x={m.x}
          stroke={m.color}
          strokeDasharray="2 2"
          {...(m.label
            ? {
                label: {
                  value: m.label,
                  fontSize: 10,
                  fill: m.color,
                  position: 'insideTopLeft' as const,
                },
              }
            : {})}
        />
      ))}
    </ComposedChart>
  );
}

/**
 * Hovering reads the lanes' values at the step under the pointer (its own state: only this
 * layer re-renders while the pointer moves); a click scrubs to that step.
 */
function Hover({
  rows,
  lines,
  bands,
  width,
  xMax,
}: {
  rows: readonly Row[];
  lines: readonly LineSpec[];
  bands: readonly BandSpec[];
  width: number;
  xMax: number;
}) {
  const [at, setAt] = useState<number | null>(null);
  const { left, plotW } = plotX(width);
  const stepAt = (e: MouseEvent<HTMLDivElement>): number => {
    const box = e.currentTarget.getBoundingClientRect();
    const f = (e.clientX - box.left - left) / plotW;
    return Math.round(Math.min(1, Math.max(0, f)) * xMax);
  };
  let row: Row | undefined;
  if (at !== null) {
    // The row nearest to the hovered step (rows are in step order).
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((rows[mid]!['step'] ?? 0) < at) lo = mid + 1;
      else hi = mid;
    }
    row = rows[lo];
  }
  const step = row?.['step'] ?? null;
  const x = step === null || !(xMax > 0) ? null : left + (step / xMax) * plotW;
  return (
    <div
      className="chart-hover"
      onMouseMove={(e) => setAt(stepAt(e))}
      onMouseLeave={() => setAt(null)}
      onClick={(e) => setStep(stepAt(e))}
    >
      {row && x !== null && (
        <>
          <svg width={width} height={HEIGHT} aria-hidden="true">
            <line x1={x} x2={x} y1={MARGIN.top} y2={HEIGHT - X_AXIS_HEIGHT} stroke="#999" />
          </svg>
          <div
            className="chart-readout"
            style={x > width / 2 ? { right: width - x + 8 } : { left: x + 8 }}
          >
            <div>{ct('step', { step })}</div>
            {lines.map((l) => (
              <div key={l.key} style={{ color: l.color }}>
                {l.name}: {fmtValue(row[l.key])}
              </div>
            ))}
            {bands.map((b) => (
              <div key={b.lo} style={{ color: b.color }}>
                {b.name}: {fmtValue(row[b.lo])} – {fmtValue(row[b.hi])}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function fmtValue(v: number | null | undefined): string {
  return typeof v === 'number' ? fmt(v, 4) : '—';
}
