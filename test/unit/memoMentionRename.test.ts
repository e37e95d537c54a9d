/**
 * Renaming and merging a code update its mentions in memos' text (`#id`, `` `id` ``)
 * as well as their `codes:`, and only those characters; the gate lets exactly such
 * memo edits through and refuses any other change to a memo's text.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, keepsStrippedText, memoEditsAllowed, mergeCode, ProjectIndex, renameCode, renameSpotAt, type FileEdit } from '../../core';

const ROOT = 'file:///w/p';
const MEMO = `${ROOT}/memos/m.md`;
const CODEBOOK = 'codes:\n  trust:\n    name: Trust\n  expertise:\n    name: Expertise\n  trust-x:\n    name: Other\n';
/** Every kind of place a memo may name `trust`, and look-alikes that are prose. */
const TEXT = [
  '---',
  "codes: [trust, 'expertise']",
  '---',
  '## trust as a heading',
  '# Why #trust matters',
  '',
  'Patients speak of #trust first, then `trust` again; it ends as #trust.',
  'Not mentions: page#trust, a/#trust, ##trust, `trust more`, ``trust``, #trust-x and #trustful.',
  'Copied from a transcript: {{a quote}}{#trust @CA}.',
  '',
].join('\n');

function index(memo = TEXT): ProjectIndex {
  const ix = new ProjectIndex();
  ix.setFile(`${ROOT}/codebook.yaml`, CODEBOOK);
  ix.setFile(`${ROOT}/transcripts/a.md`, 'P: {{x}}{#trust}\n');
  ix.setFile(MEMO, memo);
  return ix;
}
const memoEditsOf = (edits: FileEdit[]) => edits.filter((e) => e.uri === MEMO);
const entryOf = (ix: ProjectIndex) => ix.projects()[0].memos.get(MEMO)!;

