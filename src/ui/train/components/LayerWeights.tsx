// The first layer's weights as pictures: each hidden unit's 784 input weights as a 28×28 image
// (or the CNN's 3×3 kernels), blue below 0 and red above, each scaled by its own largest |w|.

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
    <figure className="weights" aria-label={`First-layer weights of ${name}`}>
      <figcaption>
        first layer: {name}, {Math.min(SHOWN, shape.rows)} of {shape.rows} {unit}s (blue &lt; 0 &lt;
        red)
      </figcaption>
      {images.length === 0 ? (
        <p className="empty-chart small">After the first epoch.</p>
      ) : (
        <div className="weight-images">
          {images.map((pixels, row) => (
            <PixelCanvas
              key={row}
              pixels={pixels}
              width={side}
              height={side}
              scale={side > 4 ? 1.5 : 12}
              label={`${unit} ${row + 1}`}
            />
          ))}
        </div>
      )}
    </figure>
  );
}
