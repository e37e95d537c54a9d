/**
 * Incremental re-parsing (core/transcript/reparse.ts): for any transcript and any
 * edit, `reparseTranscript(parseTranscript(a), b)` must equal `parseTranscript(b)`,
 * compared as plain data (everything but `lines`, plus `lines.lineStarts`), and the
 * same for chains of edits, where each reparse consumes the previous result.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateCodebook, generateTranscript, rng } from '../../bench/corpus';
import { ProjectIndex } from '../../core/project/index';
import type { CodeUse, Project } from '../../core/project/types';
import { LineIndex } from '../../core/text/lineIndex';
import { PieceText } from '../../core/text/pieceText';
import { parseTranscript } from '../../core/transcript/parse';
import { commonPrefix, commonSuffix, reparseStats, reparseTranscript, reparseTranscriptWithReuse, type KnownEdit } from '../../core/transcript/reparse';
import type { Transcript } from '../../core/transcript/types';

// ---------------------------------------------------------------------------------
// Comparing transcripts

function normalized(t: Transcript): unknown {
  return {
    text: t.text,
    bodyStart: t.bodyStart,
    frontMatter: t.frontMatter,
    turns: t.turns,
    spans: t.spans,
    stripped: { text: t.stripped.text, runs: t.stripped.runs },
    diagnostics: t.diagnostics,
    lineStarts: t.lines.lineStarts,
  };
}

/**
 * No two places of a transcript may share a range object: the full parser never
 * does, and a shared one would be shifted twice by the next reparse.
 */
function assertNoSharedRanges(t: Transcript): void {
  const seen = new Set<object>();
  const add = (r: object | undefined) => {
    if (!r) return;
    assert.ok(!seen.has(r), 'a range object is shared');
    seen.add(r);
  };
  for (const s of t.spans) {
    add(s.open);
    add(s.close);
    add(s.closer);
    add(s.content);
    add(s.quoteRange);
    add(s.label?.range);
    for (const b of s.blocks) {
      add(b.range);
      for (const c of b.codes) add(c.range);
      add(b.coder?.range);
      add(b.memo?.range);
      add(b.label?.range);
    }
  }
  for (const turn of t.turns) {
    add(turn.range);
    add(turn.labelRange);
  }
  for (const d of t.diagnostics) add(d.range);
  // Runs are a table of numbers (core/transcript/runs.ts), copied by each reparse: nothing to share.
}

/** Reparses `old` (consumed) into `text` and checks the result against a full parse. */
function check(old: Transcript, text: string): Transcript {
  const got = reparseTranscript(old, text);
  const want = parseTranscript(text);
  assert.deepStrictEqual(normalized(got), normalized(want));
  assert.ok(got.lines instanceof LineIndex);
  assert.equal(got.lines.text, text);
  assert.equal(got.lines.lineCount, want.lines.lineCount);
  assertNoSharedRanges(got);
  return got;
}

function show(s: string): string {
  return JSON.stringify(s);
}

// ---------------------------------------------------------------------------------
// Generators

const WORDS = ['I', 'think', 'the', 'therapist', 'was', 'there', 'trust', 'relación', 'ça', '😀', 'e\u0301', '\u00a0', 'x:', '#5', '@home', '"quoted"'];
const CODES = ['a', 'trust', 'relación', 'x.y-z_1', '2nd', 'bad id', '', '#'];

const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const escape = fc.constantFrom('\\{', '\\}', '\\\\', '\\n', '\\');

const block = fc
  .record({
    codes: fc.array(fc.constantFrom(...CODES), { minLength: 0, maxLength: 3 }),
    coder: fc.option(fc.constantFrom('LN', 'CA', 'Ñ1', 'ZZ'), { nil: undefined }),
    memo: fc.option(fc.string({ unit: fc.constantFrom('m', ' ', '\\"', '\\\\', '{', '}', '😀', '#'), maxLength: 6 }), { nil: undefined }),
    label: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
    unclosed: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  })
  .map(({ codes, coder, memo, label, unclosed }) => {
    const items = codes.map((c) => `#${c}`);
    if (coder) items.push(`@${coder}`);
    if (memo !== undefined) items.push(`"${memo}"`);
    if (label) items.push(`^${label}`);
    return `{${items.join(' ')}${unclosed ? '' : '}'}`;
  });

