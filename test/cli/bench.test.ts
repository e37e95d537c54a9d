import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../lsp/harness';

/**
 * The benchmark suite in its small mode, as CI runs it: it must finish and write
 * results.json with every measurement beside its bound. The times themselves are
 * not checked (benchmarks report, they do not fail).
 */
describe('npm run bench -- --small', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'axial-bench-test-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the table and writes results.json with each measurement, its bound and the ratio', () => {
    const results = path.join(dir, 'results.json');
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'run-bench.mjs'), 'suite', '--small', '--results', results], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\| measurement \| value \| bound \(same run\) \|/);
    const j = JSON.parse(readFileSync(results, 'utf8'));
    assert.equal(j.mode, 'small');
    assert.ok(j.corpus.transcripts > 0 && j.corpus.bytes > 0 && j.corpus.spans > 0);
    assert.ok(['rg', 'grep'].includes(j.scanTool));
    assert.ok(j.machine.cpus > 0 && j.machine.loadBefore.length === 3);
    const names: string[] = j.measurements.map((m: { name: string }) => m.name);
    for (const expected of [/cold index/, /RSS after indexing/, /^axial check$/, /^axial agree$/, /^axial diff/, /edit \(one character\)/, /typing \{\{/, /typist's pace/, /completion/, /hover/, /references/, /tree: first level/, /trivial request/, /^node start-up/, /^node: read and decode every file/]) {
      assert.ok(names.some((n) => expected.test(n)), `no measurement matching ${expected} in ${names.join(', ')}`);
    }
    for (const m of j.measurements) {
      assert.ok(typeof m.bound === 'string' && m.bound.length > 0, `${m.name}: no bound`);
      assert.ok(Number.isFinite(m.ratio) && m.ratio > 0, `${m.name}: ratio ${m.ratio}`);
      if (m.kind === 'whole') assert.ok(m.ms > 0 && m.boundMs > 0, m.name);
      else if (m.kind === 'memory') assert.ok(m.mb > 0 && m.boundMb > 0, m.name);
      else {
        assert.equal(m.kind, 'latency');
        assert.ok(m.p50 > 0 && m.p99 >= m.p50 && m.boundP50 > 0, m.name);
      }
    }
  });

  it('bench/completion.ts and bench/indexingLatency.ts run their server sessions on a generated project and remove it after', () => {
    // Their own temporary folder, so the check that nothing is left sees only theirs.
    const tmp = mkdtempSync(path.join(dir, 'tmp-'));
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'run-bench.mjs'), 'completion', 'indexingLatency', '--small'], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: tmp, AXIAL_BENCH_KEEP: '', AXIAL_BENCH_DIR: '' },
    });
    assert.equal(r.status, 0, r.stderr);
    const [completion, indexing] = r.stdout.split('--- bench/indexingLatency.ts');
    assert.equal(completion.match(/^project: 10 transcripts, .* 200 codes, \d+ spans/gm)?.length, 1);
    for (const client of ['a client like VS Code', 'a client that takes whole items']) {
      const part = completion.slice(completion.indexOf(client));
      assert.match(part, /indexed in \d+ ms\nround 1 \(load [\d.]+\):\n {2}trivial request +p50 [\d.]+ ms, p90 [\d.]+, p99 [\d.]+, max [\d.]+\n {2}completion after # +p50 [\d.]+ ms.*\((\d+) items, \d+ KiB of JSON\)/);
      // Every code of the codebook is offered after `#`: the place the benchmark points at is a code tag.
      assert.ok(Number(/\((\d+) items/.exec(part)![1]) >= 200, part);
      assert.match(part, /resolve \(1 item\) +p50 [\d.]+ ms/);
    }
    assert.match(indexing, /^project: 10 transcripts/m);
    assert.match(indexing, /cold index \(initialize → indexing: false\): \d+ ms/);
    // The hover points at a code tag, so an answer with its definition comes (during the scan or right after it).
    assert.match(indexing, /first hover with the code's definition: +(\d+ ms|only after the scan)/);
    assert.match(indexing, /hover round trips during the scan: +\d+ requests, (p50 [\d.]+ ms|none)/);
    assert.deepEqual(readdirSync(tmp), [], 'the generated projects are removed once the sessions end');
  });

  it('bench/readOffThread.ts compares reading on the main thread and on a worker thread', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'run-bench.mjs'), 'readOffThread', '--small'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ +10 \| [\d.]+ ms, [\d.]+ ms \| [\d.]+ ms, [\d.]+ ms$/m);
  });

  it('bench/coldIndex.ts times the cold index of a small project and writes the CPU profile it is asked for', () => {
    const prof = path.join(dir, 'prof');
    const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'run-bench.mjs'), 'coldIndex', '--small', '--cpu-prof', prof], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /run 1: cold index \d+ ms, CPU \d+ ms, RSS \d+ MB, load [\d.]+/);
    assert.match(r.stdout, /median of 1: cold index \d+ ms/);
    const profiles = readdirSync(prof).filter((f) => f.endsWith('.cpuprofile'));
    assert.equal(profiles.length, 1);
    assert.ok(JSON.parse(readFileSync(path.join(prof, profiles[0]), 'utf8')).nodes.length > 0);
  });
});
