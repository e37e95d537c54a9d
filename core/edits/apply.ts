import type { TextEdit } from './types';

/**
 * Applies non-overlapping edits to a text. Edits at the same offset are applied in
 * the order given (as the LSP specifies for inserts at one position). Tests, the
 * CLI and the coding checks use it to see what an edit does.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.range.start - b.e.range.start || a.e.range.end - b.e.range.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.range.start < at) throw new Error(`Overlapping edits at offset ${e.range.start}.`);
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}
