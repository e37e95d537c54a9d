import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance } from '../../../core/codebook/nearest';
import { boundedDistance } from '../../../core/features/fixes/distance';

describe('bounded edit distance (did you mean over large codebooks)', () => {
  it('equals the codebook edit distance, capped at max + 1', () => {
    const s = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', 'é', '😀'), maxLength: 14 });
    fc.assert(
      fc.property(s, s, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
        assert.equal(boundedDistance(a, b, max), Math.min(editDistance(a, b), max + 1));
      }),
      { numRuns: 3000 },
    );
  });

  it('counts an adjacent swap as one edit', () => {
    assert.equal(boundedDistance('trsut', 'trust', 3), 1);
    assert.equal(boundedDistance('expertize', 'expertise', 3), 1);
    assert.equal(boundedDistance('abc', 'xyz', 2), 3);
    assert.equal(boundedDistance('', 'ab', 3), 2);
  });
});
