/**
 * Where an unclosed span's quick fix closes it (closeAt) is found by binary search
 * over the spans (core/features/fixes/spanLookup.ts); it must say exactly what the
 * scan over every span said, kept here as the reference.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { closeAt } from '../../core/features/fixes/transcriptFixes';
import { lineContentEndAt, nextLineStartAt } from '../../core/refactor/text';
import { parseTranscript } from '../../core/transcript/parse';
import { reparseTranscript } from '../../core/transcript/reparse';
import { PieceText } from '../../core/text/pieceText';
import type { Span, Transcript } from '../../core/transcript/types';

/** The scan over every span that closeAt replaced. */
function reference(t: Transcript, span: Span): number | undefined {
  const text = t.text;
  let from = span.open.end;
  let at: number | undefined;
  for (let lines = 0; lines < 3 && from <= text.length; lines++) {
    const end = lineContentEndAt(text, from);
    let last = end;
    while (last > from && (text.charCodeAt(last - 1) === 32 || text.charCodeAt(last - 1) === 9)) last--;
    if (last > from) {
      at = last;
      break;
    }
    const next = nextLineStartAt(text, from);
    if (next <= from || next >= text.length) break;
    from = next;
  }
  if (at === undefined) return undefined;
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 92) backslashes++;
  if (backslashes % 2 === 1) return undefined;
  const byLabel = span.label !== undefined && t.spans.filter((s) => s.label?.name === span.label!.name).length === 1;
  for (const s of t.spans) {
    if (s.open.start >= at) break;
    if (at < s.open.end || (s.close && s.close.start < at && at < s.close.end)) return undefined;
    if (s !== span && s.open.start > span.open.start && (!s.close || s.close.start >= at) && !byLabel) return undefined;
    for (const b of s.blocks) if (b.range.start < at && at <= b.range.end) return undefined;
  }
  return at;
}

describe('quick fixes: where an unclosed span closes', () => {
  it('equals the scan over every span, for random markup (property)', () => {
    const piece = fc.constantFrom('P: ', 'a', ' ', '\t', '{{', '{{^x ', '{{^y ', '}}', '}}{#a}', '}}{^x #a}', '}}{^y}', '{#a', '{', '}', '\\', '"m"', '\n', '\r', '\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const t = parseTranscript(pieces.join(''));
        for (const s of t.spans) if (!s.close) assert.equal(closeAt(t, s), reference(t, s), JSON.stringify(t.text));
      }),
      { numRuns: 5000 },
    );
  });

  it('on a transcript re-parsed through an editor\'s pieces, as on a full parse (property)', () => {
    const unit = fc.constantFrom('{{', '}}', '{#a}', '^a ', 'word', ' ', '\t', '\n', '\r\n', '\r', '\\', 'P: ');
    const str = fc.array(unit, { maxLength: 30 }).map((u) => u.join(''));
    fc.assert(
      fc.property(str, fc.array(fc.record({ at: fc.nat(), remove: fc.nat(4), insert: str }), { minLength: 1, maxLength: 6 }), (a, edits) => {
        let pieces = PieceText.of(a);
        let t = parseTranscript(a);
        for (const e of edits) {
          const at = e.at % (pieces.length + 1);
          const end = Math.min(pieces.length, at + e.remove);
          const next = pieces.edit(at, end, e.insert);
          t = reparseTranscript(t, next.text, { before: pieces.text, start: at, oldEnd: end, newEnd: at + e.insert.length, readers: { before: pieces, after: next } });
          pieces = next;
        }
        const full = parseTranscript(pieces.text);
        for (const s of full.spans) if (!s.close) assert.equal(closeAt(t, t.spans[s.index]), closeAt(full, s));
      }),
      { numRuns: 1500 },
    );
  });
});
