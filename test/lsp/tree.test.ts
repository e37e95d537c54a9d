import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  TreeChangedNotification,
  TreeChildrenRequest,
  TreeFacetsRequest,
  TreeLocateRequest,
  TreeMarkdownRequest,
  TreePathRequest,
  type TreeChangedParams,
  type TreeFilter,
  type TreeNode,
} from '../../common/protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/** The axial tree's requests and axial/treeChanged, through the real bundled server on a copy of the example. */
describe('axial tree over stdio', function () {
  let dir: string;
  let client: LspClient;
  let changes: TreeChangedParams[];

  const children = (parentId?: string, filter?: TreeFilter) => client.request(TreeChildrenRequest.type, { parentId, filter });
  const file = (name: string) => path.join(dir, 'transcripts', name);
  /** The text a range covers, counted in UTF-16 code units like LSP. */
  const textAt = (text: string, r: TreeNode['quote'] & object) => {
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    return text.slice(offset(r.range.start), offset(r.range.end));
  };
  /** Finds a node by a path of code ids from the top. */
  async function nodeOf(...codeIds: string[]): Promise<TreeNode> {
    let parent: TreeNode | undefined;
    for (const id of codeIds) {
      const found: TreeNode | undefined = (await children(parent?.id)).find((n) => n.codeId === id && n.kind !== 'quote');
      assert.ok(found, `no node ${id} under ${parent?.id ?? 'the top'}`);
      parent = found;
    }
    return parent!;
  }

  before(async () => {
    dir = copyFixture(path.join(REPO, 'examples', 'therapeutic-relationship'));
    client = new LspClient(dir);
    changes = [];
    client.conn.onNotification(TreeChangedNotification.type, (p) => changes.push(p));
    await client.start();
    await client.waitFor('the scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  after(async () => {
    await client.stop();
    cleanup(dir);
  });

  it('answers the top level, then each level on request, with counts and quote positions', async () => {
    const top = await children();
    assert.deepEqual(top.map((n) => [n.kind, n.codeId]), [['category', 'meeting']]);
    const expert = await nodeOf('meeting', 'technical-dimension', 'roles', 'therapist-as-expert');
    assert.equal(expert.kind, 'code');
    assert.match(expert.description!, /^\d+ quotes? · \d+ cases?$/);
    const below = await children(expert.id);
    // The example's memos naming the code come first, then its quotes.
    const memos = below.filter((n) => n.kind === 'memo');
    assert.deepEqual(below.slice(0, memos.length), memos);
    assert.ok(memos.every((m) => m.memo!.path.startsWith('memos/')));
    const quotes = below.filter((n) => n.kind === 'quote');
    assert.equal(quotes.length, expert.quotes);
    assert.equal(below.length, memos.length + quotes.length);
    for (const q of quotes) {
      const text = readFileSync(file(path.basename(q.quote!.path)), 'utf8');
      const source = textAt(text, q.quote!);
      if (!/[{}]/.test(source)) assert.equal(source, q.quote!.text);
      assert.equal(q.quote!.range.start.line + 1 >= q.quote!.line, true);
    }
    // The codebook entry is the code's key.
    const codebook = readFileSync(path.join(dir, 'codebook.yaml'), 'utf8');
    assert.equal(expert.source!.uri, uriOf(path.join(dir, 'codebook.yaml')));
    assert.equal(codebook.split('\n')[expert.source!.range.start.line].trim(), 'therapist-as-expert:');
  });

  it('filters, searches, and lists the filter values', async () => {
    const facets = await client.request(TreeFacetsRequest.type, {});
    assert.deepEqual(facets.cases, ['A', 'B', 'C']);
    const [all] = await children();
    const [onlyC] = await children(undefined, { cases: ['C'] });
    assert.ok(onlyC.quotes > 0 && onlyC.quotes < all.quotes);
    const expert = await nodeOf('meeting', 'technical-dimension', 'roles', 'therapist-as-expert');
    const cQuotes = (await children(expert.id, { cases: ['C'] })).filter((n) => n.kind === 'quote');
    assert.ok(cQuotes.length > 0 && cQuotes.every((q) => q.quote!.case === 'C'));
    const found = await children(undefined, { text: 'TRUSTED' });
    assert.equal(found.length, 1);
    assert.ok(found[0].quotes > 0 && found[0].quotes < all.quotes);
  });

  it('locates the node of a tag and answers its path; copies quotes as Markdown', async () => {
    const name = 'case-c-patient.md';
    const text = readFileSync(file(name), 'utf8');
    const at = text.indexOf('#therapist-as-expert');
    const before = text.slice(0, at + 3);
    const position = { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
    const located = await client.request(TreeLocateRequest.type, { uri: uriOf(file(name)), position });
    assert.ok(located);
    assert.deepEqual(located.map((n) => n.codeId), ['meeting', 'technical-dimension', 'roles', 'therapist-as-expert']);
    const again = await client.request(TreePathRequest.type, { id: located.at(-1)!.id });
    assert.deepEqual(again, located);
    const md = await client.request(TreeMarkdownRequest.type, { id: located.at(-1)!.id });
    assert.ok(md);
    assert.match(md.markdown, /^## Therapist as expert \(`therapist-as-expert`\)\n\n> .+ — [ABC], transcripts\/case-/);
  });

  it('notifies axial/treeChanged after an edit, and answers the new counts', async () => {
    const name = 'case-b-patient.md';
    const text = readFileSync(file(name), 'utf8');
    const expert = await nodeOf('meeting', 'technical-dimension', 'roles', 'therapist-as-expert');
    const seen = changes.length;
    client.open(file(name), text);
    const edited = text.replace('I always called her doctor.', '{{I always called her doctor.}}{#therapist-as-expert}');
    assert.notEqual(edited, text);
    client.change(file(name), 2, edited);
    const note = await client.waitFor('axial/treeChanged', () => changes.slice(seen).find((c) => c.roots.includes(uriOf(dir))));
    assert.deepEqual(note.roots, [uriOf(dir)]);
    const after = await nodeOf('meeting', 'technical-dimension', 'roles', 'therapist-as-expert');
    assert.equal(after.id, expert.id);
    assert.equal(after.quotes, expert.quotes + 1);
    // A burst of edits is one notification (debounced).
    const count = changes.length;
    for (let v = 3; v < 8; v++) client.change(file(name), v, edited + ' '.repeat(v));
    await client.waitFor('axial/treeChanged after the burst', () => changes.length > count);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(changes.length, count + 1);
  });
});
