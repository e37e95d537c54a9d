/**
 * The status bar's counts (core/features/counts.ts): codes are the active codes a
 * coder can apply, as the tree, the pictures and the reports count them.
 */
import * as assert from 'node:assert/strict';
import { ProjectIndex, projectCounts } from '../../core';

describe('project counts', () => {
  it('count active codes and categories apart, and leave deprecated codes out', () => {
    const index = new ProjectIndex();
    index.setFile(
      'file:///p/codebook.yaml',
      ['version: 1', 'codes:', '  trust: {kind: category}', '  early: {parent: trust}', '  late: {parent: trust}', '  old: {status: deprecated, replaced_by: early}', ''].join('\n'),
    );
    index.setFile('file:///p/transcripts/a.md', 'P: {{I trusted her}}{#early} a lot.\n');
    const project = index.projectOf('file:///p/transcripts/a.md')!;
    const counts = projectCounts(project, []);
    assert.equal(counts.codes, 2);
    assert.equal(counts.categories, 1);
    assert.equal(counts.spans, 1);
  });
});
