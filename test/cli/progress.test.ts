import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject } from '../../bench/project';
import { cleanup, REPO } from '../lsp/harness';

const CLI = path.join(REPO, 'dist', 'cli.js');
// The bar waits about a second before it appears; here it appears at once, so that small projects show it.
const NOW = { AXIAL_PROGRESS_DELAY_MS: '0' };

/** `axial` on a pseudo-terminal (util-linux `script`): what a person at a terminal sees, stdout and stderr together. */
function onTty(args: string[], cwd: string, env: Record<string, string> = {}): { code: number | null; out: string } {
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd, encoding: 'utf8', env: { ...process.env, ...NOW, ...env } });
  return { code: r.status, out: r.stdout };
}

/** `axial` with stdout and stderr piped, as in CI or a script. */
function piped(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...NOW } });
}

describe('progress bars of long commands', function () {
  this.timeout(60_000);
  let dir: string;
  const FILES = 12; // transcripts and the codebook
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-cli-progress-'));
    writeProject(dir, { transcripts: FILES - 1, seed: 2, codes: 200, turns: 40 });
  });
  after(() => cleanup(dir));

  const commands: [string, string[]][] = [
    ['check', ['check', '.']],
    ['agree', ['agree', '.']],
    ['report', ['report', '.', '--format', 'csv', '--out', 'report-out']],
    ['export', ['export', '.', '--qdpx', 'out.qdpx']],
  ];
  for (const [name, args] of commands) {
    it(`axial ${name}: a bar of files read on a terminal, none with --quiet or when piped`, () => {
      const tty = onTty(args, dir);
      assert.ok(tty.code === 0 || tty.code === 1, tty.out);
      assert.match(tty.out, new RegExp(`${FILES} of ${FILES} files`), tty.out);
      const quiet = onTty([...args, '--quiet'], dir);
      assert.equal(quiet.code, tty.code, quiet.out);
      assert.doesNotMatch(quiet.out, / of \d+ files/);
      const p = piped(args, dir);
      assert.equal(p.status, tty.code, p.stderr);
      assert.doesNotMatch(p.stderr + p.stdout, / of \d+ files/);
    });
  }

  it('axial check on worker threads: the bar counts the files the workers check too', () => {
    // Two threads, and every worker takes a file before this one starts (cli/checkWorkers.ts).
    const threads = { AXIAL_THREADS: '2', AXIAL_CHECK_WORKERS_FIRST: '1' };
    const tty = onTty(['check', '.'], dir, threads);
    const alone = onTty(['check', '.'], dir, { AXIAL_THREADS: '1' });
    assert.equal(tty.code, alone.code, tty.out);
    assert.match(tty.out, new RegExp(`${FILES} of ${FILES} files`), tty.out);
    assert.doesNotMatch(tty.out, new RegExp(`${FILES + 1} of ${FILES} files`), tty.out);
  });

  it('the bar goes to stderr: stdout on a terminal holds the output alone', () => {
    const cmd = [process.execPath, CLI, 'check', '.', '--format', 'json'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', `${cmd} 2>/dev/null`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...NOW } });
    assert.doesNotMatch(r.stdout, / of \d+ files/);
    assert.match(r.stdout, /"summary"/);
  });
});
