import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject } from '../../bench/project';
import { cleanup, REPO } from '../lsp/harness';

const CLI = path.join(REPO, 'dist', 'cli.js');

/**
 * Runs `axial <args> | head -c 10` in a shell: head reads ten bytes and exits,
 * closing the pipe while axial still writes (every output here is far larger
 * than a pipe's buffer). Returns axial's own exit code and stderr.
 */
function intoHead(args: string[], cwd: string): { code: number; stderr: string; head: string } {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const errFile = path.join(cwd, 'stderr.txt');
  const r = spawnSync('bash', ['-c', `${quoted} 2>'${errFile}' | head -c 10; exit "\${PIPESTATUS[0]}"`], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stderr: readFileSync(errFile, 'utf8'), head: r.stdout };
}

describe('axial: a reader that closes the pipe early (`| head`)', function () {
  this.timeout(120000);
  let dir: string;
  let big: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-pipe-'));
    // Ten generated transcripts, two of them coded by two coders: every output below is megabytes.
    writeProject(dir, { transcripts: 10 });
    // One transcript of several hundred kilobytes for strip, and one full of unknown codes for check.
    big = path.join(dir, 'big.md');
    writeFileSync(big, readFileSync(path.join(dir, 'transcripts', 'case-0000.md'), 'utf8').repeat(8));
    writeFileSync(path.join(dir, 'transcripts', 'unknown.md'), Array.from({ length: 3000 }, (_, i) => `P: {{word ${i}}}{#no-such-code-${i}}\n`).join(''));
  });
  after(() => cleanup(dir));

  const cases: [string, () => string[]][] = [
    ['agree --format json', () => ['agree', dir, '--format', 'json']],
    ['agree (text)', () => ['agree', dir]],
    ['report --format md to stdout', () => ['report', dir, '--format', 'md']],
    ['report --format html to stdout', () => ['report', dir, '--format', 'html']],
    ['query', () => ['query', 'theme-0 OR theme-1 OR theme-2 OR theme-3', dir, '--format', 'json']],
    ['check --format json', () => ['check', dir, '--format', 'json']],
    ['strip', () => ['strip', big]],
  ];
  for (const [name, args] of cases) {
    it(`${name}: stops quietly, no stack trace`, () => {
      const r = intoHead(args(), dir);
      assert.equal(r.head.length, 10, `head got its ten bytes (stderr: ${r.stderr})`);
      assert.doesNotMatch(r.stderr, /Unhandled|EPIPE|node:events|\n\s+at /, r.stderr);
      assert.notEqual(r.code, 2, `no usage error: ${r.stderr}`);
    });
  }
});

/**
 * The same for standard error: `axial query … 2>&1 >/dev/null | head -1`, or a
 * CI step that stops reading the log. The command still exits with its own
 * code, not Node's 1 for an unhandled EPIPE (query reads 1 as "no passages").
 */
describe('axial: standard error closed early', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-pipe-err-'));
    writeProject(dir, { transcripts: 2 });
    // Transcripts with errors: each is named on stderr as skipped.
    for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, 'transcripts', `broken-${i}.md`), 'P: {{never closed\n');
  });
  after(() => cleanup(dir));

  it('query: exits 0 with its passages on stdout although stderr is gone', async () => {
    const child = spawn(process.execPath, [CLI, 'query', 'theme-0 OR theme-1', dir, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the command has written anything: every write to stderr fails.
    child.stderr.destroy();
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(code, 0);
    assert.ok(JSON.parse(out).hits.length > 0);
  });
});
