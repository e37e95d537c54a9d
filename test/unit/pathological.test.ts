/**
 * Pathological shapes of transcript (long runs of closers, tens of thousands of
 * nested spans, thousands of speakers): the parser, the checks and the incremental
 * re-parse give the same results on them as the plain definitions do. How fast
 * they are is measured by bench/pathological.ts, not here.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseTranscript } from '../../core/transcript/parse';
import { reparseTranscript } from '../../core/transcript/reparse';
import type { Transcript } from '../../core/transcript/types';
import { isTrimSpace } from '../../core/transcript/chars';
import { parseDocument } from 'yaml';
import { ProjectIndex } from '../../core/project/index';
import { MIN_QUOTE_READ, QUOTE_BUDGET_FACTOR, quoteReadLimit, readableQuote } from '../../core/transcript/quoteLimit';
import { codeCooccurrence } from '../../core/analysis/cooccurrence';
import { assertReparseEqualsFullParse } from '../helpers/reparseProperty';
import { documentSymbols, MAX_OUTLINE_DEPTH, MAX_OUTLINE_ENTRIES, type SymbolEntry } from '../../core/features/symbols';

/** The stripped offset of a source offset: how many stripped characters come from before it. */
function strippedAt(t: Transcript, x: number): number {
  let at = 0;
  for (const r of t.stripped.runs.toArray()) {
    if (r.sourceStart >= x) break;
    at = r.strippedStart + Math.min(r.length, x - r.sourceStart);
  }
  return at;
}

/** The quote range by its definition: the span's stripped content, trimmed. */
function referenceQuoteRange(t: Transcript, k: number): { start: number; end: number } {
  const s = t.spans[k];
  const text = t.stripped.text;
  let from = strippedAt(t, s.content.start);
  let to = s.close ? strippedAt(t, s.content.end) : text.length;
  while (from < to && isTrimSpace(text.charCodeAt(from))) from++;
  while (to > from && isTrimSpace(text.charCodeAt(to - 1))) to--;
  return { start: from, end: to };
}

function assertQuotesAsDefined(t: Transcript): void {
  for (let k = 0; k < t.spans.length; k++) {
    const s = t.spans[k];
    const r = referenceQuoteRange(t, k);
    assert.deepEqual(s.quoteRange, r, `quote range of span ${k}`);
    assert.equal(s.quote, t.stripped.text.slice(r.start, r.end).replace(/\r\n?/g, '\n'), `quote of span ${k}`);
  }
}

const countBy = (t: Transcript) => {
  const m: Record<string, number> = {};
  for (const d of t.diagnostics) m[d.code] = (m[d.code] ?? 0) + 1;
  return m;
};

