import * as assert from 'node:assert/strict';
import { codebookCompletions, complete, completionSite, ProjectIndex } from '../../core';

/**
 * Completion proposals are built once per codebook and shared by every request
 * (hundreds of codes on every `#` typed); a changed codebook builds them again.
 */
const CB_URI = 'file:///p/codebook.yaml';
const T_URI = 'file:///p/transcripts/a.md';
const CODEBOOK = 'codes:\n  trust:\n    name: Trust\n    definition: Feels safe.\n    aliases: [confianza]\n  topic:\n    kind: category\n';
const TEXT = 'P: {{I could tell her}}{#tr';

function index(codebook = CODEBOOK): ProjectIndex {
  const i = new ProjectIndex();
  i.setFile(CB_URI, codebook);
  i.setFile(T_URI, TEXT);
  return i;
}

describe('completion proposals per codebook', () => {
  it('are the same objects for every request on the same codebook', () => {
    const i = index();
    const cb = i.projects()[0].codebook;
    assert.equal(codebookCompletions(cb, '#'), codebookCompletions(cb, '#'));
    assert.deepEqual(codebookCompletions(cb, '#').map((p) => p.label), ['trust', 'confianza → trust']);
    assert.notEqual(codebookCompletions(cb, '@'), codebookCompletions(cb, '#'), 'each sigil its own');
  });

  it('are built again when the codebook changes', () => {
    const i = index();
    const before = codebookCompletions(i.projects()[0].codebook, '#');
    i.setFile(CB_URI, CODEBOOK.replace('  topic:', '  hope:\n    name: Hope\n  topic:'));
    const after = codebookCompletions(i.projects()[0].codebook, '#');
    assert.notEqual(after, before);
    assert.deepEqual(after.map((p) => p.label), ['trust', 'confianza → trust', 'hope']);
  });

  it('complete() gives each shared proposal the range of the site, without changing the shared one', () => {
    const i = index();
    const site = completionSite(i, T_URI, TEXT.length)!;
    assert.deepEqual({ sigil: site.sigil, range: site.range }, { sigil: '#', range: { start: TEXT.length - 2, end: TEXT.length } });
    const entries = complete(i, T_URI, TEXT.length);
    assert.deepEqual(entries.map((e) => [e.label, e.insertText, e.range]), [
      ['trust', 'trust', site.range],
      ['confianza → trust', 'trust', site.range],
    ]);
    assert.equal('range' in codebookCompletions(i.projects()[0].codebook, '#')[0], false);
    assert.equal(completionSite(i, T_URI, 3), undefined, 'no site outside a block');
  });
});
