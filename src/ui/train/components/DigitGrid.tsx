// The first held-out digits with every lane's prediction under each: a learner sees which
// digits each optimizer gets wrong (a wrong prediction is marked) as training goes on.

import { useTranslation } from '../../i18n';
import { TRAIN_NS, tt } from '../strings';
import { memo, useMemo, type CSSProperties } from 'react';
import type { LaneConfig } from '../../../core/config';
import type { TrainResults } from '../trainResults';
import { PixelCanvas } from './Canvas';
import { digitPixels } from './pictures';

const SHOWN = 32;

export const DigitGrid = memo(function DigitGrid({
  results,
  lanes,
  version,
}: {
  results: TrainResults;
  lanes: readonly LaneConfig[];
  version: number;
}) {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const side = results.imageSide ?? 0;
  const test = results.test;
  const count = Math.min(SHOWN, test.rows);
  const images = useMemo(
    () => Array.from({ length: count }, (_, i) => digitPixels(test.x, i * side * side, side)),
    [test, side, count],
  );
  void version;
  const shown = lanes.filter((l) => l.visible);
  const predictionsOf = (laneId: string) =>
    results.lanes.find((r) => r.laneId === laneId)?.predictions ?? null;
  return (
    <figure className="digit-grid" aria-label={tt('digitsAria')}>
      <figcaption>{tt('digitsCaption')}</figcaption>
      {/* Each cell is wide enough for every lane's prediction side by side. */}
      <ol
        className="digits"
        style={{ '--cell': `${Math.max(46, 10 * shown.length + 6)}px` } as CSSProperties}
      >
        {images.map((pixels, i) => {
          const truth = test.y[i] as number;
          return (
            <li key={i}>
              <PixelCanvas
                pixels={pixels}
                width={side}
                height={side}
                scale={side >= 28 ? 1.5 : 4}
                label={tt('digitLabel', { i: i + 1, truth })}
              />
              <span className="predictions">
                {shown.map((lane) => {
                  const p = predictionsOf(lane.id)?.[i];
                  const wrong = p !== undefined && p !== truth;
                  return (
                    <span
                      key={lane.id}
                      className={`prediction${wrong ? ' wrong' : ''}`}
                      // Dark text on the lane's colour as an underline: a light lane colour
                      // (yellow) stays readable.
                      style={{ borderBottomColor: lane.color }}
                      title={
                        p === undefined
                          ? tt('notEvaluated', { name: lane.name })
                          : tt(wrong ? 'predictsWrong' : 'predicts', { name: lane.name, p, truth })
                      }
                    >
                      {p === undefined ? '·' : p}
                    </span>
                  );
                })}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
});
