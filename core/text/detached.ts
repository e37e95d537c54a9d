/**
 * Strings that keep nothing else alive.
 *
 * V8 keeps a slice of 13 or more characters (`text.slice(a, b)`) as a view into the
 * string it was cut from, and the view keeps that whole string alive. The re-parse
 * after a keystroke scans a slice of the new document text; without a copy, every
 * quote, code id or speaker label it finds would keep that version of the document
 * alive (5 MB for a 20,000-line transcript) for as long as the span lives, one version
 * for every place edited: a long typing session grew the heap without bound and made
 * full collections frequent. A copy of the small re-scanned window costs almost nothing.
 */

/** Below this length V8 copies a slice instead of keeping a view (SlicedString::kMinLength). */
const MIN_VIEW_LENGTH = 13;

/** `s` as a string of its own: a copy that shares no memory with the string `s` was cut from. */
export function detached(s: string): string {
  if (s.length < MIN_VIEW_LENGTH) return s;
  // `' ' + s` is a rope over `s`; slicing a rope makes V8 copy it flat first, and
  // the result is a view into that fresh copy only.
  return (' ' + s).slice(1);
}
