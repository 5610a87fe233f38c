// The 3-D view's own strings (the 'view3d-view' namespace), in both languages: they load
// with the 3-D view's chunk, not with the first load.

import { viewStrings } from '../i18n';

const en = {
  label_one:
    '3-D view of the {{surface}} loss surface, height {{height}}, seen from yaw {{yaw}}°, pitch {{pitch}}°; {{count}} lane path up to step {{step}}.',
  label_other:
    '3-D view of the {{surface}} loss surface, height {{height}}, seen from yaw {{yaw}}°, pitch {{pitch}}°; {{count}} lane paths up to step {{step}}.',
  logLoss: 'log(loss)',
  loss: 'loss',
  role: '3-D view',
  logHeight: 'Log height',
  resetCamera: 'Reset camera',
};

const zh: typeof en = {
  label_one:
    '{{surface}}损失曲面的三维视图，高度为{{height}}，视角：偏航 {{yaw}}°，俯仰 {{pitch}}°；{{count}} 条通道路径，直到第 {{step}} 步。',
  label_other:
    '{{surface}}损失曲面的三维视图，高度为{{height}}，视角：偏航 {{yaw}}°，俯仰 {{pitch}}°；{{count}} 条通道路径，直到第 {{step}} 步。',
  logLoss: 'log(损失)',
  loss: '损失',
  role: '三维视图',
  logHeight: '对数高度',
  resetCamera: '重置相机',
};

export const view3dStrings = viewStrings('view3d-view', { en, zh });
export const VIEW3D_NS = view3dStrings.ns;
