import * as assert from 'node:assert/strict';
import { projectFor, ProjectIndex } from '../../core';

/** The server's one lookup for "the project of this URI" (any file of a project, or its folder). */
describe('projectFor', () => {
  const index = new ProjectIndex();
  index.setFile('file:///w/p/codebook.yaml', 'codes:\n  a: {}\n');
  index.setFile('file:///w/p/transcripts/one.md', 'P: {{x}}{#a}\n');
  index.setFile('file:///w/p/notes.md', 'not a transcript\n');
  index.setFile('file:///w/p/sub/codebook.yaml', 'codes:\n  b: {}\n');
  const rootOf = (uri: string) => projectFor(index, uri)?.root;

  it('finds the project of a member transcript and of the codebook', () => {
    assert.equal(rootOf('file:///w/p/transcripts/one.md'), 'file:///w/p');
    assert.equal(rootOf('file:///w/p/codebook.yaml'), 'file:///w/p');
  });

  it('finds the project of its folder, also a nested project folder', () => {
    assert.equal(rootOf('file:///w/p'), 'file:///w/p');
    assert.equal(rootOf('file:///w/p/sub'), 'file:///w/p/sub');
  });

  it('falls back to the nearest project above a file that is no member', () => {
    assert.equal(rootOf('file:///w/p/notes.md'), 'file:///w/p');
    assert.equal(rootOf('file:///w/p/sub/transcripts/new.md'), 'file:///w/p/sub');
  });

  it('finds none outside every project', () => {
    assert.equal(rootOf('file:///w/other/x.md'), undefined);
    assert.equal(rootOf('file:///w'), undefined);
  });
});
