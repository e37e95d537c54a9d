import * as assert from 'node:assert/strict';
import { mergeCode, moveCode, parseTranscript, renameCode, renameSpotAt, type RefactorResult } from '../../../core';
import type { Project } from '../../../core';
import { applyFileEdits, changed, CODEBOOK, indexOf, uriOf, type Files } from './kit';

/**
 * Rename, merge and move, data-driven: the project, the refactoring, and the
 * exact files it changes (or the refusal message).
 */

const CB = `version: 1
codes:
  meeting:            # core category
    kind: category
  trust:
    parent: meeting
    name: Trust
  relational-trust:
    parent: "trust"
  expertise:
    parent: meeting
  old-trust:
    status: deprecated
    replaced_by: trust
`;

const A = 'transcripts/a.md';
const B = 'transcripts/b.md';
const FILES: Files = {
  'codebook.yaml': CB,
  [A]: 'P: {{Building trust}}{#trust} and {{knew it}}{#trust #expertise @CA}{#expertise @LN}\n',
  [B]: 'P: {{He was there}}{#expertise #trust} {{for me}}{#relational-trust}\r\n',
};

interface Case {
  name: string;
  files?: Files;
  run: (p: Project) => RefactorResult;
  /** Changed files in full, or the refusal (a RegExp on the message). */
  expect: Files | RegExp;
  summary?: string;
}

