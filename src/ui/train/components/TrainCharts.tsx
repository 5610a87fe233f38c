// The Train view's curves, one colour per lane: training loss per step (a lane of several seeds
// also shows its lowest and highest seed, faintly), held-out accuracy and loss per epoch
// (early stops marked where they fired), and the learning rate per step. Diverged lanes are
// marked at their step; nothing non-finite reaches a chart.

import { useTranslation } from '../../i18n';
import { TRAIN_NS, tt } from '../strings';
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useStore } from '../../store';
import { fmt } from '../../format';
import type { TrainResults } from '../trainResults';
import { domainOf, epochRows, stepRows, type ChartLane, type Row } from './trainSeries';
import { useWidth } from '../../components/useWidth';

const HEIGHT = 190;

interface ChartProps {
  readonly title: string;
  readonly rows: readonly Row[];
  readonly lanes: readonly ChartLane[];
  readonly x: 'step' | 'epoch';
  readonly width: number;
  readonly log?: boolean;
  readonly percent?: boolean;
  /** Vertical marks: [x, colour, label]. */
  readonly marks?: readonly (readonly [number, string, string])[];
  readonly empty: string;
  /** The x axis runs from 0 to this (the run's epochs), so one epoch's points do not fill it. */
  readonly xMax?: number;
}

const Chart = memo(function Chart(props: ChartProps) {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const { rows, lanes, x, width, log = false, percent = false } = props;
  const domain = useMemo(
    () => domainOf(rows, (k) => k !== x, log) ?? (log ? [1e-3, 1] : [0, 1]),
    [rows, x, log],
  );
  return (
    <figure className="chart" aria-label={props.title}>
      <figcaption>{props.title}</figcaption>
      {rows.length === 0 ? (
        <div className="empty-chart" style={{ width }}>
          {props.empty}
        </div>
      ) : (
        <LineChart width={width} height={HEIGHT} data={rows as Row[]} margin={{ right: 8 }}>
          <CartesianGrid stroke="#eceff3" />
          <XAxis
            dataKey={x}
            type="number"
            domain={props.xMax ? [0, props.xMax] : ['dataMin', 'dataMax']}
            allowDecimals={x === 'step'}
            tickFormatter={(v: number) => fmt(v, 3)}
          />
          <YAxis
            scale={log ? 'log' : 'linear'}
            domain={domain}
            allowDataOverflow
            width={54}
            tickFormatter={(v: number) => (percent ? `${(100 * v).toFixed(0)}%` : fmt(v, 2))}
          />
          <Tooltip
            formatter={(v: unknown) =>
              typeof v === 'number' ? (percent ? `${(100 * v).toFixed(1)} %` : fmt(v, 4)) : '—'
            }
            labelFormatter={(v: unknown) => tt(x, { v: String(v) })}
          />
          {lanes.flatMap((l) => [
            <Line
              key={l.id}
              dataKey={l.id}
              name={l.name}
              stroke={l.color}
              dot={x === 'epoch'}
              strokeWidth={2}
              isAnimationActive={false}
              connectNulls
            />,
            ...(l.result.lossMin && x === 'step' && rows[0]?.[`${l.id}:min`] !== undefined
              ? ['min', 'max'].map((edge) => (
                  <Line
                    key={`${l.id}:${edge}`}
                    dataKey={`${l.id}:${edge}`}
                    name={tt('seedsOf', {
                      name: l.name,
                      edge: tt(edge as 'min' | 'max'),
                      seeds: l.result.seeds,
                    })}
                    stroke={l.color}
                    strokeOpacity={0.35}
                    dot={false}
                    strokeWidth={1}
                    isAnimationActive={false}
                    connectNulls
                  />
                ))
              : []),
          ])}
          {(props.marks ?? []).map(([at, color, label]) => (
            <ReferenceLine
              key={`${label}:${at}:${color}`}
              x={at}
              stroke={color}
              strokeDasharray="4 3"
              label={{ value: label, fill: color, fontSize: 11, position: 'insideTopRight' }}
            />
          ))}
        </LineChart>
      )}
    </figure>
  );
});

