import * as assert from 'node:assert/strict';
import { slugOf } from '../../core/text';

describe('slugOf (file names from titles: memos, saved reports)', () => {
  it('drops accents, lowers case and joins words with single dashes', () => {
    assert.equal(slugOf('Lucía — Ñandú: The Study!'), 'lucia-nandu-the-study');
  });

  it('is empty when nothing is left, and at most the given length', () => {
    assert.equal(slugOf('  ?? '), '');
    assert.equal(slugOf('ab '.repeat(50), 10), 'ab-ab-ab-a');
    assert.equal(slugOf('x'.repeat(200)).length, 60);
  });
});