const cases: Case[] = [
  {
    name: 'rename: the key, parent and replaced_by values (quotes kept), and every tag in every transcript',
    run: (p) => renameCode(p, 'trust', 'confianza'),
    expect: {
      'codebook.yaml': CB.replace('  trust:\n', '  confianza:\n').replace('parent: "trust"', 'parent: "confianza"').replace('replaced_by: trust', 'replaced_by: confianza'),
      [A]: 'P: {{Building trust}}{#confianza} and {{knew it}}{#confianza #expertise @CA}{#expertise @LN}\n',
      [B]: 'P: {{He was there}}{#expertise #confianza} {{for me}}{#relational-trust}\r\n',
    },
    summary: "Renamed 'trust' to 'confianza': 2 parent, replaced_by or group references in the codebook, 3 tags in 2 transcripts.",
  },
  {
    name: 'rename to a Unicode id',
    run: (p) => renameCode(p, 'expertise', 'pericia-técnica'),
    expect: {
      'codebook.yaml': CB.replace('  expertise:\n', '  pericia-técnica:\n'),
      [A]: FILES[A].replace(/#expertise/g, '#pericia-técnica'),
      [B]: FILES[B].replace(/#expertise/g, '#pericia-técnica'),
    },
  },
  {
    name: 'rename a category: its key and the parents naming it',
    run: (p) => renameCode(p, 'meeting', 'encounter'),
    expect: { 'codebook.yaml': CB.replace('  meeting:', '  encounter:').replace(/parent: meeting/g, 'parent: encounter') },
  },
  {
    name: 'rename a duplicated code renames the duplicate too',
    files: { 'codebook.yaml': 'codes:\n  a:\n    name: A\n  a:\n    name: again\n', [A]: 'P: {{x}}{#a}\n' },
    run: (p) => renameCode(p, 'a', 'b'),
    expect: { 'codebook.yaml': 'codes:\n  b:\n    name: A\n  b:\n    name: again\n', [A]: 'P: {{x}}{#b}\n' },
  },
  {
    name: 'rename: the members of groups (flow and block lists) follow',
    files: { ...FILES, 'codebook.yaml': CB + 'groups:\n  early:\n    codes: [trust, expertise]\n  late:\n    codes:\n      - "trust"\n' },
    run: (p) => renameCode(p, 'trust', 'confianza'),
    expect: {
      'codebook.yaml': (CB + 'groups:\n  early:\n    codes: [confianza, expertise]\n  late:\n    codes:\n      - "confianza"\n')
        .replace('  trust:\n', '  confianza:\n').replace('parent: "trust"', 'parent: "confianza"').replace('replaced_by: trust', 'replaced_by: confianza'),
      [A]: 'P: {{Building trust}}{#confianza} and {{knew it}}{#confianza #expertise @CA}{#expertise @LN}\n',
      [B]: 'P: {{He was there}}{#expertise #confianza} {{for me}}{#relational-trust}\r\n',
    },
    summary: "Renamed 'trust' to 'confianza': 4 parent, replaced_by or group references in the codebook, 3 tags in 2 transcripts.",
  },
  {
    name: 'merge (delete): a group that lists the merged code lists the target',
    files: { ...FILES, 'codebook.yaml': CB + 'groups:\n  early:\n    codes: [trust]\n' },
    run: (p) => mergeCode(p, 'trust', 'expertise', 'delete'),
    expect: {
      'codebook.yaml': (CB + 'groups:\n  early:\n    codes: [expertise]\n')
        .replace('  trust:\n    parent: meeting\n    name: Trust\n', '').replace('parent: "trust"', 'parent: "expertise"').replace('replaced_by: trust', 'replaced_by: expertise'),
      [A]: 'P: {{Building trust}}{#expertise} and {{knew it}}{#expertise @CA}{#expertise @LN}\n',
      [B]: 'P: {{He was there}}{#expertise} {{for me}}{#relational-trust}\r\n',
    },
  },
  { name: 'rename to an id that exists is refused', run: (p) => renameCode(p, 'trust', 'expertise'), expect: /already has a code 'expertise'.*merge/ },
  {
    name: 'rename is refused while a transcript is past the parse limits (its later tags are not read)',
    files: { ...FILES, 'transcripts/huge.md': 'P: ' + '{{a}}{#trust} '.repeat(100_001) + '\n' },
    run: (p) => renameCode(p, 'trust', 'faith'),
    expect: /^transcripts\/huge\.md has more markup than Axial reads .*miss its later tags/,
  },
  {
    name: 'merge is refused while a transcript is past the parse limits',
    files: { ...FILES, 'transcripts/huge.md': 'P: ' + '{{a}}{#trust} '.repeat(100_001) + '\n' },
    run: (p) => mergeCode(p, 'trust', 'expertise', 'delete'),
    expect: /^transcripts\/huge\.md has more markup than Axial reads/,
  },
  { name: 'rename to an invalid id is refused', run: (p) => renameCode(p, 'trust', 'trust me'), expect: /'trust me' is not a valid code id/ },
  { name: 'rename to an empty id is refused', run: (p) => renameCode(p, 'trust', '  '), expect: /cannot be empty/ },
  { name: 'rename of a code that does not exist is refused', run: (p) => renameCode(p, 'nope', 'x'), expect: /'nope' is not a code/ },
  {
    name: 'merge (delete): retag, drop duplicates in a block, move children, redirect replaced_by, remove the entry',
    run: (p) => mergeCode(p, 'trust', 'expertise', 'delete'),
    expect: {
      'codebook.yaml': CB.replace('  trust:\n    parent: meeting\n    name: Trust\n', '')
        .replace('parent: "trust"', 'parent: "expertise"')
        .replace('replaced_by: trust', 'replaced_by: expertise'),
      [A]: 'P: {{Building trust}}{#expertise} and {{knew it}}{#expertise @CA}{#expertise @LN}\n',
      [B]: 'P: {{He was there}}{#expertise} {{for me}}{#relational-trust}\r\n',
    },
    summary: "Merged 'trust' into 'expertise': retagged 3 tags in 2 transcripts (2 dropped where the block already had 'expertise'), moved 1 child code, removed 'trust'.",
  },
  {
    name: 'merge (deprecate): the entry stays, deprecated and replaced_by the target',
    run: (p) => mergeCode(p, 'trust', 'expertise', 'deprecate'),
    expect: {
      'codebook.yaml': CB.replace('    name: Trust\n', '    name: Trust\n    status: deprecated\n    replaced_by: expertise\n')
        .replace('parent: "trust"', 'parent: "expertise"')
        .replace('replaced_by: trust', 'replaced_by: expertise'),
      [A]: 'P: {{Building trust}}{#expertise} and {{knew it}}{#expertise @CA}{#expertise @LN}\n',
      [B]: 'P: {{He was there}}{#expertise} {{for me}}{#relational-trust}\r\n',
    },
  },
  {
    name: "merge into a child: the child takes the merged code's place under its parent",
    run: (p) => mergeCode(p, 'trust', 'relational-trust', 'delete'),
    expect: {
      'codebook.yaml': CB.replace('  trust:\n    parent: meeting\n    name: Trust\n', '').replace('parent: "trust"', 'parent: "meeting"').replace('replaced_by: trust', 'replaced_by: relational-trust'),
      [A]: FILES[A].replace(/#trust/g, '#relational-trust'),
      [B]: FILES[B].replace(/#trust/g, '#relational-trust'),
    },
  },
  {
    name: 'merge when a block holds the code twice and the target once',
    files: { 'codebook.yaml': CB, [A]: 'P: {{x}}{#trust #trust #expertise} {{y}}{#expertise #trust #trust} {{z}}{#trust #trust}\n' },
    run: (p) => mergeCode(p, 'trust', 'expertise', 'delete'),
    expect: {
      'codebook.yaml': CB.replace('  trust:\n    parent: meeting\n    name: Trust\n', '').replace('parent: "trust"', 'parent: "expertise"').replace('replaced_by: trust', 'replaced_by: expertise'),
      [A]: 'P: {{x}}{#expertise} {{y}}{#expertise} {{z}}{#expertise}\n',
    },
  },
  { name: 'merge into a category is refused', run: (p) => mergeCode(p, 'trust', 'meeting', 'delete'), expect: /'meeting' is a category/ },
  { name: 'merge into a deprecated code is refused', run: (p) => mergeCode(p, 'trust', 'old-trust', 'delete'), expect: /'old-trust' is deprecated/ },
  { name: 'merge into itself is refused', run: (p) => mergeCode(p, 'trust', 'trust', 'delete'), expect: /into itself/ },
  { name: 'merge of an unknown code is refused', run: (p) => mergeCode(p, 'nope', 'trust', 'delete'), expect: /'nope' is not a code/ },
  {
    name: 'move: change the parent',
    run: (p) => moveCode(p, 'relational-trust', 'meeting'),
    expect: { 'codebook.yaml': CB.replace('parent: "trust"', 'parent: "meeting"') },
  },
  {
    name: 'move: add a parent to a code at the top level',
    run: (p) => moveCode(p, 'old-trust', 'meeting'),
    expect: { 'codebook.yaml': CB.replace('  old-trust:\n', '  old-trust:\n    parent: meeting\n') },
  },
  {
    name: 'move to the top level: the parent line goes',
    run: (p) => moveCode(p, 'expertise', null),
    expect: { 'codebook.yaml': CB.replace('  expertise:\n    parent: meeting\n', '  expertise:\n') },
  },
  {
    name: 'nothing is refactored while codebook.yaml has a YAML error',
    files: { ...FILES, 'codebook.yaml': CB + '  broken: [unclosed\n' },
    run: (p) => renameCode(p, 'trust', 'confianza'),
    expect: /codebook.yaml has a YAML error \(line 16: .*\) Fix it first/,
  },
  { name: 'move under a descendant is refused (cycle)', run: (p) => moveCode(p, 'trust', 'relational-trust'), expect: /below 'trust'.*cycle/ },
  { name: 'move under itself is refused', run: (p) => moveCode(p, 'trust', 'trust'), expect: /its own parent/ },
  { name: 'move under an unknown parent is refused', run: (p) => moveCode(p, 'trust', 'nope'), expect: /'nope' is not a code or category/ },
];

describe('refactoring (core)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const files = c.files ?? FILES;
      const index = indexOf(files);
      const result = c.run(index.projectOf(CODEBOOK)!);
      if (c.expect instanceof RegExp) {
        assert.equal(result.ok, false, 'expected a refusal');
        assert.match((result as { message: string }).message, c.expect);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.message);
      const after = applyFileEdits(files, result.edits);
      assert.deepEqual(changed(files, after), c.expect);
      if (c.summary) assert.equal(result.summary, c.summary);
      for (const [path, text] of Object.entries(files)) {
        if (path.endsWith('.md')) assert.equal(parseTranscript(after[path]).stripped.text, parseTranscript(text).stripped.text, path);
      }
      // Nothing the refactoring does leaves a new problem behind.
      const count = (fs: Files) => {
        const i = indexOf(fs);
        return Object.keys(fs).map((p) => (i.diagnostics(uriOf(p)) ?? []).filter((d) => d.code !== 'code.deprecated' && d.code !== 'codebook.duplicate-code').length);
      };
      assert.deepEqual(count(after), count(files).map(() => 0));
    });
  }
});

