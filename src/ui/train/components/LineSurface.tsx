// The line fit's two parameters on their loss surface: the MSE of y = w·x + b over the task's
// points, log-scaled colours, with each lane's (w, b) path, as the 2-D map draws a run on a
// surface. The path is the initial weights, then what the training engine reported after
// every step. "Show on the 2-D map" opens the same surface in the map with these paths.

import { useTranslation } from '../../i18n';
import { TRAIN_NS, tt } from '../strings';
import { useEffect, useMemo, useRef } from 'react';
import type { LaneConfig } from '../../../core/config';
import { showLineFitOnMap } from '../actions';
import { tracedPath, type TrainResults } from '../trainResults';
import { contourMask, leastSquares, mseGrid, ramp, type Window2 } from './pictures';

const WIDTH = 320;
const HEIGHT = 240;
const WINDOW: Window2 = { wMin: -1, wMax: 4, bMin: -1, bMax: 3 };

export function LineSurface({
  results,
  lanes,
  version,
}: {
  results: TrainResults;
  lanes: readonly LaneConfig[];
  version: number;
}) {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const ref = useRef<HTMLCanvasElement | null>(null);
  const background = useMemo(() => {
    const grid = mseGrid(results.test.x, results.test.y, WINDOW, WIDTH, HEIGHT);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of grid) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const pixels = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
    const span = Math.log(hi + 1e-9) - Math.log(lo + 1e-9) || 1;
    const level = (v: number) => (Math.log(v + 1e-9) - Math.log(lo + 1e-9)) / span;
    const contours = contourMask(grid, WIDTH, HEIGHT, level, 12);
    grid.forEach((v, i) => {
      const [r, g, b] = ramp(level(v));
      // Contour pixels lightened towards white: the bowl's shape without a second pass.
      const k = contours[i] ? 0.45 : 0;
      pixels.set([r + k * (255 - r), g + k * (255 - g), b + k * (255 - b), 255], 4 * i);
    });
    return new ImageData(pixels, WIDTH, HEIGHT);
  }, [results.test]);
  const best = useMemo(() => leastSquares(results.test.x, results.test.y), [results.test]);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(background, 0, 0);
    const toX = (w: number) => ((w - WINDOW.wMin) / (WINDOW.wMax - WINDOW.wMin)) * WIDTH;
    const toY = (b: number) => ((WINDOW.bMax - b) / (WINDOW.bMax - WINDOW.bMin)) * HEIGHT;
    if (best) {
      // The least-squares line, where every lane should end: a white cross.
      const [cx, cy] = [toX(best.w), toY(best.b)];
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(cx - 6, cy - 6);
      ctx.lineTo(cx + 6, cy + 6);
      ctx.moveTo(cx + 6, cy - 6);
      ctx.lineTo(cx - 6, cy + 6);
      ctx.stroke();
    }
    for (const lane of lanes) {
      const result = results.lanes.find((r) => r.laneId === lane.id);
      if (!lane.visible || !result?.path || result.step === 0) continue;
      const points = tracedPath(result);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = lane.color;
      ctx.beginPath();
      points.forEach(([w, b], i) => {
        if (i === 0) ctx.moveTo(toX(w), toY(b));
        else ctx.lineTo(toX(w), toY(b));
      });
      ctx.stroke();
      // The head, where the lane is now (none once its path has left the finite).
      const reached = points.length - (result.pathStart ? 1 : 0) === result.step;
      const head = points[points.length - 1];
      if (!reached || !head) continue;
      ctx.fillStyle = lane.color;
      ctx.beginPath();
      ctx.arc(toX(head[0]), toY(head[1]), 4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }, [background, best, lanes, results, version]);

  return (
    <figure className="line-surface" aria-label={tt('lineAria')}>
      <figcaption>
        {tt('lineCaption', {
          rows: results.test.rows,
          best: best ? ` w = ${best.w.toFixed(2)}, b = ${best.b.toFixed(2)}` : '',
        })}
      </figcaption>
      <canvas
        ref={ref}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={tt('lineCanvas', {
          best: best ? tt('lineBest', { w: best.w.toFixed(2), b: best.b.toFixed(2) }) : '',
        })}
      />
      <button type="button" className="line-surface-map" onClick={showLineFitOnMap}>
        {tt('showOnMap')}
      </button>
    </figure>
  );
}
