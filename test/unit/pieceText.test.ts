/**
 * A text kept as an editor's pieces (core/text/pieceText.ts) reads as the string it
 * stands for, after any edits: characters, slices, whether it holds a `\r`, and its
 * `text`; and its pieces stay few.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { PieceText } from '../../core/text/pieceText';

const unit = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'ç', '😀', '{{', 'P: ', 'the quick brown fox jumps');
const str = fc.array(unit, { maxLength: 30 }).map((u) => u.join(''));
const edit = fc.record({ at: fc.nat(), remove: fc.nat(40), insert: str });

describe('text as an editor\'s pieces', () => {
  it('reads as the string after any edits (property)', () => {
    fc.assert(
      fc.property(str, fc.array(edit, { maxLength: 120, size: 'max' }), fc.array(fc.tuple(fc.nat(), fc.nat(60)), { minLength: 1, maxLength: 10 }), (start, edits, reads) => {
        let text = start;
        let pieces = PieceText.of(start);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          const end = Math.min(text.length, at + e.remove);
          const before = pieces;
          pieces = pieces.edit(at, end, e.insert);
          text = text.slice(0, at) + e.insert + text.slice(end);
          assert.equal(before.length + e.insert.length - (end - at), pieces.length, 'an edit leaves the text it was made on as it was');
          assert.ok(pieces.pieceCount <= 64);
          assert.equal(pieces.hasCR(), text.includes('\r'));
        }
        assert.equal(pieces.text, text);
        assert.equal(pieces.length, text.length);
        for (let i = -1; i <= text.length; i++) assert.ok(Object.is(pieces.charCodeAt(i), text.charCodeAt(i)), `char ${i}`);
        for (const [a, n] of reads) {
          const from = a % (text.length + 1);
          assert.equal(pieces.slice(from, from + n), text.slice(from, from + n));
          assert.equal(pieces.slice(from), text.slice(from));
        }
      }),
      { numRuns: 600 },
    );
  });

  it('typing at one place keeps a few pieces, and a text of many edits joins them', () => {
    let pieces = PieceText.of('I: hello there\nP: {{we talked}}{#a}\n'.repeat(50));
    for (let i = 0; i < 10; i++) pieces = pieces.edit(100 + i, 100 + i, 'x');
    assert.ok(pieces.pieceCount <= 12, `${pieces.pieceCount} pieces`);
    for (let i = 0; i < 200; i++) pieces = pieces.edit((i * 37) % pieces.length, (i * 37) % pieces.length, '{{');
    assert.ok(pieces.pieceCount <= 64, `${pieces.pieceCount} pieces`);
  });
});
