// What an unknown thrown value says, and how text from a link is quoted, in messages shown to
// people.

/** The message of an Error, or the value as text (a thrown string, a rejected DOMException). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : quoteValue(error, 200);
}

/**
 * Text from a link as a message may quote it: printable ASCII only (nothing a message could
 * render as markup or control), at most `n` characters.
 */
export function truncate(text: string, n = 40): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > n ? `${clean.slice(0, n)}…` : clean;
}

/**
 * Any value from a link (or thrown) as quotable text, never an exception: an object such as
 * {"toString": "adam"} cannot be converted with String(), so objects are written as JSON.
 */
export function quoteValue(value: unknown, n = 40): string {
  if (typeof value === 'string') return truncate(value, n);
  if (value === null || typeof value !== 'object') return truncate(String(value), n);
  try {
    return truncate(JSON.stringify(value) ?? typeof value, n);
  } catch {
    return typeof value;
  }
}
