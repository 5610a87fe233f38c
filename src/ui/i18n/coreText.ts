// Core's messages (src/core/messages.ts) in the interface language: the Chinese template of the
// code when Chinese is on and loaded (zhMessages.ts, namespace 'core'), else the message's own
// English. Registry texts go through nameOf; values as typed stay as they are.

import { fillTemplate, type Message, type MessageValue } from '../../core/messages';
import { i18n, nameOf } from './index';

export function coreText(message: Message): string {
  const table = i18n.getResourceBundle(i18n.language, 'core') as
    Readonly<Record<string, string>> | undefined;
  const template =
    (table && Object.hasOwn(table, message.code) ? table[message.code] : undefined) ??
    message.template;
  return fillTemplate(template, message.values, valueText);
}

function valueText(value: MessageValue): string {
  if (typeof value !== 'object') return String(value);
  return 'code' in value ? coreText(value) : nameOf(value.registry);
}
