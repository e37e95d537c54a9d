/**
 * The safety net of every coding edit: the edited text is parsed again and must
 * have the same stripped text, no more syntax errors, and exactly the coding that
 * was meant (each span's quote position and its codes by coder). An edit that
 * fails this is never offered: a literal brace or a broken span next to the
 * selection could otherwise change what the markup means.
 */
import { applyEdits } from '../edits/apply';
import type { TextEdit } from '../edits/types';
import { parseTranscript } from '../transcript/parse';
import type { Span, Transcript } from '../transcript/types';
import { blockCoder } from './locate';

/** A span's coding as comparable text: where its quote stands in the stripped text, and its codes by coder. */
export function spanSignature(t: Transcript, s: Span, codes?: { coder: string | undefined; id: string }[]): string {
  const list = codes ?? s.blocks.flatMap((b) => b.codes.map((c) => ({ coder: blockCoder(t, b), id: c.id })));
  const items = list.map((c) => `${c.coder ?? ''}:${c.id}`).sort();
  return `${s.quoteRange.start}-${s.quoteRange.end}${s.close ? '' : ' unclosed'} ${items.join(' ')}`;
}

/** The spans' signatures of a transcript. */
export function signatures(t: Transcript): string[] {
  return t.spans.map((s) => spanSignature(t, s));
}

/**
 * Whether applying `edits` to `t` gives a transcript with the same stripped text,
 * no more syntax errors, and exactly the span signatures `expected` (a multiset).
 */
export function verifies(t: Transcript, edits: TextEdit[], expected: string[]): boolean {
  let after: Transcript;
  try {
    after = parseTranscript(applyEdits(t.text, edits));
  } catch {
    return false;
  }
  if (after.stripped.text !== t.stripped.text) return false;
  if (errors(after) > errors(t)) return false;
  const now = signatures(after).sort();
  const want = [...expected].sort();
  return now.length === want.length && now.every((v, i) => v === want[i]);
}

function errors(t: Transcript): number {
  let n = 0;
  for (const d of t.diagnostics) if (d.severity === 'error') n++;
  return n;
}

export const UNSAFE =
  'Axial cannot make this change safely here: the markup next to it (a literal brace or backslash, or broken coding nearby) would change its meaning. Fix the errors nearby, or adjust the selection.';
