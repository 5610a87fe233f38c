// The loss chart: loss − f* per lane (core/lossGap.ts), so that a lane reaching the optimum
// exactly stays on a log axis (drawn at the floor), with a noisy lane's 10–90 % band, its
// divergence marked and a dot per lane at the scrubbed step.

import { memo, useMemo } from 'react';
import { useTranslation } from '../i18n';
import { CHARTS_NS, ct } from './strings';
import { lossGap, lowestFinite, optimumValue, type OptimumValue } from '../../core/lossGap';
import { setChart } from '../store';
import { fmt } from '../format';
import { BAND } from '../noiseSummary';
import { Chart, type BandSpec, type DotSpec, type LineSpec, type MarkSpec } from './ChartFrame';
import { KEY, mergeRows, reduced, type KeyedSeries, type SeriesLane } from './series';
import { domainOf } from './series';

const TEXT = {
  get title() {
    return ct('lossTitle');
  },
  known: (f: string) => ct('known', { f }),
  seen: (f: string) => ct('seen', { f }),
  floor: (v: string) => ct('floor', { v }),
  get logScale() {
    return ct('logScale');
  },
  get logLabel() {
    return ct('logLabel');
  },
};

/** loss − f* of one series, memoised on the series and f*. */
const gaps = new WeakMap<Float64Array, { key: string; gap: Float64Array }>();
function gapOf(loss: Float64Array, f: OptimumValue): Float64Array {
  const key = `${f.value} ${f.floor}`;
  const hit = gaps.get(loss);
  if (hit?.key === key) return hit.gap;
  const gap = lossGap(loss, f);
  gaps.set(loss, { key, gap });
  return gap;
}

export const LossChart = memo(function LossChart({
  lanes,
  known,
  width,
  columns,
  log,
}: {
  lanes: readonly SeriesLane[];
  /** The surface's known optimum value, null when none is known. */
  known: number | null;
  width: number;
  columns: number;
  log: boolean;
}) {
  const { t } = useTranslation(CHARTS_NS); // a new t on a language switch: names rebuilt
  const data = useMemo(() => {
    const lows = lanes.flatMap((l) => (l.noise ? [l.run.loss, l.noise.lossLo] : [l.run.loss]));
    const f = optimumValue(known, lowestFinite(lows));
    if (!f) return null;
    const length = lanes.reduce((m, l) => Math.max(m, l.run.loss.length), 0);
    const series: KeyedSeries[] = [];
    const lines: LineSpec[] = [];
    const bands: BandSpec[] = [];
    const dots: DotSpec[] = [];
    const all: Float64Array[] = [];
    for (const l of lanes) {
      const gap = gapOf(l.run.loss, f);
      all.push(gap);
      series.push({ key: l.id, reduced: reduced(gap, length, columns, true), index: 0 });
      lines.push({
        key: l.id,
        name: l.noise ? t('mean', { name: l.name }) : l.name,
        color: l.color,
        className: `loss-series lane-${l.id}`,
        lane: l.id,
      });
      dots.push({ key: l.id, color: l.color, values: gap });
      if (l.noise) {
        const lo = gapOf(l.noise.lossLo, f);
        const hi = gapOf(l.noise.lossHi, f);
        series.push({ key: l.id + KEY.lo, reduced: reduced(lo, length, columns, true), index: 0 });
        series.push({ key: l.id + KEY.hi, reduced: reduced(hi, length, columns, true), index: 0 });
        bands.push({
          lo: l.id + KEY.lo,
          hi: l.id + KEY.hi,
          name: t('band', { name: l.name, lo: BAND[0] * 100, hi: BAND[1] * 100 }),
          lane: l.id,
          color: l.color,
        });
      }
    }
    // A lane that blew up (diverged or ran away) must not flatten the others: the y range
    // covers the lanes that did neither (all lanes when none did); the others run off the top.
    const finite = lanes.some((l) => l.stop === null)
      ? all.filter((_, i) => lanes[i]!.stop === null)
      : all;
    const marks: MarkSpec[] = lanes.flatMap((l) =>
      l.stop === null
        ? []
        : [
            {
              key: l.id,
              x: l.stop.step,
              color: l.color,
              label: t(l.stop.kind === 'diverged' ? 'divergedAt' : 'ranAwayAt', {
                name: l.name,
                step: l.stop.step,
              }),
            },
          ],
    );
    return { f, rows: mergeRows(series), lines, bands, dots, marks, finite };
  }, [lanes, known, columns, t]);
  const domain = useMemo(() => (data ? domainOf(data.finite, log) : undefined), [data, log]);
  if (!data) return null;
  const { f } = data;
  const title = (
    <>
      {TEXT.title}{' '}
      <span className="chart-note">
        ({f.source === 'known' ? TEXT.known(fmt(f.value, 4)) : TEXT.seen(fmt(f.value, 4))}
        {TEXT.floor(fmt(f.floor, 2))})
      </span>
    </>
  );
  return (
    <Chart
      title={title}
      className="loss-chart"
      rows={data.rows}
      lines={data.lines}
      bands={data.bands}
      marks={data.marks}
      dots={data.dots}
      width={width}
      log={log}
      domain={domain}
      control={
        <label className="toggle small">
          <input
            type="checkbox"
            checked={log}
            onChange={(e) => setChart({ logLoss: e.target.checked })}
            aria-label={TEXT.logLabel}
          />
          {TEXT.logScale}
        </label>
      }
    />
  );
});
