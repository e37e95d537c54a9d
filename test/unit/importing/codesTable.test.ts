import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { isValidId, parseCodebook } from '../../../core';
import { codebookFromTable, speakerLabels } from '../../../core/importing';

/** The codebook's codes as a plain object, after checking it has no errors. */
function codesOf(text: string): Record<string, Record<string, unknown>> {
  const cb = parseCodebook(text);
  assert.deepEqual(cb.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], text);
  return parse(text).codes;
}

describe('codebookFromTable', () => {
  it('reads "Category > Code" paths: categories above, codes below, names kept, definitions and memos', () => {
    const r = codebookFromTable([
      ['Code', 'Definition', 'Memo'],
      ['Relationship > Trust', 'The patient trusts the therapist.', 'central'],
      ['Relationship > Trust in expertise', 'Trust in what the therapist knows.', ''],
      ['Relación / Confianza', 'En español.', ''],
      ['Standalone', '', ''],
    ]);
    assert.ok(r.ok);
    assert.deepEqual(codesOf(r.text), {
      relationship: { kind: 'category', name: 'Relationship' },
      trust: { parent: 'relationship', name: 'Trust', definition: 'The patient trusts the therapist.', memo: 'central' },
      'trust-in-expertise': { parent: 'relationship', name: 'Trust in expertise', definition: 'Trust in what the therapist knows.' },
      relación: { kind: 'category', name: 'Relación' },
      confianza: { parent: 'relación', name: 'Confianza', definition: 'En español.' },
      standalone: { name: 'Standalone' },
    });
    assert.equal(r.added, 6);
    assert.equal(r.categories, 2);
  });

  it('reads a parent column naming another row (before or after it), and a description column', () => {
    const r = codebookFromTable([
      ['Name', 'Parent', 'Description'],
      ['Doubt', 'Trust', ''],
      ['Trust', 'Relationship', 'Trust as a whole.'],
      ['Relationship', '', 'Core category.'],
    ]);
    assert.ok(r.ok);
    const codes = codesOf(r.text);
    assert.deepEqual(Object.keys(codes), ['relationship', 'trust', 'doubt']);
    assert.equal(codes.doubt.parent, 'trust');
    assert.equal(codes.trust.parent, 'relationship');
    assert.equal(codes.trust.kind, 'category');
    assert.equal(codes.relationship.definition, 'Core category.');
  });

  it('makes ids valid and unique: the same name under two categories, punctuation, a name that is only symbols', () => {
    const r = codebookFromTable([['path'], ['A/Other'], ['B/Other'], ['C/What?! (maybe)'], ['C/***'], ['C/2nd try']]);
    assert.ok(r.ok);
    const ids = Object.keys(codesOf(r.text));
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.ok(isValidId(id), id);
    assert.ok(ids.includes('other') && ids.includes('other-2'));
    assert.ok(ids.includes('what-maybe'));
  });

  it('takes a valid id column, and kind and colour columns', () => {
    const r = codebookFromTable([
      ['ID', 'Name', 'Type', 'Colour'],
      ['grp', 'Group', 'category', ''],
      ['x1', 'Grp > First', 'code', '#4e79a7'],
    ]);
    assert.ok(r.ok);
    const codes = codesOf(r.text);
    assert.equal(codes.grp.kind, 'category');
    assert.equal(codes.x1.color, '#4e79a7');
  });

  it('merges into an existing codebook: keeps its comments and codes, fills only empty fields, adds the rest', () => {
    const existing = 'version: 1\n# our codes\ncodes:\n  trust:\n    name: Trust\n    kind: code\n  other:\n    definition: Ours.\n';
    const r = codebookFromTable([['Code', 'Definition'], ['Trust', 'From the sheet.'], ['Other', 'Theirs.'], ['New one', 'Fresh.']], existing);
    assert.ok(r.ok);
    assert.match(r.text, /# our codes/);
    const codes = codesOf(r.text);
    assert.equal(codes.trust.definition, 'From the sheet.');
    assert.equal(codes.trust.kind, 'code');
    assert.equal(codes.other.definition, 'Ours.');
    assert.equal(codes['new-one'].definition, 'Fresh.');
    assert.deepEqual([r.added, r.updated], [1, 2]);
  });

  it('refuses a sheet without a code column, an empty sheet, a header without rows, and a broken codebook', () => {
    const noCol = codebookFromTable([['Foo', 'Bar'], ['a', 'b']]);
    assert.ok(!noCol.ok && /no code column.*"Foo", "Bar"/.test(noCol.error));
    const empty = codebookFromTable([]);
    assert.ok(!empty.ok && empty.error === 'the sheet is empty');
    const headerOnly = codebookFromTable([['code']]);
    assert.ok(!headerOnly.ok && /no codes/.test(headerOnly.error));
    const broken = codebookFromTable([['code'], ['a']], 'codes: [\n');
    assert.ok(!broken.ok && /does not parse/.test(broken.error));
  });
});

describe('speakerLabels', () => {
  it('gives I to an interviewer, P to a participant, initials otherwise, all unique and free of colons and spaces', () => {
    const labels = speakerLabels(['Interviewer', 'Participant', 'Maria López', 'Mario Lanza', 'Speaker 1', 'Speaker 2', 'Łucja', '王伟', 'M. L.']);
    assert.equal(labels.get('Interviewer'), 'I');
    assert.equal(labels.get('Participant'), 'P');
    assert.equal(labels.get('Maria López'), 'ML');
    assert.equal(labels.get('Speaker 1'), 'S1');
    assert.equal(labels.get('Speaker 2'), 'S2');
    const all = [...labels.values()];
    assert.equal(new Set(all).size, all.length);
    for (const l of all) assert.match(l, /^\p{L}[\p{L}\p{N}]*$/u);
  });
});
