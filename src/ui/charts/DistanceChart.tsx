// Distance from each lane's point to the nearest known minimum, on a log axis.

import { memo, useMemo } from 'react';
import { useTranslation } from '../i18n';
import { CHARTS_NS, ct } from './strings';
import type { Vec2 } from '../../core/types';
import { Chart, type LineSpec, type MarkSpec } from './ChartFrame';
import { distance, domainOf, mergeRows, reduced, type SeriesLane } from './series';

const TEXT = {
  get known() {
    return ct('distanceKnown');
  },
  get none() {
    return ct('distanceNone');
  },
};

export const DistanceChart = memo(function DistanceChart({
  lanes,
  minima,
  width,
  columns,
}: {
  lanes: readonly SeriesLane[];
  minima: readonly Vec2[];
  width: number;
  columns: number;
}) {
  useTranslation(CHARTS_NS); // re-renders on a language switch
  const data = useMemo(() => {
    const length = lanes.reduce((m, l) => Math.max(m, l.run.loss.length), 0);
    const dist = lanes.map((l) => distance(l.run, minima));
    const lines: LineSpec[] = lanes.map((l) => ({
      key: l.id,
      name: l.name,
      color: l.color,
      className: `distance-series lane-${l.id}`,
      lane: l.id,
    }));
    const rows = mergeRows(
      lanes.map((l, i) => ({
        key: l.id,
        reduced: reduced(dist[i]!, length, columns, true),
        index: 0,
      })),
    );
    const finite = lanes.some((l) => l.run.divergedAt === null)
      ? dist.filter((_, i) => lanes[i]!.run.divergedAt === null)
      : dist;
    const marks: MarkSpec[] = lanes.flatMap((l) =>
      l.run.divergedAt === null ? [] : [{ key: l.id, x: l.run.divergedAt, color: l.color }],
    );
    return { rows, lines, marks, domain: domainOf(finite, true) };
  }, [lanes, minima, columns]);
  return (
    <Chart
      title={minima.length > 0 ? TEXT.known : TEXT.none}
      className="distance-chart"
      rows={data.rows}
      lines={data.lines}
      marks={data.marks}
      width={width}
      log={true}
      domain={data.domain}
    />
  );
});
