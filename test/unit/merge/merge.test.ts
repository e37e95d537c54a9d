import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../../core';
import { codingKey, extractCodings, memoKey } from '../../../core/codings/extract';
import { renderCodings } from '../../../core/codings/render';
import type { Coding, TranscriptCodings } from '../../../core/codings/types';
import { mergeText } from '../../../core/merge/diff3';
import { mergeTranscripts, setMerge } from '../../../core/merge/transcripts';

const codingsOf = (text: string) => extractCodings(parseTranscript(text));
const readable = (text: string) => {
  const c = codingsOf(text);
  return c.codings.map((x: Coding) => `${c.stripped.slice(x.start, x.end)}|${x.coder}|${x.code}`).sort();
};

describe('mergeText (three-way line merge)', () => {
  it('takes changes to different lines from both sides', () => {
    const r = mergeText('a\nb\nc\nd\n', 'A\nb\nc\nd\n', 'a\nb\nc\nD\n');
    assert.deepEqual(r, { text: 'A\nb\nc\nD\n', conflicts: 0 });
  });

  it('writes git conflict markers where both sides changed the same line differently', () => {
    const r = mergeText('a\nb\nc\n', 'a\nours\nc\n', 'a\ntheirs\nc\n');
    assert.equal(r.conflicts, 1);
    assert.equal(r.text, 'a\n<<<<<<< ours\nours\n=======\ntheirs\n>>>>>>> theirs\nc\n');
  });

  it('labels and sizes markers as asked; CRLF files get CRLF markers; a last line without a break gets one before a marker', () => {
    const r = mergeText('x\r\ny', 'x\r\nmine', 'x\r\nyours', { ours: 'HEAD', theirs: 'topic', markerSize: 3 });
    assert.equal(r.text, 'x\r\n<<< HEAD\r\nmine\r\n===\r\nyours\r\n>>> topic\r\n');
  });

  it('the same change on both sides is no conflict', () => {
    assert.deepEqual(mergeText('a\nb\n', 'a\nB\nc\n', 'a\nB\nc\n'), { text: 'a\nB\nc\n', conflicts: 0 });
    assert.deepEqual(mergeText('a\nb\nc\n', 'a\nB\nc\n', 'a\nB\nc\nd\n').conflicts, 0);
  });
});