/** A body line: an optional speaker, then words, escapes and coded spans (nested, multi-line, labelled, crossing). */
function bodyLines(eol: string): fc.Arbitrary<string> {
  const { seg } = fc.letrec<{ seg: string; span: string }>((tie) => ({
    seg: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: words },
      { weight: 1, arbitrary: escape },
      { weight: 3, arbitrary: tie('span') },
      { weight: 1, arbitrary: fc.constantFrom(eol, `${eol}P: `, `${eol}I: `) },
    ),
    span: fc
      .record({
        label: fc.option(fc.constantFrom('a', 'b', 'c', 'a'), { nil: undefined }),
        parts: fc.array(tie('seg'), { maxLength: 3 }),
        blocks: fc.array(block, { minLength: 0, maxLength: 2 }),
        closed: fc.integer({ min: 0, max: 9 }).map((n) => n > 1),
      })
      .map(({ label, parts, blocks, closed }) => `{{${label ? `^${label} ` : ''}${parts.join(' ')}${closed ? `}}${blocks.join('')}` : ''}`),
  }));
  const crossing = fc.constantFrom(
    `{{^a The pills {{^b so I skipped}}{^a #side-effects}${eol}and never told}}{^b #concealment}`,
    '{{^x one {{^y two}}{^x #a} three}}{^y #b}',
    '}}{#orphan}',
    '{{{x}}}{#a}',
  );
  const speaker = fc.constantFrom('', '', 'P: ', 'I: ', 'Dr-1: ', 'Q:\t', 'P:', 'p: ');
  return fc
    .tuple(speaker, fc.array(fc.oneof({ weight: 6, arbitrary: seg }, { weight: 1, arbitrary: crossing }), { maxLength: 5 }))
    .map(([sp, parts]) => sp + parts.join(' '));
}

const FRONT_MATTERS = [
  '',
  '',
  '---\ncase: 1\ncoder: CA\nspeakers:\n  I: Interviewer\n  P: Patient\n---\n',
  '---\ntitle: t\nattributes:\n  age: 22\n---\n',
  '---\r\ncoder: LN\r\n---\r\n',
  '\uFEFF---\nspeakers:\n  Dr-1: Doctor\n---\n',
  '---\nspeakers: [\n---\n',
  '---\nunknown: 1\n...\n',
  '---\nnot closed\n',
  '\uFEFF',
];

/** Realistic coded transcripts: front matter, turns, nested/labelled spans, escapes, CRLF, emoji. */
const transcript: fc.Arbitrary<string> = fc
  .record({
    fm: fc.constantFrom(...FRONT_MATTERS),
    eol: fc.constantFrom('\n', '\n', '\r\n', '\r'),
    count: fc.integer({ min: 0, max: 12 }),
    finalEol: fc.boolean(),
  })
  .chain(({ fm, eol, count, finalEol }) =>
    fc.array(bodyLines(eol), { minLength: count, maxLength: count }).map((ls) => fm + ls.join(eol) + (finalEol ? eol : '')),
  );

/** Markup-heavy garbage. */
const garbage = fc
  .array(
    fc.constantFrom('{', '}', '{{', '}}', '\\', '#', '@', '^', '"', ':', 'a', 'P', 'x', ' ', '\t', '\n', '\r', '\r\n', '😀', '-', '---\n', '---', 'P: ', '{#a}', '^a ', '\uFEFF'),
    { maxLength: 120 },
  )
  .map((u) => u.join(''));

const INSERTS = ['{{', '}}', '{#x}', '{#a @CA "m"}', '^a', '^a ', '{^a #b}', '\\', '\\\\', '\\{', '\n', '\r\n', '\r', '---', '---\n', '...\n', 'P: ', 'I: ', 'Dr-1: ', '😀', '\uFEFF', '"', '{', '}', '#', 'a', ' ', 'coder: X\n', 'speakers:\n  P: x\n'];

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 20 }),
  insert: fc.array(fc.constantFrom(...INSERTS), { maxLength: 6 }).map((u) => u.join('').slice(0, 20)),
});

