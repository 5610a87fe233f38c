// Seeded random expressions for the tests: trees over x, y and the parameters a and b that
// mix every operator and function, shaped to stay finite and moderate on [−2, 2]² (logs and
// square roots of 1 + u², exponentials of bounded arguments) so that finite differences and
// float32 can be compared with them at most points.

import type { BinOp, Expr, FnName } from '../src/core/expr/types';

export const RANDOM_PARAMS = ['a', 'b'] as const;

const n = (value: number): Expr =>
  value < 0 ? { kind: 'neg', arg: { kind: 'num', value: -value } } : { kind: 'num', value };
const b = (op: BinOp, left: Expr, right: Expr): Expr => ({ kind: 'bin', op, left, right });
const c = (fn: FnName, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });
const onePlusSquare = (u: Expr) => b('+', n(1), b('^', u, n(2)));

/** A random tree of at most `depth` levels of operations, from `rand` in [0, 1). */
export function randomExpression(rand: () => number, depth = 4): Expr {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const leaf = (): Expr => {
    const r = rand();
    if (r < 0.35) return { kind: 'var', name: 'x' };
    if (r < 0.7) return { kind: 'var', name: 'y' };
    if (r < 0.82) return { kind: 'param', name: pick(RANDOM_PARAMS) };
    if (r < 0.91) return n(1 + Math.floor(rand() * 5));
    // Negative constants as −c, the tree the parser builds for them.
    const v = Math.round(rand() * 400 - 200) / 100;
    return n(v);
  };
  const go = (d: number): Expr => {
    if (d <= 0 || rand() < 0.2) return leaf();
    const u = () => go(d - 1);
    switch (Math.floor(rand() * 22)) {
      case 0:
      case 1:
      case 2:
        return b('+', u(), u());
      case 3:
      case 4:
        return b('-', u(), u());
      case 5:
      case 6:
      case 7:
        return b('*', u(), u());
      case 8:
        return b('/', u(), onePlusSquare(u()));
      case 9:
        return b('^', u(), n(pick([2, 3, 4, -1, 0.5, 1.5, 17])));
      case 10:
        return b('^', onePlusSquare(u()), pick([u(), n(0.5), n(-1.5)]));
      case 11:
        return { kind: 'neg', arg: u() };
      case 12:
        return c(pick(['sin', 'cos'] as const), u());
      case 13:
        return c('tan', b('/', u(), onePlusSquare(u())));
      case 14:
        return c('exp', c(pick(['sin', 'cos', 'tanh'] as const), u()));
      case 15:
        return c('log', onePlusSquare(u()));
      case 16:
        return c('sqrt', onePlusSquare(u()));
      case 17:
        return c('abs', u());
      case 18:
        return c('tanh', u());
      case 19:
        return c(pick(['sinh', 'cosh'] as const), c('sin', u()));
      default:
        return c(pick(['min', 'max'] as const), u(), u());
    }
  };
  return go(depth);
}

/** The classic test surfaces written as text (with their usual constants). */
export const CLASSIC_SURFACES: readonly (readonly [name: string, text: string])[] = [
  ['quadratic', '0.5*(a*x^2 + b*y^2)'],
  ['rosenbrock', '(1-x)^2 + 100*(y-x^2)^2'],
  ['himmelblau', '(x^2 + y - 11)^2 + (x + y^2 - 7)^2'],
  ['rastrigin', '20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*π*y)'],
  ['beale', '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2'],
  ['booth', '(x + 2*y - 7)^2 + (2*x + y - 5)^2'],
  ['matyas', '0.26*(x^2 + y^2) - 0.48*x*y'],
  ['three_hump_camel', '2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2'],
  ['saddle', 'x^2 - y^2'],
  ['ackley', '-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20'],
  [
    'goldstein_price',
    '(1 + (x + y + 1)^2*(19 - 14*x + 3*x^2 - 14*y + 6*x*y + 3*y^2))*(30 + (2*x - 3*y)^2*(18 - 32*x + 12*x^2 + 48*y - 36*x*y + 27*y^2))',
  ],
  ['styblinski_tang', '0.5*(x^4 - 16*x^2 + 5*x + y^4 - 16*y^2 + 5*y)'],
  ['softplus', 'log(1 + exp(a*x + b*y)) - 0.3*x'],
  ['mixed', 'tanh(x)*sinh(y/2) + cosh(x*y/4) + tan(x/3) + abs(x - y) + min(x, y)^2 + max(x, 2*y)'],
];