describe('renaming a code updates its mentions in memos', () => {
  it('rename edits the front matter and every mention, byte for byte, and nothing else', () => {
    const ix = index();
    const r = renameCode(ix.projects()[0], 'trust', 'confianza');
    assert.ok(r.ok);
    const expected = TEXT.replace('[trust,', '[confianza,')
      .replace('# Why #trust', '# Why #confianza')
      .replace('of #trust first, then `trust` again; it ends as #trust.', 'of #confianza first, then `confianza` again; it ends as #confianza.')
      .replace('{#trust @CA}', '{#confianza @CA}');
    assert.equal(applyEdits(TEXT, memoEditsOf(r.edits)), expected);
    assert.ok(expected.includes('## trust as a heading') && expected.includes('page#trust, a/#trust, ##trust, `trust more`, ``trust``, #trust-x and #trustful'));
    assert.match(r.summary, /, 1 memo\.$/);
    assert.ok(keepsStrippedText(ix, r.edits), 'the gate lets the whole rename through');
  });

  it('renaming back gives the same bytes', () => {
    const ix = index();
    const there = applyEdits(TEXT, memoEditsOf((renameCode(ix.projects()[0], 'trust', 'confianza') as { edits: FileEdit[] }).edits));
    const ix2 = index(there);
    ix2.setFile(`${ROOT}/codebook.yaml`, CODEBOOK.replace('  trust:', '  confianza:'));
    const back = renameCode(ix2.projects()[0], 'confianza', 'trust');
    assert.ok(back.ok);
    assert.equal(applyEdits(there, memoEditsOf(back.edits)), TEXT);
  });

  it('a memo that only mentions the code in its text is updated, and counted', () => {
    const memo = 'No front matter: #trust and `expertise`.\n';
    const ix = index(memo);
    const r = renameCode(ix.projects()[0], 'expertise', 'competence');
    assert.ok(r.ok);
    assert.equal(applyEdits(memo, memoEditsOf(r.edits)), 'No front matter: #trust and `competence`.\n');
    assert.match(r.summary, /, 1 memo\.$/);
  });

  it('a mention written with a decomposed accent is replaced whole', () => {
    const ix = new ProjectIndex();
    ix.setFile(`${ROOT}/codebook.yaml`, 'codes:\n  relación:\n    name: R\n');
    const memo = 'About #relacio\u0301n and `relacio\u0301n`.\n';
    ix.setFile(MEMO, memo);
    const r = renameCode(ix.projects()[0], 'relación', 'vínculo');
    assert.ok(r.ok);
    assert.equal(applyEdits(memo, memoEditsOf(r.edits)), 'About #vínculo and `vínculo`.\n');
    assert.ok(keepsStrippedText(ix, r.edits));
  });

  it('a new id ending in a dot is not written after a `#` (it would not read back), but in backticks and codes: it is', () => {
    const ix = index();
    const r = renameCode(ix.projects()[0], 'trust', 'trust.v2.');
    assert.ok(r.ok);
    const after = applyEdits(TEXT, memoEditsOf(r.edits));
    assert.ok(after.includes("codes: ['trust.v2.',") || after.includes('codes: [trust.v2.,'), after.split('\n')[1]);
    assert.ok(after.includes('`trust.v2.` again') && after.includes('of #trust first'));
    assert.ok(keepsStrippedText(ix, r.edits));
  });

  it('merge edits the mentions of the merged code into the code it went into', () => {
    const ix = index();
    const r = mergeCode(ix.projects()[0], 'trust', 'expertise', 'delete');
    assert.ok(r.ok);
    const after = applyEdits(TEXT, memoEditsOf(r.edits));
    assert.equal(after, TEXT.replace('[trust,', '[expertise,').replace('# Why #trust', '# Why #expertise')
      .replace('of #trust first, then `trust` again; it ends as #trust.', 'of #expertise first, then `expertise` again; it ends as #expertise.')
      .replace('{#trust @CA}', '{#expertise @CA}'));
    assert.match(r.summary, /1 memo updated/);
    assert.ok(keepsStrippedText(ix, r.edits));
  });

  it('F2 on a body mention renames the code, selecting the id without `#` or backticks', () => {
    const ix = index();
    for (const needle of ['#trust first', '`trust` again', '#trust @CA']) {
      const at = TEXT.indexOf(needle) + 3;
      const spot = renameSpotAt(ix, MEMO, at);
      assert.ok(spot?.ok, needle);
      const start = TEXT.indexOf(needle) + 1;
      assert.deepEqual([spot.id, spot.range], ['trust', { start, end: start + 5 }], needle);
    }
    assert.equal(renameSpotAt(ix, MEMO, TEXT.indexOf('page#trust') + 6), undefined, 'prose renames nothing');
    assert.equal(renameSpotAt(ix, MEMO, TEXT.indexOf('## trust') + 4), undefined, 'a heading renames nothing');
  });
});

