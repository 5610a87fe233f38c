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

import { englishText, type Message } from '../messages';
import { exprMessage } from './messages';
import { describe, ParseError, tokenize, type Token } from './tokenize';
import {
  ARITY,
  EXPRESSION_LIMITS,
  FN_NAMES,
  isFnName,
  type Expr,
  type ExpressionLimits,
} from './types';

export type ParseOutcome =
  | { ok: true; expr: Expr; params: string[] }
  | {
      ok: false;
      /** What is wrong, for the interface to say in its language. */
      problem: Message;
      /** The problem in English (the command line, the tests). */
      message: string;
      position: number;
      length: number;
    };

const failure = (problem: Message, position: number, length: number): ParseOutcome => ({
  ok: false,
  problem,
  message: englishText(problem),
  position,
  length,
});

const FUNCTIONS = [...FN_NAMES];

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
        exprMessage('formula.tooLarge', { max: this.limits.maxNodes }),
        t.pos,
        t.len,
      );
    return e;
  }

  private enter(t: Token): void {
    if (++this.depth > this.limits.maxDepth)
      throw new ParseError(
        exprMessage('formula.tooDeep', { max: this.limits.maxDepth }),
        t.pos,
        Math.max(t.len, 1),
      );
  }

  parseAll(): Expr {
    const first = this.peek();
    if (first.kind === 'end') throw new ParseError(exprMessage('formula.empty'), 0, 0);
    const e = this.sum();
    const t = this.peek();
    if (t.kind !== 'end') throw this.unexpected(t);
    return e;
  }

  /** The error for a token where an operator or the end was expected. */
  private unexpected(t: Token): ParseError {
    if (this.isOp(t, ')'))
      return new ParseError(exprMessage('formula.unmatchedClose'), t.pos, t.len);
    if (t.kind === 'num' || t.kind === 'ident' || this.isOp(t, '(')) {
      const prev = this.tokens[this.at - 1]!;
      return new ParseError(
        exprMessage('formula.missingOperator', {
          before: describe(prev),
          after: describe(t),
          left: prev.text,
          right: t.text,
        }),
        t.pos,
        t.len,
      );
    }
    if (this.isOp(t, ',')) return new ParseError(exprMessage('formula.comma'), t.pos, t.len);
    return new ParseError(exprMessage('formula.unexpected', { token: describe(t) }), t.pos, t.len);
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
      this.close(t);
      this.depth--;
      return e;
    }
    if (t.kind === 'end') {
      const prev = this.tokens[this.at - 1];
      return this.fail(
        prev && prev.kind === 'op' && prev.text !== ')'
          ? exprMessage('formula.endsAfter', { token: describe(prev) })
          : exprMessage('formula.incomplete'),
        prev && prev.kind === 'op' ? prev : t,
      );
    }
    if (this.isOp(t, ')')) {
      const prev = this.tokens[this.at - 2];
      const problem =
        prev && this.isOp(prev, '(')
          ? exprMessage('formula.emptyParens')
          : exprMessage('formula.missingBefore', { token: describe(t) });
      return this.fail(problem, t);
    }
    return this.fail(exprMessage('formula.missingBefore', { token: describe(t) }), t);
  }

  private fail(problem: Message, t: Token): never {
    throw new ParseError(problem, t.pos, t.len);
  }

  /** Consumes the ")" that closes `open` (of the function `fn`), or fails pointing at `open`. */
  private close(open: Token, fn?: string): void {
    const t = this.peek();
    if (this.isOp(t, ')')) {
      this.next();
      return;
    }
    if (t.kind === 'end')
      this.fail(
        fn === undefined
          ? exprMessage('formula.parenNotClosed')
          : exprMessage('formula.callNotClosed', { name: fn }),
        open,
      );
    throw this.unexpected(t);
  }

  private identifier(t: Token): Expr {
    const name = t.text;
    const open = this.peek();
    const isCall = this.isOp(open, '(');
    if (isFnName(name)) {
      if (!isCall) this.fail(exprMessage('formula.fnNeedsParens', { name }), t);
      this.enter(open);
      this.next();
      const args: Expr[] = [];
      if (this.isOp(this.peek(), ')'))
        this.fail(
          exprMessage('formula.fnNoArguments', { name, arguments: this.argCount(name) }),
          this.peek(),
        );
      args.push(this.sum());
      while (this.isOp(this.peek(), ',')) {
        const comma = this.next();
        if (args.length >= ARITY[name])
          this.fail(
            exprMessage('formula.fnTooMany', { name, arguments: this.argCount(name) }),
            comma,
          );
        args.push(this.sum());
      }
      const closing = this.peek();
      if (args.length < ARITY[name] && this.isOp(closing, ')'))
        this.fail(
          exprMessage('formula.fnTooFew', {
            name,
            arguments: this.argCount(name),
            given: args.length,
          }),
          closing,
        );
      this.close(open, name);
      this.depth--;
      return this.node({ kind: 'call', fn: name, args }, t);
    }
    if (isCall)
      this.fail(
        exprMessage('formula.unknownFn', {
          name,
          functions: FUNCTIONS.slice(0, -1).join(', '),
          last: FUNCTIONS[FUNCTIONS.length - 1]!,
        }),
        t,
      );
    if (name === 'x' || name === 'y') return this.node({ kind: 'var', name }, t);
    if (name === 'pi') return this.node({ kind: 'num', value: Math.PI }, t);
    if (name === 'e') return this.node({ kind: 'num', value: Math.E }, t);
    // Names of Object.prototype (toString, constructor, valueOf, …) would alias inherited
    // members wherever parameter values live in plain objects; NaN and Infinity would mislead.
    if (name in Object.prototype || RESERVED.has(name))
      this.fail(exprMessage('formula.reserved', { name }), t);
    if (!this.params.includes(name)) {
      if (this.params.length >= this.limits.maxParams)
        this.fail(
          exprMessage('formula.tooManyParams', {
            name,
            nth: this.limits.maxParams + 1,
            params: this.params.join(', '),
            max: this.limits.maxParams,
          }),
          t,
        );
      this.params.push(name);
    }
    return this.node({ kind: 'param', name }, t);
  }

  private argCount(name: keyof typeof ARITY): Message {
    return ARITY[name] === 1
      ? exprMessage('formula.oneArgument')
      : exprMessage('formula.arguments', { count: ARITY[name] });
  }
}

/** parseExpression with other limits (for tests of limits the text length cannot reach). */
export function parseWithLimits(text: string, limits: ExpressionLimits): ParseOutcome {
  try {
    if (typeof text !== 'string') return failure(exprMessage('formula.notText'), 0, 0);
    if (text.length > limits.maxLength)
      return failure(
        exprMessage('formula.tooLong', { max: limits.maxLength, length: text.length }),
        limits.maxLength,
        text.length - limits.maxLength,
      );
    const parser = new Parser(tokenize(text, limits), limits);
    const expr = parser.parseAll();
    return { ok: true, expr, params: parser.params };
  } catch (error) {
    if (error instanceof ParseError) return failure(error.problem, error.position, error.length);
    // Not expected; still an answer rather than a throw.
    return failure(exprMessage('formula.unreadable'), 0, text.length);
  }
}

/** Parses a typed f(x, y); see the grammar at the top of this file. */
export function parseExpression(text: string): ParseOutcome {
  return parseWithLimits(text, EXPRESSION_LIMITS);
}
