import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeProject } from '../../bench/project';
import { SHARED, WORKER_FILE } from '../../cli/checkWorkers';
import { REPO } from '../lsp/harness';

const CLI = path.join(REPO, 'dist', 'cli.js');
const TRANSCRIPTS = 150;

/** The bundled `axial check` (or another build's `cli`) run as a process on `dir`, with extra environment. */
function check(dir: string, format: string, env: NodeJS.ProcessEnv, cli = CLI) {
  const r = spawnSync(process.execPath, [cli, 'check', '--format', format], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('axial check on a generated project, on one thread and on several', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-check-threads-'));
    const project = writeProject(dir, { transcripts: TRANSCRIPTS, seed: 3, codes: 200, turns: 40 });
    // Problems spread over the files, so that every thread has some to report.
    project.files.forEach((rel, n) => {
      if (n % 9 === 0) appendFileSync(path.join(dir, rel), `P: {{a misspelt code in ${n}}}{#relacion-0-1x}\n`);
      if (n % 13 === 0) appendFileSync(path.join(dir, rel), 'P: {{a span never closed\n');
    });
    appendFileSync(path.join(dir, project.files[57]), 'P: {{it was only in fifty-seven, truly}}{#relacion-0-1}\n');
    // Two codebook examples: one quoted in a single file (whichever thread checks it), one nowhere.
    const codebook = path.join(dir, 'codebook.yaml');
    const yaml = readFileSync(codebook, 'utf8');
    assert.ok(yaml.includes('  relacion-0-1:\n    parent: cat-0\n'));
    writeFileSync(codebook, yaml.replace('  relacion-0-1:\n    parent: cat-0\n', '  relacion-0-1:\n    parent: cat-0\n    examples: [Only in Fifty-seven, said by nobody at all]\n'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives byte for byte the same report and exit code on 1, 2 and 3 threads, in every format', function () {
    this.timeout(120000);
    const one = check(dir, 'json', { AXIAL_THREADS: '1' });
    const report = JSON.parse(one.stdout) as { diagnostics: { code: string; message: string }[]; summary: { transcripts: number } };
    assert.equal(report.summary.transcripts, TRANSCRIPTS);
    const count = (code: string) => report.diagnostics.filter((d) => d.code === code).length;
    assert.equal(count('code.unknown'), Math.ceil(TRANSCRIPTS / 9));
    assert.equal(count('span.unclosed'), Math.ceil(TRANSCRIPTS / 13));
    const missing = report.diagnostics.filter((d) => d.code === 'codebook.example-not-found').map((d) => d.message);
    assert.equal(missing.length, 1, missing.join('\n'));
    assert.match(missing[0], /said by nobody at all/);
    assert.equal(one.code, 1);
    for (const format of ['json', 'text', 'github']) {
      const alone = format === 'json' ? one : check(dir, format, { AXIAL_THREADS: '1' });
      for (const threads of ['2', '3']) {
        // Each worker surely takes some files (AXIAL_CHECK_WORKERS_FIRST), and without that knob, as users run it.
        for (const first of ['1', '']) {
          const many = check(dir, format, { AXIAL_THREADS: threads, AXIAL_CHECK_WORKERS_FIRST: first });
          const what = `${format}, ${threads} threads${first ? ', workers first' : ''}`;
          assert.equal(many.code, alone.code, what);
          assert.equal(many.stdout, alone.stdout, what);
          assert.equal(many.stderr, alone.stderr, what);
        }
      }
    }
  });

  it('a worker that dies, before or after taking files, costs nothing but a note: this thread checks its files', function () {
    this.timeout(120000);
    const alone = check(dir, 'text', { AXIAL_THREADS: '1' });
    // A copy of the CLI's bundle whose worker is a stand-in: it fails at start, or takes five files and dies.
    const build = mkdtempSync(path.join(os.tmpdir(), 'axial-check-build-'));
    try {
      cpSync(CLI, path.join(build, 'cli.js'));
      cpSync(path.join(REPO, 'dist', 'cli'), path.join(build, 'cli'), { recursive: true });
      const worker = path.join(build, 'cli', WORKER_FILE);
      const stubs = {
        'fails at start': "throw new Error('no bundle here');",
        'dies holding five files': `
          const { parentPort } = require('node:worker_threads');
          parentPort.once('message', ({ shared, slot }) => {
            const s = new Int32Array(shared);
            if (Atomics.compareExchange(s, slot, ${SHARED.idle}, ${SHARED.in}) !== ${SHARED.idle}) return;
            for (let k = 0; k < 5; k++) Atomics.add(s, ${SHARED.next}, 1);
            Atomics.add(s, ${SHARED.startedWorkers}, 1);
            Atomics.notify(s, ${SHARED.startedWorkers});
            throw new Error('died holding five files');
          });`,
      };
      for (const [what, stub] of Object.entries(stubs)) {
        writeFileSync(worker, stub);
        const r = check(dir, 'text', { AXIAL_THREADS: '2', AXIAL_CHECK_WORKERS_FIRST: '1' }, path.join(build, 'cli.js'));
        assert.equal(r.code, alone.code, what);
        assert.equal(r.stdout, alone.stdout, what);
        assert.match(r.stderr, /^axial check: a worker thread failed \((no bundle here|died holding five files)\); this thread checks its files$/m, what);
        assert.equal(r.stderr.replace(/^axial check: a worker thread failed.*\n/m, ''), alone.stderr, what);
      }
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
  });
});
