// Loss, learning rate and distance to the nearest known minimum, per lane, against the step.
// Series are reduced to min/max per pixel column (core/reduce.ts) before recharts sees them,
// and non-finite values never reach a chart. A vertical line marks the scrubbed step. A noisy
// lane shows its mean (src/ui/noiseSummary.ts) and, on the loss chart, its 10–90 % band.

import { memo, useMemo } from 'react';
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
import { reduceSeries } from '../../core/reduce';
import type { Trajectory, Vec2 } from '../../core/types';
import { getResults } from '../results';
import { setChart, setStep, useStore } from '../store';
import { surfaceDef, filled } from '../registry';
import { generateData } from '../../core/surfaceData';
import { fmt } from '../format';
import { useWidth } from './useWidth';
import { BAND, noiseSummary, type NoiseSummary } from '../noiseSummary';

interface SeriesLane {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  /** The lane's run; for a noisy lane the mean over its summarised runs. */
  readonly run: Trajectory;
  readonly noise?: NoiseSummary;
}

const LO = '~lo';
const HI = '~hi';

type Row = Record<string, number | null>;

function toRows(
  lanes: readonly SeriesLane[],
  series: Float64Array[],
  length: number,
  columns: number,
  keep?: (v: number) => boolean,
  bands = false,
): Row[] {
  const ids = lanes.map((l) => l.id);
  const all = [...series];
  if (bands) {
    for (const l of lanes) {
      if (!l.noise) continue;
      ids.push(l.id + LO, l.id + HI);
      all.push(l.noise.lossLo, l.noise.lossHi);
    }
  }
  const r = reduceSeries(all, length, columns, keep);
  return r.steps.map((step, i) => {
    const row: Row = { step };
    ids.forEach((id, k) => {
      const v = r.values[k]?.[i] ?? NaN;
      row[id] = Number.isFinite(v) ? v : null;
    });
    return row;
  });
}