describe('rename spots (F2)', () => {
  const index = indexOf(FILES);
  const at = (path: string, needle: string, delta = 1) => {
    const text = path === 'codebook.yaml' ? CB : FILES[path];
    const i = text.indexOf(needle);
    assert.ok(i >= 0, needle);
    return renameSpotAt(index, uriOf(path), i + delta);
  };
  const show = (spot: ReturnType<typeof renameSpotAt>, text: string) =>
    spot && (spot.ok ? { id: spot.id, text: text.slice(spot.range.start, spot.range.end) } : { message: spot.message });

  it('on a tag: the id without the #', () => {
    assert.deepEqual(show(at(A, '#expertise', 3), FILES[A]), { id: 'expertise', text: 'expertise' });
  });
  it('on a code key, a parent value (inside its quotes) and a replaced_by value', () => {
    assert.deepEqual(show(at('codebook.yaml', '  trust:', 3), CB), { id: 'trust', text: 'trust' });
    assert.deepEqual(show(at('codebook.yaml', '"trust"', 2), CB), { id: 'trust', text: 'trust' });
    assert.deepEqual(show(at('codebook.yaml', 'replaced_by: trust', 14), CB), { id: 'trust', text: 'trust' });
  });
  it('nowhere renameable: undefined; an unknown tag: a refusal', () => {
    assert.equal(at(A, 'Building'), undefined);
    assert.equal(at('codebook.yaml', 'kind: category', 7), undefined);
    const index2 = indexOf({ ...FILES, [A]: 'P: {{x}}{#trst}\n' });
    const spot = renameSpotAt(index2, uriOf(A), 'P: {{x}}{#tr'.length);
    assert.ok(spot && !spot.ok);
    assert.match(spot.message, /'trst' is not a code/);
  });
});
