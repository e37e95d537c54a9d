/**
 * The transcript parser (core/transcript): parseTranscript.
 *
 * Cases are data: transcript text with the expected diagnostics written UNDER the
 * line they concern, carets marking the exact columns (UTF-16 code units):
 *
 *   P: {{I felt}} and more
 *   //        ^^ error span.closer-without-block
 *
 * An annotation line is an optional `//` (it stands for two columns, so carets at
 * columns 0 and 1 are written without it), spaces, a run of carets, then either
 * `<severity> <code>` or `@label` (a named position the test body can look up).
 * After the code, optionally a "message fragment" and a {json} object that the
 * diagnostic's data must contain. A range that runs past the end of its first line
 * is marked to that line's end, followed by `...`; an empty range is one `|`.
 * Nothing else is an annotation, so transcript text is left alone.
 *
 * `check` parses every case three times, with LF, with CRLF and with a leading BOM,
 * and demands the same diagnostics at the same line/column positions, the same
 * quotes, turns and stripped text (CRLF read as LF) each time. It also checks the
 * invariants every parse must keep (ranges inside the text, runs that map the
 * stripped text back to the source, quotes that are the trimmed stripped content).
 */
import * as assert from 'assert';
import { parseAnnotations, variantText, type AnnotationSyntax, type Variant } from './annotations';
import * as fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { parseTranscript } from '../../core/transcript/parse';
import type { Block, Span, Transcript, Turn } from '../../core/transcript/types';
import type { OffsetRange } from '../../core/text/lineIndex';

// ---------------------------------------------------------------------------------
// The annotation format and the one check helper

const SYNTAX: AnnotationSyntax = { marker: '//', code: '[a-z-]+\\.[a-z-]+', emptyRanges: true, indentNeedsMarker: false };


/** What a case expects besides its diagnostics; every field is optional. */
interface Expect {
  /** The stripped text, with LF line ends. */
  stripped?: string;
  /** Every span, as `spanLine` writes it. */
  spans?: string[];
  /** Every turn, as `turnLine` writes it. */
  turns?: string[];
  /** Fields of the front matter (each compared deeply); `null` for no front matter. */
  frontMatter?: Record<string, unknown> | null;
  /** Any further assertions, run for each variant. */
  also?: (t: Transcript, ctx: Ctx) => void;
}

interface Ctx {
  variant: Variant;
  /** The range of an `@label` in this variant's text. */
  at(label: string): OffsetRange;
  /** The text of a range. */
  slice(r: OffsetRange): string;
}

/**
 * Parses the case (annotations removed) as LF, CRLF and BOM+LF text, asserts that the
 * diagnostics are exactly the annotated ones and that `expected` holds, and returns
 * the LF parse.
 */
function check(annotated: string, expected: Expect = {}, variants: Variant[] = ['LF', 'CRLF', 'BOM']): Transcript {
  const { lines, want, labels } = parseAnnotations(annotated, SYNTAX);
  let first: Transcript | undefined;
  for (const variant of variants) {
    const { text, starts } = variantText(lines, variant);
    const t = parseTranscript(text);
    first ??= t;
    assertWellFormed(text, t);

    // Compare as line:column text, so a failure shows a readable diff.
    const lineOf = (offset: number) => {
      let l = 0;
      while (l + 1 < starts.length && starts[l + 1] <= offset) l++;
      return l;
    };
    const show = (a: { line: number; start: number; end: number; multiline: boolean; severity: string; code: string }) =>
      `${a.line + 1}:${a.start}-${a.end}${a.multiline ? '...' : ''} ${a.severity} ${a.code}`;
    const actual = t.diagnostics.map((d) => {
      const line = lineOf(d.range.start);
      const multiline = lineOf(d.range.end) !== line && d.range.end > starts[line] + lines[line].length;
      const end = multiline ? lines[line].length : d.range.end - starts[line];
      return show({ line, start: d.range.start - starts[line], end, multiline, severity: d.severity, code: d.code });
    });
    const wanted = want.map(show);
    const detail = t.diagnostics.map((d, i) => `  ${actual[i]}: ${d.message} ${JSON.stringify(d.data ?? {})}`).join('\n');
    assert.deepStrictEqual(actual, wanted, `${variant}: diagnostics differ. Reported:\n${detail}`);
    for (const [i, w] of want.entries()) {
      const d = t.diagnostics[i];
      if (w.message !== undefined) assert.ok(d.message.includes(w.message), `${variant}: message of ${wanted[i]} is "${d.message}"`);
      if (w.data) assert.ok(contains(d.data ?? {}, w.data), `${variant}: data of ${wanted[i]} is ${JSON.stringify(d.data)}`);
    }

    const lf = (s: string) => s.replace(/\r\n/g, '\n');
    if (expected.stripped !== undefined) assert.strictEqual(lf(t.stripped.text), expected.stripped, `${variant}: stripped text`);
    if (expected.spans) assert.deepStrictEqual(t.spans.map(spanLine), expected.spans, `${variant}: spans`);
    if (expected.turns) {
      assert.deepStrictEqual(t.turns.map((turn) => turnLine(turn, lineOf(turn.range.start))), expected.turns, `${variant}: turns`);
    }
    if (expected.frontMatter === null) assert.strictEqual(t.frontMatter, undefined, `${variant}: no front matter`);
    else if (expected.frontMatter) {
      assert.ok(t.frontMatter, `${variant}: front matter`);
      for (const [k, v] of Object.entries(expected.frontMatter)) {
        assert.deepStrictEqual((t.frontMatter as unknown as Record<string, unknown>)[k], v, `${variant}: frontMatter.${k}`);
      }
    }
    const ctx: Ctx = {
      variant,
      at(label) {
        const l = labels.get(label);
        assert.ok(l, `no @${label} in the case`);
        return { start: starts[l.line] + l.start, end: starts[l.line] + l.end };
      },
      slice: (r) => text.slice(r.start, r.end),
    };
    expected.also?.(t, ctx);
  }
  return first!;
}

/** `actual` holds every key of `want` with an equal value (deeply). */
function contains(actual: Record<string, unknown>, want: Record<string, unknown>): boolean {
  return Object.entries(want).every(([k, v]) => isDeepStrictEqual(actual[k], v));
}

/**
 * A span on one line: `"quote"`, then `^label`, `parent=N`, `turn=N` when present,
 * each block as `{^label #code @coder "memo"}`, and `unclosed` when it never closes.
 */
function spanLine(s: Span): string {
  const parts = [JSON.stringify(s.quote)];
  if (s.label) parts.push(`^${s.label.name}`);
  if (s.parent !== undefined) parts.push(`parent=${s.parent}`);
  if (s.turn !== undefined) parts.push(`turn=${s.turn}`);
  for (const b of s.blocks) parts.push(blockText(b));
  if (!s.close) parts.push('unclosed');
  return parts.join(' ');
}

