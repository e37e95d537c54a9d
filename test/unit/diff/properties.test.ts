import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseTranscript } from '../../../core';
import { diffTranscripts } from '../../../core/diff/transcript';

/**
 * Properties of the transcript diff on generated transcripts: two codings of the
 * same words differ exactly by the set difference of their (range, coder, codes),
 * and an edit of the words outside every span changes no coding.
 */

const WORDS = ['we', 'trusted', 'her', 'then', 'left', 'it', 'was', 'hard', 'sí', '😀'];
const CODES = ['a', 'b', 'c'];
const CODERS = ['LN', 'CA'];

/** Disjoint spans over word indexes, each with its codes per coder. */
type Spans = Map<string, Map<string, Set<string>>>; // "from-to" → coder → codes

const arbWords = fc.array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 30 });

/** A coding of n words: disjoint spans at random word ranges, codes per coder. */
function arbSpans(n: number): fc.Arbitrary<Spans> {
  return fc
    .array(fc.record({ at: fc.nat(n - 1), len: fc.integer({ min: 1, max: 3 }), coder: fc.constantFrom(...CODERS), codes: fc.subarray(CODES, { minLength: 1 }) }), { maxLength: 6 })
    .map((list) => {
      const spans: Spans = new Map();
      let end = -1;
      for (const s of [...list].sort((x, y) => x.at - y.at)) {
        const from = s.at;
        const to = Math.min(n, s.at + s.len);
        if (from <= end && !spans.has(`${from}-${to}`)) continue; // keep spans disjoint
        const key = `${from}-${to}`;
        if (!spans.has(key)) spans.set(key, new Map());
        const byCoder = spans.get(key)!;
        byCoder.set(s.coder, new Set([...(byCoder.get(s.coder) ?? []), ...s.codes]));
        end = to - 1;
      }
      return spans;
    });
}

/** The transcript: `P: ` then the words, with the spans' markup. */
function render(words: string[], spans: Spans, prefix = ''): string {
  const out: string[] = [];
  const opens = new Map<number, string>();
  const closes = new Map<number, string>();
  for (const [key, byCoder] of spans) {
    const [from, to] = key.split('-').map(Number);
    opens.set(from, '{{');
    closes.set(to - 1, '}}' + [...byCoder].map(([coder, codes]) => `{${[...codes].map((c) => `#${c}`).join(' ')} @${coder}}`).join(''));
  }
  words.forEach((w, i) => out.push(`${opens.get(i) ?? ''}${w}${closes.get(i) ?? ''}`));
  return `${prefix}P: ${out.join(' ')}\n`;
}

describe('diffTranscripts (properties)', () => {
  it('two codings of the same words differ by exactly the set difference of (range, coder, codes)', () => {
    fc.assert(
      fc.property(
        arbWords.chain((w) => fc.tuple(fc.constant(w), arbSpans(w.length), arbSpans(w.length))),
        ([words, a, b]) => {
          const d = diffTranscripts(parseTranscript(render(words, a)), parseTranscript(render(words, b)));
          assert.equal(d.textChanged, false);
          const expected: string[] = [];
          const keys = new Set<string>();
          for (const [k, m] of a) for (const c of m.keys()) keys.add(`${k}|${c}`);
          for (const [k, m] of b) for (const c of m.keys()) keys.add(`${k}|${c}`);
          for (const key of keys) {
            const [range, coder] = key.split('|');
            const was = [...(a.get(range)?.get(coder) ?? [])].sort().join(',');
            const now = [...(b.get(range)?.get(coder) ?? [])].sort().join(',');
            const quote = range
              .split('-')
              .map(Number)
              .reduce((from, to) => words.slice(from, to).join(' ') as unknown as number) as unknown as string;
            if (!was && now) expected.push(`coded ${now} ${coder} ${quote}`);
            else if (was && !now) expected.push(`uncoded ${was} ${coder} ${quote}`);
            else if (was !== now) expected.push(`recoded ${now} ${coder} ${quote}`);
          }
          const actual = d.changes.map((c) => `${c.kind} ${c.codes.join(',')} ${c.coder} ${c.quote}`);
          assert.deepEqual(actual.sort(), expected.sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('words added before, between or after the spans change no coding, and are a text change', () => {
    fc.assert(
      fc.property(
        arbWords.chain((w) => fc.tuple(fc.constant(w), arbSpans(w.length), fc.nat(w.length), fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }))),
        ([words, spans, at, extra]) => {
          // Insert the extra words at a word boundary that is inside no span.
          const inside = [...spans.keys()].some((k) => {
            const [from, to] = k.split('-').map(Number);
            return at > from && at < to;
          });
          fc.pre(!inside);
          const shifted: Spans = new Map(
            [...spans].map(([k, v]) => {
              const [from, to] = k.split('-').map(Number);
              return [from >= at ? `${from + extra.length}-${to + extra.length}` : k, v];
            }),
          );
          const newWords = [...words.slice(0, at), ...extra, ...words.slice(at)];
          const d = diffTranscripts(parseTranscript(render(words, spans)), parseTranscript(render(newWords, shifted, 'I: a new question\n')));
          assert.equal(d.textChanged, true);
          assert.deepEqual(d.changes, []);
        },
      ),
      { numRuns: 300 },
    );
  });
});
