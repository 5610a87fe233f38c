// Basin maps: a grid of start points over a view window, every run the same but for its
// start, and which minimum each run ended in.

import type { ResolvedRun, Vec2, ViewWindow } from '../types';
import type { SummaryTable } from './summary';
import { MAX_BASIN_CELLS } from './config';

export { MAX_BASIN_CELLS };

/** Basin class of a run that ended near no minimum. */
export const BASIN_NONE = -1;
/** Basin class of a run that diverged or ended on a non-finite point. */
export const BASIN_DIVERGED = -2;

/** The start point of cell (i, j): its centre; row 0 is the lowest y (yMin). */
export function basinStart(
  view: ViewWindow,
  cellsX: number,
  cellsY: number,
  i: number,
  j: number,
): Vec2 {
  return [
    view.xMin + ((i + 0.5) * (view.xMax - view.xMin)) / cellsX,
    view.yMin + ((j + 0.5) * (view.yMax - view.yMin)) / cellsY,
  ];
}

/**
 * One run per cell of a cellsX × cellsY grid over `view`, starting at the cell's centre,
 * row-major with y outer (run j·cellsX + i starts in column i, row j; row 0 at yMin). Every
 * run shares base's parameter objects, so the engines prepare them once. Throws with a message
 * for a grid that is not 1..512 cells a side or a window that is not a finite rectangle.
 */
export function planBasins(
  base: ResolvedRun,
  view: ViewWindow,
  cellsX: number,
  cellsY: number,
): ResolvedRun[] {
  for (const [name, cells] of [
    ['cellsX', cellsX],
    ['cellsY', cellsY],
  ] as const) {
    if (!Number.isInteger(cells) || cells < 1 || cells > MAX_BASIN_CELLS) {
      throw new Error(
        `a basin map needs 1 to ${MAX_BASIN_CELLS} cells a side, got ${name} = ${cells}`,
      );
    }
  }
  const { xMin, xMax, yMin, yMax } = view;
  if (![xMin, xMax, yMin, yMax].every(Number.isFinite) || !(xMin < xMax) || !(yMin < yMax)) {
    throw new Error('a basin map needs a finite window with xMin < xMax and yMin < yMax');
  }
  const runs: ResolvedRun[] = new Array<ResolvedRun>(cellsX * cellsY);
  for (let j = 0; j < cellsY; j++) {
    for (let i = 0; i < cellsX; i++) {
      runs[j * cellsX + i] = {
        ...base,
        id: `${base.id}:basin:${i},${j}`,
        start: basinStart(view, cellsX, cellsY, i, j),
      };
    }
  }
  return runs;
}

/**
 * Per run: the index of the nearest minimum when the final point lies within `radius` of it,
 * BASIN_NONE (−1) when none is that close, BASIN_DIVERGED (−2) when the run diverged or its
 * final point is not finite.
 */
export function classifyBasins(
  table: SummaryTable,
  minima: readonly Vec2[],
  radius: number,
): Int32Array {
  const out = new Int32Array(table.count);
  const r2 = radius * radius;
  for (let k = 0; k < table.count; k++) {
    const x = table.finalX[k] as number;
    const y = table.finalY[k] as number;
    if ((table.divergedAt[k] as number) >= 0 || !Number.isFinite(x) || !Number.isFinite(y)) {
      out[k] = BASIN_DIVERGED;
      continue;
    }
    let best = BASIN_NONE;
    let bestD2 = Infinity;
    minima.forEach(([mx, my], m) => {
      const d2 = (x - mx) * (x - mx) + (y - my) * (y - my);
      if (d2 < bestD2) {
        bestD2 = d2;
        best = m;
      }
    });
    out[k] = bestD2 <= r2 ? best : BASIN_NONE;
  }
  return out;
}

/**
 * Per run: the Euclidean distance from the final point to the nearest minimum; NaN for a run
 * that diverged or ended on a non-finite point, +∞ when there are no minima.
 */
export function distanceToNearest(table: SummaryTable, minima: readonly Vec2[]): Float64Array {
  const out = new Float64Array(table.count);
  for (let k = 0; k < table.count; k++) {
    const x = table.finalX[k] as number;
    const y = table.finalY[k] as number;
    if ((table.divergedAt[k] as number) >= 0 || !Number.isFinite(x) || !Number.isFinite(y)) {
      out[k] = NaN;
      continue;
    }
    let best = Infinity;
    for (const [mx, my] of minima) best = Math.min(best, Math.hypot(x - mx, y - my));
    out[k] = best;
  }
  return out;
}
