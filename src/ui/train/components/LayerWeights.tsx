// The first layer's weights as pictures: each hidden unit's 784 input weights as a 28×28 image
// (or the CNN's 3×3 kernels), blue below 0 and red above, each scaled by its own largest |w|.

import { useTranslation } from '../../i18n';
import { TRAIN_NS, tt } from '../strings';
import { useMemo } from 'react';
import type { LaneTrainResult } from '../trainResults';
import { PixelCanvas } from './Canvas';
import { weightPixels } from './pictures';

const SHOWN = 32;

export function LayerWeights({
  result,
  shape,
  name,
}: {
  result: LaneTrainResult | null;
  shape: { rows: number; side: number | null };
  name: string;
}) {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const weights = result?.firstLayer ?? null;
  const side = shape.side;
  const images = useMemo(() => {
    if (!weights || side === null) return [];
    return Array.from({ length: Math.min(SHOWN, shape.rows) }, (_, row) =>
      weightPixels(weights, row, side),
    );
  }, [weights, side, shape.rows]);
  if (side === null) return null;
  const unit = side > 4 ? 'unit' : 'kernel';
  return (
    <figure className="weights" aria-label={tt('weightsOf', { name })}>
      <figcaption>
        {tt(unit === 'unit' ? 'weightsCaptionUnits' : 'weightsCaptionKernels', {
          name,
          shown: Math.min(SHOWN, shape.rows),
          rows: shape.rows,
        })}
      </figcaption>
      {images.length === 0 ? (
        <p className="empty-chart small">{tt('afterFirstEpoch')}</p>
      ) : (
        <div className="weight-images">
          {images.map((pixels, row) => (
            <PixelCanvas
              key={row}
              pixels={pixels}
              width={side}
              height={side}
              scale={side > 4 ? 1.5 : 12}
              label={tt(unit, { n: row + 1 })}
            />
          ))}
        </div>
      )}
    </figure>
  );
}
