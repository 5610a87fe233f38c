// One run per pixel: a sweep or basin image drawn at its own resolution and scaled up without
// smoothing, with tick labels on both axes, an optional overlay (contours, a marker) and
// hover/click reported as the cell under the pointer. Row 0 of `rgba` is the bottom row.

import { useEffect, useRef, type ReactNode } from 'react';
import { imageOrder } from '../../core/explore/colours';

export interface AxisTicks {
  readonly label: string;
  /** Where each tick sits (0 = the first cell's centre side, 1 = the last) and its text. */
  readonly ticks: readonly { readonly at: number; readonly text: string }[];
}

export interface Cell {
  readonly i: number;
  readonly j: number;
}

interface Props {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8ClampedArray;
  readonly x: AxisTicks;
  readonly y: AxisTicks;
  readonly label: string;
  /** Drawn over the image in a 0..1 × 0..1 SVG box (y up). */
  readonly overlay?: ReactNode;
  readonly onHover?: (cell: Cell | null) => void;
  readonly onPick?: (cell: Cell, add: boolean) => void;
}

export function ExploreImage({
  width,
  height,
  rgba,
  x,
  y,
  label,
  overlay,
  onHover,
  onPick,
}: Props) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || rgba.length !== 4 * width * height) return;
    canvas.width = width;
    canvas.height = height;
    const pixels = new Uint8ClampedArray(imageOrder(rgba, width, height));
    ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
  }, [rgba, width, height]);

  const cellAt = (e: React.PointerEvent | React.MouseEvent): Cell | null => {
    const box = e.currentTarget.getBoundingClientRect();
    const fx = (e.clientX - box.left) / box.width;
    const fy = 1 - (e.clientY - box.top) / box.height;
    if (fx < 0 || fx >= 1 || fy < 0 || fy >= 1) return null;
    return { i: Math.floor(fx * width), j: Math.floor(fy * height) };
  };

  return (
    <figure className="explore-image" aria-label={label}>
      <div className="explore-plot">
        <div className="explore-y-label">{y.label}</div>
        <div className="explore-y-ticks" aria-hidden="true">
          {y.ticks.map((t) => (
            <span key={t.text + t.at} style={{ bottom: `${t.at * 100}%` }}>
              {t.text}
            </span>
          ))}
        </div>
        <div
          className="explore-canvas"
          onPointerMove={(e) => onHover?.(cellAt(e))}
          onPointerLeave={() => onHover?.(null)}
          onClick={(e) => {
            const cell = cellAt(e);
            if (cell) onPick?.(cell, e.shiftKey || e.altKey);
          }}
        >
          <canvas ref={canvasRef} role="img" aria-label={label} />
          {overlay && (
            <svg viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
              <g transform="translate(0 1) scale(1 -1)">{overlay}</g>
            </svg>
          )}
        </div>
        <div className="explore-x-ticks" aria-hidden="true">
          {x.ticks.map((t) => (
            <span key={t.text + t.at} style={{ left: `${t.at * 100}%` }}>
              {t.text}
            </span>
          ))}
        </div>
        <div className="explore-x-label">{x.label}</div>
      </div>
    </figure>
  );
}
