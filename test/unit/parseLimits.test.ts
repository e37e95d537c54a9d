/**
 * The parse limits (core/transcript/limits.ts): a transcript keeps its first
 * MAX_SPANS spans and MAX_PARSE_DIAGNOSTICS problems, counts the rest exactly in one
 * diagnostic, and its stripped text stays exactly what it is without limits. The
 * shapes are the lines of markup that took gigabytes before; how fast they parse is
 * measured by bench/pathological.ts, not here.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseForCodings, parseTranscript } from '../../core/transcript/parse';
import { validateTranscript } from '../../core/transcript/validate';
import { isLimited, MAX_PARSE_DIAGNOSTICS, MAX_SPANS, withParseLimits } from '../../core/transcript/limits';
import { parseCodebook } from '../../core/codebook/parse';
import { mergeTranscripts } from '../../core/merge/transcripts';
import type { AxialDiagnostic } from '../../core/diagnostics';
import type { Transcript } from '../../core/transcript/types';
import { assertReparseEqualsFullParse } from '../helpers/reparseProperty';

const LIMIT = 'transcript.too-much-markup';

/** The stripped text with no limit in force: the reference the limited parse must equal. */
function unlimitedStripped(text: string): string {
  return withParseLimits({ spans: Infinity, diagnostics: Infinity }, () => parseTranscript(text).stripped.text);
}

function limitOf(t: Transcript): AxialDiagnostic {
  const ds = t.diagnostics.filter((d) => d.code === LIMIT);
  assert.equal(ds.length, 1, 'one limit diagnostic');
  return ds[0];
}

