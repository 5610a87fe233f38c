// The step-size chart, on a log axis: each lane's effective step size per coordinate, the
// factor its update multiplies its direction by (Adam η/(√v̂ + ε), AdaGrad ηₜ/(√s + ε),
// RMSprop η/(√v + ε), …: OptimizerDef.effectiveStep, stepped in float64 by
// core/effectiveStep.ts), x solid and y dashed, beside the scheduled η (dotted). For the SGD
// family the two are the same line. A log axis keeps lanes with very different η apart.

import { memo, useMemo } from 'react';
import { useTranslation } from '../i18n';
import { CHARTS_NS, ct } from './strings';
import { Chart, type LineSpec, type MarkSpec } from './ChartFrame';
import {
  KEY,
  domainOf,
  effectiveSteps,
  mergeRows,
  reduced,
  type KeyedSeries,
  type SeriesLane,
} from './series';

const TEXT = {
  get title() {
    return ct('stepTitle');
  },
  get note() {
    return ct('stepNote');
  },
  eta: (name: string) => `${name} η`,
};

export const StepSizeChart = memo(function StepSizeChart({
  lanes,
  width,
  columns,
}: {
  lanes: readonly SeriesLane[];
  width: number;
  columns: number;
}) {
  const { t } = useTranslation(CHARTS_NS); // a new t on a language switch: names rebuilt
  const data = useMemo(() => {
    const length = lanes.reduce((m, l) => Math.max(m, l.run.lr.length), 0);
    const series: KeyedSeries[] = [];
    const lines: LineSpec[] = [];
    const values: ArrayLike<number>[] = [];
    for (const l of lanes) {
      const eta = reduced(l.run.lr, length, columns, true);
      if (!l.adaptive || !l.resolved) {
        series.push({ key: l.id, reduced: eta, index: 0 });
        lines.push({
          key: l.id,
          name: TEXT.eta(l.name),
          color: l.color,
          className: `eta-series lane-${l.id}`,
          lane: l.id,
        });
        values.push(...eta.values);
        continue;
      }
      const eff = effectiveSteps(l.run, l.resolved, columns);
      series.push({ key: l.id + KEY.x, reduced: eff, index: 0 });
      series.push({ key: l.id + KEY.y, reduced: eff, index: 1 });
      series.push({ key: l.id, reduced: eta, index: 0 });
      const lane = `lane-${l.id}`;
      lines.push(
        {
          key: l.id + KEY.x,
          name: t('stepX', { name: l.name }),
          color: l.color,
          className: `eff-x ${lane}`,
          lane: l.id,
        },
        {
          key: l.id + KEY.y,
          name: t('stepY', { name: l.name }),
          color: l.color,
          dash: '6 3',
          className: `eff-y ${lane}`,
          lane: l.id,
        },
        {
          key: l.id,
          name: TEXT.eta(l.name),
          color: l.color,
          dash: '1 3',
          width: 1,
          className: `eta-series ${lane}`,
          lane: l.id,
        },
      );
      values.push(...eff.values, ...eta.values);
    }
    const marks: MarkSpec[] = lanes.flatMap((l) =>
      l.run.divergedAt === null ? [] : [{ key: l.id, x: l.run.divergedAt, color: l.color }],
    );
    return { rows: mergeRows(series), lines, marks, domain: domainOf(values, true) };
  }, [lanes, columns, t]);
  return (
    <Chart
      title={
        <>
          {TEXT.title} <span className="chart-note">({TEXT.note})</span>
        </>
      }
      className="step-chart"
      rows={data.rows}
      lines={data.lines}
      marks={data.marks}
      width={width}
      log={true}
      domain={data.domain}
    />
  );
});
