import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../../core';
import { agreementFile, cohenKappaOf, computeAgreement, krippendorffAlpha, percentAgreement, unitsOf, type UnitKind } from '../../../core/agreement';
import { Marks } from '../../../core/agreement/marks';
import { extractCodings } from '../../../core/codings/extract';

const CODERS = ['A', 'B', 'C'];
const CODES = ['x', 'y'];

/** A random transcript: optional text before the first turn, turns of words (some adjacent, some across lines), spans with random coders and inner spaces. */
const wordArb = fc.record({
  word: fc.constantFrom('yes', 'no', 'well', 'é', '😀'),
  sep: fc.constantFrom(' ', '', '\n', '  '),
  pad: fc.constantFrom('', ' ', '\n', '\n '),
  code: fc.option(fc.record({ code: fc.constantFrom(...CODES), coder: fc.constantFrom(...CODERS) }), { freq: 2 }),
});
const transcriptArb = fc
  .record({
    preamble: fc.constantFrom('', 'Recorded at home.\n', '\n'),
    turns: fc.array(fc.record({ speaker: fc.constantFrom('I', 'P'), words: fc.array(wordArb, { minLength: 1, maxLength: 6 }) }), { minLength: 1, maxLength: 6 }),
  })
  .map(
    ({ preamble, turns }) =>
      preamble +
      turns
        .map((t) => `${t.speaker}: ${t.words.map((w) => (w.code ? `{{${w.pad}${w.word}${w.pad}}}{#${w.code.code} @${w.code.coder}}` : w.word) + w.sep).join('')}`)
        .join('\n') +
      '\n',
  );

/** Brute force: every unit × coder value from a plain overlap test, then the textbook statistics. */
function bruteForce(text: string, kind: UnitKind, coders: string[], code: string) {
  const t = parseTranscript(text);
  const s = t.stripped.text;
  const units = unitsOf(t, kind);
  const codings = extractCodings(t).codings;
  const rows = coders.map((coder) =>
    Array.from(units.starts, (us, u) => {
      const ue = units.ends[u];
      return codings.some((c) => {
        if (c.coder !== coder || c.code !== code) return false;
        const q = s.slice(c.start, c.end);
        const a = c.start + (q.length - q.trimStart().length);
        const b = c.end - (q.length - q.trimEnd().length);
        return a < ue && b > us;
      })
        ? 1
        : 0;
    }),
  );
  return rows;
}

describe('agreement properties', () => {
  it('per code, equals the statistics of the full unit × coder matrix built by brute force', () => {
    fc.assert(
      fc.property(transcriptArb, fc.constantFrom<UnitKind>('turn', 'line', 'char'), (text, kind) => {
        const file = agreementFile('t.md', parseTranscript(text));
        const present = CODERS.filter((c) => file.codings.some((x) => x.coder === c));
        fc.pre(present.length >= 2);
        const coders = present.slice(0, 2);
        const r = computeAgreement([file], { coders, unit: kind, codes: CODES });
        for (const [k, code] of CODES.entries()) {
          const rows = bruteForce(text, kind, coders, code);
          const got = r.codes[k];
          assert.equal(got.units, rows[0].length);
          assert.deepEqual(got.marked, { [coders[0]]: rows[0].reduce((a: number, b) => a + b, 0), [coders[1]]: rows[1].reduce((a: number, b) => a + b, 0) });
          const close = (x: number | null, y: number | null) => (x === null || y === null ? assert.equal(x, y) : assert.ok(Math.abs(x - y) < 1e-9, `${x} vs ${y}`));
          close(got.alpha.value, krippendorffAlpha(rows).value);
          close(got.kappa.value, cohenKappaOf(rows[0], rows[1]).value);
          const agree = rows[0].filter((v, u) => v === rows[1][u]).length;
          close(got.percent.value, rows[0].length ? agree / rows[0].length : percentAgreement([]).value);
          const differing = rows[0].filter((v, u) => v !== rows[1][u]).length;
          const listed = r.disagreements.filter((d) => d.code === code).reduce((n, d) => n + d.units, 0);
          assert.equal(listed, differing);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Marks: the Map fallback answers exactly as the typed arrays, across files', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.nat(63), fc.nat(2), fc.nat(9)), { maxLength: 40 }), { minLength: 1, maxLength: 4 }), (files) => {
        const dense = new Marks();
        const sparse = new Marks(0);
        for (const marks of files) {
          dense.reset(64);
          sparse.reset(64);
          for (const [key, coder, coding] of marks) {
            dense.mark(key, 1 << coder, coding);
            sparse.mark(key, 1 << coder, coding);
          }
          assert.deepEqual(sparse.touched, dense.touched);
          for (let key = 0; key < 64; key++) assert.equal(sparse.get(key), dense.get(key));
          for (const key of dense.touched) assert.equal(sparse.first(key), dense.first(key));
        }
      }),
    );
  });
});
