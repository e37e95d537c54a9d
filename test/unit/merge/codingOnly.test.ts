import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../../core';
import { codingKey, extractCodings, memoKey } from '../../../core/codings/extract';
import { renderCodings } from '../../../core/codings/render';
import type { Coding, TranscriptCodings } from '../../../core/codings/types';
import { mergeCodingOnly } from '../../../core/merge/codingOnly';
import { mergeTranscripts, setMerge } from '../../../core/merge/transcripts';
import { parseForCodings } from '../../../core/transcript/parse';

const codingsOf = (text: string) => extractCodings(parseTranscript(text));
const keysOf = (text: string) => codingsOf(text).codings.map(codingKey).sort();

/** The fast path alone, stretches both sides changed merged as mergeTranscripts does. */
function fast(base: string, ours: string, theirs: string): string | undefined {
  return mergeCodingOnly(parseForCodings(base), parseForCodings(ours), parseForCodings(theirs), (b, o, t) => {
    const m = mergeTranscripts(b, o, t);
    return m.conflicts === 0 ? m : undefined;
  })?.text;
}

describe('mergeCodingOnly (the line-by-line fast path of coding-only merges)', () => {
  const base = '---\ncoder: LN\n---\nI: Did you trust her?\nP: Yes, I trusted her a lot.\nI: Why?\nP: She listened to me.\nI: And then?\n';

  it('copies each line from the side that changed it, markup as that side wrote it', () => {
    const ours = base.replace('Yes', '{{^z Yes}}{@LN #agree}');
    const theirs = base.replace('She listened', '{{She listened}}{@CA   #listening}').replace('And then', '{{And}}{#and @CA} then');
    const got = fast(base, ours, theirs);
    assert.equal(got, ours.replace('She listened', '{{She listened}}{@CA   #listening}').replace('And then', '{{And}}{#and @CA} then'));
    assert.deepEqual(mergeTranscripts(base, ours, theirs).text, got);
  });

  it('merges and renders only the lines both sides changed', () => {
    const ours = base.replace('Yes', '{{Yes}}{#agree}').replace('Why', '{{Why}}{#why}');
    const theirs = base.replace('I trusted her', '{{I trusted her}}{#trust @CA}').replace('And then', '{{And}}{#and @CA} then');
    const got = fast(base, ours, theirs)!;
    assert.equal(got, '---\ncoder: LN\n---\nI: Did you trust her?\nP: {{Yes}}{#agree}, {{I trusted her}}{#trust @CA} a lot.\nI: {{Why}}{#why}?\nP: She listened to me.\nI: {{And}}{#and @CA} then?\n');
  });

  it('keeps spans across lines whole: a line inside a span is never a cut', () => {
    const b = base.replace('Yes, I trusted her a lot.\nI: Why?', '{{Yes, I trusted her a lot.\nI: Why?}}{#long}');
    const ours = b.replace('She listened', '{{She listened}}{#listening}');
    const theirs = b.replace('{#long}', '{#long}{#long @CA}');
    const got = fast(b, ours, theirs)!;
    assert.equal(got, ours.replace('{#long}', '{#long}{#long @CA}'));
  });

  it('gives up when the result would repeat a label, and the whole-file merge relabels', () => {
    const ours = base.replace('Yes', '{{^a Yes}}{^a #agree}');
    const theirs = base.replace('She listened', '{{^a She listened}}{^a #listening @CA}');
    assert.equal(fast(base, ours, theirs), undefined);
    const r = mergeTranscripts(base, ours, theirs);
    assert.equal(r.conflicts, 0);
    assert.equal(parseTranscript(r.text).diagnostics.filter((d) => d.severity === 'error').length, 0);
    assert.deepEqual(keysOf(r.text), setMerge(codingsOf(base).codings, codingsOf(ours).codings, codingsOf(theirs).codings, codingKey).map(codingKey).sort());
  });

  it('gives up when the text, the front matter or the syntax differs, or there are no lines to cut at', () => {
    const ours = base.replace('Yes', '{{Yes}}{#agree}');
    assert.equal(fast(base, ours, base.replace('Why?', 'Why so?')), undefined);
    assert.equal(fast(base, ours, base.replace('coder: LN', 'coder: CA').replace('She', '{{She}}{#x}')), undefined);
    assert.equal(fast(base, ours, base.replace('She', '{{She}}{#x}').replace('Why', '{{^q Why}}{^r #y}')), undefined);
    assert.equal(fast('P: a b', 'P: {{a}}{#x} b', 'P: a {{b}}{#y}'), undefined);
  });

  it('property: on many lines, takes the fast path and keeps the stripped text and (O ∩ T) ∪ (O − B) ∪ (T − B)', () => {
    const lines = ['I: Did you {trust} her?\r\n', 'P: Yes, I trusted her \\ a lot.\n', '\n', 'I: Why?\n', 'P: 😀 She listened, é.\n', 'I: And then?\n', 'P: Then we met again.\n'];
    const stripped = lines.join('');
    const n = stripped.length;
    const range = fc.tuple(fc.nat({ max: n }), fc.nat({ max: 12 })).map(([x, len]) => [x, Math.min(n, x + len)] as const);
    const coding = fc.tuple(range, fc.constantFrom('', 'CA', 'LN'), fc.constantFrom('a', 'b', 'c')).map(([[start, end], coder, code]) => ({ start, end, coder, code }));
    const selectable = (c: Coding) => [c.start, c.end].every((x) => !/[\uDC00-\uDFFF]/.test(stripped[x] ?? '') && !(stripped[x - 1] === '\r' && stripped[x] === '\n'));
    const version = (cs: Coding[]): TranscriptCodings => ({ stripped, codings: cs.filter(selectable), memos: [] });
    const arb = fc.record({
      b: fc.array(coding, { maxLength: 8 }),
      keepO: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      keepT: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      addO: fc.array(coding, { maxLength: 4 }),
      addT: fc.array(coding, { maxLength: 4 }),
    });
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(arb, ({ b, keepO, keepT, addO, addT }) => {
        runs++;
        const vb = version(b);
        const vo = version([...vb.codings.filter((_, i) => keepO[i]), ...addO]);
        const vt = version([...vb.codings.filter((_, i) => keepT[i]), ...addT]);
        const file = (v: TranscriptCodings) => '---\ncoder: LN\n---\n' + renderCodings(v, { defaultCoder: 'LN' });
        const [fb, fo, ft] = [file(vb), file(vo), file(vt)];
        const want = setMerge(codingsOf(fb).codings, codingsOf(fo).codings, codingsOf(ft).codings, codingKey).map(codingKey).sort();
        const f = fast(fb, fo, ft);
        if (f !== undefined) {
          taken++;
          const t = parseTranscript(f);
          assert.equal(t.stripped.text, stripped);
          assert.deepEqual(t.diagnostics.filter((d) => d.severity === 'error'), []);
          assert.deepEqual(keysOf(f), want);
        }
        const r = mergeTranscripts(fb, fo, ft);
        assert.equal(r.conflicts, 0);
        assert.equal(codingsOf(r.text).stripped, stripped);
        assert.deepEqual(keysOf(r.text), want);
        assert.deepEqual(codingsOf(r.text).memos.map(memoKey), []);
      }),
      { numRuns: 300 },
    );
    // Most generated merges leave some line untouched or changed on one side only.
    assert.ok(taken > runs / 2, `fast path taken in ${taken} of ${runs} merges`);
  });

  it('property: with words edited too, merges to what the whole-file merge gives (stripped text, codings; no other drops)', () => {
    const words = fc.array(fc.constantFrom('we', 'talked', 'trust', 'her', 'é', '😀', '{x}'), { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    const arb = fc
      .array(words, { minLength: 3, maxLength: 10 })
      .map((ls) => ls.map((w, i) => `P${i}: ${w}\n`))
      .chain((lines) => {
        const n = lines.join('').length;
        const range = fc.tuple(fc.nat({ max: n }), fc.nat({ max: 14 })).map(([x, len]) => [x, Math.min(n, x + len)] as const);
        const coding = fc.tuple(range, fc.constantFrom('', 'CA'), fc.constantFrom('a', 'b')).map(([[start, end], coder, code]) => ({ start, end, coder, code }));
        const edit = fc.record({ line: fc.nat({ max: lines.length - 1 }), kind: fc.constantFrom('replace', 'delete', 'insert'), text: words });
        return fc.record({
          lines: fc.constant(lines),
          b: fc.array(coding, { maxLength: 5 }),
          keepO: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
          keepT: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
          addO: fc.array(coding, { maxLength: 3 }),
          addT: fc.array(coding, { maxLength: 3 }),
          editO: fc.array(edit, { maxLength: 2 }),
          editT: fc.array(edit, { maxLength: 2 }),
        });
      });
    const head = '---\ncoder: LN\n---\n';
    fc.assert(
      fc.property(arb, ({ lines, b, keepO, keepT, addO, addT, editO, editT }) => {
        const stripped = lines.join('');
        const ok = (c: Coding) => [c.start, c.end].every((x) => !/[\uDC00-\uDFFF]/.test(stripped[x] ?? ''));
        const vb = b.filter(ok);
        const render = (cs: Coding[]) => head + renderCodings({ stripped, codings: cs.filter(ok), memos: [] }, { defaultCoder: 'LN' });
        // Words edited on lines that hold no markup (they may lie inside a span).
        const edited = (file: string, edits: { line: number; kind: string; text: string }[]) => {
          const ls = file.slice(head.length).split(/(?<=\n)/);
          for (const e of edits) {
            if (e.line >= ls.length || /\{\{|\}\}/.test(ls[e.line])) continue;
            const words = e.text.replace(/[{}]/g, '');
            if (e.kind === 'replace') ls[e.line] = `P${e.line} changed: ${words}\n`;
            else if (e.kind === 'delete') ls[e.line] = '';
            else ls[e.line] = `new: ${words}\n` + ls[e.line];
          }
          return head + ls.join('');
        };
        const fb = render(vb);
        const fo = edited(render([...vb.filter((_, i) => keepO[i]), ...addO]), editO);
        const ft = edited(render([...vb.filter((_, i) => keepT[i]), ...addT]), editT);
        const r = mergeTranscripts(fb, fo, ft);
        // The same merge with a front matter change on our side, which takes the whole-file path.
        const whole = mergeTranscripts(fb, fo.replace(head, '---\ncoder: LN\ncase: x\n---\n'), ft);
        assert.equal(r.conflicts, whole.conflicts);
        if (r.conflicts > 0) return;
        assert.equal(parseTranscript(r.text).diagnostics.filter((d) => d.severity === 'error').length, 0);
        assert.equal(codingsOf(r.text).stripped, codingsOf(whole.text).stripped);
        assert.deepEqual(keysOf(r.text), keysOf(whole.text));
        // Every drop reported is one the whole-file merge reports too. (That one also
        // reports a base coding the other side left alone whose words one side deleted;
        // copying that side's lines removes it without a word, as the set formula does.)
        const drops = (m: typeof r) => m.dropped.map((d) => JSON.stringify(d));
        for (const d of drops(r)) assert.ok(drops(whole).includes(d), d);
      }),
      { numRuns: 300 },
    );
  });
});
