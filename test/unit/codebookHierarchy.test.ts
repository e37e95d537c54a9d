import * as assert from 'node:assert/strict';
import { parseCodebook } from '../../core';
import { descendantIds, isSelfOrAncestor } from '../../core/codebook/hierarchy';

/** A code's descendants: one rule for the codebook quick fixes, refactorings and the client's move picker. */
describe('codebook hierarchy: descendants', () => {
  const cb = parseCodebook(
    [
      'codes:',
      '  top: {kind: category}',
      '  mid: {parent: top}',
      '  leaf: {parent: mid}',
      '  other: {parent: top}',
      '  loose: {parent: nowhere}',
      '  cyc-a: {parent: cyc-b}',
      '  cyc-b: {parent: cyc-a}',
      '  under-cycle: {parent: cyc-a}',
      '',
    ].join('\n'),
  );
  const ofCodebook = (id: string) => descendantIds(cb.codes.values(), (c) => c.parent?.value, id).sort();
  /** The client's codebook entries: plain `{ id, parent }`. */
  const entries = [...cb.codes.values()].map((c) => ({ id: c.id, parent: c.parent?.value }));
  const ofEntries = (id: string) => descendantIds(entries, (c) => c.parent, id).sort();

  it('lists children, their children and so on, but not the code itself', () => {
    assert.deepEqual(ofCodebook('top'), ['leaf', 'mid', 'other']);
    assert.deepEqual(ofCodebook('mid'), ['leaf']);
    assert.deepEqual(ofCodebook('leaf'), []);
  });

  it('follows the links as written: an unknown parent and a parent cycle', () => {
    assert.deepEqual(ofCodebook('nowhere'), ['loose']);
    assert.deepEqual(ofCodebook('cyc-a'), ['cyc-b', 'under-cycle']);
    assert.deepEqual(ofCodebook('cyc-b'), ['cyc-a', 'under-cycle']);
  });

  it('gives the same answer on the client’s codebook entries', () => {
    for (const id of [...cb.codes.keys(), 'nowhere']) assert.deepEqual(ofEntries(id), ofCodebook(id), id);
  });

  it('knows when a code is itself or above another (stops on a cycle)', () => {
    assert.ok(isSelfOrAncestor(cb, 'top', 'leaf'));
    assert.ok(isSelfOrAncestor(cb, 'leaf', 'leaf'));
    assert.ok(!isSelfOrAncestor(cb, 'leaf', 'top'));
    assert.ok(isSelfOrAncestor(cb, 'cyc-b', 'under-cycle'));
    assert.ok(!isSelfOrAncestor(cb, 'top', 'under-cycle'));
  });
});
