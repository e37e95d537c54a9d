import * as assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { writeProject } from '../../bench/project';
import { cleanup, LspClient, REPO, uriOf } from './harness';
import { scanned, startWithFolders } from './lifecycle';

/**
 * The start-up scan reading files on a worker thread (host/readWorker.ts),
 * through the real bundled server over stdio: the same index and diagnostics as
 * reading on the main thread (AXIAL_READ_WORKER=0), with several folders at
 * once, and a server that exits while its scan is still reading.
 */
describe('language server: the start-up scan reads on a worker thread', function () {
  this.timeout(120_000);
  const TRANSCRIPTS = 300;
  let dir: string;
  let mini: string;
  let unreadable: string;
  const running: LspClient[] = [];

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-lsp-read-worker-'));
    writeProject(dir, { transcripts: TRANSCRIPTS, codes: 200, turns: 40 });
    const transcripts = path.join(dir, 'transcripts');
    // Problems to find: an unknown code in every seventh transcript.
    for (let n = 0; n < TRANSCRIPTS; n += 7) {
      const f = path.join(transcripts, `case-${String(n).padStart(4, '0')}.md`);
      writeFileSync(f, readFileSync(f, 'utf8').replace(/\{#[^\s}@^"]+/, `{#unknown-${n}`));
    }
    // A BOM before the first line: positions are those of the text without it.
    writeFileSync(path.join(transcripts, 'bom.md'), '\ufeffP: {{with a BOM}}{#unknown-bom}\n');
    // Unreadable (unless running as root), and entries a scan must pass over.
    unreadable = path.join(transcripts, 'unreadable.md');
    writeFileSync(unreadable, 'P: {{never read}}{#unknown-unreadable}\n');
    chmodSync(unreadable, 0o000);
    mkdirSync(path.join(transcripts, 'folder.md'));
    symlinkSync(path.join(transcripts, 'nowhere.md'), path.join(transcripts, 'dangling.md'));
    mini = mkdtempSync(path.join(os.tmpdir(), 'axial-lsp-read-worker-mini-'));
    cpSync(path.join(REPO, 'test', 'fixtures', 'projects', 'mini'), mini, { recursive: true });
    const therapist = path.join(mini, 'transcripts', 'therapist.md');
    writeFileSync(therapist, readFileSync(therapist, 'utf8').replace('{#trust}', '{#in-mini}'));
  });

  afterEach(async () => {
    for (const c of running.splice(0)) await c.stop();
  });

  after(() => {
    chmodSync(unreadable, 0o644);
    cleanup(dir);
    cleanup(mini);
  });

  function server(readWorker: '0' | '1'): LspClient {
    const c = new LspClient(dir, [], { AXIAL_READ_WORKER: readWorker });
    running.push(c);
    return c;
  }

  /** Starts a server on `folders`, waits for the end of its scan; its diagnostics (sorted, non-empty only), status and log line. */
  async function index(readWorker: '0' | '1', folders: string[]) {
    const client = server(readWorker);
    await startWithFolders(client, folders);
    await scanned(client);
    const log = await client.waitFor('the scan\'s log line', () => client.logs.find((l) => l.startsWith('Axial: indexed')));
    // Every diagnostic goes out before the status answer that says indexing is over (one pipe, in order).
    const diagnostics = [...client.diagnostics].filter(([, ds]) => ds.length > 0).sort(([a], [b]) => a.localeCompare(b));
    const status = await client.request<{ projects: unknown[] }>('axial/getStatus', {});
    const progress = client.statuses.flatMap((s) => ((s as { progress?: { done: number; total: number } }).progress ? [(s as { progress: { done: number; total: number } }).progress] : []));
    await client.stop();
    return { diagnostics: new Map<string, Diagnostic[]>(diagnostics), projects: status.projects, log, progress };
  }

  const filesIn = (log: string) => Number(/indexed (\d+) files/.exec(log)?.[1]);

  it('indexes as reading on the main thread does: the same diagnostics and counts, the BOM dropped, an unreadable file left out', async () => {
    const threaded = await index('1', [dir]);
    const single = await index('0', [dir]);
    assert.match(threaded.log, /\(read on a worker thread\)$/);
    assert.doesNotMatch(single.log, /worker thread/);
    // The transcripts, the codebook, bom.md and unreadable.md were found, and counted alike.
    assert.equal(filesIn(threaded.log), TRANSCRIPTS + 3);
    assert.equal(filesIn(single.log), TRANSCRIPTS + 3);
    for (const p of threaded.progress) assert.ok(p.done <= p.total && p.total <= TRANSCRIPTS + 3, JSON.stringify(p));
    assert.deepEqual([...threaded.diagnostics.keys()], [...single.diagnostics.keys()]);
    assert.deepEqual(threaded.diagnostics, single.diagnostics);
    assert.deepEqual(threaded.projects, single.projects);
    // The problems planted are all there (and so the comparison above compares something).
    const unknown = [...threaded.diagnostics.values()].flat().filter((d) => /unknown-\d+/.test(d.message));
    assert.equal(unknown.length, Math.ceil(TRANSCRIPTS / 7));
    const bom = threaded.diagnostics.get(uriOf(path.join(dir, 'transcripts', 'bom.md')))!;
    assert.ok(bom.some((d) => d.message.includes('unknown-bom') && d.range.start.line === 0 && d.range.start.character === 18), JSON.stringify(bom));
    if (process.getuid?.() === 0) return; // root reads a file whatever its mode: nothing unreadable to check
    assert.equal(threaded.diagnostics.get(uriOf(unreadable)), undefined, 'an unreadable file is not in the index');
  });

  it('scans two folders at once with the same diagnostics as each alone', async () => {
    const together = await index('1', [dir, mini]);
    const alone = new Map([...(await index('1', [dir])).diagnostics, ...(await index('1', [mini])).diagnostics]);
    assert.match(together.log, /\(read on 2 worker threads\)$/, 'each folder read on a thread of its own');
    assert.ok([...together.diagnostics.values()].flat().some((d) => d.message.includes('in-mini')));
    assert.deepEqual([...together.diagnostics.keys()].sort(), [...alone.keys()].sort());
    assert.deepEqual(together.diagnostics, alone);
  });

  it('exits on shutdown and exit while the scan is still reading', async () => {
    const client = server('1');
    // With work-done progress, whose begin goes out as the scan starts (the status is debounced).
    await client.start({ capabilities: { window: { workDoneProgress: true } } });
    await client.waitFor('the scan under way', () => client.progress.some((p) => 'value' in p && p.value.kind === 'begin'));
    await client.request('shutdown', null);
    // Everything the server sent before its answer has arrived: the scan had not ended (a 300-file scan takes hundreds of ms).
    assert.ok(!client.logs.some((l) => l.startsWith('Axial: indexed')), 'the scan was still reading at shutdown');
    void client.conn.sendNotification('exit');
    const code = await Promise.race([client.exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running after 10 s'), 10_000))]);
    assert.equal(code, 0);
  });
});
