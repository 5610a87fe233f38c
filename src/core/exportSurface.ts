// A run's loss surface as Python source, for the "Copy as PyTorch / Keras / optax" scripts:
// `def f(p):` over a 2-vector p, written with the framework's own math (torch, tf or jax.numpy)
// so its autograd takes the gradient. Every built-in surface, the typed formula (from its
// expression tree) and the data surfaces with their data written out.

import { parseExpression, type Expr } from './expr';
import { num, type ParamValues } from './params';
import { pyValue } from './export';
import type { ResolvedRun, SurfaceData } from './types';

export type PyFramework = 'torch' | 'tf' | 'jax';

interface MathNs {
  /** Prefix of elementwise functions: torch.cos, tf.cos, jnp.cos. */
  readonly m: string;
  readonly mean: string;
  readonly softplus: string;
  readonly minimum: string;
  readonly maximum: string;
  /** A float64 1-D array from a Python list literal. */
  readonly array: (list: string) => string;
}

const NS: Record<PyFramework, MathNs> = {
  torch: {
    m: 'torch',
    mean: 'torch.mean',
    softplus: 'torch.nn.functional.softplus',
    minimum: 'torch.minimum',
    maximum: 'torch.maximum',
    array: (l) => `torch.tensor(${l}, dtype=torch.float64)`,
  },
  tf: {
    m: 'tf.math',
    mean: 'tf.reduce_mean',
    softplus: 'tf.math.softplus',
    minimum: 'tf.minimum',
    maximum: 'tf.maximum',
    array: (l) => `tf.constant(${l}, dtype=tf.float64)`,
  },
  jax: {
    m: 'jnp',
    mean: 'jnp.mean',
    softplus: 'jax.nn.softplus',
    minimum: 'jnp.minimum',
    maximum: 'jnp.maximum',
    array: (l) => `jnp.array(${l}, dtype=jnp.float64)`,
  },
};

const list = (xs: readonly number[]): string => `[${xs.map((v) => pyValue(v)).join(', ')}]`;

/** A typed formula's tree as a fully parenthesised Python expression. */
export function exprToPython(e: Expr, fw: PyFramework, param: (name: string) => string): string {
  const ns = NS[fw];
  const go = (n: Expr): string => {
    switch (n.kind) {
      case 'num':
        return pyValue(n.value);
      case 'var':
        return n.name;
      case 'param':
        return param(n.name);
      case 'neg':
        return `(-${go(n.arg)})`;
      case 'bin':
        return `(${go(n.left)} ${n.op === '^' ? '**' : n.op} ${go(n.right)})`;
      case 'call': {
        const args = n.args.map(go);
        switch (n.fn) {
          case 'min':
            return `${ns.minimum}(${args.join(', ')})`;
          case 'max':
            return `${ns.maximum}(${args.join(', ')})`;
          case 'sign':
            return `${ns.m}.sign(${args[0]})`;
          case 'ge':
            return `(${args[0]} >= ${args[1]})`;
          default:
            return `${ns.m}.${n.fn}(${args[0]})`;
        }
      }
    }
  };
  return go(e);
}

const dataOf = (data: SurfaceData | undefined, id: string): SurfaceData => {
  if (!data) throw new Error(`${id}: the run has no data`);
  return data;
};

/**
 * Lines defining the surface's constants and `def f(p):` (p a float64 2-vector: x = p[0],
 * y = p[1]) returning the scalar loss. Throws for a surface it does not know.
 */
export function surfacePython(run: ResolvedRun, fw: PyFramework): string[] {
  const ns = NS[fw];
  const s = run.surface;
  const P: ParamValues = s.params;
  const n = (k: string) => pyValue(num(P, k));
  const body = (expr: string, pre: string[] = []) => [
    ...pre,
    'def f(p):',
    '    x, y = p[0], p[1]',
    `    return ${expr}`,
  ];
  const m = ns.m;
  switch (s.id) {
    case 'quadratic':
      return body(`0.5 * (${n('a')} * x**2 + ${n('b')} * y**2)`);
    case 'rosenbrock':
      return body(`(${n('a')} - x)**2 + ${n('b')} * (y - x**2)**2`);
    case 'beale':
      return body('(1.5 - x + x*y)**2 + (2.25 - x + x*y**2)**2 + (2.625 - x + x*y**3)**2');
    case 'himmelblau':
      return body('(x**2 + y - 11)**2 + (x + y**2 - 7)**2');
    case 'booth':
      return body('(x + 2*y - 7)**2 + (2*x + y - 5)**2');
    case 'matyas':
      return body('0.26 * (x**2 + y**2) - 0.48 * x * y');
    case 'three_hump_camel':
      return body('2*x**2 - 1.05*x**4 + x**6 / 6 + x*y + y**2');
    case 'goldstein_price':
      return body(
        '(1 + (x + y + 1)**2 * (19 - 14*x + 3*x**2 - 14*y + 6*x*y + 3*y**2)) * (30 + (2*x - 3*y)**2 * (18 - 32*x + 12*x**2 + 48*y - 36*x*y + 27*y**2))',
      );
    case 'rastrigin':
      return body(
        `2 * A + (x**2 - A * ${m}.cos(2 * math.pi * x)) + (y**2 - A * ${m}.cos(2 * math.pi * y))`,
        [`A = ${n('A')}`],
      );
    case 'ackley':
      return body(
        `-a * ${m}.exp(-b * ${m}.sqrt(0.5 * (x**2 + y**2))) - ${m}.exp(0.5 * (${m}.cos(c * x) + ${m}.cos(c * y))) + a + math.e`,
        [
          `a, b, c = ${n('a')}, ${n('b')}, ${n('c')}`,
          '# At the origin autograd gives NaN for the √ (Descent Lab takes the gradient 0 there).',
        ],
      );
    case 'styblinski_tang':
      return body('0.5 * (x**4 - 16*x**2 + 5*x + y**4 - 16*y**2 + 5*y)');
    case 'saddle':
      return body(`${n('a')} * x**2 - ${n('b')} * y**2`);
    case 'linear_regression': {
      const d = dataOf(s.data, s.id);
      return body(`${ns.mean}((x * u + y - v)**2)`, [
        '# The data set of the link (its seed), fitting v ≈ x·u + y.',
        `u = ${ns.array(list(d.u))}`,
        `v = ${ns.array(list(d.v ?? []))}`,
      ]);
    }
    case 'logistic_regression': {
      const d = dataOf(s.data, s.id);
      return [
        '# The data set of the link (its seed): features (u, w), labels c in {0, 1}.',
        `u = ${ns.array(list(d.u))}`,
        `w = ${ns.array(list(d.w ?? []))}`,
        `c = ${ns.array(list(d.c ?? []))}`,
        'def f(p):',
        '    z = p[0] * u + p[1] * w',
        `    return ${ns.mean}(${ns.softplus}(z) - c * z)`,
      ];
    }
    case 'custom': {
      const parsed = parseExpression(s.expression ?? '');
      if (!parsed.ok) throw new Error(`the typed surface does not parse: ${parsed.message}`);
      const name = (p: string) => `k_${p}`;
      return [
        `# f(x, y) = ${(s.expression ?? '').replace(/[\r\n]/g, ' ')}`,
        ...parsed.params.map((p) => `${name(p)} = ${n(p)}`),
        'def f(p):',
        '    x, y = p[0], p[1]',
        `    return ${exprToPython(parsed.expr, fw, name)}`,
      ];
    }
    default:
      throw new Error(`no Python for surface ${s.id}`);
  }
}
