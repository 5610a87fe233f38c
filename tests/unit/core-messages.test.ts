// Core's message codes (src/core/messages.ts, src/core/expr/messages.ts) have Chinese in
// src/ui/i18n/zhMessages.ts, code for code with the same {{placeholders}}; and a message reads
// the same in English as the text core gave before it had codes.
import { describe, expect, it } from 'vitest';
import { englishText, message, MESSAGES, placeholdersOf } from '../../src/core/messages';
import { EXPR_MESSAGES } from '../../src/core/expr/messages';
import { zhMessages } from '../../src/ui/i18n/zhMessages';
import { parseExpression } from '../../src/core/expr';

const english: Record<string, string> = { ...MESSAGES, ...EXPR_MESSAGES };
const HAN = /\p{Script=Han}/u;

describe("core's messages", () => {
  it('the English tables do not share a code', () => {
    const shared = Object.keys(EXPR_MESSAGES).filter((c) => Object.hasOwn(MESSAGES, c));
    expect(shared).toEqual([]);
  });

  it('every code has Chinese and every Chinese entry a code', () => {
    expect(Object.keys(zhMessages).sort()).toEqual(Object.keys(english).sort());
  });

  it('keeps the placeholders, in Chinese text', () => {
    for (const [code, template] of Object.entries(english)) {
      const zh = zhMessages[code] ?? '';
      expect(placeholdersOf(zh), code).toEqual(placeholdersOf(template));
      // Templates with words of their own need Chinese ones ('{{what}}: {{problem}}' has none).
      if (/[A-Za-z]{2}/.test(template.replace(/\{\{\w+\}\}/g, '')))
        expect(HAN.test(zh), code).toBe(true);
    }
  });

  it('fills nested messages and values', () => {
    const lane = message('link.lane', { lane: 2 });
    const m = message('link.laneUnknownOptimizer', { what: lane, name: 'adamx' });
    expect(englishText(m)).toBe('lane 2: unknown optimizer "adamx", dropped');
  });

  it("a formula's problem is a code, and its English is the outcome's message", () => {
    const r = parseExpression('x +* y');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.code).toBe('formula.missingBefore');
    expect(englishText(r.problem)).toBe(r.message);
    expect(r.message).toBe('Unexpected "*": an expression is missing before it.');
  });
});
