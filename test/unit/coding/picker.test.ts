import * as assert from 'node:assert/strict';
import { categoryOf, codeItems, matching, NEW_CODE_LABEL, newCodeParents, parentCandidates, rememberRecent } from '../../../client/coding/picker';
import { ProjectIndex, subtreeQuoteCounts } from '../../../core';
import type { CodebookEntry, CodebookResult } from '../../../common/protocol';

/** The code picker's items as plain data (client/coding/picker.ts needs no running VS Code). */

const entry = (id: string, more: Partial<CodebookEntry> = {}): CodebookEntry => ({
  id,
  name: id,
  kind: 'code',
  aliases: [],
  status: 'active',
  quotes: 0,
  cases: 0,
  ...more,
});

const CB: CodebookResult = {
  root: 'file:///p',
  codebookUri: 'file:///p/codebook.yaml',
  coders: [],
  codes: [
    entry('meeting', { kind: 'category', name: 'The meeting' }),
    entry('trust', { parent: 'meeting', name: 'Trust', definition: 'The patient feels\nsafe to open up.', aliases: ['confianza', 'faith'] }),
    entry('relational-trust', { parent: 'trust' }),
    entry('expertise', { definition: 'x'.repeat(200) }),
    entry('old', { status: 'deprecated', replacedBy: 'trust' }),
  ],
};

describe('code picker items', () => {
  it('codable codes in codebook order: name, #id and aliases, parent and definition; New code… last', () => {
    assert.deepEqual(codeItems(CB), [
      { label: 'Trust', description: '#trust · also: confianza, faith', detail: '$(folder) The meeting — The patient feels safe to open up.', id: 'trust' },
      { label: 'relational-trust', description: '#relational-trust', detail: '$(tag) Trust', id: 'relational-trust' },
      { label: 'expertise', description: '#expertise', detail: `${'x'.repeat(139)}…`, id: 'expertise' },
      { label: NEW_CODE_LABEL, description: 'add a code to codebook.yaml and apply it', alwaysShow: true, newCode: true },
    ]);
  });

  it('recently used first, under separators; unknown, deprecated and excluded ids are skipped', () => {
    const items = codeItems(CB, { recent: ['expertise', 'old', 'gone', 'trust'], exclude: ['trust'], newCode: false });
    assert.deepEqual(
      items.map((i) => [i.kind ?? 0, i.id ?? i.label]),
      [[-1, 'recently used'], [0, 'expertise'], [-1, 'codes'], [0, 'relational-trust']],
    );
  });

  it('remembers the most recent first, each once, at most 12', () => {
    assert.deepEqual(rememberRecent(['a', 'b', 'c'], ['c', 'd']), ['c', 'd', 'a', 'b']);
    assert.equal(rememberRecent([...'abcdefghijklmn'], ['z']).length, 12);
  });

  it('a code moves under anything but itself and what is below it', () => {
    assert.deepEqual(parentCandidates(CB, 'trust').map((c) => c.id), ['meeting', 'expertise', 'old']);
    assert.deepEqual(parentCandidates(CB, 'meeting').map((c) => c.id), ['expertise', 'old']);
  });

  it('Enter on a filter with nothing checked: the codes whose name, id or alias hold every word', () => {
    const items = codeItems(CB);
    assert.deepEqual(matching(items, 'confianza').map((i) => i.id), ['trust']);
    assert.deepEqual(matching(items, 'TRUST').map((i) => i.id), ['trust', 'relational-trust']);
    assert.deepEqual(matching(items, 'relational trust').map((i) => i.id), ['relational-trust']);
    assert.deepEqual(matching(items, 'hope'), []);
  });
});

describe('New code: parents', () => {
  it('the preferred parent first, then categories, then codes', () => {
    assert.deepEqual(newCodeParents(CB, 'trust').map((c) => c.id), ['trust', 'meeting', 'relational-trust', 'expertise', 'old']);
    assert.deepEqual(newCodeParents(CB).map((c) => c.id), ['meeting', 'trust', 'relational-trust', 'expertise', 'old']);
    assert.deepEqual(newCodeParents(CB, 'gone').map((c) => c.id), ['meeting', 'trust', 'relational-trust', 'expertise', 'old']);
  });

  it("a code's category is its nearest category above it (itself for a category)", () => {
    assert.equal(categoryOf(CB, 'relational-trust'), 'meeting');
    assert.equal(categoryOf(CB, 'meeting'), 'meeting');
    assert.equal(categoryOf(CB, 'expertise'), undefined);
    assert.equal(categoryOf(CB, 'gone'), undefined);
  });

  it("a category's quote count is the distinct spans coded below it", () => {
    const index = new ProjectIndex();
    index.setFile('file:///p/codebook.yaml', 'codes:\n  cat:\n    kind: category\n  a:\n    parent: cat\n  b:\n    parent: cat\n  c: {}\n');
    index.setFile('file:///p/transcripts/t.md', 'P: {{one}}{#a #b} {{two}}{#b} {{three}}{#c}\n');
    const counts = subtreeQuoteCounts(index.projects()[0]);
    assert.deepEqual([...counts].sort(), [['a', 1], ['b', 2], ['c', 1], ['cat', 2]]);
  });
});
