// The engine's default registry: the core registries and the shared WGSL files they need.

import mathWgsl from '../../shaders/common/math.wgsl?raw';
import { OPTIMIZERS } from '../core/optimizers';
import { SURFACES, packSurfaceData } from '../core/surfaces';
import type { EngineRegistry } from './engine';

// TEMPORARY until H2's clip.wgsl and schedules land.
const clipWgsl = `fn clipGradient(g: vec2<f32>, maxNorm: f32, maxValue: f32) -> vec2<f32> { return g; }`;

export const DEFAULT_REGISTRY: EngineRegistry = {
  math: mathWgsl,
  clip: clipWgsl,
  surfaces: SURFACES,
  // TEMPORARY: H2's snippets name a variable `std`, a WGSL reserved word.
  optimizers: OPTIMIZERS.map((o) => ({ ...o, wgsl: o.wgsl.replace(/\bstd\b/g, 'stdv') })),
  schedules: [],
  packSurfaceData,
};
