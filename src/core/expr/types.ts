// The expression tree of a typed surface f(x, y): what the parser builds, simplify and
// derivative rewrite, and the float64 and WGSL back ends read. Trees are immutable, so
// subtrees may be shared.

/** Functions a user may type. */
export type FnName =
  'sin' | 'cos' | 'tan' | 'exp' | 'log' | 'sqrt' | 'abs' | 'tanh' | 'sinh' | 'cosh' | 'min' | 'max';

/**
 * Functions that only derivatives produce, never parsed from text: sign(u) (−1, 0 or 1, as
 * Math.sign) and ge(a, b) = a >= b ? 1 : 0 (the step of min and max).
 */
export type InternalFn = 'sign' | 'ge';

export type BinOp = '+' | '-' | '*' | '/' | '^';

export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'var'; readonly name: 'x' | 'y' }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | { readonly kind: 'bin'; readonly op: BinOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'call'; readonly fn: FnName | InternalFn; readonly args: readonly Expr[] };

export const EXPRESSION_LIMITS = {
  maxLength: 400,
  maxDepth: 48,
  maxNodes: 1000,
  maxParams: 4,
  maxNameLength: 12,
} as const;

export type ExpressionLimits = { readonly [K in keyof typeof EXPRESSION_LIMITS]: number };

/** Argument count of every function, typed or internal. */
export const ARITY: Readonly<Record<FnName | InternalFn, number>> = {
  sin: 1,
  cos: 1,
  tan: 1,
  exp: 1,
  log: 1,
  sqrt: 1,
  abs: 1,
  tanh: 1,
  sinh: 1,
  cosh: 1,
  min: 2,
  max: 2,
  sign: 1,
  ge: 2,
};

/** The function names a formula may use. */
export const FN_NAMES: ReadonlySet<string> = new Set<FnName>([
  'sin',
  'cos',
  'tan',
  'exp',
  'log',
  'sqrt',
  'abs',
  'tanh',
  'sinh',
  'cosh',
  'min',
  'max',
]);

/** True for a function name a user may type (own names only: no prototype lookups). */
export function isFnName(name: string): name is FnName {
  return FN_NAMES.has(name);
}
