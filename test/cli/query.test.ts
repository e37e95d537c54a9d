import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';

/** The bundled `axial` command (dist/cli.js) run as a process, as a user would. */
function axial(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');

describe('axial query', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-query-'));
    mkdirSync(path.join(dir, 'transcripts'));
    writeFileSync(path.join(dir, 'codebook.yaml'), 'version: 1\ncodes:\n  trust: {kind: category}\n  early-trust: {parent: trust}\n  burden: {}\n');
    writeFileSync(path.join(dir, 'transcripts', 'one.md'), '---\ncase: X\n---\nI: How was it?\nP: {{I trusted her, "really"}}{#early-trust @A}\nI: And?\nP: {{A burden}}{#burden @B}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints each passage as file:line with case, speaker, codes and quote; exit 0', () => {
    const r = axial(['query', 'trust AND NOT burden', '.'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'transcripts/one.md:5  X · P  #early-trust @A  "I trusted her, "really""\n');
    assert.match(r.stderr, /^1 span in 1 transcript \(of 1 read\)\n$/);
  });

  it('exits 1 when nothing matches', () => {
    const r = axial(['query', 'trust AND burden'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
  });

  it('writes csv that a csv reader reads back, one row per passage (over turns)', () => {
    const r = axial(['query', 'trust OR burden', '--unit', 'turn', '--format', 'csv'], dir);
    assert.equal(r.code, 0, r.stderr);
    const py = spawnSync('python3', ['-c', 'import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin.read().splitlines(keepends=True)))))'], { input: r.stdout, encoding: 'utf8' });
    const rows = JSON.parse(py.stdout) as string[][];
    assert.deepEqual(rows[0], ['file', 'line', 'end_line', 'case', 'participant', 'speaker', 'codes', 'coders', 'quote']);
    assert.deepEqual(rows.slice(1).map((row) => [row[1], row[5], row[6], row[8]]), [
      ['5', 'P', 'early-trust', 'I trusted her, "really"'],
      ['7', 'P', 'burden', 'A burden'],
    ]);
  });

  it('writes json with the hits, and --out writes a file', () => {
    const r = axial(['query', '@B', '--format', 'json', '--out', 'hits.json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(readFileSync(path.join(dir, 'hits.json'), 'utf8'));
    assert.equal(j.unit, 'span');
    assert.deepEqual(j.hits.map((h: { codes: string[]; coders: string[] }) => [h.codes, h.coders]), [[['burden'], ['B']]]);
  });

  it('on a terminal the file and codes are in colour, as escape codes and not as the text \\u001b; NO_COLOR turns it off', () => {
    const onTty = (env: string) => {
      const cmd = [process.execPath, path.join(REPO, 'dist', 'cli.js'), 'query', 'trust AND NOT burden', '.'].map((a) => `'${a}'`).join(' ');
      return spawnSync('script', ['-qec', `${env} ${cmd}`, '/dev/null'], { cwd: dir, encoding: 'utf8' }).stdout;
    };
    const colour = onTty('env -u NO_COLOR');
    assert.ok(colour.includes('\u001b[1mtranscripts/one.md:5\u001b[0m'), JSON.stringify(colour));
    assert.ok(colour.includes('\u001b[36m#early-trust @A\u001b[0m'), JSON.stringify(colour));
    assert.doesNotMatch(colour, /\\u001b/);
    const plain = onTty('env NO_COLOR=1');
    assert.match(plain, /^transcripts\/one\.md:5  X · P  #early-trust @A  "I trusted her, "really""\r?\n/);
  });

  it('a quote with a control character is escaped, in colour too', () => {
    writeFileSync(path.join(dir, 'transcripts', 'two.md'), 'P: {{bell \u0007 here}}{#burden @C}\n');
    try {
      const r = axial(['query', '@C'], dir);
      assert.equal(r.stdout, 'transcripts/two.md:1  transcripts/two.md · P  #burden @C  "bell \\u0007 here"\n');
    } finally {
      rmSync(path.join(dir, 'transcripts', 'two.md'));
    }
  });

  it('--out into a folder, or into a folder that does not exist, is one line and exit 2, before the query runs', () => {
    mkdirSync(path.join(dir, 'out'));
    for (const [out, msg] of [
      ['out', 'axial query: --out out is a folder; give a file name\n'],
      ['no-such/hits.json', 'axial query: no such folder: no-such\n'],
    ] as const) {
      const r = axial(['query', 'trust', '--out', out], dir);
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, msg);
      assert.equal(r.stdout, '');
    }
    assert.deepEqual(readdirSync(path.join(dir, 'out')), []);
  });

  it('says where a query is wrong, in one line, exit 2, nothing printed on stdout', () => {
    for (const [q, msg] of [
      ['trust AND (burden', /^axial query: column 11: missing '\)'/],
      ['trust AND burdn', /^axial query: column 11: unknown code 'burdn': did you mean 'burden'\?/],
      ['case:Q', /unknown case 'Q': cases are X/],
      ['trust NEAR/x burden', /column 7: 'NEAR\/x': write NEAR\/n/],
    ] as const) {
      const r = axial(['query', q], dir);
      assert.equal(r.code, 2, q);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, msg);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
    assert.equal(axial(['query', 'trust', 'missing'], dir).code, 2);
    assert.match(axial(['query', 'trust', '--unit', 'word'], dir).stderr, /--unit must be span or turn/);
    assert.match(axial(['query', 'trust', '--coder', 'ZZ'], dir).stderr, /unknown coder 'ZZ'/);
  });

  it('answers the first-day question on the example project', () => {
    const r = axial(['query', 'trust-and-intimacy AND NOT therapist-as-expert', '--format', 'json'], EXAMPLE);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.ok(j.hits.length > 0);
    for (const h of j.hits) assert.ok(!h.codes.includes('therapist-as-expert'));
  });

  it('has --help naming the operators and exit codes', () => {
    const r = axial(['query', '--help'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /NEAR\/n/);
    assert.match(r.stdout.replace(/\s+/g, " "), /Exit 0 passages found, 1 none, 2 usage error/);
  });
});
