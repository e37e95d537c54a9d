import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';

const CODE_SERVER = path.join(REPO, '.vscode-test', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** True while any process of group `pgid` lives (zombies included, as `kill -0` sees them). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls `cond` every 100 ms until it holds; fails with `what` after `ms`. */
async function waitFor(what: string, cond: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `npm start -- <folder>` as a person runs it, with the real code-server (skipped when
 * it is not installed under .vscode-test/). npm runs in its own process group, so the
 * test can see every process npm started; code-server runs in a group of its own,
 * whose id the script prints.
 */
describe('npm start', function () {
  this.timeout(180_000);
  let folder: string;
  let npm: ChildProcess | undefined;

  before(function () {
    if (!existsSync(CODE_SERVER) || !existsSync(path.join(REPO, 'dist', 'client.js'))) this.skip();
  });
  beforeEach(() => { folder = mkdtempSync(path.join(tmpdir(), 'axial-start-')); });
  afterEach(() => {
    if (npm?.pid && groupAlive(npm.pid)) process.kill(-npm.pid, 'SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens the folder it is given and stops code-server and every child on SIGTERM to npm', async () => {
    npm = spawn('npm', ['start', '--silent', '--', '--no-build', folder], {
      cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      // No desktop VS Code: the code-server path is the one under test.
      env: { ...process.env, PATH: path.dirname(process.execPath) + ':/usr/bin:/bin', AXIAL_PORT: '' },
    });
    let out = '';
    npm.stdout!.on('data', (d) => { out += String(d); });
    npm.stderr!.on('data', (d) => { out += String(d); });
    let exit: number | string | null | undefined;
    npm.on('exit', (code, signal) => { exit = signal ?? code; });

    await waitFor(`the URL line (output so far: ${out})`, () => /code-server pid \d+/.test(out) || exit !== undefined, 120_000);
    assert.equal(exit, undefined, out);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(out)?.[1] ?? '';
    assert.ok(decodeURIComponent(url).includes(`folder=${folder}`), `opens the given folder: ${url}`);
    const csPid = Number(/code-server pid (\d+)/.exec(out)![1]);
    assert.ok(groupAlive(csPid), 'code-server is running');
    const res = await fetch(new URL('/healthz', url));
    assert.equal(res.ok, true, 'code-server answers');

    process.kill(npm.pid!, 'SIGTERM');
    await waitFor('npm to exit', () => exit !== undefined, 30_000);
    await waitFor(`code-server's process group to end (output: ${out})`, () => !groupAlive(csPid), 20_000);
    await waitFor('npm\'s process group to end', () => !groupAlive(npm!.pid!), 20_000);
    assert.match(out, /stopping code-server/);
  });

  it('plain npm start opens a scratch copy of the example, never the tracked example (desktop `code` stubbed)', async () => {
    // A stand-in for desktop VS Code's `code`: prints what it was asked to open.
    const bin = path.join(folder, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'code'), '#!/bin/sh\necho "code $*"\n', { mode: 0o755 });
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'open-example.mjs'), '--no-build'], {
      cwd: REPO, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:/usr/bin:/bin` },
    });
    assert.equal(r.status, 0, r.stderr);
    const scratch = path.join(REPO, '.axial-scratch', 'therapeutic-relationship');
    assert.match(r.stdout, new RegExp(`^code --extensionDevelopmentPath=${REPO} ${scratch}$`, 'm'));
    assert.ok(existsSync(path.join(scratch, 'codebook.yaml')), 'the copy holds the example');
    const ignored = spawnSync('git', ['check-ignore', '-q', scratch], { cwd: REPO });
    assert.equal(ignored.status, 0, '.axial-scratch/ is ignored by git');
  });

  it('refuses a folder that does not exist, in one line', async () => {
    const missing = path.join(folder, 'nope');
    npm = spawn(process.execPath, [path.join(REPO, 'scripts', 'open-example.mjs'), '--no-build', missing], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    npm.stderr!.on('data', (d) => { err += String(d); });
    const code = await new Promise((r) => npm!.on('exit', r));
    assert.equal(code, 1);
    assert.equal(err.trim(), `axial: folder not found: ${missing}`);
  });
});