export function TrainCharts({
  results,
  version,
}: {
  results: TrainResults | null;
  version: number;
}) {
  const { t } = useTranslation(TRAIN_NS); // a new t on a language switch
  const lanesCfg = useStore((s) => s.config.lanes);
  const [ref, width] = useWidth();
  // Two charts a row on a desktop, one on a phone.
  const perRow = width >= 560 ? 2 : 1;
  const chartWidth = Math.max(200, Math.floor((width - 12 * (perRow - 1)) / perRow));
  const lanes: ChartLane[] = useMemo(() => {
    void version;
    const out: ChartLane[] = [];
    for (const l of lanesCfg) {
      const result = results?.lanes.find((r) => r.laneId === l.id);
      if (l.visible && result) out.push({ id: l.id, name: l.name, color: l.color, result });
    }
    return out;
  }, [version, results, lanesCfg]);

  // About one point per 3 px: SVG charts redrawn twice a second compete with the GPU (on a
  // software GPU, for the same two cores).
  const columns = Math.max(40, Math.floor(chartWidth / 6));
  const loss = useMemo(
    () => stepRows(lanes, (r) => r.loss, Math.min(columns, 120), true, true),
    [lanes, columns],
  );
  const lr = useMemo(() => stepRows(lanes, (r) => r.lr, columns, true), [lanes, columns]);
  // Per-epoch charts change only when an evaluation lands.
  const evaluations = lanes.reduce((n, l) => n + l.result.evals.length, 0);
  const lanesAtEval = useMemo(() => lanes, [evaluations, lanesCfg]); // eslint-disable-line react-hooks/exhaustive-deps
  const accuracy = useMemo(() => epochRows(lanesAtEval, (e) => e.accuracy), [lanesAtEval]);
  const heldOutLoss = useMemo(() => epochRows(lanesAtEval, (e) => e.loss), [lanesAtEval]);
  const diverged = lanes
    .filter((l) => l.result.divergedAt !== null)
    .map(
      (l) =>
        [l.result.divergedAt as number, l.color, tt('divergedMark', { name: l.name })] as const,
    );
  const stops = useMemo(
    () =>
      lanesAtEval
        .filter((l) => l.result.status === 'stopped' && l.result.evals.length > 0)
        .map(
          (l) =>
            [l.result.evals[l.result.evals.length - 1]!.epoch, l.color, t('stopMark')] as const,
        ),
    [lanesAtEval, t],
  );
  const classified = (results?.classes ?? 0) > 0;
  const epochs = Math.max(0, ...lanes.map((l) => l.result.totalSteps / l.result.epochSteps));

  return (
    <section className="charts train-charts" aria-label={tt('curves')} ref={ref}>
      <ul className="legend" aria-label={tt('lanes')}>
        {lanes.map((l) => (
          <li key={l.id}>
            <span className="swatch" style={{ background: l.color }} />
            {l.name}
          </li>
        ))}
      </ul>
      <div className="chart-row">
        <Chart
          title={tt('lossTitle')}
          rows={loss}
          lanes={lanes}
          x="step"
          width={chartWidth}
          log
          marks={diverged}
          empty={tt('lossEmpty')}
        />
        {classified && (
          <Chart
            title={tt('accuracyTitle')}
            rows={accuracy}
            lanes={lanesAtEval}
            x="epoch"
            xMax={epochs}
            width={chartWidth}
            percent
            marks={stops}
            empty={tt('accuracyEmpty')}
          />
        )}
        {/* The stopping marks go on the chart of the rule's measure: accuracy, else loss. */}
        <Chart
          title={tt('heldOutLossTitle')}
          rows={heldOutLoss}
          lanes={lanesAtEval}
          x="epoch"
          xMax={epochs}
          width={chartWidth}
          marks={classified ? [] : stops}
          empty={tt('heldOutLossEmpty')}
        />
        <Chart
          title={tt('lrTitle')}
          rows={lr}
          lanes={lanes}
          x="step"
          width={chartWidth}
          log
          empty={tt('lrEmpty')}
        />
      </div>
    </section>
  );
}
