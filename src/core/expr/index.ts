// Typed loss surfaces f(x, y): parse, simplify, differentiate, format, and compile to float64
// closures and to WGSL. Pure: no DOM, no eval.

export { EXPRESSION_LIMITS, type Expr, type FnName, type InternalFn } from './types';
export { parseExpression, type ParseOutcome } from './parse';
export { simplify } from './build';
export { derivative } from './derive';
export { formatExpression } from './format';
export { compileSurface, type CompiledSurface } from './compile';
export { surfaceWgsl } from './wgsl';
