import * as assert from 'node:assert/strict';
import { addCodes, codedSpanAt, codeSelection, colorOf, removeCode, spanTints, uncode, type RefactorResult } from '../../../core';
import { applyFileEdits, CODEBOOK, indexOf, uriOf, type Files } from '../refactor/kit';

/**
 * Coding at the project level: the codebook checks, a new code added with its
 * first use, the span under the cursor, and the tints of coded spans.
 */

const CB = `version: 1
coders:
  CA: Carolina
  LN: Lucía
codes:
  meeting:
    kind: category
    color: "#5b5f6b"
  trust:
    parent: meeting
    color: "#4e79a7"
  relational-trust:
    parent: trust
  expertise:
    parent: plain
  plain:
  old:
    status: deprecated
    replaced_by: trust
`;
const A = 'transcripts/a.md';
const TEXT = '---\ncoder: LN\n---\nP: I felt {{safe}}{#expertise #trust} with {{her}}{#relational-trust @CA}.\r\n';
const FILES: Files = { 'codebook.yaml': CB, [A]: TEXT };
const at = (needle: string, delta = 0) => {
  const i = TEXT.indexOf(needle);
  assert.ok(i >= 0);
  return { start: i + delta, end: i + delta };
};
const sel = (needle: string) => {
  const i = TEXT.indexOf(needle);
  return { start: i, end: i + needle.length };
};

function files(r: RefactorResult): Files {
  assert.ok(r.ok, r.ok ? '' : r.message);
  return applyFileEdits(FILES, r.edits);
}

describe('coding at the project level', () => {
  const index = indexOf(FILES);
  const uri = uriOf(A);

  it('codes a selection after checking the codes and the coder', () => {
    assert.equal(files(codeSelection(index, uri, sel('I felt'), { codes: ['trust'], coder: 'CA' }))[A], TEXT.replace('I felt', '{{I felt}}{#trust @CA}'));
    const refusals: [string[], string | undefined, RegExp][] = [
      [['meeting'], undefined, /'meeting' is a category/],
      [['old'], undefined, /'old' is deprecated; use 'trust'/],
      [['nope'], undefined, /'nope' is not a code of the codebook/],
      [[], undefined, /Choose at least one code/],
      [['trust'], 'XY', /'XY' is not one of the coders in codebook.yaml \(CA, LN\)/],
    ];
    for (const [codes, coder, message] of refusals) {
      const r = codeSelection(index, uri, sel('I felt'), { codes, coder });
      assert.equal(r.ok, false);
      assert.match(r.ok ? '' : r.message, message);
    }
    const outside = codeSelection(index, uriOf('notes/x.md'), sel('I felt'), { codes: ['trust'] });
    assert.match(outside.ok ? '' : outside.message, /not a transcript of an Axial project/);
  });

  it('a new code goes into codebook.yaml in the same change, and is applied', () => {
    const after = files(codeSelection(index, uri, sel('I felt'), { codes: ['trust'], newCode: { id: 'feeling', name: 'A feeling: safe', parent: 'meeting' } }));
    assert.equal(after['codebook.yaml'], CB + '  feeling:\n    parent: meeting\n    name: "A feeling: safe"\n');
    assert.equal(after[A], TEXT.replace('I felt', '{{I felt}}{#trust #feeling}'));
    const bad: [object, RegExp][] = [
      [{ id: 'trust' }, /already has a code 'trust'/],
      [{ id: 'a b' }, /'a b' is not a valid code id/],
      [{ id: 'new', parent: 'nowhere' }, /'nowhere' is not a code or category/],
    ];
    for (const [newCode, message] of bad) {
      const r = codeSelection(index, uri, sel('I felt'), { codes: [], newCode: newCode as { id: string } });
      assert.match(r.ok ? '' : r.message, message);
    }
  });

  it('add, remove and uncode the span under the cursor', () => {
    assert.equal(files(addCodes(index, uri, at('safe', 1), { codes: ['plain'] }))[A], TEXT.replace('#expertise #trust}', '#expertise #trust #plain}'));
    assert.equal(files(addCodes(index, uri, at('her', 1), { codes: ['plain'], coder: 'LN' }))[A], TEXT.replace('{#relational-trust @CA}', '{#relational-trust @CA}{#plain}'));
    assert.equal(files(removeCode(index, uri, at('safe'), 'trust'))[A], TEXT.replace(' #trust}', '}'));
    assert.equal(files(uncode(index, uri, at('her}}')))[A], TEXT.replace('{{her}}{#relational-trust @CA}', 'her'));
  });

  it('the span under the cursor: extent, quote, blocks with coders', () => {
    assert.deepEqual(codedSpanAt(index, uri, at('safe', 2)), {
      range: sel('{{safe}}{#expertise #trust}'),
      quote: 'safe',
      blocks: [{ codes: ['expertise', 'trust'], coder: 'LN' }],
    });
    assert.equal(codedSpanAt(index, uri, at('I felt')), undefined);
  });

  it('tints: the first code with a colour, own or inherited; markup ranges in order', () => {
    const cb = index.projectOf(CODEBOOK)!.codebook;
    assert.equal(colorOf(cb, 'trust'), '#4e79a7');
    assert.equal(colorOf(cb, 'relational-trust'), '#4e79a7', 'from the parent');
    assert.equal(colorOf(cb, 'expertise'), undefined, 'no colour up its tree');
    assert.equal(colorOf(cb, 'nope'), undefined);
    assert.deepEqual(spanTints(index, uri), {
      spans: [
        { range: sel('safe'), color: '#4e79a7', codes: ['expertise', 'trust'] },
        { range: sel('her'), color: '#4e79a7', codes: ['relational-trust'] },
      ],
      markup: [{ ...sel('{{safe'), end: sel('{{safe').start + 2 }, sel('}}{#expertise #trust}'), { ...sel('{{her'), end: sel('{{her').start + 2 }, sel('}}{#relational-trust @CA}')],
    });
    assert.equal(spanTints(index, CODEBOOK), undefined);
  });
});
