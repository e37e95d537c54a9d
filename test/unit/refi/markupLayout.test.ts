/**
 * A transcript's layout (core/refi/markupLayout.ts): its head and markup as
 * insertions into the exported text give the file back byte for byte, whatever
 * the markup (crossing labels, blocks in any order, escapes, memos), the line
 * ends (CRLF, LF, mixed, a lone CR) and the characters (astral, combining); and
 * the fingerprint of text and codings (core/refi/codingsCheck.ts) notices every
 * change another tool could make.
 */
import * as assert from 'node:assert/strict';
import { extractCodings } from '../../../core/codings/extract';
import { codingsCheck } from '../../../core/refi/codingsCheck';
import { markupLayout, restoreBody } from '../../../core/refi/markupLayout';
import { refiText } from '../../../core/refi/positions';
import { parseTranscript } from '../../../core/transcript/parse';

/** Exports a file's text as the export does and rebuilds the file from its layout. */
function roundTrip(file: string): { rebuilt: string | undefined; layout: { head: string; markup: unknown[]; crlf: boolean } } {
  const t = parseTranscript(file);
  const { head, markupJson, crlf } = markupLayout(t);
  const markup = JSON.parse(markupJson) as unknown[];
  const body = restoreBody(refiText(t.stripped.text), markup, crlf);
  return { rebuilt: body === undefined ? undefined : head + body, layout: { head, markup, crlf } };
}

const FILES: Record<string, string> = {
  plain: 'No markup at all.\n',
  'front matter only': '---\ncase: "A"\ndate: "2020-01-01"\n---\nText.\n',
  crossing: 'P: {{^x The pills made me dizzy, {{^y so I skipped the dose}}{^x #side-effects}\nand never told anyone.}}{^y #concealment}\n',
  'blocks in any order': '---\ncoder: CA\n---\n{{Fine}}{#b #a @CA "why"}{#a @LN} and {{ spaced }}{#a}.\n',
  escapes: 'Braces \\{ and \\} and a backslash \\\\ in {{a \\{quote\\}}}{#a}.\n',
  'CRLF everywhere': '---\r\ncase: B\r\n---\r\nI: Hi 🙂\r\nP: {{Fine, {{thanks}}{#joy @CA}}}{#trust}\r\n',
  'mixed line ends': 'one\r\ntwo\nthree {{x}}{#a}\r\nfour\rfive\n',
  'markup at a line end': '{{a}}{#a}\r\n{{b\r\n}}{#b}\r\n',
  astral: 'e\u0301 😀 {{😀}}{#a} 𝄞{{𝄞 x}}{#b}\n',
  'no final line end': '{{end}}{#a}',
  'empty span': 'before {{}}{#a} after\n',
};

describe('REFI-QDA markup layout', () => {
  for (const [name, file] of Object.entries(FILES)) {
    it(`gives the file back byte for byte: ${name}`, () => {
      const { rebuilt } = roundTrip(file);
      assert.equal(rebuilt, file);
    });
  }

  it('lists no CR when every line end is CRLF, and each CR when they are mixed', () => {
    const crlf = roundTrip(FILES['CRLF everywhere']).layout;
    assert.equal(crlf.crlf, true);
    assert.ok(!crlf.markup.some((p) => typeof p === 'string' && p.includes('\r')));
    const mixed = roundTrip(FILES['mixed line ends']).layout;
    assert.equal(mixed.crlf, false);
    assert.ok(mixed.markup.includes('\r'));
  });

  it('keeps offsets small: each is the distance from the previous piece', () => {
    const { layout } = roundTrip('aaaa {{b}}{#a} cccc {{d}}{#a}\n');
    assert.deepEqual(layout.markup, [5, '{{', 1, '}}{#a}', 6, '{{', 1, '}}{#a}']);
  });

  it('gives back any generated transcript (property)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const parts = ['word ', 'é', '😀', '\\{', '\\\\', '\r\n', '\n', '\r', '{{', '}}{#a}', '}}{#b @LN "m"}{#a}', '{{^q ', '}}{^q #c}', ' '];
    for (let n = 0; n < 300; n++) {
      let file = rnd() < 0.3 ? '---\r\ncase: X\n---\n' : '';
      const len = Math.floor(rnd() * 30);
      for (let i = 0; i < len; i++) file += parts[Math.floor(rnd() * parts.length)];
      assert.equal(roundTrip(file).rebuilt, file, JSON.stringify(file));
    }
  });

  it('refuses markup that is malformed or points past the text', () => {
    assert.equal(restoreBody('abc', [1, '{{', 9, '}}{#a}'], false), undefined);
    assert.equal(restoreBody('abc', [1, 2], false), undefined);
    assert.equal(restoreBody('abc', [-1, '{{'], false), undefined);
    assert.equal(restoreBody('abc', [1], false), undefined);
    assert.equal(restoreBody('abc', [1, '{{', 1, '}}{#a}'], false), 'a{{b}}{#a}c');
  });
});

describe('REFI-QDA codings fingerprint', () => {
  const text = 'I: Hi 😀\nP: We trusted her.\n';
  const t = parseTranscript('I: Hi 😀\nP: {{We {{trusted}}{#b @LN} her}}{#a @CA "why"}.\n');
  const { codings, memos } = extractCodings(t);
  const base = codingsCheck(text, codings, memos);

  it('does not depend on order, nor on white space around memos', () => {
    assert.equal(codingsCheck(text, [...codings].reverse(), memos.map((m) => ({ ...m, memo: ` ${m.memo}\n` }))), base);
  });

  it('changes when the text, a range, a coder, a code or a memo changes, or a coding goes', () => {
    const c0 = codings[0];
    const variants = [
      codingsCheck(text.replace('trusted', 'trustee'), codings, memos),
      codingsCheck(text, [{ ...c0, start: c0.start + 1 }, ...codings.slice(1)], memos),
      codingsCheck(text, [{ ...c0, coder: 'XY' }, ...codings.slice(1)], memos),
      codingsCheck(text, [{ ...c0, code: 'z' }, ...codings.slice(1)], memos),
      codingsCheck(text, codings, memos.map((m) => ({ ...m, memo: 'other' }))),
      codingsCheck(text, codings.slice(1), memos),
      codingsCheck(text, codings, []),
      // A coding moved from one code to another and back elsewhere: the sum of hashes must not cancel out.
      codingsCheck(text, [{ ...c0, code: codings[1].code }, { ...codings[1], code: c0.code }, ...codings.slice(2)], memos),
    ];
    for (const v of variants) assert.notEqual(v, base);
    assert.equal(new Set(variants).size, variants.length);
  });
});
