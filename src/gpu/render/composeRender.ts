// Joins the map's surface shader: the shared math, the colour maps, every registry snippet, a
// generated switch on the surface index, and shaders/render/surface.wgsl. The only generated
// code is the switch (indices are registry positions), as in the step engine's compose.ts.

import mathWgsl from '../../../shaders/common/math.wgsl?raw';
import colormapWgsl from '../../../shaders/render/colormap.wgsl?raw';
import surfaceWgsl from '../../../shaders/render/surface.wgsl?raw';
import { surfaceFn } from '../../core/naming';

export interface SurfaceSource {
  readonly id: string;
  readonly wgsl: string;
}

function evalSwitch(surfaces: readonly SurfaceSource[]): string {
  const arms = surfaces.map(
    (s, i) => `    case ${i}u: { return ${surfaceFn(s.id)}(p, sp, data); }`,
  );
  return [
    '// Generated: SURFACES[index]. An unknown index gives 0 (a flat map).',
    'fn evalSurface(index: u32, p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {',
    '  switch index {',
    ...arms,
    '    default: { return vec3<f32>(0.0); }',
    '  }',
    '}',
  ].join('\n');
}

/**
 * A render shader that evaluates surfaces: math, colour maps, `entry` (with the bindings the
 * snippets read, e.g. `surfaceData`), every snippet and the generated switch.
 */
export function composeSurfaceRender(
  entry: readonly { readonly name: string; readonly wgsl: string }[],
  surfaces: readonly SurfaceSource[],
  math = mathWgsl,
): string {
  return [
    '// ---- shaders/common/math.wgsl ----',
    math,
    '// ---- shaders/render/colormap.wgsl ----',
    colormapWgsl,
    ...entry.flatMap((e) => [`// ---- ${e.name} ----`, e.wgsl]),
    '// ---- surfaces ----',
    ...surfaces.map((s) => s.wgsl),
    '// ---- generated dispatch ----',
    evalSwitch(surfaces),
  ].join('\n\n');
}

/** The complete map shader for these surfaces (entry points surfaceVs / surfaceFs). */
export function composeSurfaceShader(surfaces: readonly SurfaceSource[], math = mathWgsl): string {
  return composeSurfaceRender(
    [{ name: 'shaders/render/surface.wgsl (declares u and surfaceData)', wgsl: surfaceWgsl }],
    surfaces,
    math,
  );
}
