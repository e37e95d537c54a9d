import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addCodesAt,
  applyEdits,
  blockCoder,
  parseTranscript,
  removeCodeAt,
  spanAtRange,
  uncodeAt,
  wrapSelection,
  type CodingEdit,
  type Transcript,
} from '../../../core';
import { signatures } from '../../../core/coding/verify';

/**
 * Safety properties of the coding edits over generated transcripts (nested,
 * labelled and crossing spans, several coders, memos, emoji, combining accents,
 * CRLF, literal braces and broken markup), at random selections and cursors:
 *   - wrap, add, remove and uncode keep the stripped text identical and add no
 *     syntax error;
 *   - each does what it says (one more span, one more or one fewer code, one
 *     fewer span);
 *   - wrap then uncode gives back identical bytes (when the wrap labelled no other
 *     span; when it did, only those labels remain).
 */

const CODES = ['trust', 'hope', 'relación', 'x.y-z_1', '2nd'];
const CODERS = ['CA', 'LN'];

const word = fc.constantFrom('I', 'felt', 'safe', 'with', 'her', 'relación', 'e\u0301', '😀', 'and', '.', ',', ' ', '  ', '\t', '\n', 'P: ', '\nI: ');
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
const block = fc
  .record({
    tags: fc.array(fc.constantFrom(...CODES), { minLength: 1, maxLength: 2 }),
    coder: fc.option(fc.constantFrom(...CODERS), { nil: undefined }),
    memo: fc.option(fc.constantFrom('a memo', 'with \\" quote'), { nil: undefined }),
  })
  .map(({ tags, coder, memo }) => `{${[...tags.map((t) => `#${t}`), coder && `@${coder}`, memo && `"${memo}"`].filter(Boolean).join(' ')}}`);
const piece: fc.Arbitrary<string> = fc.letrec<{ piece: string; span: string }>((tie) => ({
  piece: fc.oneof(
    { weight: 5, arbitrary: words },
    { weight: 3, arbitrary: tie('span') },
    // Rare: crossing labelled spans, literal braces, escapes and broken markup.
    { weight: 1, arbitrary: fc.constantFrom('{{^p A {{^q B}}{^p #hope} C}}{^q #trust}', '\\{', '\\}', '{', '}', '{{', '}}{#hope}', '{{}}{#trust}') },
  ),
  span: fc
    .tuple(fc.array(tie('piece'), { minLength: 1, maxLength: 3 }), fc.array(block, { minLength: 1, maxLength: 2 }))
    .map(([inner, blocks]) => `{{${inner.join(' ')}}}${blocks.join('')}`),
})).piece;
const transcriptArb = fc
  .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 10 }), fc.boolean())
  .map(([fm, pieces, crlf]) => {
    const text = (fm ? '---\ncoder: LN\n---\n' : '') + 'P: ' + pieces.join(' ') + '\n';
    return crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  });

/** A transcript and a range in it, in UTF-16 offsets (possibly splitting anything). */
const withRange = transcriptArb.chain((text) =>
  fc.tuple(fc.constant(text), fc.nat({ max: text.length }), fc.nat({ max: text.length })).map(([t, a, b]) => ({
    text: t,
    range: { start: Math.min(a, b), end: Math.max(a, b) },
  })),
);
const coding = fc.record({
  codes: fc.array(fc.constantFrom(...CODES), { minLength: 1, maxLength: 2 }),
  coder: fc.option(fc.constantFrom(...CODERS), { nil: undefined }),
});

const runs = { numRuns: Number(process.env.AXIAL_FC_RUNS ?? 600) };

function errors(t: Transcript): number {
  return t.diagnostics.filter((d) => d.severity === 'error').length;
}

/** The edited text after checking the invariants every edit keeps. */
function check(before: Transcript, result: CodingEdit & { ok: true }): Transcript {
  const text = applyEdits(before.text, result.edits);
  const after = parseTranscript(text);
  assert.equal(after.stripped.text, before.stripped.text, `stripped text changed: ${JSON.stringify(before.text)} → ${JSON.stringify(text)}`);
  assert.ok(errors(after) <= errors(before), `new errors: ${JSON.stringify(text)}`);
  if (!/\r\n/.test(before.text)) assert.ok(!/\r/.test(text.replace(/\r(?!\n)/g, '')));
  else assert.ok(!/(^|[^\r])\n/.test(text), 'a lone \\n in a CRLF file');
  return after;
}

const codeCount = (t: Transcript) => t.spans.reduce((n, s) => n + s.blocks.reduce((m, b) => m + b.codes.length, 0), 0);

