// The engine's default registry: the core registries and the shared WGSL files they need.

import mathWgsl from '../../shaders/common/math.wgsl?raw';
import { CLIP_WGSL } from '../core/clip';
import { OPTIMIZERS, OPTIMIZER_COMMON_WGSL } from '../core/optimizers';
import { SCHEDULES } from '../core/schedules';
import { SURFACES, packSurfaceData } from '../core/surfaces';
import type { EngineRegistry } from './engine';

export const DEFAULT_REGISTRY: EngineRegistry = {
  math: mathWgsl,
  clip: CLIP_WGSL,
  optimizerCommon: OPTIMIZER_COMMON_WGSL,
  surfaces: SURFACES,
  optimizers: OPTIMIZERS,
  schedules: SCHEDULES,
  packSurfaceData,
};
