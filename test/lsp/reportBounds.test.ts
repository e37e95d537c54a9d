import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject } from '../../bench/project';
import { ReportRequest } from '../../common/protocol';
import { cleanup, LspClient, REPO, uriOf } from './harness';

/**
 * The editor's report panel ("Axial: Open Report") shows the page the CLI
 * writes, so it is bounded the same way: on a project with more codes and cases
 * than the page shows, `axial/report` over stdio answers the CLI's bounded page.
 */
describe('language server: the report of a large project is bounded as the CLI’s', function () {
  this.timeout(120000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-report-bounds-'));
    writeProject(dir, { transcripts: 80, codes: 120, turns: 60 });
    client = new LspClient(dir);
    await client.start();
    await client.waitFor('the start-up scan', () => client.statuses.some((s) => !(s as { indexing?: boolean }).indexing));
  });

  after(async () => {
    await client.stop();
    cleanup(dir);
  });

  it('axial/report answers axial report --format html’s page, which names what it leaves out', async () => {
    const cli = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'report', '.', '--format', 'html'], { cwd: dir, encoding: 'utf8', maxBuffer: 64e6 });
    assert.equal(cli.status, 0, cli.stderr);
    const r = (await client.request(ReportRequest.type, { uri: uriOf(dir) }))!;
    assert.equal(r.html, cli.stdout);
    assert.match(r.html, /Showing the 50 codes with the most quotes \(of 120; with the categories above them\) by the 60 cases with the most coded quotes \(of 80; the All cases column counts every case\)/);
    assert.match(r.html, /Showing the 50 codes with the most quotes, of 120; 70 codes are left out/);
    assert.doesNotMatch(r.html, /data-key|class="hit"/, 'static pictures');
  });
});
