// The basin map (mode=basins): from which starts does each optimizer end in which minimum?
// Per visible lane, a grid of start points over the map's window, each pixel coloured by the
// minimum its run ends in (darker: it took longer to settle; black: diverged; grey: near no
// minimum), lanes side by side, the surface's contours on top. Hover draws the path from that
// start (float64); click makes it the start point of every lane.

import { useMemo, useState } from 'react';
import {
  BASIN_PALETTE,
  BASIN_DIVERGED_RGB,
  BASIN_NONE_RGB,
  basinColours,
} from '../../core/explore/colours';
import { classifyBasins, basinStart } from '../../core/explore/basins';
import type { SummaryTable } from '../../core/explore/summary';
import { simulate } from '../../core/simulate';
import type { Vec2 } from '../../core/types';
import { MAX_BASIN_CELLS, MIN_BASIN_CELLS } from '../../core/explore/config';
import { fmt } from '../format';
import { useStore } from '../store';
import { useTranslation } from '../i18n';
import { EXPLORE_NS, et } from './strings';
import { JobProgress } from '../components/JobProgress';
import { minimaOf, surfaceSetup } from '../map/buildScene';
import { applyBasinStart, setBasins } from './actions';
import { contourSegments } from './contours';
import { ExploreImage, type AxisTicks, type Cell } from './ExploreImage';
import { basinsKey, useBasinResults, type BasinResults } from './basinsKind';
import { ExploreMeta } from './ExploreMeta';
import './explore.css';

/** A run ending within this fraction of the window's diagonal of a minimum is in its basin. */
const BASIN_RADIUS_FRACTION = 0.03;

/** Rows [from, from + count) of a table, sharing its memory. */
function sliceTable(t: SummaryTable, from: number, count: number): SummaryTable {
  const to = from + count;
  return {
    count,
    finalX: t.finalX.subarray(from, to),
    finalY: t.finalY.subarray(from, to),
    finalLoss: t.finalLoss.subarray(from, to),
    firstBelow: t.firstBelow.subarray(from, to),
    settledAt: t.settledAt.subarray(from, to),
    divergedAt: t.divergedAt.subarray(from, to),
  };
}

function linearTicks(label: string, lo: number, hi: number): AxisTicks {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((at) => ({ at, text: fmt(lo + (hi - lo) * at, 3) }));
  return { label, ticks };
}

const rgb = (c: readonly number[]): string => `rgb(${c.map(Math.round).join(',')})`;

