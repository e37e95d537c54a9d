import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseTranscript } from '../../../core';
import { textStart } from '../../../core/coding/spansAndGaps';
import { codingKey, extractCodings, memoKey } from '../../../core/codings/extract';
import { renderCodings } from '../../../core/codings/render';
import type { TranscriptCodings } from '../../../core/codings/types';

const REPO = path.resolve(__dirname, '..', '..', '..');

/** Reads a rendered body back, with a front matter naming the default coder when there is one. */
function readBack(body: string, defaultCoder?: string): TranscriptCodings {
  const head = defaultCoder ? `---\ncoder: ${defaultCoder}\n---\n` : '---\n---\n';
  return extractCodings(parseTranscript(head + body));
}

function sameCodings(a: TranscriptCodings, b: TranscriptCodings): void {
  assert.equal(a.stripped, b.stripped);
  const set = (xs: string[]) => [...new Set(xs)].sort();
  assert.deepEqual(set(a.codings.map(codingKey)), set(b.codings.map(codingKey)));
  assert.deepEqual(set(a.memos.map(memoKey)), set(b.memos.map(memoKey)));
}

/** Every transcript of the repository's example and fixtures: real markup to round-trip. */
function sampleTranscripts(): { name: string; text: string }[] {
  const dirs = [path.join(REPO, 'examples', 'therapeutic-relationship', 'transcripts'), path.join(REPO, 'test', 'fixtures', 'transcripts')];
  return dirs.flatMap((d) => readdirSync(d).filter((f) => /\.(md|txt)$/.test(f)).map((f) => ({ name: f, text: readFileSync(path.join(d, f), 'utf8') })));
}

describe('renderCodings', () => {
  it('nests spans, labels only a crossing span, one block per coder (default first, without @), codes by id', () => {
    const body = renderCodings(
      {
        stripped: 'abcdefgh',
        codings: [
          { start: 0, end: 5, coder: 'LN', code: 'z' },
          { start: 0, end: 5, coder: 'LN', code: 'a' },
          { start: 2, end: 8, coder: 'CA', code: 'c' },
          { start: 2, end: 8, coder: 'LN', code: 'b' },
          { start: 3, end: 4, coder: 'LN', code: 'n' },
        ],
        memos: [{ start: 0, end: 5, coder: 'LN', memo: 'say "why"' }],
      },
      { defaultCoder: 'LN' },
    );
    assert.equal(body, '{{^a ab{{c{{d}}{#n}e}}{^a #a #z "say \\"why\\""}fgh}}{#b}{#c @CA}');
  });

  it('escapes braces and backslashes in the text', () => {
    const body = renderCodings({ stripped: 'a {b} \\ c', codings: [{ start: 2, end: 5, coder: '', code: 'x' }], memos: [] });
    assert.equal(body, 'a {{\\{b\\}}}{#x} \\\\ c');
    sameCodings(readBack(body), { stripped: 'a {b} \\ c', codings: [{ start: 2, end: 5, coder: '', code: 'x' }], memos: [] });
  });

  it('writes an empty range as an empty span, and a second memo of a coder in its own block', () => {
    const input: TranscriptCodings = {
      stripped: 'ab',
      codings: [
        { start: 1, end: 1, coder: '', code: 'e' },
        { start: 0, end: 2, coder: 'CA', code: 'x' },
      ],
      memos: [
        { start: 0, end: 2, coder: 'CA', memo: 'one' },
        { start: 0, end: 2, coder: 'CA', memo: 'two' },
      ],
    };
    const body = renderCodings(input);
    assert.equal(body, '{{a{{}}{#e}b}}{#x @CA "one"}{#x @CA "two"}');
    sameCodings(readBack(body), input);
  });

  it('re-rendering every example and fixture transcript keeps its stripped text and its codings exactly', () => {
    for (const { name, text } of sampleTranscripts()) {
      const t = parseTranscript(text);
      const c = extractCodings(t);
      const def = t.frontMatter?.coder;
      const body = renderCodings(c, { defaultCoder: def });
      sameCodings(readBack(body, def), c);
      if (!t.diagnostics.some((d) => d.severity === 'error')) {
        // With the file itself as the previous version, nothing changes, byte for byte.
        assert.equal(renderCodings(c, { defaultCoder: def, previous: { text } }), text.slice(textStart(t)), name);
      }
    }
  });

  it('with a previous version, keeps the markup of unchanged spans and writes only the changed one anew', () => {
    const previous = 'I: Hi.\nP: {{Yes}}{@CA #b #a} I did.\nP: {{^q Lone { brace}}{#t ^q} and \\{ escape.\n';
    const t = parseTranscript(previous);
    const c = extractCodings(t);
    const added = { ...c, codings: [...c.codings, { start: c.stripped.indexOf('I did'), end: c.stripped.indexOf('I did') + 5, coder: 'LN', code: 'n' }] };
    const body = renderCodings(added, { previous: { text: previous } });
    assert.equal(body, 'I: Hi.\nP: {{Yes}}{@CA #b #a} {{I did}}{#n @LN}.\nP: {{^q Lone { brace}}{#t ^q} and \\{ escape.\n');
  });

  it('property: render then extract gives back the same stripped text and coding set; rendering that again is byte for byte the same', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', '\n', '{', '}', '\\', 'é', '😀', '\r\n', '"');
    const arb = fc
      .array(alphabet, { minLength: 0, maxLength: 30 })
      .map((cs) => cs.join(''))
      .chain((stripped) => {
        const n = stripped.length;
        const range = fc.tuple(fc.nat({ max: n }), fc.nat({ max: n })).map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const);
        const coder = fc.constantFrom('', 'LN', 'CA');
        return fc.record({
          stripped: fc.constant(stripped),
          codings: fc.array(fc.tuple(range, coder, fc.constantFrom('a', 'b', 'c-d')).map(([[start, end], coder, code]) => ({ start, end, coder, code })), { maxLength: 8 }),
          memos: fc.array(fc.tuple(range, coder, fc.constantFrom('m', 'say "x"', 'back\\slash')).map(([[start, end], coder, memo]) => ({ start, end, coder, memo })), { maxLength: 2 }),
        });
      });
    fc.assert(
      fc.property(arb, (input) => {
        // A memo needs a code of its coder on its range to be valid markup.
        const memos = input.memos.filter((m) => input.codings.some((c) => c.start === m.start && c.end === m.end && c.coder === m.coder));
        // Ranges that split a surrogate pair or a CRLF are not something a coder can select.
        const ok = (x: number) => !/[\uDC00-\uDFFF]/.test(input.stripped[x] ?? '') && !(input.stripped[x - 1] === '\r' && input.stripped[x] === '\n');
        const codings = input.codings.filter((c) => ok(c.start) && ok(c.end));
        const clean = { stripped: input.stripped, codings, memos: memos.filter((m) => ok(m.start) && ok(m.end)) };
        const body = renderCodings(clean, { defaultCoder: 'LN' });
        const back = readBack(body, 'LN');
        const norm = (x: TranscriptCodings) => ({ ...x, codings: x.codings.map((c) => ({ ...c, coder: c.coder || 'LN' })), memos: x.memos.map((m) => ({ ...m, coder: m.coder || 'LN' })) });
        sameCodings(back, norm(clean));
        assert.equal(renderCodings(back, { defaultCoder: 'LN' }), body);
        assert.equal(renderCodings(back, { defaultCoder: 'LN', previous: { text: '---\ncoder: LN\n---\n' + body } }), body);
      }),
      { numRuns: 400 },
    );
  });
});
