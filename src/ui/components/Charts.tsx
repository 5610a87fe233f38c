// The charts under the map: loss − f*, the step size per coordinate and the distance to the
// nearest known minimum, per lane, against the step (src/ui/charts/). Each chart is memoised
// on its lanes (stable per-lane objects, src/ui/charts/useChartLanes.ts) and reduces its
// series to pixel columns, so a key press that moves one lane recomputes that lane's series,
// the GPU batch landing re-renders nothing, and scrubbing moves only the cursors. "Hide
// charts" unmounts them (and is the baseline of `npm run bench:ui`).

import { useMemo, useState } from 'react';
import { useTranslation } from '../i18n';
import { CHARTS_NS, ct } from '../charts/strings';
import { knownOptimumValue } from '../../core/lossGap';
import { generateData } from '../../core/surfaceData';
import { useStore } from '../store';
import { surfaceDef, filled } from '../registry';
import { useWidth } from './useWidth';
import { BAND } from '../noiseSummary';
import type { SeriesLane } from '../charts/series';
import { useChartLanes } from '../charts/useChartLanes';
import { LossChart } from '../charts/LossChart';
import { StepSizeChart } from '../charts/StepSizeChart';
import { DistanceChart } from '../charts/DistanceChart';

const TEXT = {
  get region() {
    return ct('region');
  },
  get legend() {
    return ct('legend');
  },
  get hide() {
    return ct('hide');
  },
  get show() {
    return ct('show');
  },
  noise: (l: NonNullable<SeriesLane['noise']>) =>
    ct('noise', { lo: BAND[0] * 100, hi: BAND[1] * 100, runs: l.runs, of: l.of }) +
    (l.diverged > 0 ? ct('noiseDiverged', { count: l.diverged }) : '') +
    (l.ranAway > 0 ? ct('noiseRanAway', { count: l.ranAway }) : ''),
  diverged: (t: number) => ct('diverged', { step: t }),
  ranAway: (t: number) => ct('ranAway', { step: t }),
};

export function Charts() {
  useTranslation(CHARTS_NS); // re-renders on a language switch
  const logLoss = useStore((s) => s.config.chart.logLoss);
  const surface = useStore((s) => s.config.surface);
  const seed = useStore((s) => s.config.seed);
  const [ref, width] = useWidth();
  const [hidden, setHidden] = useState(false);
  // Not deferred (useDeferredValue): with it, app.test.ts's η-slider test lost its recompute
  // (a race not understood yet); with the charts this cheap it gained little.
  const lanes = useChartLanes();

  const { minima, known } = useMemo(() => {
    const def = surfaceDef(surface);
    const params = filled(def.params, surface.params);
    const data = def.data ? generateData(def.data, seed) : undefined;
    const minima = def.minima(params, data);
    return { minima, known: knownOptimumValue(def, params, minima, data) };
  }, [surface, seed]);

  const chartWidth = Math.max(200, Math.floor((width - 24) / (width > 900 ? 3 : 1)));
  // Two rows (min and max) per column of 2 px: about one point per pixel of the plot.
  const columns = Math.max(50, Math.floor((chartWidth - 68) / 2));

  return (
    <section className="charts" aria-label={TEXT.region} ref={ref}>
      <div className="charts-head">
        <Legend lanes={lanes} />
        <button
          type="button"
          className="small"
          aria-expanded={!hidden}
          onClick={() => setHidden((h) => !h)}
        >
          {hidden ? TEXT.show : TEXT.hide}
        </button>
      </div>
      {!hidden && (
        <div className="chart-row">
          {width > 0 && lanes.length > 0 && (
            <>
              <LossChart
                lanes={lanes}
                known={known}
                width={chartWidth}
                columns={columns}
                log={logLoss}
              />
              <StepSizeChart lanes={lanes} width={chartWidth} columns={columns} />
              <DistanceChart lanes={lanes} minima={minima} width={chartWidth} columns={columns} />
            </>
          )}
        </div>
      )}
    </section>
  );
}

function Legend({ lanes }: { lanes: readonly SeriesLane[] }) {
  useTranslation(CHARTS_NS);
  return (
    <ul className="legend" aria-label={TEXT.legend}>
      {lanes.map((l) => (
        <li key={l.id}>
          <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
          {l.name}
          {l.noise && <span className="noise-note">{TEXT.noise(l.noise)}</span>}
          {l.stop && (
            <span className="diverged" data-stop={l.stop.kind}>
              {(l.stop.kind === 'diverged' ? TEXT.diverged : TEXT.ranAway)(l.stop.step)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