function blockText(b: Block): string {
  const items: string[] = [];
  if (b.label) items.push(`^${b.label.name}`);
  for (const c of b.codes) items.push(`#${c.id}`);
  if (b.coder) items.push(`@${b.coder.id}`);
  if (b.memo) items.push(JSON.stringify(b.memo.text));
  return `{${items.join(' ')}}`;
}

/** A turn on one line: `L<line> <speaker>`, and its role in parentheses when it has one. */
function turnLine(t: Turn, line: number): string {
  return `L${line + 1} ${t.speaker}${t.role ? ` (${t.role})` : ''}`;
}

/** The invariants of every parse, whatever the input. */
function assertWellFormed(text: string, t: Transcript): void {
  const n = text.length;
  const inText = (r: OffsetRange | undefined, what: string) =>
    assert.ok(
      r && Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= n,
      `${what} ${JSON.stringify(r)} is outside the text (length ${n})`,
    );
  assert.strictEqual(t.text, text);
  assert.ok(t.bodyStart >= 0 && t.bodyStart <= n, 'bodyStart is inside the text');
  for (const d of t.diagnostics) {
    inText(d.range, `diagnostic ${d.code}`);
    assert.match(d.message, /^[A-Z`'"]/, `message starts like a sentence: ${d.message}`);
    assert.match(d.message, /[.?]$/, `message ends like a sentence: ${d.message}`);
  }
  for (let k = 1; k < t.diagnostics.length; k++) {
    assert.ok(t.diagnostics[k - 1].range.start <= t.diagnostics[k].range.start, 'diagnostics are in file order');
  }

  // Runs: contiguous in the stripped text, increasing in the source, copied verbatim.
  let stripped = 0;
  let source = t.bodyStart;
  for (const r of t.stripped.runs.toArray()) {
    assert.strictEqual(r.strippedStart, stripped, 'runs are contiguous in the stripped text');
    assert.ok(r.length > 0 && r.sourceStart >= source && r.sourceStart + r.length <= n, `run ${JSON.stringify(r)} is in order`);
    assert.strictEqual(t.stripped.text.slice(r.strippedStart, r.strippedStart + r.length), text.slice(r.sourceStart, r.sourceStart + r.length));
    stripped += r.length;
    source = r.sourceStart + r.length;
  }
  assert.strictEqual(stripped, t.stripped.text.length, 'runs cover the stripped text');

  // Spans: in opener order, ranges in the text, quotes that are the trimmed stripped content.
  for (const [k, s] of t.spans.entries()) {
    assert.strictEqual(s.index, k);
    if (k > 0) assert.ok(t.spans[k - 1].open.start < s.open.start, 'spans are in opener order');
    inText(s.open, 'open');
    inText(s.content, 'content');
    assert.strictEqual(s.content.start, s.open.end, 'content starts after the opener');
    assert.ok(s.open.start >= t.bodyStart, 'spans are in the body');
    if (s.close) {
      inText(s.close, 'close');
      inText(s.closer, 'closer');
      assert.strictEqual(s.closer!.start, s.close.start);
      assert.strictEqual(s.content.end, s.close.start);
      assert.strictEqual(text.slice(s.closer!.start, s.closer!.end), '}}');
      for (const b of s.blocks) {
        inText(b.range, 'block');
        assert.ok(s.closer!.end <= b.range.start && b.range.end <= s.close.end, 'blocks are inside close');
      }
    } else {
      assert.strictEqual(s.content.end, n, 'an unclosed span runs to the end');
      assert.strictEqual(s.blocks.length, 0);
    }
    if (s.parent !== undefined) assert.ok(s.parent < k, 'a parent opens first');
    assert.strictEqual(text.slice(s.open.start, s.open.start + 2), '{{');
    assert.strictEqual(s.quote, s.quote.trim(), 'quotes are trimmed');
    // Quotes read CRLF and a lone CR (both line breaks) as LF.
    assert.strictEqual(s.quote, t.stripped.text.slice(s.quoteRange.start, s.quoteRange.end).replace(/\r\n?/g, '\n'));
  }

  // Turns: contiguous, from a label at a line start to the end of the text.
  for (const [k, turn] of t.turns.entries()) {
    assert.strictEqual(turn.index, k);
    inText(turn.range, 'turn');
    assert.strictEqual(turn.labelRange.start, turn.range.start);
    assert.strictEqual(text.slice(turn.labelRange.start, turn.labelRange.end), turn.speaker);
    assert.strictEqual(text[turn.labelRange.end], ':');
    assert.strictEqual(turn.range.end, k + 1 < t.turns.length ? t.turns[k + 1].range.start : n);
    assert.ok(turn.range.start >= t.bodyStart);
  }
  for (const s of t.spans) {
    if (s.turn === undefined) assert.ok(t.turns.length === 0 || s.open.start < t.turns[0].range.start, 'only spans before the first turn have none');
    else {
      const turn = t.turns[s.turn];
      assert.ok(turn.range.start <= s.open.start && s.open.start < Math.max(turn.range.end, turn.range.start + 1), 'a span is in its turn');
    }
  }
}

// ---------------------------------------------------------------------------------
// The FORMAT.md examples

const FORMAT_EXAMPLE = `
  ---
  case: C
  participant: patient
  coder: LN
  //     ^^ @coder
  speakers:
    I: Interviewer
    P: Patient
  attributes:
    age: 22
    diagnosis: paranoid schizophrenia
  ---
  I: Which of all these factors had the strongest influence on your therapy?
  P: {{Building trust, I think.}}{#relational-trust #trust-as-key-factor} Because if I
  hadn't generated that trust with her, I would never have opened up at all.
`;

describe('transcript: parseTranscript', () => {
  describe('the FORMAT.md examples', () => {
    it('reads the section 3 example: front matter, turns with roles, a span with two codes', () => {
      check(FORMAT_EXAMPLE, {
        frontMatter: {
          case: 'C',
          participant: 'patient',
          coder: 'LN',
          speakers: { I: 'Interviewer', P: 'Patient' },
          attributes: { age: 22, diagnosis: 'paranoid schizophrenia' },
        },
        turns: ['L12 I (Interviewer)', 'L13 P (Patient)'],
        spans: ['"Building trust, I think." turn=1 {#relational-trust #trust-as-key-factor}'],
        stripped:
          'I: Which of all these factors had the strongest influence on your therapy?\n' +
          "P: Building trust, I think. Because if I\nhadn't generated that trust with her, I would never have opened up at all.",
        also(t, { at, slice }) {
          assert.deepStrictEqual(t.frontMatter!.coderRange, at('coder'));
          assert.strictEqual(slice(t.frontMatter!.range).split(/\r?\n/).shift(), '---');
          assert.strictEqual(slice(t.frontMatter!.range).split(/\r?\n/).pop(), '---');
          assert.strictEqual(slice({ start: t.bodyStart, end: t.bodyStart + 2 }), 'I:');
          assert.deepStrictEqual(t.frontMatter!.raw.attributes, { age: 22, diagnosis: 'paranoid schizophrenia' });
          const [span] = t.spans;
          assert.strictEqual(slice(span.open), '{{');
          assert.strictEqual(slice(span.closer!), '}}');
          assert.strictEqual(slice(span.close!), '}}{#relational-trust #trust-as-key-factor}');
          assert.strictEqual(slice(span.content), 'Building trust, I think.');
          assert.deepStrictEqual(span.blocks[0].codes.map((c) => slice(c.range)), ['#relational-trust', '#trust-as-key-factor']);
        },
      });
    });

    it('reads the labelled crossing spans of the pills example', () => {
      check(
        `
        P: {{^a The pills made me dizzy, {{^b so I skipped the dose}}{^a #side-effects}
        and never told anyone.}}{^b #concealment}
        `,
        {
          spans: [
            '"The pills made me dizzy, so I skipped the dose" ^a turn=0 {^a #side-effects}',
            '"so I skipped the dose\\nand never told anyone." ^b parent=0 turn=0 {^b #concealment}',
          ],
          stripped: 'P: The pills made me dizzy, so I skipped the dose\nand never told anyone.',
          also(t, { slice }) {
            const [a, b] = t.spans;
            assert.strictEqual(slice(a.open), '{{^a ');
            assert.strictEqual(slice(a.label!.range), '^a');
            assert.strictEqual(slice(b.open), '{{^b ');
            assert.strictEqual(slice(a.close!), '}}{^a #side-effects}');
            assert.strictEqual(slice(b.close!), '}}{^b #concealment}');
            assert.strictEqual(slice(a.blocks[0].label!.range), '^a');
          },
        },
      );
    });

    it('reads nested spans across a line break', () => {
      check(
        `
        P: {{I felt {{a burden}}{#burden} every
        time}}{#guilt}
        `,
        {
          spans: ['"I felt a burden every\\ntime" turn=0 {#guilt}', '"a burden" parent=0 turn=0 {#burden}'],
          stripped: 'P: I felt a burden every\ntime',
        },
      );
    });

    it('reads chained blocks by two coders, with memos', () => {
      check(
        `
        P: {{she knew what she was doing}}{#therapist-as-expert @LN "first session"}{#therapist-as-expert #trust @CA}
        `,
        {
          spans: ['"she knew what she was doing" turn=0 {#therapist-as-expert @LN "first session"} {#therapist-as-expert #trust @CA}'],
          stripped: 'P: she knew what she was doing',
          also(t, { slice }) {
            const [b1, b2] = t.spans[0].blocks;
            assert.strictEqual(slice(b1.range), '{#therapist-as-expert @LN "first session"}');
            assert.strictEqual(slice(b1.coder!.range), '@LN');
            assert.strictEqual(slice(b1.memo!.range), '"first session"');
            assert.strictEqual(slice(b2.range), '{#therapist-as-expert #trust @CA}');
          },
        },
      );
    });

    it('closes, applies and opens again: }}{#a}{{next', () => {
      check(
        `
        P: {{one}}{#a}{{two}}{#b} {{three}}{#c}{#d}{{four}}{#e}
        `,
        {
          spans: ['"one" turn=0 {#a}', '"two" turn=0 {#b}', '"three" turn=0 {#c} {#d}', '"four" turn=0 {#e}'],
          stripped: 'P: onetwo threefour',
        },
      );
    });
  });

  describe('coded spans', () => {
    it('trims the quote and records where it stands in the stripped text', () => {
      check(
        `
        P: {{   padded words  }}{#a} and {{
          across lines
        }}{#b}
        `,
        {
          spans: ['"padded words" turn=0 {#a}', '"across lines" turn=0 {#b}'],
          also(t) {
            for (const s of t.spans) assert.strictEqual(t.stripped.text.slice(s.quoteRange.start, s.quoteRange.end), s.quote);
          },
        },
      );
    });

    it('reads an empty span as an empty quote', () => {
      check(
        `
        P: before {{}}{#a} after {{ }}{#b}
        `,
        { spans: ['"" turn=0 {#a}', '"" turn=0 {#b}'], stripped: 'P: before  after  ' },
      );
    });

    it('nests deeply and keeps each parent', () => {
      check(
        `
        {{a {{b {{c {{d}}{#d} c}}{#c} b}}{#b} a}}{#a}
        `,
        { spans: ['"a b c d c b a" {#a}', '"b c d c b" parent=0 {#b}', '"c d c" parent=1 {#c}', '"d" parent=2 {#d}'] },
      );
    });

    it('takes a one-space label into the opener, so labelling leaves the stripped text unchanged', () => {
      check(
        `
        P: {{^x one}}{^x #a} {{^y\ttab}}{^y #b} {{^z}}{^z #c} {{^w  two spaces}}{^w #d}
        `,
        {
          spans: ['"one" ^x turn=0 {^x #a}', '"tab" ^y turn=0 {^y #b}', '"" ^z turn=0 {^z #c}', '"two spaces" ^w turn=0 {^w #d}'],
          stripped: 'P: one \ttab   two spaces',
        },
      );
    });

    it('reads Unicode labels, code ids and coder ids', () => {
      check(
        `
        P: {{^relación la relación}}{^relación #confianza @ÑR "él dijo ¿qué?"} {{^ß.1-_ x}}{^ß.1-_ #über_2.0-x}
        `,
        { spans: ['"la relación" ^relación turn=0 {^relación #confianza @ÑR "él dijo ¿qué?"}', '"x" ^ß.1-_ turn=0 {^ß.1-_ #über_2.0-x}'] },
      );
    });

    it('closes a labelled span from inside another one, whichever block names it', () => {
      check(
        `
        {{^a one {{^b two {{three}}{#c} }}{#x @LN}{^a #y} two }}{#z}
        `,
        {
          // The closer names ^a in its second block, so it closes a; the last one closes b.
          spans: ['"one two three" ^a {#x @LN} {^a #y}', '"two three  two" ^b parent=0 {#z}', '"three" parent=1 {#c}'],
        },
      );
    });
  });

  describe('escapes and literal braces', () => {
    it('drops the backslash of \\{ \\} \\\\ and keeps any other backslash', () => {
      check(
        String.raw`
        P: a \{b\} c \\ d \n e \x {{f \{g\} \\}}{#a}
        `,
        { spans: [String.raw`"f {g} \\" turn=0 {#a}`], stripped: 'P: a {b} c \\ d \\n e \\x f {g} \\' },
      );
    });

    it('keeps a lone { or } as text, and \\{{ is not an opener', () => {
      check(
        String.raw`
        P: {not a span} a}b {x \{{y}} z
        //                         ^^ error span.unmatched-closer
        `,
        { spans: [], stripped: String.raw`P: {not a span} a}b {x {{y z` },
      );
    });

    it('pairs runs of braces: openers from the left, closers from the right', () => {
      check(
        `
        P: {{{x}}}{#a} {{a {{b}}}}{#c} {{{{y}}}{#d}
        //                    ^^ error span.closer-without-block
        //                             ^^ error span.unclosed
        `,
        { spans: ['"{x}" turn=0 {#a}', '"a b" turn=0 {#c}', '"b" parent=1 turn=0', '"y}" turn=0 unclosed', '"y}" parent=3 turn=0 {#d}'] },
      );
    });

    it('reads an escaped backslash before an opener, and an escape at the end of the text', () => {
      check(
        String.raw`
        P: \\{{x}}{#a} \
        `,
        { spans: ['"x" turn=0 {#a}'], stripped: 'P: \\x \\' },
      );
    });
  });

  describe('span errors', () => {
    it('reports a span never closed on its opener, and quotes it to the end of the text', () => {
      check(
        `
        P: {{I felt {{^x a burden every time
        // ^^ error span.unclosed
        //          ^^^^^ error span.unclosed "never closed"
        I: and {{then}}{#a}?
        `,
        {
          spans: [
            '"I felt a burden every time\\nI: and then?" turn=0 unclosed',
            '"a burden every time\\nI: and then?" ^x parent=0 turn=0 unclosed',
            '"then" parent=1 turn=1 {#a}',
          ],
          also(t, { slice }) {
            assert.strictEqual(slice(t.spans[1].content).replace(/\r\n/g, '\n'), 'a burden every time\nI: and {{then}}{#a}?');
            assert.strictEqual(t.spans[0].content.end, t.text.length);
          },
        },
      );
    });

    it('reports a closer with no block on the }}, and the span still closes', () => {
      check(
        `
        P: {{I felt}} fine, {{really}} {#a} and {{here}}{{next}}{#b}
        //         ^^ error span.closer-without-block "followed immediately by a block"
        //                          ^^ error span.closer-without-block
        //                                            ^^ error span.closer-without-block
        `,
        {
          spans: ['"I felt" turn=0', '"really" turn=0', '"here" turn=0', '"next" turn=0 {#b}'],
          stripped: 'P: I felt fine, really {#a} and herenext',
        },
      );
    });

    it('reports a closer with no open span, and still reads its blocks', () => {
      check(
        `
        P: fine}} {{ok}}{#a}}}{} and }}{#b @LN}
        //     ^^ error span.unmatched-closer
        //                  ^^ error span.unmatched-closer
        //                    ^^ error block.no-code
        //                           ^^ error span.unmatched-closer
        `,
        { spans: ['"ok" turn=0 {#a}'], stripped: 'P: fine ok and ' },
      );
    });

    it('reports {{^ with no label, and reads the span as unlabelled', () => {
      check(
        `
        P: {{^ x}}{#a} {{^!y}}{#b}
        // ^^^ error label.invalid
        //             ^^^ error label.invalid "Expected a label"
        `,
        { spans: ['"x" turn=0 {#a}', '"!y" turn=0 {#b}'], stripped: 'P:  x !y' },
      );
    });

    it('reports a duplicate label on the second opener, and closes the innermost span of that name', () => {
      check(
        `
        P: {{^a one}}{^a #x} {{^a two {{^a three}}{^a #y} two}}{^a #z}
        //                     ^^ error label.duplicate {"label":"a"}
        //                              ^^ error label.duplicate
        `,
        { spans: ['"one" ^a turn=0 {^a #x}', '"two three two" ^a turn=0 {^a #z}', '"three" ^a parent=1 turn=0 {^a #y}'] },
      );
    });

    it('reports a label that names no open span, and closes the innermost span', () => {
      check(
        `
        P: {{^a one {{two}}{^b #x} one}}{^a #y} {{three}}{^a #z}
        //                  ^^ error label.unknown {"label":"b"}
        //                                                ^^ error label.unknown "No open span is labelled"
        `,
        { spans: ['"one two one" ^a turn=0 {^a #y}', '"two" parent=0 turn=0 {^b #x}', '"three" turn=0 {^a #z}'] },
      );
    });

    it('reports a second label naming another open span than the one closed', () => {
      check(
        `
        {{^a {{^b x}}{^b #p}{^a #q} y}}{^a #r}
        //                   ^^ error label.unknown "already closes"
        `,
        { spans: ['"x y" ^a {^a #r}', '"x" ^b parent=0 {^b #p} {^a #q}'] },
      );
    });

    it('reports labels in the blocks of a closer that closes nothing', () => {
      check(
        `
        x }}{^a #b}
        //^^ error span.unmatched-closer
        //   ^^ error label.unknown
        `,
        { spans: [] },
      );
    });
  });

  describe('block errors', () => {
    it('reports a block with no code on the block', () => {
      check(
        `
        P: {{a}}{@LN "memo"}{#ok} {{b}}{} {{c}}{^c}
        //      ^^^^^^^^^^^^ error block.no-code "applies no code"
        //                             ^^ error block.no-code
        //                                     ^^^^ error block.no-code
        //                                      ^^ error label.unknown
        `,
        { spans: ['"a" turn=0 {@LN "memo"} {#ok}', '"b" turn=0 {}', '"c" turn=0 {^c}'] },
      );
    });

    it('ends a block with no } at the end of its line, so the next line is still read', () => {
      check(
        `
        P: {{a}}{#x @LN and more text
        //      ^^^^^^^^^^^^^^^^^^^^^ error block.unclosed
        //              ^^^ error block.bad-item
        //                  ^^^^ error block.bad-item
        //                       ^^^^ error block.bad-item
        I: {{b}}{#y}
        P: {{c}}{#z
        //      ^^^ error block.unclosed
        `,
        {
          spans: ['"a" turn=0 {#x @LN}', '"b" turn=1 {#y}', '"c" turn=2 {#z}'],
          turns: ['L1 P', 'L2 I', 'L3 P'],
          stripped: 'P: a\nI: b\nP: c',
        },
      );
    });

    it('reports an unclosed empty block at the end of the text once', () => {
      check(
        `
        P: {{a}}{
        //      ^ error block.unclosed
        `,
        { spans: ['"a" turn=0 {}'] },
      );
    });

    it('reports a second coder and a second memo on the item', () => {
      check(
        `
        P: {{a}}{#x @LN @CA "one" "two"}{#y @CA}
        //              ^^^ error block.second-coder
        //                        ^^^^^ error block.second-memo
        `,
        { spans: ['"a" turn=0 {#x @LN "one"} {#y @CA}'] },
      );
    });

    it('reads memo escapes and keeps other backslashes', () => {
      check(
        String.raw`
        P: {{a}}{#x "she said \"no\" \\ then \n left"}
        `,
        {
          spans: [String.raw`"a" turn=0 {#x "she said \"no\" \\ then \\n left"}`],
          also(t, { slice }) {
            const memo = t.spans[0].blocks[0].memo!;
            assert.strictEqual(memo.text, String.raw`she said "no" \ then \n left`);
            assert.strictEqual(slice(memo.range), String.raw`"she said \"no\" \\ then \n left"`);
          },
        },
      );
    });

    it('reports a memo with no closing quote, which ends the block at the end of the line', () => {
      check(
        String.raw`
        P: {{a}}{#x "no end} and {{b}}{#y} \"
        //          ^^^^^^^^^^^^^^^^^^^^^^^^^ error memo.unterminated "never closed"
        I: {{c}}{#z "ends with a backslash\"}
        //          ^^^^^^^^^^^^^^^^^^^^^^^^^ error memo.unterminated
        `,
        {
          spans: [String.raw`"a" turn=0 {#x "no end} and {{b}}{#y} \""}`, String.raw`"c" turn=1 {#z "ends with a backslash\"}"}`],
          stripped: 'P: a\nI: c',
        },
      );
    });

    it('reports items that are not #code, @coder, "memo" or ^label', () => {
      check(
        `
        P: {{a}}{#ok word #-bad @ # #a,b @x! "m"x ^ ^b!}
        //           ^^^^ error block.bad-item "A block holds"
        //                ^^^^^ error block.bad-item "Not a valid code id"
        //                      ^ error block.bad-item "Not a valid coder id"
        //                        ^ error block.bad-item
        //                          ^^^^ error block.bad-item {"text":"#a,b"}
        //                               ^^^ error block.bad-item
        //                                      ^ error block.bad-item
        //                                        ^ error label.invalid
        //                                          ^^^ error label.invalid
        `,
        { spans: ['"a" turn=0 {#ok "m"}'] },
      );
    });

    it('reports a second ^label in one block', () => {
      check(
        `
        {{^a x}}{^a ^b #c}
        //          ^^ error block.bad-item "at most one"
        `,
        { spans: ['"x" ^a {^a #c}'] },
      );
    });

    it('reads items separated by tabs and several spaces, and a block right after a closer only', () => {
      check(
        `
        P: {{a}}{\t#x\t\t@LN   "m"  }
        `,
        { spans: ['"a" turn=0 {#x @LN "m"}'] },
      );
    });
  });

  describe('speaker turns', () => {
    it('finds LABEL: turns without declared speakers, and leaves text before the first turn to no one', () => {
      check(
        `
        Interview 3, recorded at home. {{intro}}{#setting}
        I: Hello.
        P:\tTab after the colon.
        Dr_Who-2: Underscores, digits and hyphens.
        note: lower case is not a label.
        P:no space is not a label.
        ABCDEFGHIJKLMNOPQRST: twenty characters.
        ABCDEFGHIJKLMNOPQRSTU: twenty-one is not a label.
         P: indented is not a label.
        {{P: inside a span}}{#x} is not a label either.
        `,
        {
          turns: ['L2 I', 'L3 P', 'L4 Dr_Who-2', 'L7 ABCDEFGHIJKLMNOPQRST'],
          spans: ['"intro" {#setting}', '"P: inside a span" turn=3 {#x}'],
        },
      );
    });

    it('with speakers declared, only those labels begin turns, with their roles', () => {
      check(
        `
        ---
        speakers:
          Dr. Ruiz: Therapist
          Ana: Patient
          Ana María: Mother
          X:
        ---
        Dr. Ruiz: How are you?
        Ana: Fine. {{I think}}{#doubt}
        Ana María: She is not.
        P: not declared, so part of Ana María's turn.
        X: declared with no role.
        `,
        {
          frontMatter: { speakers: { 'Dr. Ruiz': 'Therapist', Ana: 'Patient', 'Ana María': 'Mother', X: '' } },
          turns: ['L8 Dr. Ruiz (Therapist)', 'L9 Ana (Patient)', 'L10 Ana María (Mother)', 'L12 X'],
          spans: ['"I think" turn=1 {#doubt}'],
        },
      );
    });

    it('a span that crosses into the next turn belongs to the turn it opens in', () => {
      check(
        `
        I: {{Did it
        P: help?}}{#x}
        `,
        {
          turns: ['L1 I', 'L2 P'],
          spans: ['"Did it\\nP: help?" turn=0 {#x}'],
          also(t, { slice }) {
            assert.strictEqual(slice(t.turns[0].range).replace(/\r?\n$/, ''), 'I: {{Did it');
            assert.strictEqual(slice(t.turns[0].labelRange), 'I');
          },
        },
      );
    });

    it('with an empty speakers map, any LABEL: begins a turn', () => {
      check(
        `
        ---
        speakers: {}
        ---
        P: hello
        `,
        { turns: ['L4 P'], frontMatter: { speakers: {} } },
      );
    });
  });

  describe('front matter', () => {
    it('stores scalars as written, keeps attribute types, and records where the coder is', () => {
      check(
        `
        ---
        case: 3
        participant: 0x1F
        title: "Interview: 3.10"
        date: 2019-03-01
        language: es
        coder: 007
        //     ^^^ @coder
        attributes:
          age: 22
          weight: 3.10
          consent: true
          notes: ~
          city: Valparaíso
        x-project-id: 42
        ---
        P: hola
        `,
        {
          frontMatter: {
            case: '3',
            participant: '0x1F',
            title: 'Interview: 3.10',
            date: '2019-03-01',
            language: 'es',
            coder: '007',
            attributes: { age: 22, weight: 3.1, consent: true, notes: null, city: 'Valparaíso' },
          },
          turns: ['L16 P'],
          also(t, { at }) {
            assert.deepStrictEqual(t.frontMatter!.coderRange, at('coder'));
            assert.strictEqual(t.frontMatter!.raw['x-project-id'], 42);
            assert.strictEqual(t.frontMatter!.raw.case, 3);
          },
        },
      );
    });

    it('warns about unknown keys on the key, except x- keys', () => {
      check(
        `
        ---
        case: A
        partcipant: mother
        ^^^^^^^^^^ warning front-matter.unknown-key "Known keys" {"key":"partcipant"}
        x-anything: fine
        ---
        `,
        { frontMatter: { case: 'A', participant: undefined } },
      );
    });

    it('reports values of the wrong type on the value', () => {
      check(
        `
        ---
        title:
          - a list
        //^^^^^^^^... error front-matter.bad-value
        speakers: [I, P]
        //        ^^^^^^ error front-matter.bad-value "map each speaker label"
        attributes: flat
        //          ^^^^ error front-matter.bad-value
        coder: {a: b}
        //     ^^^^^^ error front-matter.bad-value
        ---
        I: speakers were not declared, so the default labels apply.
        `,
        {
          frontMatter: { title: undefined, speakers: undefined, attributes: undefined, coder: undefined, coderRange: undefined },
          turns: ['L8 I'],
        },
      );
    });

    it('reports bad entries inside speakers and attributes and keeps the good ones', () => {
      check(
        `
        ---
        speakers:
          I: [not, a, role]
        //   ^^^^^^^^^^^^^^ error front-matter.bad-value
          P: Patient
        attributes:
          ok: 1
          list: [1, 2]
        //      ^^^^^^ error front-matter.bad-value
        ---
        I: x
        P: y
        `,
        { frontMatter: { speakers: { I: '', P: 'Patient' }, attributes: { ok: 1 } }, turns: ['L9 I', 'L10 P (Patient)'] },
      );
    });

    it('reports front matter that is not a map', () => {
      check(
        `
        ---
        - a
        ^^^... error front-matter.bad-value
        - b
        ---
        P: x
        `,
        { frontMatter: { raw: {} }, turns: ['L5 P'] },
      );
    });

    it('reports YAML errors where the yaml package puts them and reads the rest', () => {
      check(
        `
        ---
        case: A
        title: "unclosed
        coder: LN
        ---
        | error front-matter.yaml "Missing closing"

        P: {{x}}{#a}
        `,
        {
          spans: ['"x" turn=0 {#a}'],
          also(t) {
            assert.strictEqual(t.frontMatter!.case, 'A');
            assert.ok(t.diagnostics[0].data?.yamlCode, 'keeps the yaml error code');
          },
        },
      );
    });

    it('reports a duplicate key as a YAML error', () => {
      check(
        `
        ---
        case: A
        case: B
        ^ error front-matter.yaml "Map keys must be unique." 
        ---
        `,
      );
    });

    it('reports an alias to no anchor and follows aliases that resolve', () => {
      check(
        `
        ---
        x-who: &who LN
        coder: *who
        case: *nothing
        //    ^^^^^^^^ error front-matter.yaml "Unresolved alias"
        ---
        `,
        { frontMatter: { coder: 'LN', case: undefined } },
      );
    });

    it('refuses nesting deep enough to endanger the process', () => {
      const deep = '['.repeat(5000);
      const t = check(
        `
        ---
        case: ${deep}
        //    ${' '.repeat(100)}^ error front-matter.yaml "nested more than 100 levels"
        ---
        P: still read
        `,
        { turns: ['L4 P'] },
      );
      assert.deepStrictEqual(t.frontMatter!.raw, {});
    });

    it('reports an unclosed front matter on its first line and reads everything as body', () => {
      check(
        `
        ---
        ^^^ error front-matter.unclosed "never closed"
        speakers:
          I: Interviewer
        P: {{all of it is body}}{#a}
        `,
        {
          frontMatter: null,
          // An indented line is no turn.
          turns: ['L4 P'],
          spans: ['"all of it is body" turn=0 {#a}'],
          stripped: '---\nspeakers:\n  I: Interviewer\nP: all of it is body',
          also(t) {
            assert.strictEqual(t.bodyStart, 0);
          },
        },
      );
    });

    it('closes with ..., reads an empty front matter, and a front matter that ends the file', () => {
      check(
        `
        ---
        case: A
        ...
        P: x
        `,
        { frontMatter: { case: 'A' }, turns: ['L4 P'] },
      );
      check(
        `
        ---
        ---
        P: x
        `,
        { frontMatter: { raw: {} }, turns: ['L3 P'] },
      );
      for (const text of ['---\ncase: A\n---', '---\r\ncase: A\r\n---', '\uFEFF---\ncase: A\n---\n']) {
        const t = parseTranscript(text);
        assert.deepStrictEqual([t.frontMatter?.case, t.bodyStart, t.diagnostics, t.stripped.text], ['A', text.length, [], '']);
      }
    });

    it('needs --- alone on the very first line', () => {
      check(
        `
        --- 
        case: A
        ---
        `,
        { frontMatter: null, stripped: '--- \ncase: A\n---' },
      );
      check(
        `

        ---
        case: A
        ---
        `,
        { frontMatter: null },
      );
      check(
        `
        ----
        case: A
        ----
        `,
        { frontMatter: null },
      );
    });
  });

  describe('line ends, BOM and Unicode', () => {
    it('reads CRLF like LF: same spans, quotes without \\r, stripped text keeping the source line ends', () => {
      const lf = 'I: {{one\ntwo}}{#a}\nP: {{three\n}}{#b}\n';
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = parseTranscript(lf);
      const b = parseTranscript(crlf);
      assert.deepStrictEqual(a.spans.map((s) => s.quote), ['one\ntwo', 'three']);
      assert.deepStrictEqual(b.spans.map((s) => s.quote), ['one\ntwo', 'three']);
      assert.strictEqual(b.stripped.text, 'I: one\r\ntwo\r\nP: three\r\n\r\n');
      assert.strictEqual(b.stripped.text.replace(/\r\n/g, '\n'), a.stripped.text);
      assert.deepStrictEqual(b.turns.map((t) => t.speaker), ['I', 'P']);
    });

    it('never puts a \\r into a label, a memo or a block', () => {
      const t = check(
        `
        {{^a x}}{^a #c "memo
        //             ^^^^^ error memo.unterminated
        {{y}}{#d
        //   ^^^ error block.unclosed
        `,
        {
          spans: ['"x" ^a {^a #c "memo"}', '"y" {#d}'],
          also(t, { slice }) {
            for (const b of t.spans.flatMap((s) => s.blocks)) assert.ok(!slice(b.range).includes('\r'));
            assert.ok(!slice(t.spans[0].blocks[0].memo!.range).includes('\r'));
          },
        },
      );
      assert.strictEqual(t.spans[0].label!.name, 'a');
    });

    it('ignores a leading BOM but counts it in offsets', () => {
      const t = parseTranscript('\uFEFFP: {{x}}{#a}');
      assert.strictEqual(t.stripped.text, 'P: x');
      assert.deepStrictEqual(t.stripped.runs.toArray()[0], { strippedStart: 0, sourceStart: 1, length: 3 });
      assert.deepStrictEqual(t.spans[0].open, { start: 4, end: 6 });
      assert.deepStrictEqual(t.turns[0].labelRange, { start: 1, end: 2 });
      assert.strictEqual(t.bodyStart, 0);
    });

    it('counts offsets in UTF-16 code units across emoji and combining accents', () => {
      check(
        `
        P: 😀 {{José 👍🏽}}{#emoji} {{Jose\u0301}}{#comb} 😀}}
        //${' '.repeat(45)}^^ error span.unmatched-closer
        `,
        {
          spans: ['"José 👍🏽" turn=0 {#emoji}', '"Jose\u0301" turn=0 {#comb}'],
          stripped: 'P: 😀 José 👍🏽 Jose\u0301 😀',
          also(t, { slice }) {
            assert.strictEqual(slice(t.spans[0].content), 'José 👍🏽');
            assert.strictEqual(t.spans[0].quoteRange.start, 6); // 'P: ' + 2 units of 😀 + ' '
            assert.strictEqual(t.spans[0].quoteRange.end, 6 + 'José 👍🏽'.length);
            assert.strictEqual(t.spans[1].quote.length, 5);
          },
        },
      );
    });

    it('ends a label or an id at an emoji', () => {
      check(
        `
        {{^a😀 x}}{^a #b😀}
        //        ^^^^^^^^^ error block.no-code
        //            ^^^^ error block.bad-item "Not a valid code id"
        `,
        { spans: ['"😀 x" ^a {^a}'] },
      );
    });
  });

  describe('odd input', () => {
    it('reads an empty file, and one with only whitespace or a BOM', () => {
      for (const text of ['', '\uFEFF', '\n', '\r\n', '   \t\n\n']) {
        const t = parseTranscript(text);
        assertWellFormed(text, t);
        assert.deepStrictEqual([t.spans, t.turns, t.diagnostics, t.frontMatter], [[], [], [], undefined]);
        assert.strictEqual(t.stripped.text, text.replace('\uFEFF', ''));
      }
    });

    it('reads random bytes, NUL bytes and lone surrogates without throwing', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
          for (const text of [Buffer.from(bytes).toString('utf8'), Buffer.from(bytes).toString('latin1')]) {
            assertWellFormed(text, parseTranscript(text));
          }
        }),
        { numRuns: 200 },
      );
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 500 }), (units) => {
          const text = String.fromCharCode(...units);
          assertWellFormed(text, parseTranscript(text));
        }),
        { numRuns: 200 },
      );
      const nasty = '\u0000{{\uD800\u0000}}{#\uDC00 @\uD83D ^\u0000 "\uDFFF}\n\u0000P: {{^\uD800a}}{^a #x}';
      assertWellFormed(nasty, parseTranscript(nasty));
    });

    it('accepts a non-string from JavaScript callers', () => {
      const t = parseTranscript(undefined as unknown as string);
      assert.strictEqual(t.text, '');
    });

    it('parses a 10 MB transcript', function () {
      this.timeout(60000);
      const text = makeTranscript(10 * 1024 * 1024);
      const t0 = Date.now();
      const t = parseTranscript(text);
      const ms = Date.now() - t0;
      assert.ok(text.length >= 10 * 1024 * 1024);
      assert.strictEqual(t.diagnostics.length, 0);
      assert.ok(t.spans.length > 40000, `${t.spans.length} spans`);
      assert.ok(ms < 10000, `took ${ms} ms`);
    });

    it('reads an unclosed front matter in a 10 MB file, and a 10 MB line of openers', function () {
      this.timeout(60000);
      const big = '---\ncase: A\n' + makeTranscript(10 * 1024 * 1024, false);
      const t = parseTranscript(big);
      assert.deepStrictEqual(t.diagnostics.map((d) => d.code), [
        'front-matter.unclosed',
      ]);
      const openers = 'P: ' + '{{'.repeat(2_000_000);
      const u = parseTranscript(openers);
      // The first MAX_SPANS openers are spans, the first MAX_PARSE_DIAGNOSTICS problems
      // are listed, and one more diagnostic counts the rest (parseLimits.test.ts).
      assert.strictEqual(u.spans.length, 100_000);
      assert.strictEqual(u.spans[99_999].parent, 99_998);
      assert.strictEqual(u.diagnostics.length, 10_001);
      assert.strictEqual(u.diagnostics.filter((d) => d.code === 'transcript.too-much-markup').length, 1);
    });
  });
});

describe('transcript: properties', () => {
  const markupHeavy = fc.string({
    unit: fc.constantFrom(...['{', '}', '{{', '}}', '\\', '#', '@', '^', '"', ':', 'a', 'P', 'x', ' ', '\t', '\n', '\r', '\r\n', '😀', '-', '---\n']),
    maxLength: 300,
  });
  const plainUnit = fc.constantFrom(...['a', 'b', 'Z', 'é', 'e\u0301', '😀', ' ', '  ', '\t', '\n', '\r\n', '\r', '#', '@', '"', ':', 'P: ', '.', '-', '\u00a0']);
  const plain = fc.string({ unit: plainUnit, maxLength: 200 });

  it('never throws, and keeps every range inside the text and every invariant, for markup-heavy text', () => {
    fc.assert(
      fc.property(markupHeavy, (text) => {
        assertWellFormed(text, parseTranscript(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('strips nothing from text with no markup characters', () => {
    fc.assert(
      fc.property(plain, (text) => {
        fc.pre(!text.startsWith('---'));
        const t = parseTranscript(text);
        assert.strictEqual(t.stripped.text, text.slice(t.bodyStart));
        assert.deepStrictEqual([t.spans, t.diagnostics], [[], []]);
      }),
      { numRuns: 1000 },
    );
  });

  it('wrapping any part of plain text in {{...}}{#x} or a labelled span leaves the stripped text unchanged', () => {
    fc.assert(
      fc.property(plain, fc.nat(), fc.nat(), fc.boolean(), (text, i, j, labelled) => {
        fc.pre(!text.startsWith('---'));
        const a = Math.min(i, j) % (text.length + 1);
        const b = a + ((Math.max(i, j) - Math.min(i, j)) % (text.length - a + 1));
        const sub = text.slice(a, b);
        const coded = labelled
          ? `${text.slice(0, a)}{{^lbl ${sub}}}{^lbl #x}${text.slice(b)}`
          : `${text.slice(0, a)}{{${sub}}}{#x}${text.slice(b)}`;
        const before = parseTranscript(text);
        const after = parseTranscript(coded);
        assertWellFormed(coded, after);
        assert.strictEqual(after.stripped.text, before.stripped.text);
        assert.deepStrictEqual(after.diagnostics, []);
        assert.strictEqual(after.spans.length, 1);
        assert.strictEqual(after.spans[0].quote, sub.trim().replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 1000 },
    );
  });

  type Tree = string | { children: Tree[]; codes: string[]; coder?: string; memo?: string };
  const { tree } = fc.letrec<{ tree: Tree; node: Tree }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, plain, tie('node')),
    node: fc.record(
      {
        children: fc.array(tie('tree'), { maxLength: 4 }),
        codes: fc.array(fc.constantFrom('a', 'trust', 'relación', 'x.y-z_1', '2nd'), { minLength: 1, maxLength: 3 }),
        coder: fc.constantFrom('LN', 'CA', 'Ñ1'),
        memo: fc.string({ unit: fc.constantFrom('m', ' ', '"', '\\', '{', '}', '😀', '#'), maxLength: 10 }),
      },
      { requiredKeys: ['children', 'codes'] },
    ),
  }));

  /** Renders a tree as coded text; returns its stripped text and the quote of each span in opener order. */
  function render(t: Tree, quotes: string[]): { text: string; stripped: string } {
    if (typeof t === 'string') return { text: t, stripped: t };
    const slot = quotes.length;
    quotes.push('');
    const inner = t.children.map((c) => render(c, quotes));
    const stripped = inner.map((r) => r.stripped).join('');
    quotes[slot] = stripped.trim().replace(/\r\n?/g, '\n');
    const items = t.codes.map((c) => `#${c}`);
    if (t.coder !== undefined) items.push(`@${t.coder}`);
    if (t.memo !== undefined) items.push(`"${t.memo.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
    return { text: `{{${inner.map((r) => r.text).join('')}}}{${items.join(' ')}}`, stripped };
  }

  it('reads randomly nested well-formed coding with no diagnostics and the quotes it was built from', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), (parts) => {
        const quotes: string[] = [];
        const rendered = parts.map((p) => render(p, quotes));
        const text = rendered.map((r) => r.text).join('');
        fc.pre(!text.startsWith('---'));
        const t = parseTranscript(text);
        assertWellFormed(text, t);
        assert.deepStrictEqual(t.diagnostics, []);
        assert.strictEqual(t.stripped.text, rendered.map((r) => r.stripped).join(''));
        assert.deepStrictEqual(t.spans.map((s) => s.quote), quotes);
        for (const s of t.spans) {
          assert.ok(s.blocks.length === 1 && s.blocks[0].codes.length > 0);
          if (s.blocks[0].memo) assert.ok(!s.blocks[0].memo.text.includes('\n'));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same spans, quotes, turns and diagnostic positions with CRLF as with LF', () => {
    const lfText = fc.string({
      unit: fc.constantFrom(...['{{', '}}', '{#a}', '{#b @LN "m"}', '{', '}', '^a ', '\\', 'P: ', 'I: ', 'x', ' ', '\n', '"', '#']),
      maxLength: 80,
    });
    fc.assert(
      fc.property(lfText, (text) => {
        const crlf = text.replace(/\n/g, '\r\n');
        const a = parseTranscript(text);
        const b = parseTranscript(crlf);
        const where = (t: Transcript) => t.diagnostics.map((d) => [d.code, t.lines.range(d.range)]);
        assert.deepStrictEqual(where(b), where(a));
        assert.deepStrictEqual(b.spans.map(spanLine), a.spans.map(spanLine));
        assert.deepStrictEqual(b.turns.map((t) => t.speaker), a.turns.map((t) => t.speaker));
        assert.strictEqual(b.stripped.text.replace(/\r\n/g, '\n'), a.stripped.text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('transcript: fixtures', () => {
  // Larger cases: test/fixtures/transcripts/NAME.md (or .txt) and NAME.expected.json.
  // Run with UPDATE_FIXTURES=1 to write the expected files, then read them before committing.
  const dir = path.join(__dirname, '..', 'fixtures', 'transcripts');
  const names = readdirSync(dir).filter((f) => /\.(md|txt)$/.test(f));

  it('has fixtures', () => assert.ok(names.length >= 4));

  for (const name of names) {
    it(name, () => {
      const file = path.join(dir, name);
      const text = readFileSync(file, 'utf8');
      const expectedFile = file.replace(/\.(md|txt)$/, '.expected.json');
      const actual = describeTranscript(text);
      if (process.env.UPDATE_FIXTURES) writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as unknown;
      assert.deepStrictEqual(actual, expected);
      // The same file with CRLF line ends reads the same.
      assert.deepStrictEqual(describeTranscript(text.replace(/\r?\n/g, '\r\n')), expected);
    });
  }

  /** What a fixture expects: positions as line:column (1-based line, UTF-16 column), quotes, turns. */
  function describeTranscript(text: string): unknown {
    const t = parseTranscript(text);
    assertWellFormed(text, t);
    const at = (o: number) => {
      const p = t.lines.positionAt(o);
      return `${p.line + 1}:${p.character}`;
    };
    const fm = t.frontMatter;
    return {
      frontMatter: fm
        ? Object.fromEntries(Object.entries(fm).filter(([k]) => k !== 'range' && k !== 'raw' && k !== 'coderRange'))
        : null,
      diagnostics: t.diagnostics.map((d) => `${at(d.range.start)}-${at(d.range.end)} ${d.severity} ${d.code}: ${d.message}`),
      turns: t.turns.map((turn) => turnLine(turn, t.lines.positionAt(turn.range.start).line)),
      spans: t.spans.map((s) => `${at(s.open.start)} ${spanLine(s)}`),
      stripped: t.stripped.text.replace(/\r\n/g, '\n').split('\n'),
    };
  }
});

/** A realistic transcript of at least `size` characters: two speakers, a coded span every few lines. */
function makeTranscript(size: number, frontMatter = true): string {
  const out: string[] = frontMatter ? ['---', 'case: C', 'coder: LN', 'speakers:', '  I: Interviewer', '  P: Patient', '---'] : [];
  const words = 'the pills made me dizzy so I skipped a dose and never told anyone about how my therapist knew what she was doing'.split(' ');
  let w = 0;
  const say = (k: number) => Array.from({ length: k }, () => words[w++ % words.length]).join(' ');
  let length = 0;
  for (let i = 0; length < size; i++) {
    const who = i % 7 === 0 ? 'I: ' : i % 7 === 1 ? 'P: ' : '';
    let line: string;
    if (i % 3 === 0) line = `${who}${say(4)} {{${say(6)}}}{#code-${i % 40} @LN "a memo"} ${say(3)}`;
    else if (i % 11 === 0) line = `${who}{{^l${i} ${say(5)} {{${say(3)}}}{#inner}}}{^l${i} #outer}{#x @CA} ${say(2)}`;
    else line = `${who}${say(12)}`;
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n') + '\n';
}
