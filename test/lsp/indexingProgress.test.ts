import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject } from '../../bench/project';
import { TreeChildrenRequest, type StatusParams } from '../../common/protocol';
import { cleanup, LspClient } from '../lsp/harness';

/**
 * A large workspace over stdio: the status reports the scan's progress ("n of N
 * files"), and features answer while the scan goes on, from the files already read.
 */
describe('indexing a large workspace', function () {
  this.timeout(120_000);
  let dir: string;
  let client: LspClient;
  // Large enough that the scan takes well over a request's round trip on any machine.
  const TRANSCRIPTS = 400;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-lsp-progress-'));
    writeProject(dir, { transcripts: TRANSCRIPTS, seed: 5, codes: 200 });
  });
  after(async () => {
    await client?.stop();
    cleanup(dir);
  });

  it('reports files read of files found, and answers the tree before the scan ends', async () => {
    client = new LspClient(dir);
    await client.start();
    const statuses = () => client.statuses as StatusParams[];
    const early = await client.waitFor(
      'a status part way through the scan',
      () => statuses().find((s) => s.indexing && s.progress && s.progress.done >= 20 && s.progress.done < s.progress.total),
      60_000,
    );
    assert.equal(early.progress!.total, TRANSCRIPTS + 1, 'the transcripts and the codebook');

    const top = await client.request(TreeChildrenRequest.type, {});
    const answeredWhileIndexing = !statuses().some((s) => !s.indexing);
    assert.ok(answeredWhileIndexing, 'the scan ended before the tree answered: the project is too small to tell');
    assert.ok(top.length > 0 && (top[0].quotes ?? 0) > 0, 'the tree counts the quotes of the files already read');

    const done = await client.waitFor('the end of the scan', () => statuses().find((s) => !s.indexing), 60_000);
    assert.equal(done.progress, undefined, 'no progress once indexing is over');
    const progress = statuses().flatMap((s) => (s.progress ? [s.progress.done] : []));
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b), 'progress only grows');
    const full = await client.request(TreeChildrenRequest.type, {});
    assert.ok((full[0].quotes ?? 0) > (top[0].quotes ?? 0), 'the tree counts more once every file is read');
  });
});
