import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, parseCodebook, parseTranscript, ProjectIndex, quickFixes } from '../../core';
import { lineContentEndAt, lineStartAt, nextLineStartAt, eolOf } from '../../core/refactor/text';
import { toDiagnostic } from '../../server/convert';

/**
 * Lines break where LSP breaks them: `\r\n`, `\n` and a lone `\r`. Offsets and
 * positions must agree with vscode-languageserver-textdocument (what clients use),
 * or a quick fix meant for markup lands in the spoken text.
 */
describe('line breaks: \\n, \\r\\n and a lone \\r, as LSP counts them', () => {
  const doc = (text: string) => TextDocument.create('file:///x.md', 'axial-transcript', 1, text);
  const piece = fc.constantFrom('a', 'é', '😀', ' ', '\n', '\r', '\r\n', '{{', '}}', 'P: ');
  const texts = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

  it('LineIndex gives the positions and offsets TextDocument gives (property)', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const lines = new LineIndex(text);
        const d = doc(text);
        assert.equal(lines.lineCount, d.lineCount);
        for (let o = 0; o <= text.length; o++) assert.deepEqual(lines.positionAt(o), d.positionAt(o), `offset ${o}`);
        for (let line = 0; line <= d.lineCount; line++) {
          for (let character = 0; character < 6; character++) {
            assert.equal(lines.offsetAt({ line, character }), d.offsetAt({ line, character }), `${line}:${character}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the reported case: the closer after a lone CR is on line 1, and its fix stays in the markup', () => {
    const index = new ProjectIndex();
    index.setFile('file:///p/codebook.yaml', 'version: 1\ncodes:\n  trust: {}\n');
    const uri = 'file:///p/transcripts/a.md';
    const text = 'I: Did you trust her?\rP: {{Yes, I did}} a lot.\n';
    index.setFile(uri, text);
    const entry = index.entry(uri)!;
    const [d] = entry.diagnostics;
    assert.equal(d.code, 'span.closer-without-block');
    const lines = entry.transcript.lines;
    assert.deepEqual(toDiagnostic(d, lines).range, { start: { line: 1, character: 15 }, end: { line: 1, character: 17 } });
    const fixes = quickFixes(index, uri, d.range);
    assert.ok(fixes.length > 0);
    for (const fix of fixes) {
      // Applied as a client would: through LSP positions and TextDocument.applyEdits.
      const edits = fix.edits.map((e) => ({ range: lines.range(e.range), newText: e.newText }));
      const after = TextDocument.applyEdits(doc(text), edits);
      assert.equal(parseTranscript(after).stripped.text, entry.transcript.stripped.text, fix.title);
      assert.ok(after.startsWith('I: Did you trust her?\rP: {{Yes, I did}}{#'), JSON.stringify(after));
    }
  });

  it('a lone CR starts a speaker turn, as a LF does', () => {
    const t = parseTranscript('I: Did you trust her?\rP: Yes.\r\nI: Why?\nP: She listened.');
    assert.deepEqual(
      t.turns.map((x) => [x.speaker, x.labelRange.start]),
      [['I', 0], ['P', 22], ['I', 31], ['P', 39]],
    );
  });

  it('a block and a memo end at a lone CR, as at any line break', () => {
    const t = parseTranscript('P: {{a}}{#x\r#y}\rI: {{b}}{#x "memo\r"}\r');
    const codes = (t.diagnostics.map((d) => d.code));
    assert.ok(codes.includes('block.unclosed'), codes.join());
    assert.ok(codes.includes('memo.unterminated'), codes.join());
    assert.deepEqual(t.spans[0].blocks[0].codes.map((c) => c.id), ['x']);
  });

  it('quotes read a lone CR as LF, like CRLF', () => {
    const t = parseTranscript('P: {{one\rtwo\r\nthree}}{#x}\r');
    assert.equal(t.spans[0].quote, 'one\ntwo\nthree');
  });

  it('front matter fenced and written with lone CRs is read', () => {
    const t = parseTranscript('---\rcase: C\rspeakers:\r  P: Patient\r---\rP: {{hi}}{#x}\r');
    assert.deepEqual(t.diagnostics, []);
    assert.equal(t.frontMatter?.case, 'C');
    assert.deepEqual(t.frontMatter?.speakers, { P: 'Patient' });
    assert.equal(t.turns[0].role, 'Patient');
  });

  it('a codebook written with lone CRs reads like one with LF, at the same offsets', () => {
    const lf = 'version: 1\ncodes:\n  trust:\n    name: Trust\n  care: {}\n';
    const a = parseCodebook(lf);
    const b = parseCodebook(lf.replace(/\n/g, '\r'));
    assert.deepEqual(b.diagnostics, []);
    assert.deepEqual([...b.codes.keys()], [...a.codes.keys()]);
    assert.deepEqual(b.codes.get('care')!.keyRange, a.codes.get('care')!.keyRange);
  });

  it('line helpers for edits break lines where LineIndex does', () => {
    const text = 'ab\rcd\r\nef\ngh';
    const lines = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      const { line } = lines.positionAt(o);
      assert.equal(lineStartAt(text, o), lines.lineStarts[line], `start at ${o}`);
      // From a line's start, its content end and the next line's start.
      if (o === lines.lineStarts[line]) {
        assert.equal(lineContentEndAt(text, o), lines.lineEnd(line), `end at ${o}`);
        assert.equal(nextLineStartAt(text, o), line + 1 < lines.lineCount ? lines.lineStarts[line + 1] : text.length, `next at ${o}`);
      }
    }
    assert.equal(eolOf('a\rb\r'), '\r');
    assert.equal(eolOf('a\r\nb'), '\r\n');
    assert.equal(eolOf('a\nb\r'), '\n');
  });
});