function apply(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

// ---------------------------------------------------------------------------------

describe('reparseTranscript', function () {
  // Thousands of generated cases per property; generous for a loaded machine.
  this.timeout(120_000);

  it('one edit equals a full parse (property, realistic transcripts)', () => {
    const before = { ...reparseStats };
    fc.assert(
      fc.property(transcript, edit, (a, e) => {
        check(parseTranscript(a), apply(a, e));
      }),
      { numRuns: 4000 },
    );
    assert.equal(reparseStats.errors, before.errors, 'no reparse threw');
    // Most edits must take the incremental path, or this test proves little.
    const incremental = reparseStats.incremental - before.incremental;
    const full = reparseStats.full - before.full;
    assert.ok(incremental > 2 * full, `incremental ${incremental}, full ${full}`);
  });

  it('one edit equals a full parse (property, markup-heavy garbage)', () => {
    const before = { ...reparseStats };
    fc.assert(
      fc.property(garbage, edit, (a, e) => {
        check(parseTranscript(a), apply(a, e));
      }),
      { numRuns: 3000 },
    );
    assert.equal(reparseStats.errors, before.errors, 'no reparse threw');
  });

  it('chains of edits, each consuming the last result, equal full parses (property)', () => {
    const before = { ...reparseStats };
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: transcript }, { weight: 1, arbitrary: garbage }), fc.array(edit, { minLength: 1, maxLength: 10 }), (a, edits) => {
        let t = parseTranscript(a);
        let text = a;
        for (const e of edits) {
          text = apply(text, e);
          t = check(t, text);
        }
      }),
      { numRuns: 1500 },
    );
    assert.equal(reparseStats.errors, before.errors, 'no reparse threw');
  });

  it('reuses the spans after the edit in a long transcript, and stays equal over many edits', () => {
    const { codes } = generateCodebook(3, 3);
    let text = generateTranscript(600, codes, 3);
    let t = parseTranscript(text);
    const r = rng(42);
    let suffixReused = 0;
    const pieces = ['x', ' ', '\n', '{{', '}}{#a}', '}', '{', '^a ', '{^a #b}', 'P: ', '\\', '😀'];
    for (let i = 0; i < 300; i++) {
      const at = Math.floor(r() * (text.length + 1));
      const remove = r() < 0.5 ? Math.floor(r() * 4) : 0;
      const insert = r() < 0.7 ? pieces[Math.floor(r() * pieces.length)] : '';
      const next = text.slice(0, at) + insert + text.slice(at + remove);
      const oldCount = t.spans.length;
      const res = reparseTranscriptWithReuse(t, next);
      assert.deepStrictEqual(normalized(res.transcript), normalized(parseTranscript(next)), `edit ${i} at ${at}`);
      assert.ok(res.reuse, `edit ${i} was parsed from scratch`);
      if (res.reuse.oldEnd < oldCount) suffixReused++;
      t = res.transcript;
      text = next;
    }
    // Unbalanced edits make the rest of the file nest differently until repaired;
    // still, most edits must resync before the end.
    assert.ok(suffixReused > 100, `suffix reused ${suffixReused} times`);
  });

  describe('cases', () => {
    const LONG = ['P: {{one}}{#a} text', 'I: {{two {{three}}{#b}}}{#c}', 'P: {{^x four {{^y five}}{^x #d} six}}{^y #e}', 'I: plain', 'P: {{seven}}{#f}'].join('\n') + '\n';

    function edited(a: string, from: string, to: string, nth = 0): string {
      let at = -1;
      for (let k = 0; k <= nth; k++) at = a.indexOf(from, at + 1);
      assert.ok(at >= 0, `${show(from)} not in ${show(a)}`);
      return a.slice(0, at) + to + a.slice(at + from.length);
    }

    const cases: { name: string; a: string; b: string; incremental?: boolean; reusesSuffix?: boolean }[] = [
      { name: 'inside a span', a: LONG, b: edited(LONG, 'three', 'thr33'), incremental: true, reusesSuffix: true },
      { name: 'inside a block', a: LONG, b: edited(LONG, '#b}', '#bb}'), incremental: true, reusesSuffix: true },
      { name: 'block loses its code', a: LONG, b: edited(LONG, '#b}', '}'), incremental: true, reusesSuffix: true },
      { name: 'inside a labelled crossing span', a: LONG, b: edited(LONG, 'five', 'fiv'), incremental: true, reusesSuffix: true },
      { name: 'a new opener nests everything after it', a: LONG, b: edited(LONG, 'text', '{{text'), incremental: true },
      { name: 'removing an opener un-nests everything after it', a: LONG, b: edited(LONG, '{{two', 'two'), incremental: true },
      { name: 'removing a closer leaves a span open to the end', a: LONG, b: edited(LONG, '}}{#a}', '{#a}'), incremental: true },
      { name: 'a closer that closes nothing', a: LONG, b: edited(LONG, 'plain', 'plain}}{#z}'), incremental: true, reusesSuffix: true },
      { name: 'a new turn label', a: LONG, b: edited(LONG, 'I: plain', 'I: plain\nQ: new'), incremental: true, reusesSuffix: true },
      { name: 'a turn label removed', a: LONG, b: edited(LONG, 'I: plain', 'I plain'), incremental: true, reusesSuffix: true },
      { name: 'the only turn before the spans removed', a: 'intro\nP: {{a}}{#a}\nmore\n{{b}}{#b}\n', b: 'intro\nP {{a}}{#a}\nmore\n{{b}}{#b}\n' },
      { name: 'a duplicate label far away', a: LONG, b: LONG + 'P: {{^x again}}{^x #a}\n', incremental: true },
      { name: 'a duplicate label removed', a: LONG + 'P: {{^x again}}{^x #a}\n', b: LONG, incremental: true },
      { name: 'the first duplicate removed, the second becomes the first', a: 'P: {{^q a}}{^q #a}\nx\nP: {{^q b}}{^q #b}\n', b: 'P: {{^r a}}{^r #a}\nx\nP: {{^q b}}{^q #b}\n' },
      { name: 'joining two lines', a: LONG, b: edited(LONG, '\n', ' ', 1), incremental: true },
      { name: 'splitting a line inside a span', a: LONG, b: edited(LONG, 'two ', 'two\n'), incremental: true, reusesSuffix: true },
      { name: 'deleting a whole line', a: LONG, b: edited(LONG, 'I: plain\n', ''), incremental: true, reusesSuffix: true },
      { name: 'at offset 0', a: LONG, b: 'x' + LONG, incremental: true, reusesSuffix: true },
      { name: 'a line inserted at offset 0', a: LONG, b: 'new line\n' + LONG, incremental: true, reusesSuffix: true },
      { name: 'deleting at offset 0', a: LONG, b: LONG.slice(1), incremental: true },
      { name: 'at the end', a: LONG, b: LONG + 'P: {{end}}{#z}', incremental: true },
      { name: 'deleting the final line break', a: LONG, b: LONG.slice(0, -1), incremental: true },
      { name: 'a BOM inserted at offset 0', a: LONG, b: '\uFEFF' + LONG },
      { name: 'a BOM removed at offset 0', a: '\uFEFF' + LONG, b: LONG },
      // Found by the property test: deleting a line break brings a BOM that was text to the start.
      { name: 'a mid-text BOM brought to offset 0 by a deletion', a: '\r\n\uFEFF', b: '\uFEFF' },
      { name: 'a BOM brought to offset 0 before a turn', a: 'x\n\uFEFFP: {{a}}{#a}\n', b: '\uFEFFP: {{a}}{#a}\n' },
      { name: 'a BOM at a line start', a: LONG, b: edited(LONG, 'I: plain', '\uFEFFI: plain') },
      { name: 'CRLF split by an edit', a: 'P: {{a}}{#a}\r\nI: b\r\n', b: 'P: {{a}}{#a}\rx\nI: b\r\n' },
      { name: 'a CR before a line break inside a block', a: 'P: {{a}}{#a\nI: b\n', b: 'P: {{a}}{#a\r\nI: b\n' },
      // A lone CR is a line break (as in LSP): turns start after it, and a \n typed or
      // deleted next to it joins or splits a line break at the edit's edge.
      { name: 'a lone CR starts a turn', a: 'I: q?\rP: {{a}}{#a}\r', b: 'I: q?\rP: {{ab}}{#a}\r', incremental: true },
      { name: 'a LF typed after a lone CR joins the break', a: 'I: q?\rP: {{a}}{#a}\rI: z\r', b: 'I: q?\r\nP: {{a}}{#a}\rI: z\r', incremental: true },
      { name: 'the LF of a CRLF deleted leaves a lone CR', a: 'I: q?\r\nP: {{a}}{#a}\r\nI: z\r\n', b: 'I: q?\rP: {{a}}{#a}\r\nI: z\r\n', incremental: true },
      { name: 'a CR typed before a LF', a: 'I: q?\nP: {{a}}{#a}\nI: z\n', b: 'I: q?\r\nP: {{a}}{#a}\nI: z\n', incremental: true },
      { name: 'a lone CR typed inside a block ends it', a: 'P: {{a}}{#a #b}\nI: z {{w}}{#b}\n', b: 'P: {{a}}{#a\r#b}\nI: z {{w}}{#b}\n', incremental: true },
      { name: 'a lone CR after the front matter', a: '---\rcase: 1\r---\rP: {{a}}{#a}\r', b: '---\rcase: 1\r---\r\nP: {{a}}{#a}\r' },
      { name: 'text typed after a lone CR that ends the front matter', a: '---\rcase: 1\r---\rP: {{a}}{#a}\r', b: '---\rcase: 1\r---\rP: {{ab}}{#a}\r', incremental: true },
      { name: 'in front matter', a: '---\ncoder: CA\n---\n' + LONG, b: '---\ncoder: LN\n---\n' + LONG, incremental: false },
      { name: 'on the closing fence', a: '---\ncoder: CA\n---\n' + LONG, b: '---\ncoder: CA\n--\n' + LONG, incremental: false },
      { name: 'just after the front matter', a: '---\ncoder: CA\n---\n' + LONG, b: '---\ncoder: CA\n---\nx' + LONG, incremental: true },
      { name: 'front matter with speakers: a turn stops matching', a: '---\nspeakers:\n  P: Patient\n---\n' + LONG, b: '---\nspeakers:\n  P: Patient\n---\n' + LONG.replace('I: plain', 'I: plain\nP: now'), incremental: true },
      { name: 'a fence typed on the first line', a: '--\n' + LONG + '---\n', b: '---\n' + LONG + '---\n', incremental: false },
      { name: 'an unclosed front matter closed further down', a: '---\ncase: 1\n' + LONG, b: '---\ncase: 1\n' + LONG.replace('I: plain', '---'), incremental: false },
      { name: 'closing fence at the end without a line break', a: '---\ncase: 1\n---', b: '---\ncase: 1\n---x' },
      { name: 'empty to text', a: '', b: 'P: {{a}}{#a}\n' },
      { name: 'text to empty', a: LONG, b: '' },
      { name: 'same text', a: LONG, b: LONG, incremental: true },
      { name: 'an escape typed before an opener', a: LONG, b: edited(LONG, '{{seven', '\\{{seven'), incremental: true },
      { name: 'a brace run changes pairing', a: 'P: {{x}}{#a} y\nI: z\n', b: 'P: {{x}}}{#a} y\nI: z\n', incremental: true },
      { name: 'a memo loses its closing quote', a: 'P: {{x}}{#a "m"} y\nI: z {{w}}{#b}\n', b: 'P: {{x}}{#a "m} y\nI: z {{w}}{#b}\n', incremental: true, reusesSuffix: true },
      // The old text is known to hold no marker: the new one is looked for around the edit only.
      { name: 'a conflict marker completed by a keystroke', a: LONG + '<<<<<< ours\n' + LONG + '=======\n' + LONG + '>>>>>>', b: LONG + '<<<<<< ours\n' + LONG + '=======\n' + LONG + '>>>>>>>', incremental: false },
      { name: 'a conflict marker joined by a deletion', a: LONG + '<<<<x<<< ours\n=======\n>>>>>> theirs\n', b: LONG + '<<<<<<< ours\n=======\n>>>>>> theirs\n', incremental: false },
      { name: 'an end marker typed far from the start marker', a: LONG + '<<<<<<< ours\n' + LONG + '=======\n' + LONG + 'P: x\n', b: LONG + '<<<<<<< ours\n' + LONG + '=======\n' + LONG + '>>>>>>>\n', incremental: false },
      { name: 'a conflict marker removed', a: LONG + '<<<<<<< ours\n=======\n>>>>>>> theirs\n', b: LONG + '<<<<<< ours\n=======\n>>>>>> theirs\n', incremental: false },
      { name: 'a keystroke after a marker-like run that is not one', a: LONG + '<<<<<< x\n' + LONG, b: LONG + '<<<<<< xy\n' + LONG, incremental: true },
      { name: 'a label typed on an opener', a: LONG, b: edited(LONG, '{{seven', '{{^x seven'), incremental: true },
    ];

    for (const c of cases) {
      it(c.name, () => {
        const old = parseTranscript(c.a);
        const oldSpans = old.spans.length;
        const errors = reparseStats.errors;
        const res = reparseTranscriptWithReuse(old, c.b);
        assert.deepStrictEqual(normalized(res.transcript), normalized(parseTranscript(c.b)));
        assertNoSharedRanges(res.transcript);
        assert.equal(reparseStats.errors, errors);
        if (c.incremental !== undefined) assert.equal(res.reuse !== undefined, c.incremental, 'incremental');
        if (c.reusesSuffix) assert.ok(res.reuse && res.reuse.oldEnd < oldSpans, `suffix reused: ${JSON.stringify(res.reuse)}`);
      });
    }

    it('large edits are parsed from scratch', () => {
      const { codes } = generateCodebook(2, 2);
      const a = generateTranscript(400, codes, 5);
      const b = a.slice(0, 100) + a.slice(100 + Math.floor(a.length / 5));
      const res = reparseTranscriptWithReuse(parseTranscript(a), b);
      assert.equal(res.reuse, undefined);
      assert.deepStrictEqual(normalized(res.transcript), normalized(parseTranscript(b)));
    });
  });

  describe('an opener typed before the rest of a long transcript', () => {
    const { codes } = generateCodebook(4, 4);
    const LONG_TEXT = generateTranscript(2000, codes, 11);

    /** Offsets of word starts outside any span and past the front matter, in file order. */
    function wordStartsOutsideSpans(text: string): number[] {
      const t = parseTranscript(text);
      const out: number[] = [];
      const re = /(?<=[ \n])[a-z]/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const at = m.index;
        if (at < t.bodyStart) continue;
        if (t.spans.some((s) => s.open.start <= at && at < (s.close ? s.close.end : text.length))) continue;
        out.push(at);
      }
      return out;
    }
    const PLACES = wordStartsOutsideSpans(LONG_TEXT);

    /** Reparses, checks against a full parse, and tells whether the sync with open spans was taken and the suffix reused. */
    function step(old: Transcript, text: string): { t: Transcript; openBelow: boolean; suffixReused: boolean } {
      const before = reparseStats.openBelow;
      const errors = reparseStats.errors;
      const oldCount = old.spans.length;
      const res = reparseTranscriptWithReuse(old, text);
      assert.deepStrictEqual(normalized(res.transcript), normalized(parseTranscript(text)));
      assertNoSharedRanges(res.transcript);
      assert.equal(reparseStats.errors, errors, 'no reparse threw');
      return { t: res.transcript, openBelow: reparseStats.openBelow > before, suffixReused: !!res.reuse && res.reuse.oldEnd < oldCount };
    }

    for (const opener of ['{{', '{{^a ', '{{^a']) {
      it(`typing ${show(opener)} and deleting it at many places reuses the suffix both ways`, () => {
        let t = parseTranscript(LONG_TEXT);
        const r = rng(7);
        for (let i = 0; i < 25; i++) {
          const at = PLACES[Math.floor(r() * PLACES.length)];
          const typed = LONG_TEXT.slice(0, at) + opener + LONG_TEXT.slice(at);
          let s = step(t, typed);
          assert.ok(s.openBelow && s.suffixReused, `typing at ${at}: ${JSON.stringify(s)}`);
          assert.ok(!s.t.spans[s.t.spans.length - 1].close || s.t.spans.some((x) => !x.close), 'a span is left open');
          s = step(s.t, LONG_TEXT);
          assert.ok(s.openBelow && s.suffixReused, `deleting at ${at}: ${JSON.stringify(s)}`);
          t = s.t;
        }
      });
    }

    it('typing `{{` one character at a time, then deleting it one at a time', () => {
      let t = parseTranscript(LONG_TEXT);
      const at = PLACES[Math.floor(PLACES.length / 3)];
      for (const text of [LONG_TEXT.slice(0, at) + '{' + LONG_TEXT.slice(at), LONG_TEXT.slice(0, at) + '{{' + LONG_TEXT.slice(at), LONG_TEXT.slice(0, at) + '{' + LONG_TEXT.slice(at), LONG_TEXT]) {
        t = step(t, text).t;
      }
    });

    it('a second opener typed while one is already open to the end', () => {
      const a = PLACES[100];
      const b = PLACES[PLACES.length - 200];
      const one = LONG_TEXT.slice(0, a) + '{{' + LONG_TEXT.slice(a);
      let s = step(parseTranscript(LONG_TEXT), one);
      const two = one.slice(0, b + 2) + '{{' + one.slice(b + 2);
      s = step(s.t, two);
      assert.ok(s.openBelow, 'typing the second one');
      s = step(s.t, one);
      assert.ok(s.openBelow, 'deleting the second one');
    });

    it('not taken before a stray closer: it would close the new span', () => {
      const text = LONG_TEXT + 'P: a stray }} here\nI: and more\n';
      const places = wordStartsOutsideSpans(text);
      const at = places[Math.floor(places.length / 2)];
      const s = step(parseTranscript(text), text.slice(0, at) + '{{' + text.slice(at));
      assert.equal(s.openBelow, false);
      // The stray closer now closes the span: the rest after it is reused again.
      assert.ok(s.t.spans.every((x) => x.close), 'the stray closer closed the new span');
    });

    it('not taken before a closer labelled with the new label; taken for another label', () => {
      const text = LONG_TEXT + 'P: a closer }}{^a #x} here\nI: and more\n';
      const places = wordStartsOutsideSpans(text);
      const at = places[Math.floor(places.length / 2)];
      let s = step(parseTranscript(text), text.slice(0, at) + '{{^a ' + text.slice(at));
      assert.equal(s.openBelow, false, 'the labelled closer names the new span');
      s = step(parseTranscript(text), text.slice(0, at) + '{{^b ' + text.slice(at));
      assert.equal(s.openBelow, false, 'the closer closes nothing in the old parse: it would close the new span');
      const labelled = LONG_TEXT + 'P: {{^c one}}{^a #x} here\nI: and more\n';
      const lp = wordStartsOutsideSpans(labelled);
      const at2 = lp[Math.floor(lp.length / 2)];
      s = step(parseTranscript(labelled), labelled.slice(0, at2) + '{{^b ' + labelled.slice(at2));
      assert.equal(s.openBelow, true, 'an unknown label that is not the new one');
      s = step(parseTranscript(labelled), labelled.slice(0, at2) + '{{^a ' + labelled.slice(at2));
      assert.equal(s.openBelow, false, 'an unknown label that is the new one');
    });

    it('with CRLF line breaks, and with an opener before only whitespace', () => {
      const crlf = LONG_TEXT.replace(/\n/g, '\r\n');
      const places = wordStartsOutsideSpans(crlf);
      const at = places[Math.floor(places.length / 2)];
      let s = step(parseTranscript(crlf), crlf.slice(0, at) + '{{' + crlf.slice(at));
      assert.ok(s.openBelow);
      s = step(s.t, crlf);
      assert.ok(s.openBelow);
      // `{{` at the end of a line: the span has seen only whitespace at the next line start.
      const eol = LONG_TEXT.indexOf('\n', PLACES[50]);
      step(parseTranscript(LONG_TEXT), LONG_TEXT.slice(0, eol) + ' {{' + LONG_TEXT.slice(eol));
    });

    it('openers typed and deleted at random points equal a full parse (property)', () => {
      const before = { ...reparseStats };
      const opener = fc.constantFrom('{{', '{{', '{{^a ', '{{^b', '{{^c ', '{', '{{{');
      fc.assert(
        fc.property(transcript, fc.array(fc.tuple(fc.nat(), opener), { minLength: 1, maxLength: 3 }), (a, typed) => {
          let t = parseTranscript(a);
          let text = a;
          const undo: { at: number; n: number }[] = [];
          for (const [n, o] of typed) {
            const at = n % (text.length + 1);
            text = text.slice(0, at) + o + text.slice(at);
            t = check(t, text);
            undo.push({ at, n: o.length });
          }
          for (const u of undo.reverse()) {
            text = text.slice(0, u.at) + text.slice(u.at + u.n);
            t = check(t, text);
          }
          assert.equal(text, a);
        }),
        { numRuns: 600 },
      );
      assert.equal(reparseStats.errors, before.errors, 'no reparse threw');
      assert.ok(reparseStats.openBelow - before.openBelow > 50, `synced with open spans ${reparseStats.openBelow - before.openBelow} times`);
    });

    it('openers typed at word starts in generated coded transcripts equal a full parse (property)', () => {
      const before = reparseStats.openBelow;
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(), fc.constantFrom('{{', '{{^a ', '{{^q'), (seed, n, o) => {
          const text = generateTranscript(120, codes, seed);
          const places = wordStartsOutsideSpans(text);
          const at = places[n % places.length];
          let t = check(parseTranscript(text), text.slice(0, at) + o + text.slice(at));
          t = check(t, text);
        }),
        { numRuns: 300 },
      );
      assert.ok(reparseStats.openBelow - before > 300, `synced with open spans ${reparseStats.openBelow - before} times`);
    });
  });

  describe('with the edit known (KnownEdit)', () => {
    /** The edit from a to b as a region [start, end) of a, widened by up to `slack` on each side. */
    function knownEdit(a: string, b: string, widen: [number, number]): KnownEdit {
      const prefix = commonPrefix(a, b);
      const suffix = commonSuffix(a, b, Math.min(a.length, b.length) - prefix);
      const start = Math.max(0, prefix - widen[0]);
      const s = Math.max(0, suffix - widen[1]);
      return { before: a, start, oldEnd: a.length - s, newEnd: b.length - s };
    }

    it('a region at or around the edit gives the full parse (property)', () => {
      const before = { ...reparseStats };
      fc.assert(
        fc.property(fc.oneof({ weight: 3, arbitrary: transcript }, { weight: 1, arbitrary: garbage }), fc.array(fc.tuple(edit, fc.nat(8), fc.nat(8)), { minLength: 1, maxLength: 6 }), (a, edits) => {
          let t = parseTranscript(a);
          let text = a;
          for (const [e, w0, w1] of edits) {
            const next = apply(text, e);
            const got = reparseTranscript(t, next, knownEdit(text, next, [w0 % 3 === 0 ? 0 : w0, w1 % 3 === 0 ? 0 : w1]));
            assert.deepStrictEqual(normalized(got), normalized(parseTranscript(next)));
            assertNoSharedRanges(got);
            t = got;
            text = next;
          }
        }),
        { numRuns: 1500 },
      );
      assert.equal(reparseStats.errors, before.errors, 'no reparse threw');
    });

    it('read through the pieces an editor leaves (PieceText), gives the full parse (property)', () => {
      const before = { ...reparseStats };
      fc.assert(
        fc.property(fc.oneof({ weight: 3, arbitrary: transcript }, { weight: 1, arbitrary: garbage }), fc.array(edit, { minLength: 1, maxLength: 12 }), (a, edits) => {
          let pieces = PieceText.of(a);
          let t = parseTranscript(pieces.text);
          for (const e of edits) {
            const at = e.at % (pieces.length + 1);
            const end = Math.min(pieces.length, at + e.remove);
            const next = pieces.edit(at, end, e.insert);
            const edit: KnownEdit = { before: pieces.text, start: at, oldEnd: end, newEnd: at + e.insert.length, readers: { before: pieces, after: next } };
            const got = reparseTranscript(t, next.text, edit);
            const want = parseTranscript(next.text);
            assert.deepStrictEqual(normalized(got), normalized(want));
            // Positions are read through the pieces too.
            for (let o = 0; o <= next.length; o++) assert.deepStrictEqual(got.lines.positionAt(o), want.lines.positionAt(o));
            for (let l = 0; l < want.lines.lineCount; l++) assert.equal(got.lines.lineEnd(l), want.lines.lineEnd(l));
            assertNoSharedRanges(got);
            t = got;
            pieces = next;
          }
        }),
        { numRuns: 1500 },
      );
      assert.equal(reparseStats.errors, before.errors, 'no reparse threw');
      assert.ok(reparseStats.incremental - before.incremental > reparseStats.full - before.full);
    });

    it('is ignored when it was made on another text or its lengths disagree', () => {
      const a = 'P: {{one}}{#a} two\nI: three\n';
      const b = 'P: {{one}}{#a} {{two\nI: three\n';
      const wrong: KnownEdit[] = [
        { before: 'P: {{one}}{#a} two\nI: three!', start: 0, oldEnd: 0, newEnd: 0 },
        { before: a, start: 0, oldEnd: 0, newEnd: 0 },
        { before: a, start: 30, oldEnd: 31, newEnd: 32 },
        { before: a, start: 5, oldEnd: 4, newEnd: 6 },
        { before: a, start: 1.5, oldEnd: 16, newEnd: 18 },
      ];
      for (const e of wrong) assert.deepStrictEqual(normalized(reparseTranscript(parseTranscript(a), b, e)), normalized(parseTranscript(b)));
    });
  });

  describe('finding the edit', () => {
    it('common prefix and suffix equal a naive comparison (property)', () => {
      const s = fc.string({ unit: fc.constantFrom('a', 'b', '\n', '😀'), maxLength: 3000 });
      fc.assert(
        fc.property(s, s, fc.nat(), (x, y, cut) => {
          // Long shared parts, so the chunked comparison is exercised.
          const a = x + y;
          const b = x + y.slice(0, cut % (y.length + 1)) + 'Z' + y.slice(cut % (y.length + 1));
          for (const [u, v] of [[a, b], [b, a], [x, y], [a, a]]) {
            let p = 0;
            while (p < Math.min(u.length, v.length) && u[p] === v[p]) p++;
            assert.equal(commonPrefix(u, v), p);
            const max = Math.min(u.length, v.length) - p;
            let q = 0;
            while (q < max && u[u.length - 1 - q] === v[v.length - 1 - q]) q++;
            assert.equal(commonSuffix(u, v, max), q);
          }
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('in the project index', () => {
    const CODEBOOK = 'codes:\n  a: {}\n  trust: {}\n  b: {status: deprecated, replaced_by: a}\n  x: {kind: category}\n';
    const URIS = ['file:///w/p/transcripts/one.md', 'file:///w/p/transcripts/two.md'];

    /** Everything about uses, as data, and a check that they point into the current transcripts. */
    function usesPicture(index: ProjectIndex): unknown {
      const p = index.projects()[0] as Project;
      const describe = (u: CodeUse) => {
        const entry = p.transcripts.get(u.uri)!;
        assert.equal(entry.transcript.spans[u.span.index], u.span, 'a use points at a span of the current transcript');
        assert.ok(u.span.blocks.includes(u.block) && u.block.codes.includes(u.ref));
        return [u.uri, u.span.index, u.span.blocks.indexOf(u.block), u.ref.id, u.ref.range.start, u.ref.range.end];
      };
      const entries = [...p.transcripts.values()].sort((x, y) => (x.uri < y.uri ? -1 : 1));
      const all = new Set(entries.flatMap((e) => e.uses));
      const usage = [...p.usage.entries()]
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([id, m]) => {
          assert.ok(m.size > 0, 'no empty usage maps');
          return [
            id,
            [...m.entries()]
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([uri, list]) => {
                assert.ok(list.length > 0, 'no empty usage lists');
                for (const u of list) assert.ok(all.has(u), 'usage lists hold the entry uses themselves');
                return [uri, list.map(describe)];
              }),
          ];
        });
      return {
        entries: entries.map((e) => ({ uri: e.uri, uses: e.uses.map(describe), diagnostics: e.diagnostics, spans: normalized(e.transcript) })),
        usage,
      };
    }

    it('edited files give the same entries, uses and usage lists as a fresh index (property)', () => {
      fc.assert(
        fc.property(
          fc.array(transcript, { minLength: 2, maxLength: 2 }),
          fc.array(fc.record({ file: fc.nat(1), edit }), { minLength: 1, maxLength: 8 }),
          (texts, edits) => {
            const index = new ProjectIndex();
            index.setFile('file:///w/p/codebook.yaml', CODEBOOK);
            const current = [...texts];
            URIS.forEach((u, i) => index.setFile(u, current[i]));
            for (const { file, edit: e } of edits) {
              current[file] = apply(current[file], e);
              index.setFile(URIS[file], current[file]);
            }
            const fresh = new ProjectIndex();
            fresh.setFile('file:///w/p/codebook.yaml', CODEBOOK);
            URIS.forEach((u, i) => fresh.setFile(u, current[i]));
            assert.deepStrictEqual(usesPicture(index), usesPicture(fresh));
            assert.deepStrictEqual(index.snapshot(), fresh.snapshot());
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