describe('pathological transcripts: results', () => {
  it('quote ranges are the trimmed stripped content of each span, for markup-heavy text (property)', () => {
    const unit = fc.constantFrom(...['{{', '}}', '{#a}', '{^x #a}', '{{^x ', '{', '}', '\\{', ' ', '\t', '\r', '\n', '\r\n', 'a', 'é', '😀', '\u00a0']);
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (body) => assertQuotesAsDefined(parseTranscript('P: ' + body))),
      { numRuns: 1500 },
    );
  });

  it('a run of 2n closers on one line: one unmatched-closer diagnostic that covers the run and counts it', () => {
    const n = 40000;
    const t = parseTranscript('P: ' + '}}'.repeat(n));
    assert.deepEqual(countBy(t), { 'span.unmatched-closer': 1 });
    const d = t.diagnostics[0];
    assert.deepEqual(d.range, { start: 3, end: 3 + 2 * n });
    assert.equal(d.data?.count, n);
    assert.ok(d.message.startsWith('These 40,000 `}}` close no span'), d.message);
    assert.equal(t.stripped.text, 'P: ');
    assert.deepEqual(t.stripped.runs.toArray(), [{ strippedStart: 0, sourceStart: 0, length: 3 }]);
  });

  it('5 stray closers: one diagnostic with the count and the range of the run', () => {
    const t = parseTranscript('P: well }}}}}}}}}} then');
    assert.equal(t.diagnostics.length, 1);
    const d = t.diagnostics[0];
    assert.equal(d.code, 'span.unmatched-closer');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, { start: 8, end: 18 });
    assert.deepEqual(d.data, { count: 5 });
    assert.equal(d.message, 'These 5 `}}` close no span: add `{{` where the coded text starts, or write `\\}` for a literal brace.');
    assert.equal(t.stripped.text, 'P: well  then');
  });

  it('a single stray closer keeps its own message; runs break at text, blocks, openers and line ends', () => {
    const t = parseTranscript('P: }} x }}}}{#a}}}}} {{y}}{#b}}}}}\n}}}}');
    const shape = t.diagnostics.filter((d) => d.code === 'span.unmatched-closer').map((d) => [d.range.start, d.range.end, d.data?.count ?? 1]);
    // `}}` alone; `}}` + `}}{#a}` (the second has a block: reported on its own);
    // `}}}}` after the block; `}}}}` after the span's closer; `}}}}` on the next line.
    assert.deepEqual(shape, [
      [3, 5, 1],
      [8, 10, 1],
      [10, 12, 1],
      [16, 20, 2],
      [30, 34, 2],
      [35, 39, 2],
    ]);
    assert.equal(t.diagnostics[0].message, 'This `}}` closes no span: add `{{` where the coded text starts, or write `\\}` for a literal brace.');
    assert.equal(t.diagnostics[0].data, undefined);
  });

  it('1e6 stray closers on one line: one diagnostic, no per-closer objects kept', () => {
    const n = 1e6;
    const text = 'P: x ' + '}}'.repeat(n) + ' y\n';
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const t = parseTranscript(text);
    gc?.();
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(t.diagnostics.length, 1);
    assert.equal(t.diagnostics[0].data?.count, n);
    assert.equal(t.spans.length, 0);
    assert.equal(t.stripped.runs.count, 2);
    // One object per closer was about 110 bytes each (110 MB here); the text is 2 MB.
    // Loose, as the collector may not have run when --expose-gc is off.
    assert.ok(grown < 40e6, `heap grew by ${grown} bytes`);
  });

  it('the incremental re-parse equals the full parse when edits split, join and extend runs of stray closers', () => {
    const unit = fc.constantFrom('}}', '}}', '}}', '{#a}', '{{', 'x', ' ', '\n', '}');
    assertReparseEqualsFullParse({ unit, bodyPieces: 60, insertPieces: 6, deleteChars: 3, numRuns: 1500 });
  });

  it('an odd run of closers keeps its first brace as text, and the rest pair up from the right', () => {
    const n = 40000;
    const t = parseTranscript('P: {{x' + '}'.repeat(2 * n + 1) + '{#a}');
    assert.equal(t.spans.length, 1);
    assert.equal(t.spans[0].quote, 'x}');
    // Closers are read left to right: the first pair closes the span (without a block).
    assert.equal(t.spans[0].close!.start, 'P: {{x}'.length);
    // The n - 2 stray closers without a block are one diagnostic; the last, with `{#a}`, its own.
    assert.deepEqual(countBy(t), { 'span.closer-without-block': 1, 'span.unmatched-closer': 2 });
    assert.deepEqual(
      t.diagnostics.filter((d) => d.code === 'span.unmatched-closer').map((d) => d.data?.count ?? 1),
      [n - 2, 1],
    );
  });

  for (const [name, br] of [
    ['lone CR', '\r'],
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['space', ' '],
  ] as const) {
    it(`50,000 nested spans separated by ${name}: every quote is its span's content, trimmed (CRLF and lone CR read as LF)`, () => {
      const n = 50000;
      const t = parseTranscript('P: ' + `{{a${br}`.repeat(n) + `}}{#roles}${br}`.repeat(n));
      assert.equal(t.spans.length, n);
      assert.deepEqual(t.diagnostics, []);
      const sep = br === '\r\n' || br === '\r' ? '\n' : br;
      for (const k of [0, 1, n >> 1, n - 2, n - 1]) {
        const s = t.spans[k];
        assert.equal(s.parent, k === 0 ? undefined : k - 1);
        assert.equal(s.quote.length, (n - k) * (1 + sep.length) - sep.length);
        assert.equal(s.quote, `a${sep}`.repeat(n - k - 1) + 'a');
      }
    });
  }

  it('nested spans of whitespace only have empty quotes at the end of their content', () => {
    // Small enough for the reference (quadratic on this shape) to check every span.
    const n = 2000;
    const t = parseTranscript('P: x' + '{{ '.repeat(n) + '}}{#a} '.repeat(n));
    assert.equal(t.spans.length, n);
    assertQuotesAsDefined(t);
    assert.ok(t.spans.every((s) => s.quote === ''));
  });

  it('the quote checks of many nested spans equal the definition', () => {
    const t = parseTranscript('P: ' + '{{a \r\n '.repeat(1000) + ' b}}{#a}  \r'.repeat(500) + '}}{#b}\n'.repeat(500));
    assertQuotesAsDefined(t);
  });

  it('re-parsing an edit inside a run of closers or deep nesting equals a full parse', () => {
    for (const text of ['P: ' + '}}'.repeat(5000), 'P: ' + '{{a\r'.repeat(5000) + '}}{#roles}\r'.repeat(5000), 'P: ' + '{{a\n'.repeat(5000) + '}}{#roles}\n'.repeat(5000)]) {
      for (const at of [3, text.length >> 1, text.length - 1]) {
        for (const edit of ['x', '}', '{{', '\n']) {
          const changed = text.slice(0, at) + edit + text.slice(at);
          const incremental = reparseTranscript(parseTranscript(text), changed);
          const fresh = parseTranscript(changed);
          assert.deepEqual(incremental.diagnostics, fresh.diagnostics);
          assert.deepEqual(incremental.spans, fresh.spans);
          assert.equal(incremental.stripped.text, fresh.stripped.text);
        }
      }
    }
  });
});

