import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTranscript } from '../../core';
import { findLastAtOrBefore, lowerBound, lowerBoundBy, partitionPoint, upperBound, upperBoundBy } from '../../core/text/search';
import { sourceOfStripped, sourceOfStrippedChar, strippedOffsetAt, strippedSlice } from '../../core/transcript/stripped';

/** An ascending array of small integers (with repeats, so ties are tried). */
const ascending = fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 40 }).map((xs) => xs.sort((a, b) => a - b));
const probe = fc.integer({ min: -25, max: 25 });

/** The first index where `pred` holds, by walking: what every search must equal. */
const linearFirst = (xs: ArrayLike<number>, pred: (x: number) => boolean) => {
  for (let i = 0; i < xs.length; i++) if (pred(xs[i])) return i;
  return xs.length;
};

describe('sorted-array search (core/text/search.ts)', () => {
  it('lowerBound, upperBound and findLastAtOrBefore equal a linear scan (property)', () => {
    fc.assert(
      fc.property(ascending, probe, (xs, v) => {
        assert.equal(lowerBound(xs, v), linearFirst(xs, (x) => x >= v));
        assert.equal(upperBound(xs, v), linearFirst(xs, (x) => x > v));
        assert.equal(findLastAtOrBefore(xs, v), linearFirst(xs, (x) => x > v) - 1);
      }),
    );
  });

  it('searches typed arrays in place, as they are', () => {
    fc.assert(
      fc.property(ascending, probe, (xs, v) => {
        const typed = Int32Array.from(xs);
        assert.equal(lowerBound(typed, v), lowerBound(xs, v));
        assert.equal(upperBound(typed, v), upperBound(xs, v));
      }),
    );
  });

  it('partitionPoint and the keyed searches equal a linear scan over objects, also within bounds (property)', () => {
    fc.assert(
      fc.property(ascending, probe, fc.nat(45), fc.nat(45), (xs, v, a, b) => {
        const items = xs.map((k) => ({ k }));
        assert.equal(lowerBoundBy(items, v, (o) => o.k), linearFirst(xs, (x) => x >= v));
        assert.equal(upperBoundBy(items, v, (o) => o.k), linearFirst(xs, (x) => x > v));
        const lo = Math.min(a, b, xs.length);
        const hi = Math.min(Math.max(a, b), xs.length);
        const expected = lo + linearFirst(xs.slice(lo, hi), (x) => x >= v);
        assert.equal(partitionPoint(items, (o) => o.k < v, lo, hi), expected);
      }),
    );
  });

  it('answers at the edges: empty arrays, values below and above all', () => {
    assert.equal(lowerBound([], 3), 0);
    assert.equal(findLastAtOrBefore([], 3), -1);
    assert.equal(findLastAtOrBefore([5, 6], 4), -1);
    assert.equal(lowerBound([1, 2, 2, 3], 2), 1);
    assert.equal(upperBound([1, 2, 2, 3], 2), 3);
    assert.equal(upperBound([1, 2], 9), 2);
  });
});

describe('stripped offsets (core/transcript/stripped.ts)', () => {
  const source = fc
    .array(fc.constantFrom('a', 'b', ' ', '\n', 'P: ', '{{', '}}', '{#c}', '{#c @X}', '\\{', '^l', '{{^l ', '}}^l'), { maxLength: 30 })
    .map((parts) => parts.join(''));

  it('maps every stripped character to the source character it came from, and back (property)', () => {
    fc.assert(
      fc.property(source, (text) => {
        const t = parseTranscript(text);
        const s = t.stripped.text;
        for (let i = 0; i < s.length; i++) {
          const src = sourceOfStripped(t, i);
          assert.equal(sourceOfStrippedChar(t.stripped, i), src);
          assert.equal(text[src], s[i]);
          assert.equal(strippedOffsetAt(t, src), i);
          assert.equal(strippedOffsetAt(t, src + 1), i + 1);
        }
        assert.equal(sourceOfStrippedChar(t.stripped, s.length), undefined);
        assert.equal(strippedOffsetAt(t, text.length), s.length);
        assert.equal(strippedSlice(t, { start: 0, end: text.length }), s);
      }),
    );
  });

  it('slices a source range without its markup', () => {
    const t = parseTranscript('P: {{good \\{day}}{#c} there\n');
    const from = t.text.indexOf('good');
    assert.equal(strippedSlice(t, { start: from, end: t.text.indexOf(' there') }), 'good {day');
    assert.equal(strippedOffsetAt(t, t.text.indexOf('{{')), 3);
    assert.equal(strippedOffsetAt(t, from), 3, 'the opener counts nothing');
  });
});
