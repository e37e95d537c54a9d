/**
 * A memo file's layout (core/refi/memoLayout.ts): what the export keeps of how a
 * memo is written gives it back byte for byte through the Note's text (front
 * matter in any style, comments, key order, a BOM, CRLF, trailing blank lines,
 * no final line end); a memo in the importer's form keeps nothing; and the kept
 * head or line ends are not used when the references or the text changed.
 */
import * as assert from 'node:assert/strict';
import { parseCodebook } from '../../../core/codebook/parse';
import { axialNoteText, readAxialNote } from '../../../core/refi/axialNote';
import { importedMemoText, memoLayout } from '../../../core/refi/memoLayout';
import { refiMemo } from '../../../core/refi/memoFile';
import { xmlText } from '../../../core/refi/xmlText';
import type { FileLayout } from '../../../core/refi/axialNote';

/** The layout as it comes out of the note: markup parsed from its JSON. */
function throughNote(layout: FileLayout | undefined): FileLayout | undefined {
  if (!layout) return undefined;
  const json = JSON.stringify({ memos: { g: { head: layout.head, ...(layout.markupJson !== undefined ? { markup: JSON.parse(layout.markupJson) } : {}), ...(layout.crlf ? { crlf: true } : {}), ...(layout.check !== undefined ? { check: layout.check } : {}) } } });
  return readAxialNote(json).memos.get('g');
}

/** Exports a memo file as the export does and imports it back with the references the import finds. */
function roundTrip(file: string, about = { codes: [] as string[], transcripts: [] as string[] }, noteText?: string) {
  const m = refiMemo('memos/m.md', file);
  const text = (noteText ?? xmlText(m.text)).replace(/\r\n?/g, '\n');
  return { layout: m.layout, ...importedMemoText(about, text, throughNote(m.layout)) };
}

const HAND = '---\n# Which codes this is about\ntranscripts: [transcripts/a.md, transcripts/b.md]\ncodes:\n- trust   # the main one\n- joy\n---\n\n\n# Title\n\nText here.\n\n';
const HAND_ABOUT = { codes: ['joy', 'trust'], transcripts: ['transcripts/b.md', 'transcripts/a.md'] };

