import * as assert from 'node:assert/strict';
import { parseTranscript } from '../../../core';
import { extractCodings } from '../../../core/codings/extract';
import type { Coding } from '../../../core/codings/types';

/** The codings of a transcript as `quote|coder|code` strings, quote = the untrimmed stripped range. */
function readable(text: string): string[] {
  const c = extractCodings(parseTranscript(text));
  return c.codings.map((x: Coding) => `${c.stripped.slice(x.start, x.end)}|${x.coder}|${x.code}`);
}

describe('extractCodings', () => {
  it('gives nested spans their own untrimmed ranges', () => {
    const text = 'P: {{I felt {{a burden}}{#burden} every time }}{#guilt}\n';
    const c = extractCodings(parseTranscript(text));
    assert.equal(c.stripped, 'P: I felt a burden every time \n');
    assert.deepEqual(c.codings, [
      { start: 3, end: 30, coder: '', code: 'guilt' },
      { start: 10, end: 18, coder: '', code: 'burden' },
    ]);
    assert.deepEqual(readable(text), ['I felt a burden every time ||guilt', 'a burden||burden']);
  });

  it('reads labelled crossing spans by their labels', () => {
    const text =
      'P: {{^a The pills made me dizzy, {{^b so I skipped the dose}}{^a #side-effects}\nand never told anyone.}}{^b #concealment}\n';
    assert.deepEqual(readable(text), [
      'The pills made me dizzy, so I skipped the dose||side-effects',
      'so I skipped the dose\nand never told anyone.||concealment',
    ]);
  });

  it('gives one coding per block and code, with each block’s coder, and one memo per block memo', () => {
    const text = '---\ncoder: LN\n---\nP: {{trust}}{#a #b}{#a @CA "sure"}{#c @LN "why"}\n';
    const c = extractCodings(parseTranscript(text));
    assert.equal(c.stripped, 'P: trust\n');
    assert.deepEqual(
      c.codings.map((x) => `${x.start}-${x.end} ${x.coder} ${x.code}`),
      ['3-8 CA a', '3-8 LN a', '3-8 LN b', '3-8 LN c'],
    );
    assert.deepEqual(c.memos, [
      { start: 3, end: 8, coder: 'CA', memo: 'sure' },
      { start: 3, end: 8, coder: 'LN', memo: 'why' },
    ]);
  });

  it('uses the front matter coder as the default and the empty coder when there is none', () => {
    assert.deepEqual(readable('---\ncoder: LN\n---\n{{x}}{#a}'), ['x|LN|a']);
    assert.deepEqual(readable('{{x}}{#a}'), ['x||a']);
  });

  it('dedupes identical triples and sorts by start, end, coder, code', () => {
    const text = '{{b}}{#z}{#z}{#y} {{a {{c}}{#q} }}{#k @ZZ}{#k @AA}';
    const c = extractCodings(parseTranscript(text));
    assert.deepEqual(
      c.codings.map((x) => [x.start, x.end, x.coder, x.code].join(' ')),
      ['0 1  y', '0 1  z', '2 6 AA k', '2 6 ZZ k', '4 5  q'],
    );
  });

  it('measures offsets in CRLF text, where CR counts as stripped text', () => {
    const text = '---\r\ncoder: LN\r\n---\r\nI: Hi.\r\nP: {{line one\r\nline two}}{#a}\r\n';
    const c = extractCodings(parseTranscript(text));
    assert.equal(c.stripped, 'I: Hi.\r\nP: line one\r\nline two\r\n');
    assert.deepEqual(c.codings, [{ start: 11, end: 29, coder: 'LN', code: 'a' }]);
    assert.equal(c.stripped.slice(11, 29), 'line one\r\nline two');
  });

  it('counts emoji as two UTF-16 units', () => {
    const text = '😀 {{👍 ok}}{#yes} {{\\{x\\}}}{#brace}';
    const c = extractCodings(parseTranscript(text));
    assert.equal(c.stripped, '😀 👍 ok {x}');
    assert.deepEqual(
      c.codings.map((x) => [x.start, x.end, c.stripped.slice(x.start, x.end), x.code]),
      [
        [3, 8, '👍 ok', 'yes'],
        [9, 12, '{x}', 'brace'],
      ],
    );
  });

  it('codes nothing for unclosed spans and keeps the rest', () => {
    assert.deepEqual(readable('{{open and {{closed}}{#a} text'), ['closed||a']);
  });

  it('gives an empty result for plain text', () => {
    assert.deepEqual(extractCodings(parseTranscript('just words\n')), { stripped: 'just words\n', codings: [], memos: [] });
  });
});
