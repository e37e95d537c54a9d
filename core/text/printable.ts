/**
 * How a message shows text it did not write (a key, an id, a file name): on one
 * line, with nothing a terminal or a CI log could act on. Control characters
 * (C0, DEL, C1), the Unicode line and paragraph separators and the bidirectional
 * controls are written as JSON-style escapes (`\n`, `\r`, `\t`, `\u001b`, …), so a
 * transcript cannot start a fake diagnostic line, move the cursor, or reorder what
 * a reader sees. Everything else, accents and scripts included, stays as it is.
 */

/** Characters that are escaped: the ones that break, recolour or reorder a line. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The same class, to test without replacing. */
const HAS_UNSAFE = new RegExp(UNSAFE.source);

/**
 * Messages already made printable: a parse reports a few fixed messages thousands
 * of times, often in turn (a stray closer, then its empty block), so one remembered
 * message was not enough. Cleared when full, so text quoted in messages cannot grow it
 * much.
 */
const known = new Map<string, string>();
const MAX_KNOWN = 256;
/** Longer messages quote long user text: not worth keeping. */
const MAX_KNOWN_LENGTH = 500;

/** `text` with every unsafe character escaped as JSON would (see the module comment). */
export function printable(text: string): string {
  const seen = known.get(text);
  if (seen !== undefined) return seen;
  const out = HAS_UNSAFE.test(text) ? text.replace(UNSAFE, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
  if (text.length <= MAX_KNOWN_LENGTH) {
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(text, out);
  }
  return out;
}
