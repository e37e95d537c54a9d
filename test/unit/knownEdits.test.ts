/**
 * The server's open documents remember where each version changed (server/knownEdits.ts):
 * for any sequence of editor changes in one notification, the region they report
 * holds every difference between the versions, and is exactly the change for a single
 * one (none is reported for a whole new text); an index fed with it equals one that
 * parses from scratch.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProjectIndex } from '../../core/project/index';
import { KnownEdits } from '../../server/knownEdits';

const PIECES = ['{{', '}}{#a}', 'P: ', '\n', '\r\n', 'x', 'ça', '😀', ''];
const change = fc.record({ at: fc.nat(), length: fc.nat(12), text: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((u) => u.join('')), whole: fc.nat(20) });
const start = fc.array(fc.constantFrom('P: {{we talked}}{#a}', 'I: so', 'ça 😀', '{{', ''), { maxLength: 12 }).map((ls) => ls.join('\n') + '\n');

describe('open documents remember where they changed', () => {
  it('the region covers every difference, for any changes (property)', () => {
    fc.assert(
      fc.property(start, fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (text, batches) => {
        const known = new KnownEdits();
        const doc = known.config.create('file:///w/p/transcripts/a.md', 'axial-transcript', 1, text);
        for (const batch of batches) {
          const before = doc.getText();
          const changes: TextDocumentContentChangeEvent[] = [];
          let len = before.length;
          for (const c of batch) {
            // Positions in the text the previous changes of the batch left, as the protocol says.
            let edited = before;
            for (const ch of changes) edited = applyChange(edited, ch);
            len = edited.length;
            const at = c.at % (len + 1);
            const end = Math.min(len, at + c.length);
            if (c.whole === 0) changes.push({ text: c.text });
            else changes.push({ range: { start: positionAt(edited, at), end: positionAt(edited, end) }, text: c.text });
          }
          known.config.update(doc, changes, doc.version + 1);
          const after = doc.getText();
          const e = known.of(doc);
          if (changes.some((c) => !('range' in c))) {
            // A whole new text says nothing of where it changed.
            assert.equal(e, undefined);
            continue;
          }
          assert.ok(e);
          assert.equal(e.before, before);
          assert.ok(0 <= e.start && e.start <= e.oldEnd && e.oldEnd <= before.length && e.start <= e.newEnd && e.newEnd <= after.length);
          assert.equal(before.length - e.oldEnd, after.length - e.newEnd);
          assert.equal(before.slice(0, e.start), after.slice(0, e.start));
          assert.equal(before.slice(e.oldEnd), after.slice(e.newEnd));
          if (changes.length === 1 && 'range' in changes[0]) {
            const only = changes[0];
            const original = TextDocument.create('file:///x', 'x', 0, before);
            assert.equal(e.start, Math.min(original.offsetAt(only.range.start), original.offsetAt(only.range.end)));
            assert.equal(e.newEnd, e.start + only.text.length);
            assert.equal(e.oldEnd, Math.max(original.offsetAt(only.range.start), original.offsetAt(only.range.end)));
          }
        }
      }),
      { numRuns: 800 },
    );
  });

  it('is forgotten once the document has another version; an index fed with it equals a fresh one', () => {
    const known = new KnownEdits();
    const uri = 'file:///w/p/transcripts/a.md';
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push(i % 2 ? `P: {{we talked ${i}}}{#a}` : `I: so ${i}`);
    const doc = known.config.create(uri, 'axial-transcript', 1, lines.join('\n') + '\n');
    assert.equal(known.of(doc), undefined);
    const index = new ProjectIndex();
    index.setFile('file:///w/p/codebook.yaml', 'codes:\n  a: {}\n');
    index.setFile(uri, doc.getText());
    for (let i = 0; i < 40; i++) {
      const line = 7 * i;
      const changes: TextDocumentContentChangeEvent[] =
        i % 2 === 0 ? [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: '{{' }] : [{ range: { start: { line: line - 7, character: 3 }, end: { line: line - 7, character: 5 } }, text: '' }, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x' }];
      known.config.update(doc, changes, doc.version + 1);
      index.setFile(uri, doc.getText(), known.of(doc));
      const fresh = new ProjectIndex();
      fresh.setFile('file:///w/p/codebook.yaml', 'codes:\n  a: {}\n');
      fresh.setFile(uri, doc.getText());
      assert.deepStrictEqual(index.entry(uri)!.diagnostics, fresh.entry(uri)!.diagnostics);
      assert.deepStrictEqual(index.entry(uri)!.transcript.spans, fresh.entry(uri)!.transcript.spans);
    }
    const stale = known.of(doc);
    assert.ok(stale);
    (doc as unknown as { currentVersion: number }).currentVersion++;
    assert.equal(known.of(doc), undefined);
  });
});

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let ls = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      ls = i + 1;
    }
  }
  return { line, character: offset - ls };
}

function offsetAt(text: string, p: { line: number; character: number }): number {
  let line = 0;
  let i = 0;
  while (line < p.line && i < text.length) {
    const c = text.charCodeAt(i++);
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) line++;
  }
  return i + p.character;
}

function applyChange(text: string, c: TextDocumentContentChangeEvent): string {
  if (!('range' in c)) return c.text;
  const a = offsetAt(text, c.range.start);
  const b = offsetAt(text, c.range.end);
  return text.slice(0, a) + c.text + text.slice(b);
}
