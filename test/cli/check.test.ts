import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, copyFixture, REPO } from '../lsp/harness';

/** The bundled `axial` command (dist/cli.js) run as a process, as CI would. */
function axial(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('axial check', () => {
  it('the example project validates with no errors and no warnings', () => {
    const r = axial(['check', 'examples/therapeutic-relationship'], REPO);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /1 project, 7 transcripts: 0 errors, 0 warnings/);
    assert.equal(r.code, 0);
  });

  it('prints file:line:col severity code message and exits 1 on errors', () => {
    const dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    try {
      const file = path.join(dir, 'transcripts', 'therapist.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('{{He came very scared.}}{#trust}', '{{He came {{very}}{#nope} scared.}} {#trust}'));
      const r = axial(['check'], dir);
      assert.equal(r.code, 1);
      const lines = r.stdout.trim().split('\n');
      const line9 = readFileSync(file, 'utf8').split('\n')[8];
      const col = (needle: string) => line9.indexOf(needle) + 1;
      // Exact locations: the unknown code's tag, and the closer with no block after it.
      assert.ok(lines.includes(`transcripts/therapist.md:9:${col('#nope')} error code.unknown Unknown code 'nope'. The codebook has no code with this id.`), r.stdout);
      assert.ok(lines.some((l) => l.startsWith(`transcripts/therapist.md:9:${col('}} {#trust}')} error span.closer-without-block `)), r.stdout);
      for (const l of lines) assert.match(l, /^[^:]+:\d+:\d+ (error|warning) [a-z-]+\.[a-z-]+ \S/);
      assert.match(r.stderr, /1 project, 2 transcripts: \d+ errors/);
    } finally {
      cleanup(dir);
    }
  });

  it('line:col count a lone CR as a line break, as editors do', () => {
    const dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    try {
      writeFileSync(path.join(dir, 'transcripts', 'cr.md'), 'I: Did you trust her?\rP: {{Yes, I did}}{#nope} a lot.\r');
      const r = axial(['check'], dir);
      assert.ok(r.stdout.split('\n').includes("transcripts/cr.md:2:19 error code.unknown Unknown code 'nope'. The codebook has no code with this id."), r.stdout);
    } finally {
      cleanup(dir);
    }
  });

  it('a YAML key that is a list or map is a diagnostic, never a Node warning on stderr', () => {
    const dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    try {
      writeFileSync(path.join(dir, 'transcripts', 'keys.md'), '---\ncase: 1\nattributes:\n  {x: 1}: 2\n---\nP: hi\n');
      const r = axial(['check'], dir);
      assert.ok(r.stdout.split('\n').some((l) => l.startsWith('transcripts/keys.md:4:3 error front-matter.collection-key ')), r.stdout);
      assert.doesNotMatch(r.stderr, /Warning|stringified/);
    } finally {
      cleanup(dir);
    }
  });

  it('warnings alone exit 0; --json gives the same diagnostics as data', () => {
    const dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
    try {
      const file = path.join(dir, 'transcripts', 'therapist.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('{#trust}', '{#old-trust}'));
      const r = axial(['check', '.'], dir);
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), "transcripts/therapist.md:9:29 warning code.deprecated Code 'old-trust' is deprecated; use 'trust'.");
      const j = JSON.parse(axial(['check', '--json'], dir).stdout);
      assert.equal(j.warnings, 1);
      assert.deepEqual(j.lines[0], { file: 'transcripts/therapist.md', line: 9, column: 29, severity: 'warning', code: 'code.deprecated', message: "Code 'old-trust' is deprecated; use 'trust'." });
    } finally {
      cleanup(dir);
    }
  });

  it('a folder with no codebook exits 2 with a message', () => {
    const r = axial(['check', 'docs'], REPO);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no codebook\.yaml found/);
  });
});
