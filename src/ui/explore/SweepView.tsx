// The hyperparameter map (mode=sweep): for which η and β does an optimizer converge here?
// A 2-D sweep is an image, one run per pixel, coloured by final loss, steps to a loss
// threshold or distance to the nearest minimum; hover reads a cell, click gives the lane the
// cell's values (shift-click: a copy of the lane). A 1-D sweep is the learning-rate range
// plot of every visible lane (SweepChart).

import { useMemo, useState } from 'react';
import { ranAwayRun, sweepColours, DIVERGED_RGB, MISSING_RGB } from '../../core/explore/colours';
import type { SweepAxis } from '../../core/explore/sweep';
import { fmt } from '../format';
import { useStore } from '../store';
import { useTranslation } from '../i18n';
import { EXPLORE_NS, et } from './strings';
import { JobProgress } from '../components/JobProgress';
import { minimaOf, surfaceSetup } from '../map/buildScene';
import { applySweepCell } from './actions';
import { axisFraction, axisTicks } from './axisScale';
import { ExploreImage, type AxisTicks, type Cell } from './ExploreImage';
import { SweepChart } from './SweepChart';
import { SweepControls } from './SweepControls';
import { sweepKey, useSweepResults, type SweepResults } from './sweepKind';
import { ColourScale } from './ColourScale';
import { ExploreMeta } from './ExploreMeta';
import './explore.css';

function ticksOf(axis: SweepAxis): AxisTicks {
  return {
    label: axis.target === 'schedule' ? `${et('schedulePrefix')}${axis.key}` : axis.key,
    ticks: axisTicks(axis.scale, axis.min, axis.max).map((v) => ({
      at: axisFraction(axis.scale, axis.min, axis.max, v),
      text: fmt(v, 3),
    })),
  };
}

const rgbText = (c: readonly number[]): string => `rgb(${c.join(',')})`;

function SweepMap({ results }: { results: SweepResults }) {
  useTranslation(EXPLORE_NS); // re-renders on a language switch
  const config = useStore((s) => s.config);
  const color = config.explore.sweep.color;
  const { plan, table } = results;
  const [hover, setHover] = useState<Cell | null>(null);
  const [ax, ay] = plan.axes;
  const lane = plan.lanes[0];
  // surfaceSetup is cached per surface: the minima (and the image) are not redone on a scrub.
  const setup = surfaceSetup(config);
  const minima = useMemo(() => minimaOf(setup), [setup]);
  const image = useMemo(
    () => sweepColours(table, { by: color, steps: plan.steps, minima, view: setup.def.view }),
    [table, color, plan.steps, minima, setup],
  );
  if (!ay || !lane) return null;
  const w = ax.cells;
  const h = ay.cells;
  const laneConfig = config.lanes.find((l) => l.id === lane.laneId);
  const [xs = [], ys = []] = lane.values;
  const at = hover ? hover.j * w + hover.i : -1;
  const scaleText =
    color === 'steps'
      ? et('scaleSteps', { t: fmt(config.explore.sweep.threshold, 3) })
      : color === 'loss'
        ? et('scaleLoss')
        : et('scaleDistance');
  const laneName = laneConfig?.name ?? et('theLane');
  return (
    <div className="sweep-map">
      <ExploreImage
        width={w}
        height={h}
        rgba={image.rgba}
        x={ticksOf(ax)}
        y={ticksOf(ay)}
        label={et('imageLabel', {
          lane: laneConfig?.name ?? et('lane'),
          scale: scaleText,
          x: ax.key,
          y: ay.key,
          w,
          h,
        })}
        onHover={setHover}
        onPick={(cell, add) => {
          const vx = xs[cell.i];
          const vy = ys[cell.j];
          if (vx !== undefined && vy !== undefined)
            applySweepCell(lane.laneId, [ax, ay], [vx, vy], add);
        }}
      />
      <ColourScale
        title={scaleText}
        range={image.range}
        log={color !== 'steps'}
        extra={[
          {
            color: rgbText(DIVERGED_RGB),
            text:
              et('divergedRuns', { n: image.diverged - image.ranAway }) +
              (image.ranAway > 0 ? et('ranAwayRuns', { n: image.ranAway }) : ''),
          },
          ...(color === 'steps'
            ? [{ color: rgbText(MISSING_RGB), text: et('neverRuns', { n: image.missing }) }]
            : []),
        ]}
      />
      <p className="sweep-readout" aria-live="polite">
        {at >= 0 ? (
          <>
            {ax.key} = {fmt(xs[hover?.i ?? 0] ?? NaN, 4)}, {ay.key} ={' '}
            {fmt(ys[hover?.j ?? 0] ?? NaN, 4)}:{' '}
            {(table.divergedAt[at] ?? -1) >= 0
              ? et('divergedAt', { step: table.divergedAt[at] })
              : ranAwayRun(table, at, setup.def.view)
                ? et('ranAwayCell', {
                    x: fmt(table.finalX[at] ?? NaN, 3),
                    y: fmt(table.finalY[at] ?? NaN, 3),
                  })
                : [
                    et('finalLoss', { loss: fmt(table.finalLoss[at] ?? NaN, 4) }),
                    (table.firstBelow[at] ?? -1) >= 0
                      ? et('belowFrom', { step: table.firstBelow[at] })
                      : et('neverBelow'),
                    et('endsAt', {
                      x: fmt(table.finalX[at] ?? NaN, 3),
                      y: fmt(table.finalY[at] ?? NaN, 3),
                    }),
                  ].join(', ')}
            {et('clickCell', { lane: laneName })}
          </>
        ) : (
          et('hoverCell', { lane: laneName })
        )}
      </p>
    </div>
  );
}

export function SweepView() {
  const key = useStore((s) => sweepKey(s.config));
  const { results, problem } = useSweepResults();
  const stale = results !== null && results.key !== key;
  return (
    <div className="explore-view sweep-view">
      <SweepControls />
      <JobProgress kind="sweep" />
      {problem && (
        <p className="explore-problem" role="alert">
          {problem}
        </p>
      )}
      {results && (
        <div className={stale ? 'explore-stale' : undefined}>
          {results.plan.axes.length === 2 ? (
            <SweepMap results={results} />
          ) : (
            <SweepChart results={results} />
          )}
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
