/**
 * The server's open documents over an editor's pieces (server/pieceDocument.ts)
 * behave exactly as vscode-languageserver-textdocument's: for any changes (ranges
 * anywhere, reversed, past the end, between a \r and a \n, whole-text ones), the
 * same text, ranges of text, positions, offsets and line count.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from '../../core/text/pieceText';
import { PieceDocument } from '../../server/pieceDocument';

const unit = fc.constantFrom('a', ' ', '\n', '\r', '\r\n', 'ç', '😀', '{{', 'P: ', 'said so');
const str = fc.array(unit, { maxLength: 12 }).map((u) => u.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 8 }), character: fc.integer({ min: -1, max: 12 }) });
const change: fc.Arbitrary<TextDocumentContentChangeEvent> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text: str }) },
  { weight: 1, arbitrary: str.map((text) => ({ text })) },
);

describe('open documents over pieces', () => {
  it('answer as TextDocument does after any changes (property)', () => {
    fc.assert(
      fc.property(str, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 40, size: 'max' }), fc.array(fc.tuple(position, position, fc.integer({ min: -2, max: 200 })), { minLength: 1, maxLength: 6 }), (text, batches, probes) => {
        const ours = new PieceDocument('file:///a.md', 'axial-transcript', 1, PieceText.of(text));
        const theirs = TextDocument.create('file:///a.md', 'axial-transcript', 1, text);
        let version = 1;
        for (const batch of batches) {
          version++;
          ours.update(batch, version);
          TextDocument.update(theirs, batch, version);
          assert.equal(ours.getText(), theirs.getText());
          assert.equal(ours.version, theirs.version);
          assert.equal(ours.lineCount, theirs.lineCount);
          for (const [a, b, offset] of probes) {
            assert.equal(ours.getText({ start: a, end: b }), theirs.getText({ start: a, end: b }));
            assert.equal(ours.offsetAt(a), theirs.offsetAt(a));
            assert.deepStrictEqual(ours.positionAt(offset), theirs.positionAt(offset));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
