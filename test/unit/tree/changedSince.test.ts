/**
 * The axial tree's "changed since" filter (core/tree): only the spans a diff found
 * coded or recoded, by the coder whose block changed; the spans come from the real
 * diff of two versions (core/diff), as the editor gets them from the server.
 */
import * as assert from 'node:assert/strict';
import { ProjectIndex } from '../../../core';
import { extractCodings } from '../../../core/codings/extract';
import { diffTranscriptCodings } from '../../../core/diff/transcript';
import { parseTranscript } from '../../../core/transcript/parse';
import { changedSpans } from '../../../core/diff';
import { normalizeFilter, treeChildren, type TreeFilter, type TreeNodeData } from '../../../core/tree';

const CODEBOOK = 'version: 1\ncoders:\n  CA: C\n  LN: L\ncodes:\n  trust: {}\n  listening: {}\n  agree: {}\n';
const OLD = '---\ncase: A\ncoder: CA\n---\nP: {{I trust her.}}{#trust} We talked.\nP: {{She listened.}}{#listening}{#agree @LN}\nP: {{Fine.}}{#agree}\n';
// trust's span recoded by CA (agree added), "She listened." coded by LN too (listening), "We talked." newly coded.
const NEW = '---\ncase: A\ncoder: CA\n---\nP: {{I trust her.}}{#trust #agree} {{We talked.}}{#listening}\nP: {{She listened.}}{#listening}{#agree #listening @LN}\nP: {{Fine.}}{#agree}\n';
const URI_A = 'file:///w/transcripts/a.md';

function indexWith(text: string): ProjectIndex {
  const index = new ProjectIndex();
  index.setFile('file:///w/codebook.yaml', CODEBOOK);
  index.setFile(URI_A, text);
  return index;
}

function quotes(index: ProjectIndex, filter: TreeFilter): string[] {
  const out: string[] = [];
  const visit = (parent?: string) => {
    for (const n of treeChildren(index, parent, filter) as TreeNodeData[]) {
      if (n.kind === 'quote') out.push(`${n.codeId}: ${n.quote!.text} [${n.quote!.coders.join(',')}]`);
      else if (n.hasChildren) visit(n.id);
    }
  };
  visit();
  return out.sort();
}

describe('axial tree: the "changed since" filter', () => {
  const diff = diffTranscriptCodings(extractCodings(parseTranscript(OLD)), extractCodings(parseTranscript(NEW)));
  const spans = changedSpans([{ uri: URI_A, changes: diff.changes }]);

  it('takes the coded and recoded spans of a diff, with their coders', () => {
    assert.deepEqual(diff.changes.map((c) => [c.kind, c.quote, c.coder]), [
      ['recoded', 'I trust her.', 'CA'],
      ['coded', 'We talked.', 'CA'],
      ['recoded', 'She listened.', 'LN'],
    ]);
    assert.equal(spans.length, 3);
  });

  it('shows only the changed quotes, under each of their codes, and only the blocks of the coder who changed them', () => {
    const index = indexWith(NEW);
    assert.deepEqual(quotes(index, { changedSince: { revision: 'HEAD', spans } }), [
      'agree: I trust her. [CA]',
      'agree: She listened. [LN]',
      'listening: She listened. [LN]', // CA's block on this span did not change: not listed as CA's
      'listening: We talked. [CA]',
      'trust: I trust her. [CA]',
    ]);
    // Unchanged: "Fine." is not shown; counts say how many of all.
    const top = treeChildren(index, undefined, { changedSince: { revision: 'HEAD', spans } });
    const agree = top.find((n) => n.codeId === 'agree')!;
    assert.equal(agree.quotes, 2);
    assert.match(agree.description ?? '', /^2 of 3 quotes/);
  });

  it('combines with the other filters, and an empty list of spans shows nothing', () => {
    const index = indexWith(NEW);
    assert.deepEqual(quotes(index, { coders: ['CA'], changedSince: { revision: 'HEAD', spans } }), ['agree: I trust her. [CA]', 'listening: We talked. [CA]', 'trust: I trust her. [CA]']);
    assert.deepEqual(quotes(index, { changedSince: { revision: 'main', spans: [] } }), []);
    assert.deepEqual(normalizeFilter({ changedSince: { revision: 'main', spans: [] } }), { changedSince: { revision: 'main', spans: [] } });
  });
});
