import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cleanup, copyFixture, REPO } from '../lsp/harness';
import { runAxial } from '../helpers/axialCli';

/** The bundled `axial` command run as a process, as a person at a shell or CI would. */
function axial(args: string[], cwd: string) {
  return runAxial(args, cwd);
}

/** One line on stderr, nothing on stdout, and no stack trace. */
function assertOneLine(r: { stdout: string; stderr: string }, what: string) {
  assert.equal(r.stdout, '', what);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${what}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|TypeError|RangeError/, what);
}

/**
 * Usage errors exit 2 in every command, as each command's --help says. Exit 1
 * means something else in several of them (no passages for `query`, agreement
 * below the threshold for `agree`), so a mistyped option in CI must not read as
 * a result.
 */
describe('axial: usage errors exit 2 in every command', () => {
  let dir: string;
  before(() => {
    dir = copyFixture(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'));
  });
  after(() => cleanup(dir));

  const COMMANDS = ['check', 'suggest', 'merge', 'init-git', 'diff', 'strip', 'agree', 'report', 'export', 'query', 'import'];

  for (const command of COMMANDS) {
    it(`axial ${command} --no-such-option exits 2 with one line`, () => {
      const r = axial([command, '--no-such-option'], dir);
      assert.equal(r.code, 2, `${command}: ${r.stderr}`);
      assertOneLine(r, command);
      assert.match(r.stderr, /unknown option '--no-such-option'/);
    });
  }

  it('a missing required argument exits 2 (axial query with no expression)', () => {
    const r = axial(['query'], dir);
    assert.equal(r.code, 2, r.stderr);
    assertOneLine(r, 'query');
  });

  it('an option missing its value exits 2 (axial suggest --text)', () => {
    const r = axial(['suggest', '.', '--text'], dir);
    assert.equal(r.code, 2, r.stderr);
    assertOneLine(r, 'suggest');
  });

  it('too many arguments exit 2 (axial report a b)', () => {
    const r = axial(['report', 'a', 'b'], dir);
    assert.equal(r.code, 2, r.stderr);
    assertOneLine(r, 'report');
  });

  it('an unknown command exits 2 with one line (and a did-you-mean)', () => {
    const r = axial(['chekc'], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "error: unknown command 'chekc'\n(Did you mean check?)\n");
  });

  it('axial with no command prints the overview on stderr and exits 2', () => {
    const r = axial([], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^Usage: axial /);
  });

  it('--help and --version still exit 0', () => {
    for (const args of [['--help'], ['--version'], ['help'], ['help', 'query'], ['agree', '--help'], ['suggest', '-h']]) {
      const r = axial(args, dir);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.notEqual(r.stdout, '', args.join(' '));
    }
  });

  it('the overview says what the exit codes are', () => {
    const r = axial(['--help'], dir);
    assert.match(r.stdout, /\nExit codes[^\n]*:\n[\s\S]*\n  2  usage error/);
  });
});
