import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanup, copyFixture, REPO } from '../lsp/harness';
import { runAxial } from '../helpers/axialCli';

function axial(args: string[], cwd: string) {
  return runAxial(args, cwd, {}, { timeout: 30000 });
}

/**
 * A transcript kept elsewhere and linked into transcripts/ is a transcript: it
 * was passed over without a word (the folder walk took only plain files), so
 * `axial check` went green on whatever it held. Links to folders are still not
 * followed: one could loop.
 */
describe('projects with symbolic links', () => {
  let dir: string;
  let elsewhere: string;
  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    rmSync(path.join(dir, 'notes'), { recursive: true });
    elsewhere = mkdtempSync(path.join(os.tmpdir(), 'axial-elsewhere-'));
    writeFileSync(path.join(elsewhere, 'linked.md'), 'P: {{Yes}}{#nope}\n');
  });
  afterEach(() => {
    cleanup(dir);
    cleanup(elsewhere);
  });

  it('a link to a transcript file is checked, queried and counted', () => {
    symlinkSync(path.join(elsewhere, 'linked.md'), path.join(dir, 'transcripts', 'linked.md'));
    const r = axial(['check', '.'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^transcripts\/linked\.md:1:12 error code\.unknown /m);
    assert.match(r.stderr, /1 project, 3 transcripts/);
  });

  it('a link to a folder is not followed, and a link that loops or dangles stops nothing', () => {
    symlinkSync(elsewhere, path.join(dir, 'transcripts', 'folder-link'));
    mkdirSync(path.join(dir, 'transcripts', 'loop'));
    symlinkSync(path.join(dir, 'transcripts'), path.join(dir, 'transcripts', 'loop', 'back'));
    symlinkSync(path.join(elsewhere, 'gone.md'), path.join(dir, 'transcripts', 'dangling.md'));
    const r = axial(['check', '.'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '1 project, 2 transcripts: 0 errors, 0 warnings\n');
  });
});
