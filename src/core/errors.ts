// What an unknown thrown value says, and how text from a link is quoted, in messages shown to
// people.

/** The message of an Error, or the value as text (a thrown string, a rejected DOMException). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Text from a link as a message may quote it: printable ASCII only (nothing a message could
 * render as markup or control), at most `n` characters.
 */
export function truncate(text: string, n = 40): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > n ? `${clean.slice(0, n)}…` : clean;
}
