import * as assert from 'node:assert/strict';
import { plural } from '../../core/text';

/** The one plural helper of hovers, tree labels, pictures, refactoring summaries and the status bar. */
describe('plural', () => {
  it('writes the count and the noun, singular only for exactly one', () => {
    assert.equal(plural(1, 'quote'), '1 quote');
    assert.equal(plural(0, 'quote'), '0 quotes');
    assert.equal(plural(2, 'case'), '2 cases');
  });

  it('takes an irregular plural', () => {
    assert.equal(plural(3, 'child', 'children'), '3 children');
    assert.equal(plural(1, 'child', 'children'), '1 child');
  });
});