describe('coding edits: safety properties', () => {
  it('wrap at random selections keeps the stripped text and adds exactly one span', () => {
    let ok = 0;
    let labelled = 0;
    fc.assert(
      fc.property(withRange, coding, ({ text, range }, c) => {
        const t = parseTranscript(text);
        const r = wrapSelection(t, range, c);
        if (!r.ok) return;
        ok++;
        const after = check(t, r);
        if (r.edits.length === 0) return;
        if (r.summary.startsWith('Added')) assert.equal(after.spans.length, t.spans.length);
        else assert.equal(after.spans.length, t.spans.length + 1, JSON.stringify(after.text));
        if (r.summary.includes('labelled')) labelled++;
      }),
      runs,
    );
    assert.ok(ok > 300, `only ${ok} of ${runs.numRuns} selections were coded`);
    assert.ok(labelled > 5, `only ${labelled} crossing selections`);
  });

  it('wrap then uncode gives back identical bytes', () => {
    let roundTrips = 0;
    fc.assert(
      fc.property(withRange, coding, ({ text, range }, c) => {
        const t = parseTranscript(text);
        const r = wrapSelection(t, range, c);
        if (!r.ok || r.edits.length === 0 || r.summary.startsWith('Added')) return;
        const after = check(t, r);
        // The new span's opener is the edit that inserts `{{`; with no relabelling, nothing before it moved.
        const opener = r.edits.find((e) => e.newText.startsWith('{{'))!;
        const shift = r.edits.filter((e) => e.range.start < opener.range.start).reduce((n, e) => n + e.newText.length, 0);
        const at = opener.range.start + shift;
        const back = uncodeAt(after, { start: at, end: at });
        assert.ok(back.ok, back.ok ? '' : `${back.message}\n${JSON.stringify(after.text)}`);
        const restored = applyEdits(after.text, back.edits);
        if (!r.relabelled) {
          assert.equal(restored, text);
          roundTrips++;
        } else {
          // Only the labels given to crossed spans remain.
          const p = parseTranscript(restored);
          assert.equal(p.stripped.text, t.stripped.text);
          assert.deepEqual(signatures(p).sort(), signatures(t).sort());
          assert.equal(restored.replace(/\^[a-z]\d* ?/g, ''), text.replace(/\^[a-z]\d* ?/g, ''));
        }
      }),
      runs,
    );
    assert.ok(roundTrips > 300, `only ${roundTrips} round trips`);
  });

  it('add at random cursors keeps the stripped text and adds the codes', () => {
    let ok = 0;
    fc.assert(
      fc.property(withRange, coding, ({ text, range }, c) => {
        const t = parseTranscript(text);
        const r = addCodesAt(t, { start: range.start, end: range.start }, c);
        if (!r.ok) return;
        ok++;
        const after = check(t, r);
        assert.equal(after.spans.length, t.spans.length);
        assert.ok(codeCount(after) >= codeCount(t));
        assert.equal(r.edits.length === 0, codeCount(after) === codeCount(t));
      }),
      runs,
    );
    assert.ok(ok > 150, `only ${ok} adds`);
  });

  it('remove at random cursors keeps the stripped text and removes one code (or the span)', () => {
    let ok = 0;
    let uncoded = 0;
    fc.assert(
      fc.property(withRange, fc.nat(), ({ text, range }, k) => {
        const t = parseTranscript(text);
        const cursor = { start: range.start, end: range.start };
        const span = spanAtRange(t, cursor);
        if (!span) return;
        // One of the span's codes, with the coder of its block.
        const uses = span.blocks.flatMap((b) => b.codes.map((c) => ({ id: c.id, coder: blockCoder(t, b) })));
        const use = uses[k % uses.length];
        const r = removeCodeAt(t, cursor, use.id, use.coder);
        if (!r.ok) {
          assert.match(r.message, /cannot make this change safely/);
          return;
        }
        ok++;
        const after = check(t, r);
        assert.ok(codeCount(after) < codeCount(t));
        if (after.spans.length < t.spans.length) uncoded++;
      }),
      runs,
    );
    assert.ok(ok > 150 && uncoded > 30, `only ${ok} removals, ${uncoded} uncoding`);
  });

  it('uncode at random cursors keeps the stripped text and removes one span', () => {
    let ok = 0;
    fc.assert(
      fc.property(withRange, ({ text, range }) => {
        const t = parseTranscript(text);
        const r = uncodeAt(t, { start: range.start, end: range.end });
        if (!r.ok) return;
        ok++;
        const after = check(t, r);
        assert.equal(after.spans.length, t.spans.length - 1);
      }),
      runs,
    );
    assert.ok(ok > 80, `only ${ok} uncodings`);
  });

  it('refusals are rare on well-formed transcripts', () => {
    const clean = fc
      .array(fc.oneof(words, fc.constantFrom('{{a b}}{#trust}', '{{c {{d}}{#hope @CA} e}}{#2nd}')), { minLength: 1, maxLength: 8 })
      .map((p) => 'P: ' + p.join(' ') + '\n');
    let refused = 0;
    let tried = 0;
    fc.assert(
      fc.property(clean, fc.nat(), fc.nat(), (text, a, b) => {
        const t = parseTranscript(text);
        const range = { start: a % (text.length + 1), end: b % (text.length + 1) };
        const r = wrapSelection(t, range, { codes: ['trust'] });
        if (!r.ok && !/Select the text/.test(r.message)) {
          refused++;
          assert.fail(`refused on well-formed text: ${r.message}\n${JSON.stringify(text)} ${JSON.stringify(range)}`);
        }
        tried++;
      }),
      runs,
    );
    assert.equal(refused, 0);
    assert.ok(tried === runs.numRuns);
  });
});