describe('the gate on memo edits', () => {
  const edit = (needle: string, plus: number, length: number, newText: string, nth = 0): FileEdit => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = TEXT.indexOf(needle, at + 1);
    assert.ok(at >= 0, needle);
    return { uri: MEMO, range: { start: at + plus, end: at + plus + length }, newText };
  };
  const allowed = (...edits: FileEdit[]) => memoEditsAllowed(entryOf(index()), edits) && keepsStrippedText(index(), edits);
  const refused = (...edits: FileEdit[]) => !memoEditsAllowed(entryOf(index()), edits) && !keepsStrippedText(index(), edits);

  it('accepts front matter edits and whole mentions replaced by a valid id', () => {
    assert.ok(allowed(edit('[trust,', 1, 5, 'confianza')));
    assert.ok(allowed(edit('#trust first', 1, 5, 'confianza')));
    assert.ok(allowed(edit('`trust` again', 1, 5, 'confianza'), edit('#trust.', 1, 5, 'b'), edit('[trust,', 1, 5, 'b')));
    assert.ok(allowed(edit('{#trust @CA}', 2, 5, 'relacio\u0301n')), 'an id typed decomposed is still an id');
    assert.ok(allowed(), 'no edits');
  });

  it('refuses any other change to the text', () => {
    assert.ok(refused(edit('Patients speak', 0, 8, 'People')), 'prose');
    assert.ok(refused(edit('#trust first', 0, 6, '#confianza')), 'the `#` is part of the prose around');
    assert.ok(refused(edit('#trust first', 1, 3, 'con')), 'part of a mention');
    assert.ok(refused(edit('#trust first', 1, 6, 'confianza')), 'a mention and the space after it');
    assert.ok(refused(edit('#trust first', 1, 5, 'two words')), 'not an id');
    assert.ok(refused(edit('#trust first', 1, 5, '')), 'an empty id');
    assert.ok(refused(edit('#trust first', 1, 5, 'x`y')), 'not an id');
    assert.ok(refused(edit('page#trust', 5, 5, 'confianza')), 'not a mention: glued to a word');
    assert.ok(refused(edit('## trust', 3, 5, 'confianza')), 'not a mention: a heading');
    assert.ok(refused(edit('`trust more`', 1, 5, 'confianza')), 'part of a code span that is no id');
    assert.ok(refused(edit('#trust.', 1, 5, 'a.')), 'would read back as another id (the dot ends the sentence)');
    assert.ok(refused(edit('#trust first', 6, 0, 'x')), 'an insert after a mention');
    assert.ok(refused(edit('#trust first', 1, 5, 'a'), edit('#trust first', 1, 5, 'b')), 'the same mention twice');
    assert.ok(refused({ uri: MEMO, range: { start: TEXT.length, end: TEXT.length + 1 }, newText: 'x' }), 'outside the text');
  });
});

describe('memo mentions under rename, over generated memos', () => {
  /** Pieces of memo text: mentions of `trust`, look-alikes, markup and prose, glued in any order. */
  const PIECES = ['#trust', '`trust`', '#trust.', '#trust-', ' ', '\n', '## trust', '# ', 'page', '#', '`', '``', 'trust', '/', '.', '{{q}}{#trust @CA}', '-', 'é', '\u0301', '\r\n', '#expertise', '`expertise`', 'words'];
  const memoArb = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 30 })).map(([front, pieces]) => (front ? '---\ncodes: [trust]\n---\n' : '') + pieces.join(''));
  const newIdArb = fc.constantFrom('zz', 'zz.v2', 'zz-1', 'zzé', 'zz_b', '9zz', 'zz.');

  it('the gate lets every rename through, it changes no mention of another code, and renaming back gives the same bytes', () => {
    fc.assert(
      fc.property(memoArb, newIdArb, (memo, to) => {
        const ix = index(memo);
        const r = renameCode(ix.projects()[0], 'trust', to);
        assert.ok(r.ok);
        assert.ok(keepsStrippedText(ix, r.edits), 'the gate accepts the rename');
        const there = applyEdits(memo, memoEditsOf(r.edits));
        // Every mention of `trust` now names `to` (but a tag, when `to` ends in a dot), all other mentions are as they were.
        const renamed = (m: { value: string; range: { start: number } }) => m.value === 'trust' && !(to.endsWith('.') && memo[m.range.start - 1] === '#');
        const before = entryOf(ix).memo.mentions.map((m) => (renamed(m) ? to : m.value));
        const ix2 = index(there);
        assert.deepEqual(entryOf(ix2).memo.mentions.map((m) => m.value), before);
        ix2.setFile(`${ROOT}/codebook.yaml`, CODEBOOK.replace('  trust:', `  ${to}:`));
        const back = renameCode(ix2.projects()[0], to, 'trust');
        assert.ok(back.ok);
        assert.ok(keepsStrippedText(ix2, back.edits));
        assert.equal(applyEdits(there, memoEditsOf(back.edits)), memo);
      }),
      { numRuns: 300 },
    );
  });
});
