// The formula parser's texts for people, by code (see src/core/messages.ts): English here, in
// the parser's own chunk; Chinese in src/ui/i18n/zhMessages.ts.

import { messageTable } from '../messages';

export const EXPR_MESSAGES = {
  'formula.notText': 'The formula must be text.',
  'formula.tooLong':
    'The formula is too long: at most {{max}} characters (this one has {{length}}).',
  'formula.unreadable': 'The formula could not be read.',
  'formula.empty': 'The formula is empty: type an expression in x and y.',
  'formula.incomplete': 'The formula is incomplete.',
  'formula.tooLarge': 'The formula is too large: at most {{max}} numbers, names and operations.',
  'formula.tooDeep':
    'The formula is nested too deeply: at most {{max}} levels of parentheses, powers and signs.',
  'formula.numberTooLarge': 'The number {{number}} is too large.',
  'formula.nameTooLong': 'The name "{{name}}…" is too long: names have at most {{max}} characters.',
  'formula.notAllowed': '{{char}} is not allowed in a formula.',
  'formula.underscore': '{{char}} is not allowed in a formula. Names start with a letter.',
  'formula.controlChar': 'the control character {{code}}',
  'formula.end': 'the end of the formula',
  'formula.unmatchedClose': 'This ")" has no matching "(".',
  'formula.missingOperator':
    'Missing operator between {{before}} and {{after}}: write {{left}} * {{right}}, for example.',
  'formula.comma': 'A "," is only allowed between the arguments of min or max.',
  'formula.unexpected': 'Unexpected {{token}}.',
  'formula.missingBefore': 'Unexpected {{token}}: an expression is missing before it.',
  'formula.endsAfter': 'The formula ends after {{token}}: something is missing after it.',
  'formula.emptyParens': 'Empty parentheses: put an expression between "(" and ")".',
  'formula.parenNotClosed': 'This "(" is never closed: a ")" is missing.',
  'formula.callNotClosed': 'The "(" of {{name}} is never closed: a ")" is missing.',
  'formula.fnNeedsParens':
    '{{name}} is a function: write {{name}}(…) with its argument in parentheses.',
  'formula.fnNoArguments': '{{name}}() needs {{arguments}}.',
  'formula.fnTooMany': '{{name}} takes {{arguments}}, not more.',
  'formula.fnTooFew': '{{name}} takes {{arguments}}; only {{given}} given.',
  'formula.oneArgument': 'one argument',
  'formula.arguments': '{{count}} arguments',
  'formula.unknownFn': 'Unknown function "{{name}}": the functions are {{functions}} and {{last}}.',
  'formula.reserved': '"{{name}}" is a reserved name: choose another name for this parameter.',
  'formula.tooManyParams':
    'Too many parameters: "{{name}}" would be the {{nth}}th after {{params}}; at most {{max}} are allowed.',
} as const;

/** A message of the table above. */
export const exprMessage = messageTable(EXPR_MESSAGES);
