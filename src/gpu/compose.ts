// Joins the step engine's WGSL: the layout constants derived in layout.ts, the shared math and
// clip code, every registry snippet, and shaders/engine/step.wgsl. The only generated code is
// switch arms (ids are registry indices) and constants; everything else is a snippet file.

import stepWgsl from '../../shaders/engine/step.wgsl?raw';
import { optimizerFn, scheduleFn, surfaceFn } from '../core/naming';
import { RUN_LAYOUT, STATE_LAYOUT, layoutWgsl, enumsWgsl } from './layout';

/** The parts of the registries (and shared files) the shader is built from. */
export interface ShaderSources {
  /** shaders/common/math.wgsl */
  readonly math: string;
  /** shaders/clip.wgsl: defines `clipGradient(g, maxNorm, maxValue) -> vec2<f32>`. */
  readonly clip: string;
  /** shaders/optimizers/common.wgsl: what the optimizer snippets share. */
  readonly optimizerCommon: string;
  readonly surfaces: readonly { readonly id: string; readonly wgsl: string }[];
  readonly optimizers: readonly {
    readonly id: string;
    readonly wgsl: string;
    /** State slots per element the snippet uses (OptimizerDef.stateSlots); default all 4. */
    readonly stateSlots?: number;
  }[];
  readonly schedules: readonly {
    readonly id: string;
    readonly kind: 'table' | 'feedback';
    readonly wgsl?: string;
  }[];
}

/**
 * Registry indices a batch uses. A shader composed for a subset has switch arms (and snippets)
 * for those entries only; the indices stay the registry's. Software rasterizers such as
 * SwiftShader run every arm of a switch for a SIMD group, so a batch of one surface and one
 * optimizer steps several times faster with a shader holding just those.
 */
export interface ShaderSubset {
  readonly surfaces: readonly number[];
  readonly optimizers: readonly number[];
  readonly schedules: readonly number[];
  /** Whether any run clips its gradient (default true); false leaves the clip code out. */
  readonly clip?: boolean;
  /** Whether any run tracks a summary (ResolvedRun.track; default true); false leaves it out. */
  readonly track?: boolean;
  /** Whether any run has gradient noise or mini-batches (default true); false leaves it out. */
  readonly noise?: boolean;
}

function pick<T>(list: readonly T[], indices: readonly number[] | undefined): [number, T][] {
  const all = list.map((item, i) => [i, item] as [number, T]);
  if (!indices) return all;
  const wanted = new Set(indices);
  return all.filter(([i]) => wanted.has(i));
}

// A shader for one surface (optimizer) calls it directly: every run of the batch uses it, and
// even a one-arm switch costs SwiftShader some 5 % of a step.
function surfaceSwitch(
  surfaces: [number, ShaderSources['surfaces'][number]][],
  direct: boolean,
): string {
  const only = surfaces[0];
  if (direct && surfaces.length === 1 && only) {
    return [
      `// Generated: the batch's one surface, SURFACES[${only[0]}].`,
      'fn evaluateSurface(index: u32, p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {',
      `  return ${surfaceFn(only[1].id)}(p, sp, data);`,
      '}',
    ].join('\n');
  }
  const arms = surfaces.map(([i, s]) => `    case ${i}u: { r = ${surfaceFn(s.id)}(p, sp, data); }`);
  return [
    '// Generated: SURFACES[index]. An unknown index gives NaN, so the run stops as diverged.',
    'fn evaluateSurface(index: u32, p: vec2<f32>, sp: vec4<f32>, data: vec4<u32>) -> vec3<f32> {',
    '  var r = vec3<f32>(bitcast<f32>(params.nanBits));',
    '  switch index {',
    ...arms,
    '    default: {}',
    '  }',
    '  return r;',
    '}',
  ].join('\n');
}

// Both coordinates in one arm: one switch per step, not one per coordinate.
const OPTIMIZER_STEP_SIGNATURE =
  'fn optimizerStep(index: u32, p: vec2<f32>, g: vec2<f32>, lr: f32, t: u32, s: vec3<f32>, ' +
  'c0: vec4<f32>, c1: vec4<f32>, opt0: ptr<function, vec4<f32>>, opt1: ptr<function, vec4<f32>>) -> vec2<f32> {';

