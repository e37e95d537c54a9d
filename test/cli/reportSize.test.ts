import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject } from '../../bench/project';
import { cleanup, REPO } from '../lsp/harness';

/**
 * The html report stays in proportion to the md one on a large codebook: its
 * pictures (a code × code heat map, a code × case matrix) once drew every empty
 * cell as a clickable group, so 20 transcripts with 500 codes gave 80 MB of html
 * for 0.5 MB of md; then every code and case and quote made 3 MB. The page now
 * shows the 50 codes with the most quotes and lists a share of the quotes.
 */
describe('axial report --format html: size on a 500-code codebook', function () {
  this.timeout(180000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-report-size-'));
    writeProject(dir, { transcripts: 20, codes: 500 });
  });
  after(() => cleanup(dir));

  it('writes html at most 3 times the md, and says what it leaves out', () => {
    for (const format of ['html', 'md']) {
      const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), 'report', dir, '--format', format, '--out', path.join(dir, `report.${format}`)], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const html = statSync(path.join(dir, 'report.html')).size;
    const md = statSync(path.join(dir, 'report.md')).size;
    assert.ok(md > 100_000, `the md holds the quotes (${md} bytes)`);
    assert.ok(html <= 3 * md, `html ${(html / 1e6).toFixed(1)} MB for md ${(md / 1e6).toFixed(1)} MB`);
    const page = readFileSync(path.join(dir, 'report.html'), 'utf8');
    assert.match(page, /Showing the 50 codes with the most quotes \(of 500; with the categories above them\) by every case\./);
    assert.match(page, /Showing the 50 codes with the most quotes, of 500; 450 codes are left out\./);
  });
});