/** The collector, even when node runs without --expose-gc: heap figures then count only what is kept. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapGrowth(fn: () => unknown): { grown: number; kept: unknown } {
  const gc = collector();
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = fn();
  gc();
  return { grown: process.memoryUsage().heapUsed - before, kept };
}

describe('parse limits: each shape at the real limits', function () {
  this.timeout(120000);

  it(`a line of ${(MAX_SPANS + 1234).toLocaleString('en')} openers \`{{a\`: the first ${MAX_SPANS.toLocaleString('en')} are spans, the rest counted`, () => {
    const n = MAX_SPANS + 1234;
    const text = 'P: ' + '{{a'.repeat(n) + '\n';
    const t = parseTranscript(text);
    assert.equal(t.spans.length, MAX_SPANS);
    assert.equal(t.spans[MAX_SPANS - 1].parent, MAX_SPANS - 2);
    assert.equal(t.diagnostics.length, MAX_PARSE_DIAGNOSTICS + 1);
    assert.equal(t.diagnostics.filter((d) => d.code === 'span.unclosed').length, MAX_PARSE_DIAGNOSTICS);
    const limit = limitOf(t);
    assert.equal(limit.severity, 'error');
    assert.deepEqual(limit.data, { spansLeft: 1234, problemsLeft: n - MAX_PARSE_DIAGNOSTICS });
    // At the first item left out: the "never closed" of the 10,001st opener.
    assert.deepEqual(limit.range, { start: 3 + 3 * MAX_PARSE_DIAGNOSTICS, end: 5 + 3 * MAX_PARSE_DIAGNOSTICS });
    assert.equal(
      limit.message,
      `Axial reads the first 100,000 spans of a transcript; 1,234 more from line 1 are not read as codings. Axial lists the first 10,000 problems of a transcript's markup; ${(n - MAX_PARSE_DIAGNOSTICS).toLocaleString('en-US')} more from line 1 are not listed.`,
    );
    assert.equal(t.stripped.text, 'P: ' + 'a'.repeat(n) + '\n');
    assert.ok(isLimited(t));
  });

  it('closers past the span limit still pair with their openers: an outer span kept, its inner ones past the limit', () => {
    const inner = MAX_SPANS + 10;
    const text = 'P: {{^outer x ' + '{{y'.repeat(inner) + '}}{#i}'.repeat(inner) + ' z}}{#o} after\n';
    const t = parseTranscript(text);
    assert.equal(t.spans.length, MAX_SPANS);
    assert.equal(t.spans[0].close?.start, text.indexOf('}}{#o}'));
    assert.deepEqual(t.spans[0].blocks.map((b) => b.codes[0].id), ['o']);
    // The kept inner spans close on the closers after the inner ones left out (innermost first).
    const closers = text.indexOf('}}{#i}');
    assert.equal(t.spans[MAX_SPANS - 1].close?.start, closers + 6 * (inner - MAX_SPANS + 1));
    assert.equal(t.spans[1].close?.start, closers + 6 * (inner - 1));
    assert.deepEqual(
      t.diagnostics.map((d) => d.code),
      [LIMIT],
    );
    assert.deepEqual(limitOf(t).data, { spansLeft: 11, problemsLeft: 0 });
    assert.equal(t.stripped.text, unlimitedStripped(text));
    assert.equal(t.stripped.text, 'P: x ' + 'y'.repeat(inner) + ' z after\n');
  });

  it('a run of stray closers each with a block `}}{#x}`: the first problems listed, the rest counted, no block kept', () => {
    const n = MAX_PARSE_DIAGNOSTICS + 77;
    const text = 'P: ' + '}}{#x}'.repeat(n) + '\n';
    const t = parseTranscript(text);
    assert.equal(t.spans.length, 0);
    assert.equal(t.diagnostics.length, MAX_PARSE_DIAGNOSTICS + 1);
    const limit = limitOf(t);
    assert.deepEqual(limit.data, { spansLeft: 0, problemsLeft: 77 });
    assert.equal(limit.range.start, 3 + 6 * MAX_PARSE_DIAGNOSTICS);
    assert.match(limit.message, /^Axial lists the first 10,000 problems of a transcript's markup; 77 more from line 1 are not listed\.$/);
    assert.equal(t.stripped.text, 'P: \n');
  });

  it('stray closers separated by text `}} a `: the first problems listed, the rest counted', () => {
    const n = 12_345;
    const text = 'P: ' + '}} a '.repeat(n);
    const t = parseTranscript(text);
    assert.equal(t.diagnostics.filter((d) => d.code === 'span.unmatched-closer').length, MAX_PARSE_DIAGNOSTICS);
    assert.deepEqual(limitOf(t).data, { spansLeft: 0, problemsLeft: n - MAX_PARSE_DIAGNOSTICS });
    assert.equal(t.stripped.text, 'P: ' + ' a '.repeat(n));
  });

  it('labelled closers on a deep stack, each closing the lowest open span: every kept span closes on its own closer', () => {
    const n = MAX_SPANS + 500;
    const parts = ['P: '];
    for (let i = 0; i < n; i++) parts.push(`{{^l${i} w`);
    for (let i = 0; i < n; i++) parts.push(`}}{^l${i} #x}`);
    const text = parts.join('') + '\n';
    const t = parseTranscript(text);
    assert.equal(t.spans.length, MAX_SPANS);
    assert.deepEqual(
      t.diagnostics.map((d) => d.code),
      [LIMIT],
    );
    const first = text.indexOf('}}{^l0 ');
    assert.equal(t.spans[0].close?.start, first);
    assert.equal(t.spans[MAX_SPANS - 1].close?.start, text.indexOf(`}}{^l${MAX_SPANS - 1} `));
    assert.equal(t.spans[MAX_SPANS - 1].blocks[0].label?.name, `l${MAX_SPANS - 1}`);
    assert.equal(t.stripped.text, 'P: ' + 'w'.repeat(n) + '\n');
  });

  it('NUL and labelled closers naming no open span: two problems each, the rest counted', () => {
    const n = 6000;
    const text = 'P: ' + '\0}}{^x #a}'.repeat(n) + '\n';
    const t = parseTranscript(text);
    const byCode: Record<string, number> = {};
    for (const d of t.diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
    assert.deepEqual(byCode, { 'label.unknown': 5000, 'span.unmatched-closer': 5000, [LIMIT]: 1 });
    assert.deepEqual(limitOf(t).data, { spansLeft: 0, problemsLeft: 2 * n - MAX_PARSE_DIAGNOSTICS });
    assert.equal(t.stripped.text, 'P: ' + '\0'.repeat(n) + '\n');
  });

  it('NUL and labelled closers naming no open span on a deep stack: each closes the innermost, one problem each', () => {
    const n = 20_000;
    const text = 'P: ' + '{{\0'.repeat(n) + '\0}}{^x #a}'.repeat(n) + '\n';
    const t = parseTranscript(text);
    assert.equal(t.spans.length, n);
    const closers = text.indexOf('\0}}') + 1;
    assert.equal(t.spans[n - 1].close?.start, closers);
    assert.equal(t.spans[0].close?.start, closers + 10 * (n - 1));
    assert.equal(t.diagnostics.filter((d) => d.code === 'label.unknown').length, MAX_PARSE_DIAGNOSTICS);
    assert.deepEqual(limitOf(t).data, { spansLeft: 0, problemsLeft: n - MAX_PARSE_DIAGNOSTICS });
    assert.equal(t.stripped.text, 'P: ' + '\0'.repeat(2 * n) + '\n');
  });

  it('conflict markers share the budget of problems', () => {
    const markers = '<<<<<<< a\n' + '=======\n'.repeat(4) + '>>>>>>> b\n';
    const text = 'P: ' + '}} a '.repeat(MAX_PARSE_DIAGNOSTICS - 2) + '\n' + markers;
    const t = parseTranscript(text);
    assert.equal(t.diagnostics.length, MAX_PARSE_DIAGNOSTICS + 1);
    assert.equal(t.diagnostics.filter((d) => d.code === 'git.conflict-marker').length, 2);
    const limit = limitOf(t);
    assert.deepEqual(limit.data, { spansLeft: 0, problemsLeft: 4 });
    assert.match(limit.message, /4 more from line 4 are not listed/);
  });

  it('exactly at the limits nothing is left out and nothing is said', () => {
    const spans = parseTranscript('P: ' + '{{a}}{#x} '.repeat(MAX_SPANS));
    assert.equal(spans.spans.length, MAX_SPANS);
    assert.deepEqual(spans.diagnostics, []);
    assert.equal(isLimited(spans), false);
    const problems = parseTranscript('P: ' + '}} a '.repeat(MAX_PARSE_DIAGNOSTICS));
    assert.equal(problems.diagnostics.length, MAX_PARSE_DIAGNOSTICS);
    assert.equal(isLimited(problems), false);
  });

  it('parseForCodings keeps the same limits', () => {
    const text = 'P: ' + '{{a'.repeat(MAX_SPANS + 3);
    const t = parseForCodings(text);
    assert.equal(t.spans.length, MAX_SPANS);
    assert.deepEqual(limitOf(t).data, { spansLeft: 3, problemsLeft: MAX_SPANS + 3 - MAX_PARSE_DIAGNOSTICS });
    assert.ok(isLimited(t));
  });
});

describe('parse limits: memory', function () {
  this.timeout(120000);

  it('a line of 1,000,000 stray closers with blocks keeps no object per closer', () => {
    const text = 'P: ' + '}}{#x}'.repeat(1_000_000) + '\n';
    const { grown, kept } = heapGrowth(() => parseTranscript(text));
    const t = kept as Transcript;
    assert.equal(t.diagnostics.length, MAX_PARSE_DIAGNOSTICS + 1);
    // A diagnostic and a block per closer were about 100 bytes each (100 MB here); the
    // text is 6 MB, 10,000 diagnostics about 3 MB.
    assert.ok(grown < 30e6, `heap grew by ${grown} bytes`);
  });

  it('a line of 1,000,000 openers keeps 100,000 spans and numbers for the rest', () => {
    const text = 'P: ' + '{{'.repeat(1_000_000) + '\n';
    const { grown, kept } = heapGrowth(() => parseTranscript(text));
    const t = kept as Transcript;
    assert.equal(t.spans.length, MAX_SPANS);
    // A span and its "never closed" were about 500 bytes (500 MB here); 100,000 spans
    // and 10,000 diagnostics are about 30 MB.
    assert.ok(grown < 80e6, `heap grew by ${grown} bytes`);
  });
});

describe('parse limits: properties with small limits', () => {
  const LIMITS = { spans: 6, diagnostics: 5 };
  const unit = fc.constantFrom('{{', '{{^a ', '{{^b ', '}}', '}}{#x}', '}}{^a #x}', '}}{^b #y}', '}}{^a #x}{^b #y}', '}}{#x', 'w', ' ', '\n', '\0', '\\}', '{#z}');

  it('the stripped text is the one without limits; spans and problems are the first ones, counted exactly (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (body) => {
        const text = 'P: ' + body;
        const free = withParseLimits({ spans: Infinity, diagnostics: Infinity }, () => parseTranscript(text));
        withParseLimits(LIMITS, () => {
          const t = parseTranscript(text);
          assert.equal(t.stripped.text, free.stripped.text);
          assert.deepEqual(t.stripped.runs, free.stripped.runs);
          assert.equal(t.spans.length, Math.min(free.spans.length, LIMITS.spans));
          // The kept spans are the first ones, closed where they close without limits.
          for (let k = 0; k < t.spans.length; k++) {
            assert.deepEqual(t.spans[k].close, free.spans[k].close);
            assert.equal(t.spans[k].quote, free.spans[k].quote);
          }
          const listed = t.diagnostics.filter((d) => d.code !== LIMIT);
          const freeProblems = free.diagnostics.length;
          assert.equal(listed.length, Math.min(freeProblems, LIMITS.diagnostics));
          const spansLeft = free.spans.length - t.spans.length;
          const problemsLeft = freeProblems - listed.length;
          if (spansLeft === 0 && problemsLeft === 0) {
            assert.equal(isLimited(t), false);
            assert.deepEqual(t.diagnostics, free.diagnostics);
          } else {
            assert.deepEqual(limitOf(t).data, { spansLeft, problemsLeft });
            assert.ok(isLimited(t));
          }
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('the incremental re-parse equals the full parse around the limits (property, 300 runs)', () => {
    withParseLimits(LIMITS, () => assertReparseEqualsFullParse({ unit, bodyPieces: 40, insertPieces: 5, deleteChars: 4, numRuns: 300 }));
  });

  it('labelled closers pair as the plain definition says: the innermost open span with the label, else the innermost (property)', () => {
    const tokens = fc.constantFrom('{{', '{{^a ', '{{^b ', '{{^c ', '}}{#x}', '}}{^a #x}', '}}{^b #x}', '}}{^c #x}', '}}{^a #x}{^b #y}', 'w');
    fc.assert(
      fc.property(fc.array(tokens, { maxLength: 40 }), (toks) => {
        let text = 'P: ';
        // The reference: a plain array for the open stack, searched and spliced.
        const open: { index: number; label?: string }[] = [];
        const closes: (number | undefined)[] = [];
        for (const tok of toks) {
          const at = text.length;
          text += tok;
          if (tok.startsWith('{{')) {
            const label = tok.length > 2 ? tok[3] : undefined;
            open.push({ index: closes.length, label });
            closes.push(undefined);
          } else if (tok.startsWith('}}')) {
            const labels = [...tok.matchAll(/\^(\w)/g)].map((m) => m[1]);
            let target = -1;
            for (const l of labels) {
              let found = -1;
              for (let k = open.length - 1; k >= 0; k--) {
                if (open[k].label === l) {
                  found = k;
                  break;
                }
              }
              if (found >= 0 && (target < 0 || target === found)) target = found;
            }
            if (target < 0) target = open.length - 1;
            if (target >= 0) {
              closes[open[target].index] = at;
              open.splice(target, 1);
            }
          }
        }
        const t = parseTranscript(text);
        assert.deepEqual(
          t.spans.map((s) => s.close?.start),
          closes,
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parse limits: checks against the codebook', () => {
  it(`lists the first ${MAX_PARSE_DIAGNOSTICS.toLocaleString('en')} unknown codes, then one diagnostic that counts the rest`, () => {
    const codebook = parseCodebook('version: 1\ncodes:\n  known: {}\n');
    const n = 12_000;
    const text = 'P: ' + '{{a}}{#nope} '.repeat(n) + '\n';
    const t = parseTranscript(text);
    const ds = validateTranscript(t, codebook);
    assert.equal(ds.length, MAX_PARSE_DIAGNOSTICS + 1);
    assert.equal(ds.filter((d) => d.code === 'code.unknown').length, MAX_PARSE_DIAGNOSTICS);
    const last = ds[ds.length - 1];
    assert.equal(last.code, LIMIT);
    assert.equal(last.severity, 'error');
    assert.deepEqual(last.data, { problemsLeft: n - MAX_PARSE_DIAGNOSTICS });
    assert.equal(last.range.start, text.indexOf('#nope') + 13 * MAX_PARSE_DIAGNOSTICS);
    assert.equal(last.message, `Axial lists the first 10,000 problems of a transcript's codes and coders; 2,000 more from line 1 are not listed.`);
    // Under the limit, every problem and nothing more.
    assert.equal(validateTranscript(parseTranscript('P: ' + '{{a}}{#nope} '.repeat(10)), codebook).length, 10);
  });
});

describe('parse limits: merge', () => {
  it('a transcript past the span limit merges as text, keeping every coding of both sides', () => {
    // Spans on separate lines, so that the line merge is clean.
    const line = (i: number, code: string) => `P: {{w${i}}}{#${code}}\n`;
    const base = withParseLimits({ spans: 5, diagnostics: 5 }, () => Array.from({ length: 20 }, (_, i) => line(i, 'a')).join(''));
    const ours = base.replace(line(2, 'a'), line(2, 'b'));
    const theirs = base.replace(line(17, 'a'), line(17, 'c'));
    const merged = withParseLimits({ spans: 5, diagnostics: 5 }, () => mergeTranscripts(base, ours, theirs));
    assert.equal(merged.conflicts, 0);
    assert.equal(merged.text, ours.replace(line(17, 'a'), line(17, 'c')));
    // Without limits the coding merge gives the same text here.
    assert.equal(mergeTranscripts(base, ours, theirs).text, merged.text);
  });
});