function optimizerCall(id: string): string {
  const fn = optimizerFn(id);
  return `vec2<f32>(${fn}(p.x, g.x, lr, t, s, c0, c1, opt0), ${fn}(p.y, g.y, lr, t, s, c0, c1, opt1))`;
}

function optimizerSwitch(
  optimizers: [number, ShaderSources['optimizers'][number]][],
  direct: boolean,
): string {
  const only = optimizers[0];
  if (direct && optimizers.length === 1 && only) {
    return [
      `// Generated: the batch's one optimizer, OPTIMIZERS[${only[0]}], on each coordinate.`,
      OPTIMIZER_STEP_SIGNATURE,
      `  return ${optimizerCall(only[1].id)};`,
      '}',
    ].join('\n');
  }
  const arms = optimizers.map(([i, o]) => `    case ${i}u: { return ${optimizerCall(o.id)}; }`);
  return [
    '// Generated: OPTIMIZERS[index] on each coordinate. An unknown index gives NaN.',
    OPTIMIZER_STEP_SIGNATURE,
    '  switch index {',
    ...arms,
    '    default: { return vec2<f32>(bitcast<f32>(params.nanBits)); }',
    '  }',
    '}',
  ].join('\n');
}

function feedbackSwitch(schedules: [number, ShaderSources['schedules'][number]][]): string {
  const arms = schedules.map(([i, s]) => `    case ${i}u: { ${scheduleFn(s.id)}(loss, c0, c1); }`);
  return [
    '// Generated: the feedback schedules of SCHEDULES[index] update `sched` (x = the lr).',
    'fn feedbackStep(index: u32, loss: f32, c0: vec4<f32>, c1: vec4<f32>) {',
    '  switch index {',
    ...arms,
    '    default: {}',
    '  }',
    '}',
  ].join('\n');
}

/** The complete step shader for these registries (or the subset of them a batch uses). */
export function composeStepShader(sources: ShaderSources, subset?: ShaderSubset): string {
  const surfaces = pick(sources.surfaces, subset?.surfaces);
  const optimizers = pick(sources.optimizers, subset?.optimizers);
  const feedback = pick(sources.schedules, subset?.schedules).filter(
    ([, s]) => s.kind === 'feedback',
  );
  const feedbackSnippets = feedback.map(([, s]) => {
    if (!s.wgsl) throw new Error(`feedback schedule ${s.id} has no WGSL snippet`);
    return s.wgsl;
  });
  return [
    '// ---- generated layout (src/gpu/layout.ts) ----',
    layoutWgsl(RUN_LAYOUT),
    layoutWgsl(STATE_LAYOUT),
    enumsWgsl(),
    '// ---- shaders/common/math.wgsl ----',
    sources.math,
    '// ---- shaders/clip.wgsl ----',
    sources.clip,
    '// ---- surfaces ----',
    ...surfaces.map(([, s]) => s.wgsl),
    '// ---- optimizers ----',
    sources.optimizerCommon,
    // Entries may share a file (Adam and AdamW): each file once.
    ...new Set(optimizers.map(([, o]) => o.wgsl)),
    '// ---- feedback schedules ----',
    ...feedbackSnippets,
    '// ---- generated dispatch ----',
    // Constant false leaves the code out: SwiftShader pays for both sides of a branch.
    `const CLIP_GRADIENTS: bool = ${subset?.clip ?? true};`,
    `const TRACK_SUMMARIES: bool = ${subset?.track ?? true};`,
    `const GRADIENT_NOISE: bool = ${subset?.noise ?? true};`,
    `const FEEDBACK_SCHEDULES: bool = ${feedback.length > 0};`,
    `const OPT_SLOTS: u32 = ${Math.max(1, ...optimizers.map(([, o]) => o.stateSlots ?? 4))}u;`,
    surfaceSwitch(surfaces, subset !== undefined),
    optimizerSwitch(optimizers, subset !== undefined),
    feedbackSwitch(feedback),
    '// ---- shaders/engine/step.wgsl ----',
    stepWgsl,
  ].join('\n\n');
}
