// The grid of every surface's own strings (the 'grid' namespace), in both languages: they
// load with the grid's chunk, not with the first load.

import { viewStrings } from '../i18n';

const en = {
  region: 'Every loss surface at once',
  canvas_one:
    'Small multiples: {{surfaces}} loss surfaces as contour maps, each with {{count}} lane path from its default start, at step {{step}}.',
  canvas_other:
    'Small multiples: {{surfaces}} loss surfaces as contour maps, each with {{count}} lane paths from its default start, at step {{step}}.',
  best: 'best {{loss}}',
  diverged: '{{count}} diverged',
  ranAway: '{{count}} ran away',
  open: '{{title}}: open in the map view',
};

const zh: typeof en = {
  region: '同时显示全部损失曲面',
  canvas_one:
    '小图阵列：{{surfaces}} 个损失曲面的等高线图，每个都有从默认起点出发的 {{count}} 条通道路径，当前第 {{step}} 步。',
  canvas_other:
    '小图阵列：{{surfaces}} 个损失曲面的等高线图，每个都有从默认起点出发的 {{count}} 条通道路径，当前第 {{step}} 步。',
  best: '最佳 {{loss}}',
  diverged: '{{count}} 条发散',
  ranAway: '{{count}} 条跑飞',
  open: '{{title}}：在地图视图中打开',
};

export const gridStrings = viewStrings('grid', { en, zh });
export const GRID_NS = gridStrings.ns;