describe('pathological transcripts: speakers', () => {
  const speakersDoc = (n: number) => {
    const keys = Array.from({ length: n }, (_, i) => `  S${i}: role ${i}`).join('\n');
    const body = Array.from({ length: n }, (_, i) => `S${n - 1 - i}: hello {{there}}{#a}\n`).join('');
    return `---\nspeakers:\n${keys}\n  S: short\n---\n${body}S: the shortest\nS1x: undeclared\n`;
  };

  it('10,000 declared speakers: every turn finds its speaker and role, the longest label first', () => {
    const n = 10000;
    const t = parseTranscript(speakersDoc(n));
    assert.deepEqual(t.diagnostics, []);
    assert.equal(t.turns.length, n + 1);
    for (const k of [0, 1, 4999, n - 1]) {
      assert.equal(t.turns[k].speaker, `S${n - 1 - k}`);
      assert.equal(t.turns[k].role, `role ${n - 1 - k}`);
    }
    assert.equal(t.turns[n].speaker, 'S');
    assert.equal(t.turns[n].role, 'short');
    assert.equal(t.spans[n - 1].turn, n - 1);
  });

  it('an edit among 10,000 speakers re-parses to the full parse', () => {
    const text = speakersDoc(10000);
    const at = text.indexOf('S5000: hello');
    const changed = text.slice(0, at) + 'S17: x\n' + text.slice(at);
    const incremental = reparseTranscript(parseTranscript(text), changed);
    assert.deepEqual(incremental.turns, parseTranscript(changed).turns);
  });

  it('repeated front matter keys are reported where the yaml package reports them (property)', () => {
    const key = fc.constantFrom('a', 'b', '"a"', "'b'", '1', '01', '1.0', 'null', '~', '""', '.nan', 'x-a', 'true');
    const entry = fc.tuple(key, fc.constantFrom('1', 'v', '{a: 1, a: 2}', '[a, b]', '{b: 1, "b": 2, c: 3}', '\n    a: 1\n    a: 2'));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const yamlText = entries.map(([k, v]) => `x-${k}: 0\n${k}: ${v}\n`).join('');
        const expected = parseDocument(yamlText, { prettyErrors: false })
          .errors.filter((e) => e.code === 'DUPLICATE_KEY')
          .map((e) => 4 + e.pos[0]);
        const got = parseTranscript(`---\n${yamlText}---\nP: hi\n`)
          .diagnostics.filter((d) => d.data?.yamlCode === 'DUPLICATE_KEY')
          .map((d) => d.range.start);
        assert.deepEqual(got, expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('pathological transcripts: outline', () => {
  const outlineOf = (text: string) => {
    const index = new ProjectIndex();
    index.setFile('file:///p/codebook.yaml', 'codes:\n  a: {}\n');
    index.setFile('file:///p/transcripts/t.md', text);
    return documentSymbols(index, 'file:///p/transcripts/t.md');
  };
  const walk = (entries: SymbolEntry[], depth: number, visit: (e: SymbolEntry, depth: number) => void) => {
    // Iterative, as the outline of a broken cap could be deeper than the stack.
    const stack: [SymbolEntry, number][] = entries.map((e) => [e, depth]);
    while (stack.length) {
      const [e, d] = stack.pop()!;
      visit(e, d);
      for (const c of e.children) {
        assert.ok(e.range.start <= c.range.start && c.range.end <= e.range.end, 'a child lies inside its parent');
        stack.push([c, d + 1]);
      }
    }
  };

  it(`lists the first ${MAX_OUTLINE_ENTRIES} spans of 50,000 nested ones, at most ${MAX_OUTLINE_DEPTH} deep, then counts the rest`, () => {
    const n = 50000;
    const out = outlineOf('P: ' + '{{a\r'.repeat(n) + '}}{#a}\r'.repeat(n));
    let spans = 0;
    let deepest = 0;
    walk(out, 0, (e, d) => {
      if (e.name === '#a') spans++;
      deepest = Math.max(deepest, d);
      assert.ok((e.detail ?? '').length <= 61, 'details are short');
    });
    assert.equal(spans, MAX_OUTLINE_ENTRIES - 1); // and the turn
    assert.equal(deepest, MAX_OUTLINE_DEPTH); // under the turn at depth 0
    const last = out[out.length - 1];
    assert.equal(last.name, `… ${n - MAX_OUTLINE_ENTRIES + 1} more spans`);
  });

  it('an outline within the limits is complete, and counts turns and spans past them', () => {
    const small = outlineOf('P: {{a {{b}}{#a} c}}{#a}\nI: x\n');
    assert.deepEqual(
      small.map((e) => [e.name, e.children.map((c) => [c.name, c.detail, c.children.map((g) => g.detail)])]),
      [
        ['P', [['#a', 'a b c', ['b']]]],
        ['I', []],
      ],
    );
    const many = outlineOf('P: {{x}}{#a}\n'.repeat(6000));
    assert.equal(many.length, MAX_OUTLINE_ENTRIES / 2 + 1);
    assert.equal(many[many.length - 1].name, '… 1000 more turns and 1000 more spans');
  });
});

describe('pathological transcripts: whole-project readers', () => {
  const indexOf = (text: string, codebook = 'codes:\n  a:\n    examples: ["a b a", "not there"]\n') => {
    const index = new ProjectIndex();
    index.setFile('file:///p/codebook.yaml', codebook);
    index.setFile('file:///p/transcripts/t.md', text);
    return index;
  };

  it('ordinary transcripts are read whole; 50,000 nested spans each to an equal share of a budget', () => {
    const plain = indexOf('P: {{a b}}{#a}\n'.repeat(20000)).entry('file:///p/transcripts/t.md')!.transcript;
    assert.equal(quoteReadLimit(plain), Infinity);
    const n = 50000;
    const text = 'P: ' + '{{a b\r'.repeat(n) + '}}{#a}\r'.repeat(n);
    const nested = indexOf(text).entry('file:///p/transcripts/t.md')!.transcript;
    const limit = quoteReadLimit(nested);
    assert.ok(limit >= MIN_QUOTE_READ && limit * n <= QUOTE_BUDGET_FACTOR * text.length + 1_000_000 + MIN_QUOTE_READ * n, `limit ${limit}`);
    assert.equal(readableQuote(nested, nested.spans[0]).length, limit);
  });

  it('examples are found in nested spans as in flat ones (only outermost quotes are read)', () => {
    const messages = (text: string) => {
      const index = indexOf(text);
      return index.codebookDiagnostics(index.projects()[0]).map((d) => d.message);
    };
    const expected = [`Example not found: no quote coded with 'a' contains "not there".`];
    assert.deepEqual(messages('P: {{x}}{#a} {{A  b\n a}}{#a}\n'), expected);
    assert.deepEqual(messages('P: {{x {{y {{A b a}}{#b} z}}{#a} w}}{#a}\n'), expected);
    assert.deepEqual(messages('P: ' + '{{a b\r'.repeat(50000) + '}}{#a}\r'.repeat(50000)), expected);
    assert.equal(messages('P: {{x}}{#a}\n').length, 2);
  });

  it('co-occurrence over 20,000 nested spans in one turn counts each code once per turn', () => {
    const index = indexOf('P: ' + '{{a\r'.repeat(10000) + '}}{#a}\r}}{#b}\r'.repeat(5000), 'codes:\n  a: {}\n  b: {}\n');
    const c = codeCooccurrence(index.projects()[0]);
    assert.deepEqual(
      c.cells.map((x) => [x.a, x.b, x.count]),
      [
        ['a', 'a', 5000],
        ['a', 'b', 1],
        ['b', 'b', 5000],
      ],
    );
  });
});