/** [lo, hi] over the finite values of the lanes that did not diverge (else of all lanes). */
function yDomain(
  lanes: readonly SeriesLane[],
  series: (l: SeriesLane, i: number) => ArrayLike<number>,
  log: boolean,
): readonly [number, number] | undefined {
  const pick = lanes.some((l) => l.run.divergedAt === null)
    ? lanes.map((l, i) => [l, i] as const).filter(([l]) => l.run.divergedAt === null)
    : lanes.map((l, i) => [l, i] as const);
  let lo = Infinity;
  let hi = -Infinity;
  for (const [l, i] of pick) {
    const s = series(l, i);
    for (let k = 0; k < s.length; k++) {
      const v = s[k]!;
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi >= lo)) return undefined;
  if (log) return [lo / 1.25, hi * 1.25];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

function distanceSeries(run: Trajectory, minima: readonly Vec2[]): Float64Array {
  const n = run.loss.length;
  const out = new Float64Array(n).fill(NaN);
  if (minima.length === 0) return out;
  for (let k = 0; k < n; k++) {
    const x = run.x[2 * k] ?? NaN;
    const y = run.x[2 * k + 1] ?? NaN;
    let best = Infinity;
    for (const m of minima) best = Math.min(best, Math.hypot(x - m[0], y - m[1]));
    out[k] = best;
  }
  return out;
}

export function Charts() {
  const version = useStore((s) => s.view.resultsVersion);
  const lanesCfg = useStore((s) => s.config.lanes);
  const step = useStore((s) => s.config.step);
  const logLoss = useStore((s) => s.config.chart.logLoss);
  const surface = useStore((s) => s.config.surface);
  const seed = useStore((s) => s.config.seed);
  const [ref, width] = useWidth();

  const lanes: SeriesLane[] = useMemo(() => {
    void version;
    const results = getResults();
    const out: SeriesLane[] = [];
    for (const l of lanesCfg) {
      if (!l.visible) continue;
      const run = results.lanes.find((r) => r.laneId === l.id)?.run;
      const noise = l.noise ? noiseSummary(useStore.getState().config, l.id) : null;
      if (noise) out.push({ id: l.id, name: l.name, color: l.color, run: noise.mean, noise });
      else if (run) out.push({ id: l.id, name: l.name, color: l.color, run });
    }
    return out;
  }, [version, lanesCfg]);

  const minima = useMemo(() => {
    const def = surfaceDef(surface);
    const params = filled(def.params, surface.params);
    return def.minima(params, def.data ? generateData(def.data, seed) : undefined);
  }, [surface, seed]);

  const length = lanes.reduce((m, l) => Math.max(m, l.run.loss.length), 0);
  const chartWidth = Math.max(200, Math.floor((width - 24) / (width > 900 ? 3 : 1)));
  const columns = Math.max(50, chartWidth - 60);
  const positiveLoss = lanes.every((l) => l.run.loss.every((v) => !Number.isFinite(v) || v > 0));
  const useLog = logLoss && positiveLoss;

  // A lane that blew up must not flatten the others: the y range covers the lanes that stayed
  // finite (all lanes when every one diverged); the diverged lane runs off the top.
  const lossDomain = useMemo(() => yDomain(lanes, (l) => l.run.loss, useLog), [lanes, useLog]);
  const distSeries = useMemo(
    () => lanes.map((l) => distanceSeries(l.run, minima)),
    [lanes, minima],
  );
  const distDomain = useMemo(
    () => yDomain(lanes, (_l, i) => distSeries[i]!, true),
    [lanes, distSeries],
  );
  const lrDomain = useMemo(() => {
    const d = yDomain(lanes, (l) => l.run.lr, false);
    return d ? ([0, Math.max(d[1], 1e-12)] as const) : undefined;
  }, [lanes]);
  const lossRows = useMemo(
    () =>
      toRows(
        lanes,
        lanes.map((l) => l.run.loss),
        length,
        columns,
        useLog ? (v) => v > 0 : undefined,
        true,
      ),
    [lanes, length, columns, useLog],
  );
  const lrRows = useMemo(
    () =>
      toRows(
        lanes,
        lanes.map((l) => l.run.lr),
        Math.max(0, length - 1),
        columns,
      ),
    [lanes, length, columns],
  );
  const distRows = useMemo(
    () =>
      toRows(
        lanes,
        lanes.map((l) => distanceSeries(l.run, minima)),
        length,
        columns,
        (v) => v > 0,
      ),
    [lanes, minima, length, columns],
  );

  return (
    <section className="charts" aria-label="Charts" ref={ref}>
      <Legend lanes={lanes} />
      <div className="chart-row">
        {width > 0 && lanes.length > 0 && (
          <>
            <Chart
              title="loss"
              rows={lossRows}
              lanes={lanes}
              width={chartWidth}
              step={step}
              log={useLog}
              domain={lossDomain}
              control={
                <label className="toggle small">
                  <input
                    type="checkbox"
                    checked={logLoss}
                    disabled={!positiveLoss}
                    onChange={(e) => setChart({ logLoss: e.target.checked })}
                    aria-label="Loss chart on a log scale"
                  />
                  log scale{positiveLoss ? '' : ' (loss ≤ 0 here)'}
                </label>
              }
              divergence
            />
            <Chart
              title="learning rate"
              rows={lrRows}
              lanes={lanes}
              width={chartWidth}
              step={step}
              log={false}
              domain={lrDomain}
            />
            <Chart
              title={
                minima.length > 0
                  ? 'distance to the nearest minimum'
                  : 'distance to a minimum (none known)'
              }
              rows={distRows}
              lanes={lanes}
              width={chartWidth}
              step={step}
              log={true}
              domain={distDomain}
            />
          </>
        )}
      </div>
    </section>
  );
}

function Legend({ lanes }: { lanes: readonly SeriesLane[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {lanes.map((l) => (
        <li key={l.id}>
          <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
          {l.name}
          {l.noise && (
            <span className="noise-note">
              {' '}
              — mean and {BAND[0] * 100}–{BAND[1] * 100} % band of the first {l.noise.runs} of{' '}
              {l.noise.of} noisy runs (float64, CPU)
              {l.noise.diverged > 0 ? `, ${l.noise.diverged} diverged` : ''}
            </span>
          )}
          {l.run.divergedAt !== null && (
            <span className="diverged"> — diverged at step {l.run.divergedAt}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

// The plot area inside each LineChart, for the scrub cursor drawn over it: margins, the y
// axis width and recharts' default x axis height (30).
const HEIGHT = 200;
const MARGIN = { top: 6, right: 12, bottom: 4, left: 4 } as const;
const Y_AXIS_WIDTH = 52;
const X_AXIS_HEIGHT = 30;

interface ChartProps {
  title: string;
  rows: Row[];
  lanes: readonly SeriesLane[];
  width: number;
  step: number;
  log: boolean;
  /** Y range; omitted: recharts' automatic range (then no cursor dots). */
  domain?: readonly [number, number] | undefined;
  control?: React.ReactNode;
  /** Mark divergences and dot each lane's loss at the scrubbed step (the loss chart). */
  divergence?: boolean;
}

/**
 * A chart: the recharts body (re-rendered only when its data changes) and, over it, the
 * scrubbed step's cursor (re-rendered on every scrub, cheap: one SVG line and a few dots).
 */
function Chart({ title, rows, lanes, width, step, log, domain, control, divergence }: ChartProps) {
  const hasData = rows.some((r) => lanes.some((l) => r[l.id] !== null));
  const xMax = rows.length > 0 ? (rows[rows.length - 1]!['step'] ?? 0) : 0;
  return (
    <figure className="chart">
      <figcaption>
        {title} {control}
      </figcaption>
      {hasData ? (
        <div className="chart-box" style={{ width, height: HEIGHT }}>
          <ChartBody
            rows={rows}
            lanes={lanes}
            width={width}
            log={log}
            domain={domain}
            labelled={divergence === true}
          />
          <Cursor
            width={width}
            step={step}
            xMax={xMax}
            log={log}
            domain={domain}
            lanes={divergence ? lanes : []}
          />
        </div>
      ) : (
        <p className="empty-chart">no finite values</p>
      )}
    </figure>
  );
}

function Cursor({
  width,
  step,
  xMax,
  log,
  domain,
  lanes,
}: {
  width: number;
  step: number;
  xMax: number;
  log: boolean;
  domain: readonly [number, number] | undefined;
  lanes: readonly SeriesLane[];
}) {
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
      {lanes.map((l) => {
        const k = Math.min(step, l.run.loss.length - 1);
        const y = yOf(l.run.loss[k] ?? NaN);
        return y === null ? null : <circle key={l.id} cx={x} cy={y} r={3} fill={l.color} />;
      })}
    </svg>
  );
}

const ChartBody = memo(function ChartBody({
  rows,
  lanes,
  width,
  log,
  domain,
  labelled,
}: {
  rows: Row[];
  lanes: readonly SeriesLane[];
  width: number;
  log: boolean;
  domain: readonly [number, number] | undefined;
  /** Every chart marks a divergence with a line; the loss chart also says "diverged at k". */
  labelled: boolean;
}) {
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
          const id = String(name);
          const band = id.endsWith(LO);
          const lane = lanes.find((l) => l.id === (band ? id.slice(0, -LO.length) : id));
          const text = Array.isArray(value)
            ? value.map((v) => (typeof v === 'number' ? fmt(v, 4) : '—')).join(' – ')
            : typeof value === 'number'
              ? fmt(value, 5)
              : '—';
          const label = lane
            ? band
              ? `${lane.name} ${BAND[0] * 100}–${BAND[1] * 100} %`
              : lane.noise
                ? `${lane.name} (mean)`
                : lane.name
            : id;
          return [text, label];
        }}
      />
      {labelled &&
        lanes.map((l) =>
          l.noise ? (
            <Area
              key={`band-${l.id}`}
              dataKey={(row: Row) => [row[l.id + LO] ?? null, row[l.id + HI] ?? null]}
              name={l.id + LO}
              stroke="none"
              fill={l.color}
              fillOpacity={0.2}
              isAnimationActive={false}
              connectNulls={false}
            />
          ) : null,
        )}
      {lanes.map((l) => (
        <Line
          key={l.id}
          dataKey={l.id}
          name={l.id}
          stroke={l.color}
          dot={false}
          strokeWidth={1.5}
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
      {lanes.map((l) =>
        l.run.divergedAt !== null ? (
          <ReferenceLine
            key={`d-${l.id}`}
            x={l.run.divergedAt}
            stroke={l.color}
            strokeDasharray="2 2"
            {...(labelled
              ? {
                  label: {
                    value: `${l.name} diverged at ${l.run.divergedAt}`,
                    fontSize: 10,
                    fill: l.color,
                    position: 'insideTopLeft' as const,
                  },
                }
              : {})}
          />
        ) : null,
      )}
    </ComposedChart>
  );
});