function LaneBasins({
  results,
  laneIndex,
  minima,
  contours,
}: {
  results: BasinResults;
  laneIndex: number;
  minima: readonly Vec2[];
  contours: string;
}) {
  useTranslation(EXPLORE_NS); // re-renders on a language switch
  const { plan, table } = results;
  const lanePlan = plan.lanes[laneIndex];
  const config = useStore((s) => s.config);
  const [hover, setHover] = useState<Cell | null>(null);
  const n = plan.cells;
  const { view } = plan;
  const part = useMemo(
    () => (lanePlan ? sliceTable(table, lanePlan.firstRun, n * n) : null),
    [table, lanePlan, n],
  );
  const diagonal = Math.hypot(view.xMax - view.xMin, view.yMax - view.yMin);
  const classes = useMemo(
    () => (part ? classifyBasins(part, minima, BASIN_RADIUS_FRACTION * diagonal) : null),
    [part, minima, diagonal],
  );
  const rgba = useMemo(
    () => (part && classes ? basinColours(part, classes, plan.steps) : null),
    [part, classes, plan.steps],
  );
  const lane = config.lanes.find((l) => l.id === lanePlan?.laneId);
  // The path from the hovered start, in float64 (one run: well under a frame).
  const hoverPath = useMemo(() => {
    if (!hover || !lanePlan) return null;
    const run = plan.runs[lanePlan.firstRun + hover.j * n + hover.i];
    if (!run) return null;
    try {
      const t = simulate(run);
      const pts: string[] = [];
      for (let k = 0; k < t.x.length; k += 2) {
        const x = ((t.x[k] ?? NaN) - view.xMin) / (view.xMax - view.xMin);
        const y = ((t.x[k + 1] ?? NaN) - view.yMin) / (view.yMax - view.yMin);
        if (Number.isFinite(x) && Number.isFinite(y)) pts.push(`${x.toFixed(4)},${y.toFixed(4)}`);
      }
      return pts.join(' ');
    } catch {
      return null;
    }
  }, [hover, lanePlan, plan.runs, n, view]);
  if (!lanePlan || !part || !classes || !rgba) return null;
  const counts = new Map<number, number>();
  for (const c of classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const at = hover ? hover.j * n + hover.i : -1;
  const start = hover ? basinStart(view, n, n, hover.i, hover.j) : null;
  const hoverClass = at >= 0 ? (classes[at] ?? -1) : -1;
  return (
    <div className="basins-lane" data-lane={lanePlan.laneId}>
      <h3 style={{ color: lane?.color }}>{lane?.name ?? lanePlan.laneId}</h3>
      <ExploreImage
        width={n}
        height={n}
        rgba={rgba}
        x={linearTicks('x', view.xMin, view.xMax)}
        y={linearTicks('y', view.yMin, view.yMax)}
        label={et('basinsLabel', { lane: lane?.name ?? et('lane'), n })}
        onHover={setHover}
        onPick={(cell) => applyBasinStart(basinStart(view, n, n, cell.i, cell.j))}
        overlay={
          <>
            <path
              d={contours}
              stroke="white"
              strokeOpacity={0.55}
              strokeWidth={0.0025}
              fill="none"
            />
            {hoverPath && (
              <polyline points={hoverPath} stroke="white" strokeWidth={0.006} fill="none" />
            )}
          </>
        }
      />
      <p className="sweep-readout">
        {start
          ? et('basinStart', {
              x: fmt(start[0], 3),
              y: fmt(start[1], 3),
              what:
                hoverClass === -2
                  ? et('divergedAt', { step: part.divergedAt[at] })
                  : hoverClass === -1
                    ? et('nearNoMinimum', {
                        x: fmt(part.finalX[at] ?? NaN, 3),
                        y: fmt(part.finalY[at] ?? NaN, 3),
                      })
                    : et('endsInMinimum', { n: hoverClass + 1, step: part.settledAt[at] }),
            })
          : [...counts.entries()]
              .sort((a, b) => b[0] - a[0])
              .map(
                ([c, k]) =>
                  `${c === -2 ? et('diverged') : c === -1 ? et('none') : et('minimum', { n: c + 1 })}: ${k}`,
              )
              .join(' · ')}
      </p>
    </div>
  );
}

export function BasinsView() {
  useTranslation(EXPLORE_NS); // re-renders on a language switch
  const config = useStore((s) => s.config);
  const key = basinsKey(config);
  const { results } = useBasinResults();
  const setup = surfaceSetup(config);
  const minima = useMemo(() => minimaOf(setup), [setup]);
  const view = results?.plan.view;
  const contours = useMemo(() => {
    if (!view) return '';
    return contourSegments(setup.def, setup.params, setup.data, view)
      .map(([a, b, c, d]) => `M${a.toFixed(4)} ${b.toFixed(4)}L${c.toFixed(4)} ${d.toFixed(4)}`)
      .join('');
  }, [setup, view]);
  const stale = results !== null && results.key !== key;
  return (
    <div className="explore-view basins-view">
      <div className="basins-controls">
        <label>
          {et('startsPerSide')}{' '}
          <input
            aria-label={et('startsPerSide')}
            type="number"
            min={MIN_BASIN_CELLS}
            max={MAX_BASIN_CELLS}
            defaultValue={config.explore.basins.cells}
            key={config.explore.basins.cells}
            onBlur={(e) => {
              const v = Number(e.target.value);
              if (Number.isInteger(v))
                setBasins({ cells: Math.max(MIN_BASIN_CELLS, Math.min(MAX_BASIN_CELLS, v)) });
            }}
          />
        </label>
        <span className="colour-scale">
          {minima.map((m, i) => (
            <span key={i} className="colour-swatch">
              <span
                style={{ background: rgb(BASIN_PALETTE[i % BASIN_PALETTE.length]!) }}
                aria-hidden="true"
              />
              {et('minimum', { n: i + 1 })} ({fmt(m[0], 3)}, {fmt(m[1], 3)})
            </span>
          ))}
          <span className="colour-swatch">
            <span style={{ background: rgb(BASIN_NONE_RGB) }} aria-hidden="true" />
            {et('nearNone')}
          </span>
          <span className="colour-swatch">
            <span style={{ background: rgb(BASIN_DIVERGED_RGB) }} aria-hidden="true" />
            {et('diverged')}
          </span>
          <span>{et('darker')}</span>
        </span>
      </div>
      <JobProgress kind="basins" />
      {results && (
        <div className={stale ? 'explore-stale' : undefined}>
          <div className="basins-lanes">
            {results.plan.lanes.map((l, i) => (
              <LaneBasins
                key={l.laneId}
                results={results}
                laneIndex={i}
                minima={minima}
                contours={contours}
              />
            ))}
          </div>
          <ExploreMeta
            runs={results.plan.runs.length}
            steps={results.plan.steps}
            engine={results.engine}
            seconds={results.seconds}
            stale={stale}
          />
        </div>
      )}
    </div>
  );
}