describe('mergeTranscripts', () => {
  const base = '---\ncoder: LN\n---\nI: Did you trust her?\nP: Yes, I trusted her a lot.\nI: Why?\nP: She listened to me.\n';

  it('two coders on the same line on two branches: both codings kept, text intact', () => {
    const ours = base.replace('Yes, I trusted her', '{{Yes, I trusted her}}{#trust}');
    const theirs = base.replace('I trusted her a lot', '{{I trusted her a lot}}{#trust @CA}');
    const r = mergeTranscripts(base, ours, theirs);
    assert.equal(r.conflicts, 0);
    assert.equal(codingsOf(r.text).stripped, codingsOf(base).stripped);
    assert.deepEqual(readable(r.text), ['I trusted her a lot|CA|trust', 'Yes, I trusted her|LN|trust']);
    assert.equal(r.text, '---\ncoder: LN\n---\nI: Did you trust her?\nP: {{^a Yes, {{I trusted her}}{^a #trust} a lot}}{#trust @CA}.\nI: Why?\nP: She listened to me.\n');
  });

  it('a coding removed on one side and left alone on the other is removed; one added on the other side stays', () => {
    const coded = base.replace('She listened', '{{She listened}}{#listening}').replace('Yes', '{{Yes}}{#agree}');
    const ours = coded.replace('{{She listened}}{#listening}', 'She listened');
    const theirs = coded.replace('to me', '{{to me}}{#self @CA}');
    const r = mergeTranscripts(coded, ours, theirs);
    assert.equal(r.conflicts, 0);
    assert.deepEqual(readable(r.text), ['Yes|LN|agree', 'to me|CA|self']);
  });

  it('text edited on one side, coding on the other: the coding follows its words onto the merged text', () => {
    const ours = base.replace('She listened to me', '{{She listened to me}}{#listening}');
    const theirs = base.replace('Why?', 'Why was that?').replace('a lot', 'very much');
    const r = mergeTranscripts(base, ours, theirs);
    assert.equal(r.conflicts, 0);
    assert.equal(codingsOf(r.text).stripped, codingsOf(theirs).stripped);
    assert.deepEqual(readable(r.text), ['She listened to me|LN|listening']);
  });

  it('a coding whose words the other side deleted is dropped and reported', () => {
    const ours = base.replace('She listened to me.', '{{She listened}}{#listening} to me.');
    const theirs = base.replace('I: Why?\nP: She listened to me.\n', '');
    const r = mergeTranscripts(base, ours, theirs);
    assert.equal(r.conflicts, 0);
    assert.deepEqual(readable(r.text), []);
    assert.deepEqual(r.dropped, [{ side: 'ours', coder: 'LN', what: '#listening', quote: 'She listened' }]);
  });

  it('overlapping text edits conflict, with git markers over the raw texts', () => {
    const ours = base.replace('a lot', '{{a lot}}{#much} indeed');
    const theirs = base.replace('a lot', 'so much');
    const r = mergeTranscripts(base, ours, theirs);
    assert.equal(r.conflicts, 1);
    assert.match(r.text, /<<<<<<< ours\nP: Yes, I trusted her \{\{a lot\}\}\{#much\} indeed\.\n=======\nP: Yes, I trusted her so much\.\n>>>>>>> theirs\n/);
  });

  it('text edited on our side, coding on theirs: theirs\' coding lands on our words; a BOM is kept', () => {
    const bom = '\uFEFF' + base;
    const ours = bom.replace('Why?', 'Why do you say so?');
    const theirs = bom.replace('She listened to me', '{{She listened to me}}{#listening @CA}');
    const r = mergeTranscripts(bom, ours, theirs);
    assert.equal(r.conflicts, 0);
    assert.equal(r.text, ours.replace('She listened to me', '{{She listened to me}}{#listening @CA}'));
  });

  it('ours\' markup is kept as written where its coding is unchanged (block order, needless label, spacing)', () => {
    const coded = base.replace('Yes', '{{^z Yes}}{@CA #trust #agree}');
    const theirs = coded.replace('She listened', '{{She listened}}{#listening}');
    const r = mergeTranscripts(coded, coded.replace('Why?', 'Why, then?'), theirs);
    assert.equal(r.text, coded.replace('Why?', 'Why, then?').replace('She listened', '{{She listened}}{#listening}'));
  });

  it('CRLF transcripts stay CRLF', () => {
    const crlf = base.replace(/\n/g, '\r\n');
    const ours = crlf.replace('Yes', '{{Yes}}{#agree}');
    const theirs = crlf.replace('She listened', '{{She listened}}{#listening @CA}');
    const r = mergeTranscripts(crlf, ours, theirs);
    assert.equal(r.conflicts, 0);
    assert.equal(r.text, ours.replace('She listened', '{{She listened}}{#listening @CA}'));
    assert.ok(!/[^\r]\n/.test(r.text));
  });

  it('front matter merges as text: a change on each side is kept', () => {
    const ours = base.replace('coder: LN', 'coder: LN\ncase: C').replace('Yes', '{{Yes}}{#agree}');
    const theirs = base.replace('---\nI:', '---\nI:').replace('coder: LN\n', 'coder: LN\n').replace('---\ncoder', '---\nparticipant: patient\ncoder');
    const r = mergeTranscripts(base, ours, theirs);
    assert.equal(r.conflicts, 0);
    assert.match(r.text, /^---\nparticipant: patient\ncoder: LN\ncase: C\n---\n/);
    assert.deepEqual(readable(r.text), ['Yes|LN|agree']);
  });

  it('property: a merge of coding-only branches keeps the stripped text byte for byte and equals (O ∩ T) ∪ (O − B) ∪ (T − B)', () => {
    const stripped = 'I: Did you {trust} her?\r\nP: Yes, I trusted her \\ a lot.\r\n\r\nI: Why?\nP: 😀 She listened, é.\n';
    const n = stripped.length;
    const range = fc.tuple(fc.nat({ max: n }), fc.nat({ max: n })).map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const);
    const coding = fc.tuple(range, fc.constantFrom('', 'CA', 'LN'), fc.constantFrom('a', 'b', 'c')).map(([[start, end], coder, code]) => ({ start, end, coder, code }));
    // Offsets a coder can select: never inside a surrogate pair or a CRLF.
    const selectable = (c: Coding) => [c.start, c.end].every((x) => !/[\uDC00-\uDFFF]/.test(stripped[x] ?? '') && !(stripped[x - 1] === '\r' && stripped[x] === '\n'));
    const version = (cs: Coding[]): TranscriptCodings => ({ stripped, codings: cs.filter(selectable), memos: [] });
    const arb = fc.record({ b: fc.array(coding, { maxLength: 6 }), keepO: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), keepT: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), addO: fc.array(coding, { maxLength: 4 }), addT: fc.array(coding, { maxLength: 4 }) });
    fc.assert(
      fc.property(arb, ({ b, keepO, keepT, addO, addT }) => {
        const vb = version(b);
        const vo = version([...vb.codings.filter((_, i) => keepO[i]), ...addO]);
        const vt = version([...vb.codings.filter((_, i) => keepT[i]), ...addT]);
        const file = (v: TranscriptCodings) => '---\ncoder: LN\n---\n' + renderCodings(v, { defaultCoder: 'LN' });
        const [fb, fo, ft] = [file(vb), file(vo), file(vt)];
        const r = mergeTranscripts(fb, fo, ft);
        assert.equal(r.conflicts, 0);
        const got = codingsOf(r.text);
        assert.equal(got.stripped, stripped);
        const keys = (t: string) => codingsOf(t).codings;
        const want = setMerge(keys(fb), keys(fo), keys(ft), codingKey).map(codingKey).sort();
        assert.deepEqual(got.codings.map(codingKey).sort(), want);
        assert.deepEqual(got.memos.map(memoKey), []);
      }),
      { numRuns: 300 },
    );
  });

  it('property: codings of one side follow their words through the other side\'s text edits', () => {
    const words = fc.array(fc.constantFrom('we', 'talked', 'trust', 'her', 'é', '😀', '{x}'), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    const arb = fc
      .array(words, { minLength: 3, maxLength: 10 })
      .map((ls) => ls.map((w, i) => `P${i}: ${w}\n`))
      .chain((lines) => {
        const base = lines.join('');
        const n = base.length;
        const range = fc.tuple(fc.nat({ max: n }), fc.nat({ max: n })).map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const);
        const edit = fc.record({ line: fc.nat({ max: lines.length - 1 }), kind: fc.constantFrom('replace', 'delete', 'insert'), text: words });
        return fc.record({ lines: fc.constant(lines), codings: fc.array(fc.tuple(range, fc.constantFrom('a', 'b')), { maxLength: 5 }), edits: fc.array(edit, { maxLength: 3 }) });
      });
    fc.assert(
      fc.property(arb, ({ lines, codings, edits }) => {
        const base = lines.join('');
        const ok = (x: number) => !/[\uDC00-\uDFFF]/.test(base[x] ?? '');
        const cs = codings.filter(([[s, e]]) => ok(s) && ok(e)).map(([[start, end], code]) => ({ start, end, coder: 'CA', code }));
        const ours = renderCodings({ stripped: base, codings: cs, memos: [] });
        // Theirs edits the words of some lines, codes nothing.
        const theirLines: (string | undefined)[] = [...lines];
        const inserted: Map<number, string[]> = new Map();
        for (const e of edits) {
          if (e.kind === 'replace') theirLines[e.line] = `P${e.line} changed: ${e.text}\n`;
          else if (e.kind === 'delete') theirLines[e.line] = undefined;
          else inserted.set(e.line, [...(inserted.get(e.line) ?? []), `new: ${e.text}\n`]);
        }
        const theirs = theirLines.map((l, i) => (inserted.get(i) ?? []).join('') + (l ?? '')).join('');
        const r = mergeTranscripts(renderCodings({ stripped: base, codings: [], memos: [] }), ours, renderCodings({ stripped: theirs, codings: [], memos: [] }));
        assert.equal(r.conflicts, 0);
        const got = codingsOf(r.text);
        assert.equal(got.stripped, theirs);
        // A coding inside one line that theirs left as it was keeps exactly its words.
        const lineOf = (x: number) => base.slice(0, x).split('\n').length - 1;
        for (const c of cs) {
          const l = lineOf(c.start);
          if (lineOf(Math.max(c.start, c.end - 1)) !== l || theirLines[l] !== lines[l] || c.end === c.start) continue;
          const quote = base.slice(c.start, c.end);
          assert.ok(
            got.codings.some((g) => g.code === c.code && g.coder === 'CA' && got.stripped.slice(g.start, g.end) === quote),
            `coding ${c.code} on ${JSON.stringify(quote)} kept`,
          );
        }
        assert.ok(got.codings.length <= new Set(cs.map((c) => `${c.start}:${c.end}:${c.code}`)).size);
      }),
      { numRuns: 300 },
    );
  });
});
