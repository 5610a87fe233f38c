// The tokenizer of typed formulas: numbers, names, operators (with their Unicode spellings),
// each with its position for error messages. Every character is either a token, whitespace or
// an error naming it.

import type { Message } from '../messages';
import { exprMessage } from './messages';
import type { ExpressionLimits } from './types';

export class ParseError {
  constructor(
    readonly problem: Message,
    readonly position: number,
    readonly length: number,
  ) {}
}

export type TokenKind = 'num' | 'ident' | 'op' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The text: the operator normalized ('×' → '*'), the identifier or the number as typed. */
  readonly text: string;
  readonly value: number;
  readonly pos: number;
  readonly len: number;
}

const OPERATORS: Readonly<Record<string, string>> = {
  '+': '+',
  '-': '-',
  '−': '-', // U+2212 minus sign
  '*': '*',
  '×': '*',
  '·': '*',
  '/': '/',
  '÷': '/',
  '^': '^',
  '(': '(',
  ')': ')',
  ',': ',',
};

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** A character as it should be quoted in a message, and its length in UTF-16 units. */
function describeChar(text: string, at: number): { shown: string | Message; len: number } {
  const code = text.codePointAt(at) ?? 0;
  const len = code > 0xffff ? 2 : 1;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0))
    return {
      shown: exprMessage('formula.controlChar', {
        code: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
      }),
      len,
    };
  return { shown: `"${text.slice(at, at + len)}"`, len };
}

export function tokenize(text: string, limits: ExpressionLimits): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      while (isDigit(text[i] ?? '')) i++;
      if (text[i] === '.') {
        i++;
        while (isDigit(text[i] ?? '')) i++;
      }
      // An exponent only when digits follow: "2e" is 2 and the constant e (then an error).
      if (text[i] === 'e' || text[i] === 'E') {
        let j = i + 1;
        if (text[j] === '+' || text[j] === '-') j++;
        if (isDigit(text[j] ?? '')) {
          while (isDigit(text[j] ?? '')) j++;
          i = j;
        }
      }
      const raw = text.slice(start, i);
      const value = Number(raw);
      if (!Number.isFinite(value))
        throw new ParseError(
          exprMessage('formula.numberTooLarge', { number: raw }),
          start,
          i - start,
        );
      tokens.push({ kind: 'num', text: raw, value, pos: start, len: i - start });
      continue;
    }
    if (isLetter(c)) {
      while (isLetter(text[i] ?? '') || isDigit(text[i] ?? '') || text[i] === '_') i++;
      const name = text.slice(start, i);
      if (name.length > limits.maxNameLength)
        throw new ParseError(
          exprMessage('formula.nameTooLong', {
            name: name.slice(0, limits.maxNameLength),
            max: limits.maxNameLength,
          }),
          start,
          i - start,
        );
      tokens.push({ kind: 'ident', text: name, value: 0, pos: start, len: i - start });
      continue;
    }
    if (c === 'π') {
      tokens.push({ kind: 'ident', text: 'pi', value: 0, pos: start, len: 1 });
      i++;
      continue;
    }
    const op = Object.hasOwn(OPERATORS, c) ? OPERATORS[c] : undefined;
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op, value: 0, pos: start, len: 1 });
      i++;
      continue;
    }
    const { shown, len } = describeChar(text, i);
    const problem = exprMessage(c === '_' ? 'formula.underscore' : 'formula.notAllowed', {
      char: shown,
    });
    throw new ParseError(problem, start, len);
  }
  tokens.push({ kind: 'end', text: '', value: 0, pos: text.length, len: 0 });
  return tokens;
}

/** How a token is named in a message. */
export function describe(t: Token): string | Message {
  if (t.kind === 'end') return exprMessage('formula.end');
  if (t.kind === 'num') return t.text;
  return `"${t.text}"`;
}
