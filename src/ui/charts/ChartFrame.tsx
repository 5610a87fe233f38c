// One chart: a recharts body that re-renders only when its rows or series change (memo), and
// over it the scrubbed step's cursor, the only part that follows the time bar (it reads the
// step from the store itself, so scrubbing re-renders one SVG line and a few dots per chart).

import { memo, type ReactNode } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { setStep, useStore } from '../store';
import { fmt } from '../format';
import type { Row } from './series';

/** A line of the chart: its data key in the rows, and how it is drawn and named. */
export interface LineSpec {
  readonly key: string;
  readonly name: string;
  readonly color: string;
  readonly dash?: string;
  readonly width?: number;
  /** Class of the line's SVG group (the e2e tests count series by it). */
  readonly className: string;
}

/** A shaded band between two data keys (a noisy lane's 10–90 %). */
export interface BandSpec {
  readonly lo: string;
  readonly hi: string;
  readonly name: string;
  readonly color: string;
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
          <ChartBody {...props} />
          <Cursor width={width} xMax={xMax} log={log} domain={domain} dots={props.dots ?? []} />
        </div>
      ) : (
        <p className="empty-chart">no finite values</p>
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
  const left = MARGIN.left + Y_AXIS_WIDTH;
  const plotW = width - left - MARGIN.right;
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

function ChartBody({ rows, lines, bands, marks, width, log, domain }: ChartProps) {
  const names = new Map<string, string>();
  for (const l of lines) names.set(l.key, l.name);
  for (const b of bands ?? []) names.set(b.lo, b.name);
  return (
    <ComposedChart
      width={width}
      height={HEIGHT}
      data={rows}
      margin={MARGIN}
      onClick={(state) => {
        const label = (state as { activeLabel?: unknown } | null)?.activeLabel;
        if (typeof label === 'number') setStep(label);
      }}
    >
      <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
      <XAxis
        dataKey="step"
        type="number"
        domain={['dataMin', 'dataMax']}
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
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(label) => `step ${String(label)}`}
        formatter={(value, name) => {
          const text = Array.isArray(value)
            ? value.map((v) => (typeof v === 'number' ? fmt(v, 4) : '—')).join(' – ')
            : typeof value === 'number'
              ? fmt(value, 5)
              : '—';
          return [text, names.get(String(name)) ?? String(name)];
        }}
      />
      {(bands ?? []).map((b) => (
        <Area
          key={b.lo}
          dataKey={(row: Row) => [row[b.lo] ?? null, row[b.hi] ?? null]}
          name={b.lo}
          stroke="none"
          fill={b.color}
          fillOpacity={0.2}
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
      {lines.map((l) => (
        <Line
          key={l.key}
          className={l.className}
          dataKey={l.key}
          name={l.key}
          stroke={l.color}
          dot={false}
          activeDot={false}
          strokeWidth={l.width ?? 1.5}
          {...(l.dash ? { strokeDasharray: l.dash } : {})}
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
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
