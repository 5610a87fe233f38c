// PNG export of the map: the renderer's pixels (read back from an offscreen render, so it works
// whenever it is called) with the axes, minima, start point and a legend of the lanes drawn on
// top in canvas 2D.
// The map views register how to take a picture with src/ui/snapshot.ts and load this module
// when one is taken (it is not part of the page's first load).

import type { Vec2, ViewWindow } from '../../core/types';
import { formatTick, niceTicks, worldToPixel, type Size } from './viewTransform';

export interface SnapshotMarks {
  readonly view: ViewWindow;
  /** CSS pixel size of the map (the image is this × dpr). */
  readonly size: Size;
  readonly dpr: number;
  readonly minima: readonly Vec2[];
  readonly start: Vec2 | null;
}

export interface SnapshotLane {
  readonly name: string;
  /** '#rrggbb' */
  readonly color: string;
}

/** Legend box geometry in CSS px (also what the e2e test reads pixels from). */
export const LEGEND = { margin: 8, pad: 6, row: 18, swatch: [16, 10], font: 12 } as const;

export function drawMarks(ctx: CanvasRenderingContext2D, marks: SnapshotMarks | null): void {
  if (!marks) return;
  const { view, size, dpr } = marks;
  ctx.save();
  ctx.scale(dpr, dpr);
  const px = (p: Vec2) => worldToPixel(view, size, p[0], p[1]);
  ctx.font = '11px system-ui, sans-serif';
  ctx.lineJoin = 'round';
  const label = (text: string, x: number, y: number, align: CanvasTextAlign) => {
    ctx.textAlign = align;
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(10,12,20,0.75)';
    ctx.strokeText(text, x, y);
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.fillText(text, x, y);
  };
  const xt = niceTicks(view.xMin, view.xMax, Math.max(2, Math.round(size.width / 110)));
  const yt = niceTicks(view.yMin, view.yMax, Math.max(2, Math.round(size.height / 90)));
  ctx.strokeStyle = 'rgba(255,255,255,0.8)';
  ctx.lineWidth = 1;
  for (const v of xt.values) {
    const [x] = worldToPixel(view, size, v, 0);
    ctx.beginPath();
    ctx.moveTo(x, size.height);
    ctx.lineTo(x, size.height - 6);
    ctx.strokeStyle = 'rgba(255,255,255,0.8)';
    ctx.lineWidth = 1;
    ctx.stroke();
    if (x > 44 && x < size.width - 16) label(formatTick(v, xt), x, size.height - 10, 'center');
  }
  for (const v of yt.values) {
    const [, y] = worldToPixel(view, size, 0, v);
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(6, y);
    ctx.strokeStyle = 'rgba(255,255,255,0.8)';
    ctx.lineWidth = 1;
    ctx.stroke();
    if (y > 24 && y < size.height - 30) label(formatTick(v, yt), 10, y + 4, 'left');
  }
  for (const m of marks.minima) {
    const [x, y] = px(m);
    ctx.beginPath();
    ctx.moveTo(x - 6, y);
    ctx.lineTo(x, y - 6);
    ctx.lineTo(x + 6, y);
    ctx.lineTo(x, y + 6);
    ctx.closePath();
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.fill();
    ctx.strokeStyle = 'rgba(0,0,0,0.7)';
    ctx.lineWidth = 1.2;
    ctx.stroke();
  }
  if (marks.start) {
    const [x, y] = px(marks.start);
    ctx.beginPath();
    ctx.arc(x, y, 8, 0, 2 * Math.PI);
    ctx.strokeStyle = 'rgba(0,0,0,0.7)';
    ctx.lineWidth = 4;
    ctx.stroke();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  ctx.restore();
}

/** Lane names and colours in a dark box at the top right, solid swatches. */
export function drawLegend(
  ctx: CanvasRenderingContext2D,
  lanes: readonly SnapshotLane[],
  size: Size,
  dpr: number,
): void {
  if (lanes.length === 0) return;
  const { margin, pad, row, swatch, font } = LEGEND;
  ctx.save();
  ctx.scale(dpr, dpr);
  ctx.font = `${font}px system-ui, sans-serif`;
  const names = lanes.map((l) => (l.name.length > 32 ? `${l.name.slice(0, 31)}…` : l.name));
  const textW = Math.max(...names.map((n) => ctx.measureText(n).width));
  const w = pad * 3 + swatch[0] + textW;
  const h = pad * 2 + row * lanes.length;
  const x0 = Math.max(0, size.width - margin - w);
  const y0 = margin;
  ctx.fillStyle = 'rgba(16,19,26,0.82)';
  ctx.fillRect(x0, y0, w, h);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  lanes.forEach((l, i) => {
    const cy = y0 + pad + row * i + row / 2;
    ctx.fillStyle = l.color;
    ctx.fillRect(x0 + pad, cy - swatch[1] / 2, swatch[0], swatch[1]);
    ctx.fillStyle = 'rgba(238,242,248,0.95)';
    ctx.fillText(names[i]!, x0 + pad * 2 + swatch[0], cy);
  });
  ctx.restore();
}

export type SnapshotLegend = { readonly lanes: readonly SnapshotLane[]; readonly dpr: number };

/** Pixels plus marks and the lanes' legend (image px per CSS px: dpr) as a PNG Blob. */
export async function composePng(
  image: ImageData,
  marks: SnapshotMarks | null,
  legend: SnapshotLegend | null = null,
): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  if (!composeInto(canvas, image, marks, legend)) return null;
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/png'));
}

/** Draws pixels, marks and legend into `canvas` (resized to the image); false without 2D. */
export function composeInto(
  canvas: HTMLCanvasElement,
  image: ImageData,
  marks: SnapshotMarks | null,
  legend: SnapshotLegend | null,
): boolean {
  if (canvas.width !== image.width) canvas.width = image.width;
  if (canvas.height !== image.height) canvas.height = image.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  ctx.putImageData(image, 0, 0);
  drawMarks(ctx, marks);
  if (legend) {
    const size = { width: image.width / legend.dpr, height: image.height / legend.dpr };
    drawLegend(ctx, legend.lanes, size, legend.dpr);
  }
  return true;
}
