// Where the 3-D view labels its axes: along the floor edges nearest the camera (the front
// edge for x, the near side for y), names at the middle and the window's ends at the corners,
// each pushed outwards from the floor's centre on screen so the labels sit beside the box.

import type { ViewWindow } from '../../core/types';
import { fmt } from '../format';
import { project, type Mat4, type Vec3 } from './camera';

export interface AxisLabel {
  readonly text: string;
  /** CSS pixels from the viewport's top-left. */
  readonly x: number;
  readonly y: number;
  /** The axis name (drawn larger, italic) rather than a value. */
  readonly name: boolean;
}

/** Pixels the labels stand off the floor's edge. */
const OFFSET = 16;

export function axisLabels(m: Mat4, view: ViewWindow, width: number, height: number): AxisLabel[] {
  const at = (p: Vec3) => project(m, p, width, height);
  const centre = at([0, 0, 0]);
  const out: AxisLabel[] = [];
  const push = (p: Vec3, text: string, name: boolean) => {
    const q = at(p);
    if (!q.visible || !centre.visible) return;
    const dx = q.x - centre.x;
    const dy = q.y - centre.y;
    const len = Math.hypot(dx, dy) || 1;
    out.push({ text, x: q.x + (dx / len) * OFFSET, y: q.y + (dy / len) * OFFSET, name });
  };
  // x runs along the edge Y = ±1 nearer the camera; y along the edge X = ±1 nearer it.
  const yEdge = at([0, -1, 0]).depth <= at([0, 1, 0]).depth ? -1 : 1;
  const xEdge = at([-1, 0, 0]).depth <= at([1, 0, 0]).depth ? -1 : 1;
  push([0, yEdge, 0], 'x', true);
  push([-0.8, yEdge, 0], fmt(view.xMin + 0.1 * (view.xMax - view.xMin), 3), false);
  push([0.8, yEdge, 0], fmt(view.xMax - 0.1 * (view.xMax - view.xMin), 3), false);
  push([xEdge, 0, 0], 'y', true);
  push([xEdge, -0.8, 0], fmt(view.yMin + 0.1 * (view.yMax - view.yMin), 3), false);
  push([xEdge, 0.8, 0], fmt(view.yMax - 0.1 * (view.yMax - view.yMin), 3), false);
  return out;
}
