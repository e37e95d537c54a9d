import * as assert from 'node:assert/strict';
import { errorFreeTranscripts, errorSummary } from '../../../core';
import { projectFrom } from '../analysis/load';

const CODEBOOK = 'version: 1\ncodes:\n  trust: {}\n';

describe('transcripts a count may read (errorFreeTranscripts)', () => {
  const project = projectFrom({
    'codebook.yaml': CODEBOOK,
    'transcripts/c.md': 'P: {{fine}}{#trust}.\n',
    'transcripts/b.md': 'P: fine.\nP: {{never closed{#trust}.\n',
    'transcripts/a.md': 'P: {{also fine}}{#trust}.\n',
  });

  it('keeps the transcripts without errors in path order and names the others with their first error', () => {
    const { entries, skipped } = errorFreeTranscripts(project);
    assert.deepEqual(entries.map((e) => e.path), ['transcripts/a.md', 'transcripts/c.md']);
    assert.deepEqual(skipped.map((s) => s.file), ['transcripts/b.md']);
    assert.match(skipped[0].reason, /^\d+ errors? \(line 2: /);
  });

  it('errorSummary is undefined for a transcript without errors', () => {
    assert.equal(errorSummary(project.transcripts.get('file:///p/transcripts/a.md')!), undefined);
  });
});
