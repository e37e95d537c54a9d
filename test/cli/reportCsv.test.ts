import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';
import { CLI } from './gitScratch';

const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');
/** The example project's tables as `axial report --format csv` wrote them before its tables were streamed. */
const GOLDEN = path.join(REPO, 'test', 'fixtures', 'report-csv');
const TABLES = ['quotes.csv', 'code-by-case.csv', 'cooccurrence.csv'];

function report(args: string[]) {
  return spawnSync(process.execPath, [CLI, 'report', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('axial report --format csv (streamed to the files)', function () {
  this.timeout(60_000);

  it('writes the example project\'s tables byte for byte as recorded (regenerate test/fixtures/report-csv when the example changes)', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'axial-report-golden-'));
    const r = report([EXAMPLE, '--format', 'csv', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    for (const t of TABLES) assert.ok(readFileSync(path.join(out, t)).equals(readFileSync(path.join(GOLDEN, t))), `${t} differs from test/fixtures/report-csv/${t}`);
  });

  it('a project below the folder given: the same tables, and a broken transcript named by its path from here', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-report-below-'));
    cpSync(EXAMPLE, path.join(dir, 'studies', 'therapy'), { recursive: true });
    writeFileSync(path.join(dir, 'studies', 'therapy', 'transcripts', 'zz-broken.md'), '---\ncase: Z\n---\nP: {{never closed {#x}\n');
    const r = spawnSync(process.execPath, [CLI, 'report', 'studies', '--format', 'csv', '--out', 'out'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^axial report: skipped studies\/therapy\/transcripts\/zz-broken\.md: 1 error \(line 4: /);
    for (const t of TABLES) assert.ok(readFileSync(path.join(dir, 'out', t)).equals(readFileSync(path.join(GOLDEN, t))), `${t} differs from test/fixtures/report-csv/${t}`);
  });

  it('replaces the three tables in place: their mode kept, other files untouched, no temporary file left', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'axial-report-replace-'));
    writeFileSync(path.join(out, 'quotes.csv'), 'old\r\n');
    chmodSync(path.join(out, 'quotes.csv'), 0o640);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const r = report([EXAMPLE, '--format', 'csv', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(out).sort(), ['code-by-case.csv', 'cooccurrence.csv', 'notes.txt', 'quotes.csv']);
    assert.equal(statSync(path.join(out, 'quotes.csv')).mode & 0o777, 0o640);
    assert.ok(readFileSync(path.join(out, 'quotes.csv')).equals(readFileSync(path.join(GOLDEN, 'quotes.csv'))));
    assert.equal(readFileSync(path.join(out, 'notes.txt'), 'utf8'), 'mine');
  });

  it('an unknown case among many is one line naming the first ten and how many more', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-report-cases-'));
    writeFileSync(path.join(dir, 'codebook.yaml'), 'version: 1\ncodes:\n  trust: {}\n');
    mkdirSync(path.join(dir, 'transcripts'));
    for (let i = 0; i < 12; i++) writeFileSync(path.join(dir, 'transcripts', `t${i}.md`), `---\ncase: c${String(i).padStart(2, '0')}\n---\nP: {{Yes.}}{#trust}\n`);
    const r = report([dir, '--format', 'csv', '--case', 'nope', '--out', path.join(dir, 'out')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "axial report: unknown case 'nope': cases are c00, c01, c02, c03, c04, c05, c06, c07, c08, c09 and 2 more\n");
  });

  it('an unknown case or coder, known only once every transcript is read, writes nothing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-report-late-'));
    writeFileSync(path.join(dir, 'codebook.yaml'), 'version: 1\ncodes:\n  trust: {}\n');
    mkdirSync(path.join(dir, 'transcripts'));
    writeFileSync(path.join(dir, 'transcripts', 'a.md'), '---\ncase: A\n---\nP: {{Yes.}}{#trust @CA}\n');
    writeFileSync(path.join(dir, 'transcripts', 'b.md'), '---\ncase: B\n---\nP: {{No.}}{#trust @LN}\n');
    for (const [args, message] of [
      [['--case', 'A,C'], "axial report: unknown case 'C': cases are A, B\n"],
      [['--coder', 'CA', '--coder', 'MR'], "axial report: unknown coder 'MR': coders are CA, LN\n"],
    ] as const) {
      const out = path.join(dir, 'out');
      const r = report([dir, '--format', 'csv', ...args, '--out', out]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, message);
      assert.ok(!existsSync(out), 'nothing written');
    }
    const ok = report([dir, '--format', 'csv', '--case', 'B', '--coder', 'LN', '--out', path.join(dir, 'out')]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(readFileSync(path.join(dir, 'out', 'quotes.csv'), 'utf8').split('\r\n')[1], 'trust,trust,No.,B,,P,LN,transcripts/b.md,4');
  });
});
