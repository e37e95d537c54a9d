/**
 * Completion in a memo's text: the codebook's codes where a code mention is being
 * typed (after a `#` that starts a tag, inside a pair of backticks), with the range
 * of the id typed so far; nothing in prose, headings or the front matter.
 */
import * as assert from 'node:assert/strict';
import { codebookCompletions, complete, ProjectIndex } from '../../core';
import { memoCompletionRange } from '../../core/features/memoCompletion';

const ROOT = 'file:///w/p';
const MEMO = `${ROOT}/memos/m.md`;
const CODEBOOK = 'codes:\n  trust:\n    name: Trust\n    aliases: [confianza]\n  expertise:\n    name: Expertise\n';

/** The range offered at the `|` of `marked` (which is removed), as [start, end] relative to the `|`, or undefined. */
function rangeAt(marked: string, bodyStart = 0): [number, number] | undefined {
  const at = marked.indexOf('|');
  const r = memoCompletionRange(marked.slice(0, at) + marked.slice(at + 1), bodyStart, at);
  return r && [r.start - at, r.end - at];
}

describe('completion in memos', () => {
  it('after a # that starts a tag, replacing the id typed so far', () => {
    assert.deepEqual(rangeAt('Patients speak of #|'), [0, 0]);
    assert.deepEqual(rangeAt('Patients speak of #tr|'), [-2, 0]);
    assert.deepEqual(rangeAt('Patients speak of #tr| first.'), [-2, 0]);
    assert.deepEqual(rangeAt('(#ex|)'), [-2, 0]);
    assert.deepEqual(rangeAt('{{a quote}}{#tr|'), [-2, 0], 'a tag copied from a transcript');
    assert.deepEqual(rangeAt('#tr| at the start of a line is a tag, not a heading'), [-2, 0]);
    assert.deepEqual(rangeAt('Line one\n#re|'), [-2, 0]);
    assert.deepEqual(rangeAt('#relacio\u0301|'), [-8, 0], 'combining marks are part of the id');
  });

  it('not where # starts no mention: glued, a heading, a path, a non-id', () => {
    for (const marked of ['page#|', 'page#tr|', 'a/#tr|', '##|', '## tr|', '##tr|', '#|', '   #|', 'x\n#|', '# Heading|', 'a #.tr|', 'a #-|', 'plain words|', 'e-mail me#|']) {
      assert.equal(rangeAt(marked), undefined, marked);
    }
  });

  it('inside a pair of backticks, or after a backtick not closed yet', () => {
    assert.deepEqual(rangeAt('see `|`'), [0, 0]);
    assert.deepEqual(rangeAt('see `tr|`'), [-2, 0]);
    assert.deepEqual(rangeAt('see `tr|ust` and more'), [-2, 0]);
    assert.deepEqual(rangeAt('see `tr|'), [-2, 0]);
    assert.deepEqual(rangeAt('see `a` and `ex|`'), [-2, 0]);
    assert.deepEqual(rangeAt('see `a` and `|'), [0, 0]);
  });

  it('not in code that is no id, nor after a closing backtick or a run of them', () => {
    for (const marked of ['`tr| more`', '`a b|`', '`a`|', '`a`tr|', '``tr|``', '```|', 'x ``|', '`tr| `x`']) {
      assert.equal(rangeAt(marked), undefined, marked);
    }
  });

  it('not in the front matter', () => {
    const text = '---\ncodes: [#tr]\n---\n#tr';
    assert.equal(memoCompletionRange(text, text.indexOf('\n---') + 4, text.indexOf('#tr') + 3), undefined);
    assert.deepEqual(memoCompletionRange(text, text.indexOf('\n---') + 4, text.length), { start: text.length - 2, end: text.length });
  });

  it("offers the codebook's shared code proposals in a memo of the project", () => {
    const ix = new ProjectIndex();
    ix.setFile(`${ROOT}/codebook.yaml`, CODEBOOK);
    const text = "---\ncodes: ['tr']\n---\n# Notes\nSee #tr and `ex`.\n";
    ix.setFile(MEMO, text);
    const project = ix.projects()[0];
    const shared = codebookCompletions(project.codebook, '#');
    const afterTag = complete(ix, MEMO, text.indexOf('#tr ') + 3);
    assert.deepEqual(afterTag.map((e) => e.label), shared.map((p) => p.label));
    assert.deepEqual(afterTag.map((e) => e.label), ['trust', 'confianza → trust', 'expertise']);
    assert.deepEqual(afterTag[0].range, { start: text.indexOf('#tr ') + 1, end: text.indexOf('#tr ') + 3 });
    const inCode = complete(ix, MEMO, text.indexOf('`ex`') + 3);
    assert.deepEqual(inCode[0].range, { start: text.indexOf('`ex`') + 1, end: text.indexOf('`ex`') + 3 });
    assert.deepEqual(complete(ix, MEMO, text.indexOf("'tr'") + 3), [], 'the front matter is YAML');
    assert.deepEqual(complete(ix, MEMO, text.indexOf('# Notes') + 1), [], 'a heading');
    assert.deepEqual(complete(ix, `${ROOT}/notes/other.md`, 3), [], 'a file that is no memo');
  });
});
