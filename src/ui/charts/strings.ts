// The charts' own strings (the 'charts' namespace), in both languages: they load with the
// charts' chunk, not with the first load.

import { viewStrings } from '../i18n';

const en = {
  region: 'Charts',
  legend: 'Legend',
  hide: 'Hide charts',
  show: 'Show charts',
  noise:
    ' — mean and {{lo}}–{{hi}} % band of the first {{runs}} of {{of}} noisy runs (float64, CPU)',
  noiseDiverged: ', {{count}} diverged',
  noiseRanAway: ', {{count}} ran away',
  ranAway: ' — ran away at step {{step}} (far beyond the view, still finite)',
  ranAwayAt: '{{name}} ran away at {{step}}',
  diverged: ' — diverged at step {{step}}',
  step: 'step {{step}}',
  empty: 'no finite values',
  lossTitle: 'loss − f*',
  known: "f* = {{f}}, the surface's minimum",
  seen: 'f* = {{f}}, the lowest loss seen (no lower minimum known)',
  floor: '; gaps ≤ {{v}} drawn at {{v}}',
  logScale: 'log scale',
  logLabel: 'Loss chart on a log scale',
  band: '{{name}} {{lo}}–{{hi}} %',
  mean: '{{name}} (mean)',
  divergedAt: '{{name}} diverged at {{step}}',
  stepTitle: 'step size per coordinate',
  stepNote: 'log; η/(√v̂ + ε) for Adam…, solid x, dashed y; dotted: scheduled η',
  stepX: '{{name}} step x',
  stepY: '{{name}} step y',
  distanceKnown: 'distance to the nearest minimum',
  distanceNone: 'distance to a minimum (none known)',
};

const zh: typeof en = {
  region: '图表',
  legend: '图例',
  hide: '隐藏图表',
  show: '显示图表',
  noise: ' — 前 {{runs}} 次（共 {{of}} 次）带噪声运行的均值及 {{lo}}–{{hi}} % 区间（float64，CPU）',
  noiseDiverged: '，{{count}} 次发散',
  noiseRanAway: '，{{count}} 次跑飞',
  ranAway: ' — 第 {{step}} 步跑飞（远在视野之外，数值仍有限）',
  ranAwayAt: '{{name}} 在第 {{step}} 步跑飞',
  diverged: ' — 第 {{step}} 步发散',
  step: '第 {{step}} 步',
  empty: '没有有限值',
  lossTitle: '损失 − f*',
  known: 'f* = {{f}}，曲面的极小值',
  seen: 'f* = {{f}}，见到的最低损失（不知道更低的极小值）',
  floor: '；差距 ≤ {{v}} 时画在 {{v}}',
  logScale: '对数刻度',
  logLabel: '损失图使用对数刻度',
  band: '{{name}} {{lo}}–{{hi}} %',
  mean: '{{name}}（均值）',
  divergedAt: '{{name}} 在第 {{step}} 步发散',
  stepTitle: '各坐标的有效步长',
  stepNote: '对数；Adam 等为 η/(√v̂ + ε)，实线 x，虚线 y；点线：调度给出的 η',
  stepX: '{{name}} x 方向步长',
  stepY: '{{name}} y 方向步长',
  distanceKnown: '到最近极小值的距离',
  distanceNone: '到极小值的距离（无已知极小值）',
};

export const chartsStrings = viewStrings('charts', { en, zh });
export const CHARTS_NS = chartsStrings.ns;
/** A string of this view in the interface language (for code outside components). */
export const ct = chartsStrings.t;
