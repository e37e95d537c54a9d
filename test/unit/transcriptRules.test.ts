import * as assert from 'node:assert/strict';
import { axialModel, blockCoder, codeUsage, parseTranscript, ProjectIndex, treeChildren, treeFacets } from '../../core';
import { extractCodings } from '../../core/codings';
import { caseKey, caseOf, declaredCase, participantOf } from '../../core/project/caseOf';
import { defaultCoder } from '../../core/transcript/coder';

/** A project with the given transcripts under transcripts/. */
function project(files: Record<string, string>): ProjectIndex {
  const index = new ProjectIndex();
  index.setFile('file:///w/codebook.yaml', 'codes:\n  a: {}\n');
  for (const [name, text] of Object.entries(files)) index.setFile(`file:///w/transcripts/${name}`, text);
  return index;
}

const entryOf = (index: ProjectIndex, name: string) => index.entry(`file:///w/transcripts/${name}`)!;

describe("a transcript's case and participant (core/project/caseOf.ts)", () => {
  it('is the front matter case without surrounding white space, else the path', () => {
    const index = project({
      'one.md': '---\ncase: "A"\nparticipant: " nurse "\n---\nP: {{x}}{#a}\n',
      'two.md': '---\ncase: "A "\n---\nP: {{y}}{#a}\n',
      'three.md': '---\ncase: "  "\n---\nP: {{z}}{#a}\n',
      'four.md': 'P: {{w}}{#a}\n',
    });
    assert.equal(declaredCase(entryOf(index, 'two.md').transcript), 'A');
    assert.equal(caseOf(entryOf(index, 'two.md')), 'A');
    assert.equal(caseOf(entryOf(index, 'three.md')), 'transcripts/three.md');
    assert.equal(caseOf(entryOf(index, 'four.md')), 'transcripts/four.md');
    assert.equal(caseKey(entryOf(index, 'one.md')), caseKey(entryOf(index, 'two.md')));
    assert.equal(caseKey(entryOf(index, 'four.md')), 'file:transcripts/four.md');
    assert.equal(participantOf(entryOf(index, 'one.md')), 'nurse');
    assert.equal(participantOf(entryOf(index, 'two.md')), undefined);
  });

  it('hover, the tree, its filters and the model picture agree: "A" and "A " are one case', () => {
    const index = project({
      'one.md': '---\ncase: "A"\n---\nP: {{x}}{#a}\n',
      'two.md': '---\ncase: "A "\n---\nP: {{y}}{#a}\n',
    });
    const p = index.projects()[0];
    assert.equal(codeUsage(p, 'a').cases, 1, 'hover');
    const node = treeChildren(index).find((n) => n.codeId === 'a')!;
    assert.equal(node.quotes, 2);
    assert.equal(node.cases, 1, 'tree');
    assert.deepEqual(treeFacets(index).cases, ['A']);
    const filtered = treeChildren(index, undefined, { cases: ['A'] }).find((n) => n.codeId === 'a')!;
    assert.equal(filtered.quotes, 2, 'the filter on case A keeps both files');
    const quotes = treeChildren(index, node.id);
    // One case: its quotes are numbered on from one file to the next.
    assert.deepEqual(quotes.map((q) => q.label.slice(0, 4)), ['A 1 ', 'A 2 ']);
    const model = axialModel(p);
    assert.equal(model.cases.length, 1);
    assert.equal(model.nodes.find((n) => n.id === 'a')!.cases, 1, 'model');
  });

  it('counts a file without a case apart from a declared case that looks like its path', () => {
    const index = project({
      'one.md': '---\ncase: transcripts/two.md\n---\nP: {{x}}{#a}\n',
      'two.md': 'P: {{y}}{#a}\n',
    });
    const p = index.projects()[0];
    assert.equal(codeUsage(p, 'a').cases, 2);
    assert.equal(treeChildren(index).find((n) => n.codeId === 'a')!.cases, 2);
    assert.equal(axialModel(p).nodes.find((n) => n.id === 'a')!.cases, 2);
  });
});

describe("a block's coder (core/transcript/coder.ts)", () => {
  const text = '---\ncoder: LN\n---\nP: {{x}}{#a}{#a @MK} {{y}}{#a @LN}\n';

  it("is the block's @XX, else the front matter's coder", () => {
    const t = parseTranscript(text);
    assert.equal(defaultCoder(t), 'LN');
    assert.deepEqual(t.spans.flatMap((s) => s.blocks.map((b) => blockCoder(t, b))), ['LN', 'MK', 'LN']);
    const bare = parseTranscript('P: {{x}}{#a}{#a @MK}\n');
    assert.deepEqual(bare.spans[0].blocks.map((b) => blockCoder(bare, b)), [undefined, 'MK']);
  });

  it('extraction, the tree filter and the facets use it', () => {
    assert.deepEqual(extractCodings(parseTranscript(text)).codings.map((c) => c.coder), ['LN', 'MK', 'LN']);
    const index = project({ 'one.md': text });
    assert.deepEqual(treeFacets(index).coders.map((c) => c.id), ['LN', 'MK']);
    const byLN = treeChildren(index, undefined, { coders: ['LN'] }).find((n) => n.codeId === 'a')!;
    const byMK = treeChildren(index, undefined, { coders: ['MK'] }).find((n) => n.codeId === 'a')!;
    assert.equal(byLN.quotes, 2);
    assert.equal(byMK.quotes, 1);
  });
});
