import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, copyFixture, REPO } from '../lsp/harness';
import { runAxial } from '../helpers/axialCli';

/** root reads a file whatever its mode, so as root the command runs as `nobody`, for whom mode 000 means unreadable. */
const AS_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/** The bundled `axial` command run as a process, by a user who cannot read files of mode 000. */
function axial(args: string[], cwd: string) {
  return runAxial(args, cwd, {}, AS_USER);
}

/**
 * A transcript, memo or codebook that cannot be read (mode 000, a file owned by
 * someone else) is not silently passed over: CI must not go green on a
 * transcript it never checked.
 */
describe('axial check: files it cannot read', () => {
  let dir: string;
  const file = (rel: string) => path.join(dir, rel);

  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    rmSync(file('notes'), { recursive: true });
    mkdirSync(file('memos'));
    writeFileSync(file('memos/m.md'), '---\ncodes: [trust]\n---\nA memo.\n');
    // The temporary folder is the test's alone (mode 700); the other user must get in.
    for (const d of ['.', 'transcripts', 'memos']) chmodSync(file(d), 0o755);
  });
  afterEach(() => cleanup(dir));

  it('the project reads cleanly as that user before anything is made unreadable', () => {
    const r = axial(['check', '.'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  it('an unreadable transcript is an error of its own, not a file outside the globs', () => {
    chmodSync(file('transcripts/patient.md'), 0o000);
    const r = axial(['check', '.'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(
      r.stdout.split('\n').filter((l) => l.startsWith('transcripts/')),
      ['transcripts/patient.md:1:1 error project.unreadable Axial cannot read this file (EACCES: permission denied), so it is not checked.'],
    );
    assert.doesNotMatch(r.stdout, /outside-transcripts/);
    // The other transcript is checked; a codebook example only the unread one quotes goes missing.
    assert.match(r.stderr, /^1 project, 1 transcript: 1 error, \d+ warnings?\n$/);
  });

  it('an unreadable memo is an error too, and --format json carries it', () => {
    chmodSync(file('memos/m.md'), 0o000);
    const r = axial(['check', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as { diagnostics: { file: string; code: string; severity: string }[] };
    assert.deepEqual(
      out.diagnostics.map((d) => [d.file, d.severity, d.code]),
      [['memos/m.md', 'error', 'project.unreadable']],
    );
  });

  it('an unreadable codebook.yaml is named as unreadable (exit 2), not as missing', () => {
    chmodSync(file('codebook.yaml'), 0o000);
    const r = axial(['check', '.'], dir);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.stderr, 'axial check: cannot read codebook.yaml (EACCES: permission denied)\n');
  });
});

/** The commands that read a whole project name a transcript they could not read, as they name one with errors. */
describe('axial query, report, export: transcripts they cannot read are named', () => {
  let dir: string;
  const file = (rel: string) => path.join(dir, rel);

  beforeEach(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    rmSync(file('notes'), { recursive: true });
    // The other user writes the report and the export here.
    chmodSync(dir, 0o777);
    chmodSync(file('transcripts'), 0o755);
    chmodSync(file('transcripts/patient.md'), 0o000);
  });
  afterEach(() => cleanup(dir));

  it('axial query says it skipped the transcript, and --format json lists it', () => {
    const r = axial(['query', 'trust'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^axial query: skipped transcripts\/patient\.md: cannot be read \(EACCES: permission denied\)$/m);
    const j = axial(['query', 'trust', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(j.stdout).skipped, [{ file: 'transcripts/patient.md', reason: 'cannot be read (EACCES: permission denied)' }]);
  });

  it('axial report (md and csv) says it skipped the transcript, on stderr and in the report', () => {
    const md = axial(['report', '--format', 'md'], dir);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stderr, /^axial report: skipped transcripts\/patient\.md: cannot be read/m);
    assert.match(md.stdout, /Skipped transcripts\/patient\.md: cannot be read/);
    const csv = axial(['report', '--out', 'tables'], dir);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stderr, /^axial report: skipped transcripts\/patient\.md: cannot be read/m);
  });

  it('axial export names the transcript with the reason it could not be read', () => {
    const r = axial(['export', '--qdc', 'out.qdc', '--qdpx', 'out.qdpx'], dir);
    assert.equal(r.code, 2, r.stderr);
    const x = axial(['export', '--qdpx', 'out.qdpx'], dir);
    assert.equal(x.code, 1, x.stderr);
    assert.match(x.stderr, /transcripts\/patient\.md: cannot be read \(EACCES: permission denied\); left out/);
  });
});
