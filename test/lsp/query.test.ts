import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { QueryAnswer } from '../../common/protocol';
import { cleanup, copyFixture, LspClient, REPO, uriOf } from './harness';

/**
 * `axial/query` through the real bundled server on a copy of the example project:
 * hits carry LSP ranges over their spans, errors come back as answers with their
 * column, the hit limit keeps the total, and an open document's unsaved coding is
 * what the query sees.
 */
describe('language server: code queries', function () {
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = copyFixture(path.join(REPO, 'examples', 'therapeutic-relationship'));
    client = new LspClient(dir);
    await client.start();
    await client.waitFor('the start-up scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  after(async () => {
    await client.stop();
    cleanup(dir);
  });

  const file = (...p: string[]) => path.join(dir, ...p);

  it('answers with the passages and ranges that cover each span', async () => {
    const a = await client.request<QueryAnswer>('axial/query', { uri: uriOf(dir), query: 'relational-trust AND NOT therapist-as-expert' });
    assert.ok(a?.ok);
    assert.ok(a.hits.length > 0);
    assert.equal(a.total, a.hits.length);
    for (const h of a.hits) {
      assert.ok(h.codes.includes('relational-trust') && !h.codes.includes('therapist-as-expert'));
      const lines = readFileSync(file(...h.file.split('/')), 'utf8').split('\n');
      // A one-line span's range runs from its {{ to the end of its blocks.
      if (h.range.start.line === h.range.end.line) {
        const covered = lines[h.range.start.line].slice(h.range.start.character, h.range.end.character);
        assert.ok(covered.startsWith('{{') && covered.includes('}}{'), covered);
      }
      assert.equal(h.range.start.line + 1, h.line);
    }
    assert.match(a.csv ?? '', /^file,line,end_line,case,participant,speaker,codes,coders,quote\r\n/);
  });

  it('turns a bad query into an answer with the error and its column', async () => {
    const a = await client.request<QueryAnswer>('axial/query', { uri: uriOf(dir), query: 'relational-trust AND NOT therapist-as-exprt' });
    assert.ok(a && !a.ok);
    assert.match(a.error.message, /unknown code 'therapist-as-exprt': did you mean 'therapist-as-expert'/);
    assert.equal(a.error.range.start, 25);
    const b = await client.request<QueryAnswer>('axial/query', { uri: uriOf(dir), query: 'relational-trust AND (' });
    assert.ok(b && !b.ok);
  });

  it('sends at most `limit` hits and says how many there were', async () => {
    const all = await client.request<QueryAnswer>('axial/query', { uri: uriOf(dir), query: 'relationship-and-change OR trust-and-intimacy' });
    const two = await client.request<QueryAnswer>('axial/query', { uri: uriOf(dir), query: 'relationship-and-change OR trust-and-intimacy', limit: 2 });
    assert.ok(all?.ok && two?.ok);
    assert.ok(all.total > 2);
    assert.equal(two.hits.length, 2);
    assert.equal(two.total, all.total);
  });

  it('sees the open document, not the disk', async () => {
    const target = file('transcripts', 'case-a-child.md');
    const uri = uriOf(target);
    const text = readFileSync(target, 'utf8');
    const before = await client.request<QueryAnswer>('axial/query', { uri, query: 'agreed-termination', unit: 'turn' });
    assert.ok(before?.ok);
    const lines = text.split('\n');
    const i = lines.findIndex((l) => /^[A-Z][A-Za-z0-9_-]*: [^{]+$/.test(l) && l.length > 10);
    assert.ok(i >= 0);
    const colon = lines[i].indexOf(': ') + 2;
    lines[i] = `${lines[i].slice(0, colon)}{{${lines[i].slice(colon)}}}{#agreed-termination}`;
    client.open(target, lines.join('\n'));
    // didOpen is a notification: requests after it are answered on the open text.
    const after = await client.request<QueryAnswer>('axial/query', { uri, query: 'agreed-termination', unit: 'turn' });
    assert.ok(after?.ok);
    assert.deepEqual(after.skipped, []);
    assert.equal(after.total, before.total + 1);
    assert.ok(after.hits.some((h) => h.line === i + 1 && h.file === 'transcripts/case-a-child.md'));
  });

  it('answers null for a file in no project', async () => {
    assert.equal(await client.request('axial/query', { uri: 'file:///nowhere/x.md', query: 'a' }), null);
  });
});
