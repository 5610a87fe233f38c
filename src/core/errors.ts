// What an unknown thrown value says, for messages shown to people.

/** The message of an Error, or the value as text (a thrown string, a rejected DOMException). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
