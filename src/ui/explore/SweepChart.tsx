// The 1-D sweep: final loss against one parameter for every visible lane on one chart (the
// learning-rate range plot: where does each optimizer work, where does it blow up). x sits on
// the parameter's own scale, y on log10 of the final loss; a diverged run leaves a gap and is
// counted in the legend.

import { useMemo, useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { fmt } from '../format';
import { useStore } from '../store';
import { useTranslation } from '../i18n';
import { EXPLORE_NS, et } from './strings';
import { useElementSize } from '../map/useElementSize';
import { axisCoord, axisTicks, fromAxisCoord } from './axisScale';
import type { SweepResults } from './sweepKind';

const HEIGHT = 360;
/** Final losses this small all sit on the chart's floor. */
const LOSS_FLOOR = 1e-12;

export function SweepChart({ results }: { results: SweepResults }) {
  useTranslation(EXPLORE_NS); // re-renders on a language switch
  const boxRef = useRef<HTMLDivElement | null>(null);
  const { width } = useElementSize(boxRef);
  const lanes = useStore((s) => s.config.lanes);
  const { plan, table } = results;
  const axis = plan.axes[0];
  const { rows, diverged } = useMemo(() => {
    const byCell: Record<string, number>[] = [];
    const divergedCount: Record<string, number> = {};
    for (const lp of plan.lanes) {
      let d = 0;
      const xs = lp.values[0] ?? [];
      xs.forEach((v, i) => {
        const r = lp.firstRun + i;
        const row = (byCell[i] ??= { x: axisCoord(axis.scale, v) });
        if ((table.divergedAt[r] ?? -1) >= 0) d++;
        else {
          const loss = table.finalLoss[r] ?? NaN;
          if (Number.isFinite(loss)) row[lp.laneId] = Math.log10(Math.max(LOSS_FLOOR, loss));
        }
      });
      divergedCount[lp.laneId] = d;
    }
    return { rows: byCell, diverged: divergedCount };
  }, [plan, table, axis.scale]);
  const ticks = axisTicks(axis.scale, axis.min, axis.max).map((v) => axisCoord(axis.scale, v));
  return (
    <div ref={boxRef} className="sweep-chart" aria-label={et('chartLabel', { key: axis.key })}>
      <h3>{et('chartTitle', { steps: plan.steps, key: axis.key, cells: axis.cells })}</h3>
      {width > 0 && (
        <LineChart
          width={width}
          height={HEIGHT}
          data={rows}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={['dataMin', 'dataMax']}
            ticks={ticks}
            tickFormatter={(c: number) => fmt(fromAxisCoord(axis.scale, c), 3)}
            tick={{ fontSize: 11 }}
          />
          <YAxis
            tickFormatter={(v: number) => fmt(10 ** v, 2)}
            tick={{ fontSize: 11 }}
            width={64}
            label={{ value: et('scaleLoss'), angle: -90, position: 'insideLeft', fontSize: 11 }}
          />
          <Tooltip
            formatter={(v) => fmt(10 ** Number(v), 4)}
            labelFormatter={(c) => `${axis.key} = ${fmt(fromAxisCoord(axis.scale, Number(c)), 4)}`}
          />
          <Legend />
          {plan.lanes.map((lp) => {
            const lane = lanes.find((l) => l.id === lp.laneId);
            return (
              <Line
                key={lp.laneId}
                dataKey={lp.laneId}
                name={`${lane?.name ?? lp.laneId}${diverged[lp.laneId] ? et('divergedCount', { n: diverged[lp.laneId] }) : ''}`}
                stroke={lane?.color ?? '#888'}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
            );
          })}
        </LineChart>
      )}
    </div>
  );
}