describe('REFI-QDA memo layout', () => {
  const cases: Record<string, [string, { codes: string[]; transcripts: string[] }]> = {
    'hand-formatted front matter (flow list, comments, key order, blank lines)': [HAND, HAND_ABOUT],
    'a BOM and CRLF': ['\uFEFF---\r\ncodes: [joy]\r\n---\r\n\r\nCRLF memo\r\nline two\r\n', { codes: ['joy'], transcripts: [] }],
    'mixed line ends': ['---\ncodes: [joy]\n---\nline\r\nline\nline\r\n', { codes: ['joy'], transcripts: [] }],
    'no front matter, no final line end': ['Just text', { codes: [], transcripts: [] }],
    'leading blank lines, no front matter': ['\n\n# Title\n', { codes: [], transcripts: [] }],
    'a front matter that does not parse (kept in the text)': ['---\ncodes: [joy\n---\nText\n', { codes: [], transcripts: [] }],
    'emoji and combining characters': ['---\ntranscripts:\n    - "transcripts/ä.md"\n---\n😀 e\u0301\n\n\n', { codes: [], transcripts: ['transcripts/ä.md'] }],
  };
  for (const [name, [file, about]] of Object.entries(cases)) {
    it(`gives the file back byte for byte: ${name}`, () => {
      const r = roundTrip(file, about);
      assert.equal(r.text, file);
      // A memo already in the import's form keeps no layout and is simply written so.
      assert.equal(r.exact, r.layout !== undefined);
    });
  }

  it('keeps nothing for a memo in the form the import writes', () => {
    for (const file of ['---\ncodes:\n  - joy\ntranscripts:\n  - transcripts/a.md\n---\n\nText.\n', 'Text only.\n']) {
      const r = roundTrip(file, file.includes('joy') ? { codes: ['joy'], transcripts: ['transcripts/a.md'] } : undefined);
      assert.equal(r.layout, undefined, file);
      assert.equal(r.text, file);
    }
  });

  it('keeps only the head when the text is as the import writes it, and the CRs as one flag when every line end is CRLF', () => {
    assert.deepEqual(refiMemo('memos/m.md', '---\ncodes: [joy]\n---\nText.\n').layout, { head: '---\ncodes: [joy]\n---\n' });
    const crlf = refiMemo('memos/m.md', 'a\r\nb\r\n').layout!;
    assert.equal(crlf.markupJson, '[]');
    assert.equal(crlf.crlf, true);
    assert.equal(refiMemo('memos/m.md', 'a\r\nb\nc\r\n').layout!.markupJson, '[1,"\\r",4,"\\r"]');
  });

  it('writes the head as the import does when the references changed in another tool', () => {
    const r = roundTrip(HAND, { codes: ['joy'], transcripts: HAND_ABOUT.transcripts });
    assert.equal(r.exact, false);
    assert.equal(r.text, '---\ncodes:\n  - joy\ntranscripts:\n  - transcripts/b.md\n  - transcripts/a.md\n---\n\n# Title\n\nText here.\n\n');
  });

  it('writes the text as the import does when it was edited in another tool, and keeps a head that still fits', () => {
    const file = '---\r\ncodes: [joy]\r\n---\r\nline one\r\nline two\r\n';
    const r = roundTrip(file, { codes: ['joy'], transcripts: [] }, 'line one\nline 2\n');
    assert.equal(r.exact, false);
    assert.equal(r.text, '---\r\ncodes: [joy]\r\n---\r\nline one\nline 2\n');
  });

  it('writes a text with a lone CR or a character XML cannot carry as the import does, with its head', () => {
    for (const file of ['---\ncodes: [joy]\n---\none\rtwo\n\n', '---\ncodes: [joy]\n---\nbell \u0007\n\n']) {
      const r = roundTrip(file, { codes: ['joy'], transcripts: [] });
      assert.equal(r.layout!.markupJson, undefined, file);
      assert.equal(r.text, '---\ncodes: [joy]\n---\n' + xmlText(file.slice(file.indexOf('---\n', 4) + 4)).replace(/\s+$/, '') + '\n');
    }
  });

  it('memoLayout is undefined only for the import\'s form, whatever the references', () => {
    assert.equal(memoLayout('---\ncodes:\n  - a\n---\n\nT\n', 'T\n', ['a'], []), undefined);
    // Several codes: the import orders them by the codebook, so the head is kept even in the import's form.
    assert.notEqual(memoLayout('---\ncodes:\n  - b\n  - a\n---\n\nT\n', 'T\n', ['b', 'a'], []), undefined);
  });
});

describe('REFI-QDA memo layouts in the Axial note', () => {
  it('are written under `memos` by Note GUID and read back, beside the transcripts\' layouts', () => {
    const codebook = parseCodebook('version: 1\ncodes:\n  joy: {}\n');
    const memo = refiMemo('memos/m.md', '\uFEFF---\r\ncodes: [joy]\r\n---\r\nText\r\nmore\n');
    const text = axialNoteText(codebook, [], (id) => id, (p) => p, { files: new Map([['s', { head: '---\ncase: A\n---\n' }]]), memos: new Map([['g', memo.layout!]]) })!;
    assert.doesNotThrow(() => JSON.parse(text));
    const note = readAxialNote(text);
    assert.deepEqual(note.files.get('s'), { head: '---\ncase: A\n---\n' });
    assert.deepEqual(note.memos.get('g'), { head: '\uFEFF---\r\ncodes: [joy]\r\n---\r\n', markup: [4, '\r'], check: memo.layout!.check });
    // Alone, without transcript layouts.
    assert.equal(readAxialNote(axialNoteText(codebook, [], (id) => id, (p) => p, { files: new Map(), memos: new Map([['g', memo.layout!]]) })!).memos.size, 1);
    assert.equal(axialNoteText(codebook, [], (id) => id, (p) => p, { files: new Map(), memos: new Map() }), undefined);
  });
});
