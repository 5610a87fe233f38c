// The parser of typed formulas: recursive descent over tokenize.ts's tokens, with every input
// bounded first (length, nesting depth, node count, parameter count and name length), so that
// any string gives a result or a plain-English error with the span it is about, and never
// throws or runs long.
//
// Grammar (whitespace anywhere):
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*          '×' and '·' are '*', '÷' is '/'
//   unary   := ('-' | '+') unary | power
//   power   := primary ('^' unary)?                right-associative, tighter than unary minus
//   primary := number | 'x' | 'y' | 'pi' | 'π' | 'e' | param | fn '(' sum (',' sum)* ')' | '(' sum ')'

import { describe, ParseError, tokenize, type Token } from './tokenize';
import { ARITY, EXPRESSION_LIMITS, isFnName, type Expr, type ExpressionLimits } from './types';

export type ParseOutcome =
  | { ok: true; expr: Expr; params: string[] }
  | { ok: false; message: string; position: number; length: number };

/** Names that read as something else in JavaScript; not accepted as parameters. */
const RESERVED: ReadonlySet<string> = new Set(['NaN', 'Infinity', 'undefined', 'null']);

class Parser {
  private at = 0;
  private depth = 0;
  private nodes = 0;
  readonly params: string[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly limits: ExpressionLimits,
  ) {}

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    const t = this.tokens[this.at]!;
    if (t.kind !== 'end') this.at++;
    return t;
  }

  private isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === 'op' && ops.includes(t.text);
  }

  private node<E extends Expr>(e: E, t: Token): E {
    if (++this.nodes > this.limits.maxNodes)
      throw new ParseError(
        `The formula is too large: at most ${this.limits.maxNodes} numbers, names and operations.`,
        t.pos,
        t.len,
      );
    return e;
  }

  private enter(t: Token): void {
    if (++this.depth > this.limits.maxDepth)
      throw new ParseError(
        `The formula is nested too deeply: at most ${this.limits.maxDepth} levels of parentheses, powers and signs.`,
        t.pos,
        Math.max(t.len, 1),
      );
  }

  parseAll(): Expr {
    const first = this.peek();
    if (first.kind === 'end')
      throw new ParseError('The formula is empty: type an expression in x and y.', 0, 0);
    const e = this.sum();
    const t = this.peek();
    if (t.kind !== 'end') throw this.unexpected(t);
    return e;
  }

  /** The error for a token where an operator or the end was expected. */
  private unexpected(t: Token): ParseError {
    if (this.isOp(t, ')')) return new ParseError('This ")" has no matching "(".', t.pos, t.len);
    if (t.kind === 'num' || t.kind === 'ident' || this.isOp(t, '(')) {
      const prev = this.tokens[this.at - 1]!;
      return new ParseError(
        `Missing operator between ${describe(prev)} and ${describe(t)}: write ${prev.text} * ${t.text}, for example.`,
        t.pos,
        t.len,
      );
    }
    if (this.isOp(t, ','))
      return new ParseError(
        'A "," is only allowed between the arguments of min or max.',
        t.pos,
        t.len,
      );
    return new ParseError(`Unexpected ${describe(t)}.`, t.pos, t.len);
  }

  private sum(): Expr {
    let left = this.product();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '+', '-')) return left;
      this.next();
      const right = this.product();
      left = this.node({ kind: 'bin', op: t.text as '+' | '-', left, right }, t);
    }
  }

  private product(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '*', '/')) return left;
      this.next();
      const right = this.unary();
      left = this.node({ kind: 'bin', op: t.text as '*' | '/', left, right }, t);
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (this.isOp(t, '-', '+')) {
      this.enter(t);
      this.next();
      const arg = this.unary();
      this.depth--;
      return t.text === '-' ? this.node({ kind: 'neg', arg }, t) : arg;
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    const t = this.peek();
    if (!this.isOp(t, '^')) return base;
    this.enter(t);
    this.next();
    const exponent = this.unary();
    this.depth--;
    return this.node({ kind: 'bin', op: '^', left: base, right: exponent }, t);
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'num') return this.node({ kind: 'num', value: t.value }, t);
    if (t.kind === 'ident') return this.identifier(t);
    if (this.isOp(t, '(')) {
      this.enter(t);
      const e = this.sum();
      this.close(t, 'this "("');
      this.depth--;
      return e;
    }
    if (t.kind === 'end') {
      const prev = this.tokens[this.at - 1];
      return this.fail(
        prev && prev.kind === 'op' && prev.text !== ')'
          ? `The formula ends after ${describe(prev)}: something is missing after it.`
          : 'The formula is incomplete.',
        prev && prev.kind === 'op' ? prev : t,
      );
    }
    if (this.isOp(t, ')')) {
      const prev = this.tokens[this.at - 2];
      const msg =
        prev && this.isOp(prev, '(')
          ? 'Empty parentheses: put an expression between "(" and ")".'
          : 'Unexpected ")": an expression is missing before it.';
      return this.fail(msg, t);
    }
    if (this.isOp(t, ','))
      return this.fail('Unexpected ",": an expression is missing before it.', t);
    return this.fail(`Unexpected ${describe(t)}: an expression is missing before it.`, t);
  }

  private fail(message: string, t: Token): never {
    throw new ParseError(message, t.pos, t.len);
  }

  /** Consumes the ")" that closes `open`, or fails pointing at `open`. */
  private close(open: Token, what: string): void {
    const t = this.peek();
    if (this.isOp(t, ')')) {
      this.next();
      return;
    }
    if (t.kind === 'end')
      this.fail(
        `${what[0]!.toUpperCase()}${what.slice(1)} is never closed: a ")" is missing.`,
        open,
      );
    throw this.unexpected(t);
  }

  private identifier(t: Token): Expr {
    const name = t.text;
    const open = this.peek();
    const isCall = this.isOp(open, '(');
    if (isFnName(name)) {
      if (!isCall)
        this.fail(`${name} is a function: write ${name}(…) with its argument in parentheses.`, t);
      this.enter(open);
      this.next();
      const args: Expr[] = [];
      if (this.isOp(this.peek(), ')'))
        this.fail(`${name}() needs ${this.argCount(name)}.`, this.peek());
      args.push(this.sum());
      while (this.isOp(this.peek(), ',')) {
        const comma = this.next();
        if (args.length >= ARITY[name])
          this.fail(`${name} takes ${this.argCount(name)}, not more.`, comma);
        args.push(this.sum());
      }
      const closing = this.peek();
      if (args.length < ARITY[name] && this.isOp(closing, ')'))
        this.fail(`${name} takes ${this.argCount(name)}; only ${args.length} given.`, closing);
      this.close(open, `the "(" of ${name}`);
      this.depth--;
      return this.node({ kind: 'call', fn: name, args }, t);
    }
    if (isCall)
      this.fail(
        `Unknown function "${name}": the functions are sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh, min and max.`,
        t,
      );
    if (name === 'x' || name === 'y') return this.node({ kind: 'var', name }, t);
    if (name === 'pi') return this.node({ kind: 'num', value: Math.PI }, t);
    if (name === 'e') return this.node({ kind: 'num', value: Math.E }, t);
    // Names of Object.prototype (toString, constructor, valueOf, …) would alias inherited
    // members wherever parameter values live in plain objects; NaN and Infinity would mislead.
    if (name in Object.prototype || RESERVED.has(name))
      this.fail(`"${name}" is a reserved name: choose another name for this parameter.`, t);
    if (!this.params.includes(name)) {
      if (this.params.length >= this.limits.maxParams)
        this.fail(
          `Too many parameters: "${name}" would be the ${this.limits.maxParams + 1}th after ${this.params.join(', ')}; at most ${this.limits.maxParams} are allowed.`,
          t,
        );
      this.params.push(name);
    }
    return this.node({ kind: 'param', name }, t);
  }

  private argCount(name: keyof typeof ARITY): string {
    return ARITY[name] === 1 ? 'one argument' : `${ARITY[name]} arguments`;
  }
}

/** parseExpression with other limits (for tests of limits the text length cannot reach). */
export function parseWithLimits(text: string, limits: ExpressionLimits): ParseOutcome {
  try {
    if (typeof text !== 'string')
      return { ok: false, message: 'The formula must be text.', position: 0, length: 0 };
    if (text.length > limits.maxLength)
      return {
        ok: false,
        message: `The formula is too long: at most ${limits.maxLength} characters (this one has ${text.length}).`,
        position: limits.maxLength,
        length: text.length - limits.maxLength,
      };
    const parser = new Parser(tokenize(text, limits), limits);
    const expr = parser.parseAll();
    return { ok: true, expr, params: parser.params };
  } catch (error) {
    if (error instanceof ParseError)
      return { ok: false, message: error.message, position: error.position, length: error.length };
    // Not expected; still an answer rather than a throw.
    return {
      ok: false,
      message: 'The formula could not be read.',
      position: 0,
      length: text.length,
    };
  }
}

/** Parses a typed f(x, y); see the grammar at the top of this file. */
export function parseExpression(text: string): ParseOutcome {
  return parseWithLimits(text, EXPRESSION_LIMITS);
}
