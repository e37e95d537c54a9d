import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';

/** `axial suggest` run as a process, from the bundled CLI (dist/cli.js). */
function axial(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const rate = (line: string, label: string) => {
  const m = new RegExp(`${label}: (\\d+)/(\\d+) = ([0-9.]+)`).exec(line);
  assert.ok(m, `no '${label}' in: ${line}`);
  return { hits: Number(m[1]), n: Number(m[2]), rate: Number(m[3]) };
};

describe('axial suggest', () => {
  it('--help names each default once', () => {
    const help = axial(['suggest', '--help']);
    assert.equal(help.code, 0);
    const limit = help.stdout.split('\n').filter((l) => /--limit/.test(l)).join(' ');
    assert.equal((limit.match(/default/g) ?? []).length, 1, limit);
    assert.match(limit, /\(default: 3\)/);
    // Each option of the help, its wrapped lines joined, says "default" at most once.
    for (const cmd of ['suggest', 'diff']) {
      const options = axial([cmd, '--help']).stdout.split(/\nOptions:\n/)[1].split(/\n(?=  -)/);
      for (const option of options) assert.ok((option.match(/default/g) ?? []).length <= 1, `${cmd}: ${option}`);
    }
  });

  it('--evaluate prints leave-one-out top-1 and top-3 hit rates with a most-frequent-code baseline, and beats it', () => {
    const r = axial(['suggest', '--evaluate', 'examples/therapeutic-relationship']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 4, r.stdout);
    const head = /^examples\/therapeutic-relationship: leave-one-out over (\d+) coded spans, (\d+) codes \(strict: /.exec(lines[0]);
    assert.ok(head, lines[0]);
    const spans = Number(head[1]);
    assert.ok(spans > 40, `only ${spans} spans evaluated`);
    const top1 = rate(lines[1], 'top-1 hit rate');
    const base1 = rate(lines[1], 'baseline \\(most frequent code\\)');
    const top3 = rate(lines[2], 'top-3 hit rate');
    const base3 = rate(lines[2], 'baseline \\(3 most frequent codes\\)');
    for (const x of [top1, base1, top3, base3]) {
      assert.equal(x.n, spans);
      assert.ok(x.rate >= 0 && x.rate <= 1);
      assert.ok(Math.abs(x.rate - x.hits / x.n) < 0.001);
    }
    assert.ok(top3.hits >= top1.hits);
    assert.ok(top1.rate > base1.rate, lines[1]);
    assert.ok(top3.rate > base3.rate, lines[2]);
    assert.match(lines[3], /^ {2}no suggestion: \d+; [0-9.]+ ms per suggestion$/);
  });

  it('--evaluate --json gives the same as data; --lenient keeps codebook examples and does at least as well', () => {
    const strict = JSON.parse(axial(['suggest', '--evaluate', '--json', 'examples/therapeutic-relationship']).stdout);
    const lenient = JSON.parse(axial(['suggest', '--evaluate', '--lenient', '--json', 'examples/therapeutic-relationship']).stdout);
    assert.equal(strict.length, 1);
    const e = strict[0];
    assert.equal(e.project, 'examples/therapeutic-relationship');
    assert.equal(e.strict, true);
    for (const k of ['top1', 'top3', 'baselineTop1', 'baselineTop3']) assert.ok(e.rates[k] >= 0 && e.rates[k] <= 1, k);
    assert.equal(e.rates.top1, e.top1 / e.evaluated);
    assert.equal(lenient[0].strict, false);
    assert.ok(lenient[0].top3 >= e.top3);
  });

  it('--text shows the suggestions for a passage with why', () => {
    const r = axial(['suggest', 'examples/therapeutic-relationship', '--text', 'She sent me e-mails between sessions to ask how I was']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^examples\/therapeutic-relationship:\n {2}1\. Contact outside the session \(contact-outside-session\) {2}score [0-9.]+\n {5}matches .*“sent”/);
    assert.match(r.stdout, /closest: “.+” \(transcripts\/[a-z-]+\.md:\d+\)/);
  });

  it('without --evaluate or --text, or without a project, exits 2', () => {
    assert.equal(axial(['suggest', 'examples/therapeutic-relationship']).code, 2);
    const r = axial(['suggest', '--evaluate', 'docs']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no codebook\.yaml found/);
  });

  it('--limit and --sample take a positive whole number: anything else is one line and exit 2', () => {
    for (const args of [
      ['--text', 'trust', '--limit', 'abc'],
      ['--text', 'trust', '--limit', '0'],
      ['--text', 'trust', '--limit', '2.5'],
      ['--evaluate', '--sample', 'abc'],
      ['--evaluate', '--sample', '-3'],
      ['--evaluate', '--sample', '0'],
    ]) {
      const r = axial(['suggest', 'examples/therapeutic-relationship', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, /^axial suggest: --(limit|sample) takes a whole number of 1 or more, not '[^']*'\n$/, args.join(' '));
    }
  });

  it('a folder that does not exist, or a file, is named as such', () => {
    const missing = axial(['suggest', 'no-such-folder', '--evaluate']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'axial suggest: no such folder: no-such-folder\n');
    const file = axial(['suggest', 'README.md', '--text', 'trust']);
    assert.equal(file.code, 2);
    assert.equal(file.stderr, 'axial suggest: README.md is not a folder\n');
    const none = axial(['suggest', 'docs', '--text', 'trust']);
    assert.equal(none.stderr, 'axial suggest: no codebook.yaml found under docs\n');
  });

  it('--help lists the exit codes', () => {
    assert.match(axial(['suggest', '--help']).stdout, /Exit codes:\n  0 [^\n]*\n  2 +usage error/);
  });
});
