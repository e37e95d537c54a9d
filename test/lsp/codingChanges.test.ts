import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodingChangesResult, RevisionsResult, TreeNode } from '../../common/protocol';
import { changedSpans } from '../../core/diff';
import { ScratchRepo } from '../helpers/scratchGit';
import { cleanup, LspClient, uriOf } from './harness';

/**
 * `axial/codingChanges` and `axial/revisions` through the real bundled server over
 * stdio, on a scratch git repository (real git): the changes since a commit with the
 * ranges of their spans, and the git problems as answers with `error`.
 */
describe('language server: coding changes since a revision (real git)', function () {
  let repo: ScratchRepo;
  let client: LspClient;
  let outside: string;

  const CODEBOOK = 'version: 1\ntitle: Scratch\ncoders:\n  CA: Carolina\ncodes:\n  trust: {}\n  listening: {}\n  agree: {}\n';
  const HEAD = '---\ncase: A\ncoder: CA\n---\nP: {{I trust her.}}{#trust} We talked a lot.\nP: She listened to me.\n';
  const NOW = '---\ncase: A\ncoder: CA\n---\nP: {{I trust her.}}{#trust #agree} We talked a lot.\nP: {{She listened to me.}}{#listening}\n';

  before(async () => {
    repo = new ScratchRepo();
    repo.write('codebook.yaml', CODEBOOK);
    repo.write('transcripts/a.md', HEAD);
    repo.write('transcripts/b.md', '---\ncase: B\ncoder: CA\n---\nP: {{Fine.}}{#agree} It was fine.\n');
    repo.commitAll('base');
    repo.git('branch', 'coding/ca');
    // The working tree: a span coded, one recoded, words of another file changed, a code added.
    repo.write('transcripts/a.md', NOW);
    repo.write('transcripts/b.md', '---\ncase: B\ncoder: CA\n---\nP: {{Fine.}}{#agree} It was good.\n');
    repo.write('codebook.yaml', CODEBOOK + '  rapport: {}\n');
    outside = mkdtempSync(path.join(os.tmpdir(), 'axial-nogit-'));
    client = new LspClient(repo.dir);
    await client.start();
    await client.waitFor('the start-up scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  after(async () => {
    await client.stop();
    repo.cleanup();
    cleanup(outside);
  });

  it('lists the transcripts\' coding changes since HEAD, each with the range of its span', async () => {
    const r = await client.request<CodingChangesResult>('axial/codingChanges', { folder: uriOf(repo.dir), revision: 'HEAD' });
    assert.equal(r.error, undefined);
    assert.equal(r.from, 'HEAD');
    assert.equal(r.to, 'working tree');
    assert.deepEqual(r.files.map((f) => [f.path, f.textChanged]), [['transcripts/a.md', false], ['transcripts/b.md', true]]);
    const a = r.files[0];
    assert.equal(a.uri, uriOf(path.join(repo.dir, 'transcripts', 'a.md')));
    assert.deepEqual(a.changes.map((c) => [c.kind, c.codes, c.coder, c.quote, c.line]), [
      ['recoded', ['agree', 'trust'], 'CA', 'I trust her.', 5],
      ['coded', ['listening'], 'CA', 'She listened to me.', 6],
    ]);
    assert.deepEqual([a.changes[0].from, a.changes[0].to], [['trust'], ['agree', 'trust']]);
    // Each range selects its quote in the file as it is on disk.
    const lines = readFileSync(path.join(repo.dir, 'transcripts', 'a.md'), 'utf8').split('\n');
    for (const c of a.changes) {
      const { start, end } = c.range!;
      assert.equal(start.line, end.line);
      assert.equal(lines[start.line].slice(start.character, end.character), c.quote);
    }
    assert.deepEqual(r.files[1].changes, []);
    assert.deepEqual(r.projects.map((p) => [p.path, p.codebook.added]), [['', ['rapport']]]);
  });

  it('the tree filtered to the changed spans (axial/tree/children with changedSince) holds only the coded and recoded quotes', async () => {
    const r = await client.request<CodingChangesResult>('axial/codingChanges', { folder: uriOf(repo.dir), revision: 'HEAD' });
    const filter = { changedSince: { revision: 'HEAD', spans: changedSpans(r.files) } };
    const quotes: string[] = [];
    const visit = async (parentId?: string) => {
      for (const n of await client.request<TreeNode[]>('axial/tree/children', { parentId, filter })) {
        if (n.kind === 'quote') quotes.push(`${n.codeId}: ${n.quote!.text}`);
        else if (n.hasChildren) await visit(n.id);
      }
    };
    await visit();
    assert.deepEqual(quotes.sort(), ['agree: I trust her.', 'listening: She listened to me.', 'trust: I trust her.']);
  });

  it('takes a folder or a file of the repository, and HEAD when no revision is given', async () => {
    const r = await client.request<CodingChangesResult>('axial/codingChanges', { folder: uriOf(path.join(repo.dir, 'transcripts', 'a.md')) });
    assert.equal(r.error, undefined);
    assert.equal(r.from, 'HEAD');
    assert.equal(r.files.length, 2);
  });

  it('answers an unknown revision and a folder outside any repository with an error, and keeps serving', async () => {
    const unknown = await client.request<CodingChangesResult>('axial/codingChanges', { folder: uriOf(repo.dir), revision: 'no-such-branch' });
    assert.equal(unknown.error, "unknown revision 'no-such-branch'");
    assert.deepEqual(unknown.files, []);
    const option = await client.request<CodingChangesResult>('axial/codingChanges', { folder: uriOf(repo.dir), revision: '--output=/tmp/x' });
    assert.match(option.error!, /not a revision/);
    const notGit = await client.request<CodingChangesResult>('axial/codingChanges', { folder: uriOf(outside), revision: 'HEAD' });
    assert.match(notGit.error!, /^not a git repository/);
    const revs = await client.request<RevisionsResult>('axial/revisions', { folder: uriOf(outside) });
    assert.match(revs.error!, /^not a git repository/);
    // Nothing of this degraded the server.
    const status = await client.request<{ health: string }>('axial/getStatus', {});
    assert.equal(status.health, 'ok');
  });

  it('axial/revisions offers HEAD, the recent commits and the branches', async () => {
    repo.git('commit', '-q', '--allow-empty', '-m', 'second commit');
    const r = await client.request<RevisionsResult>('axial/revisions', { folder: uriOf(repo.dir) });
    assert.equal(r.error, undefined);
    const hashes = repo.git('log', '--format=%h').stdout.trim().split('\n');
    assert.deepEqual(r.revisions.filter((x) => x.kind === 'head').map((x) => x.revision), ['HEAD']);
    assert.deepEqual(r.revisions.filter((x) => x.kind === 'commit').map((x) => x.revision), hashes);
    assert.match(r.revisions.find((x) => x.revision === hashes[0])!.description, /^second commit — Axial Test, /);
    assert.deepEqual(r.revisions.filter((x) => x.kind === 'branch').map((x) => x.revision).sort(), ['coding/ca', 'main']);
  });
});
