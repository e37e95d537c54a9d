import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { fileProgress } from '../../host/nodeFiles';
import { readBatches, type ReadBatch } from '../../host/readBatches';
import { MIN_FILES_FOR_READ_WORKER, readTextsOffThread, runningReadWorkers, useReadWorker } from '../../host/readWorker';

/**
 * The start-up scan's reader: the batching loop the worker thread runs, and the
 * main thread's side over a real thread running the worker's bundle (built here
 * by esbuild from host/readWorkerMain.ts, as esbuild.js builds dist/readWorker.js).
 */
describe('reading files on a worker thread', function () {
  let dir: string;
  let workerFile: string;
  let files: string[];
  let expected: (string | undefined)[];
  const savedEnv = process.env.AXIAL_READ_WORKER;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'axial-read-worker-'));
    workerFile = path.join(dir, 'readWorker.js');
    buildSync({ entryPoints: [path.join(__dirname, '..', '..', 'host', 'readWorkerMain.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: workerFile, logLevel: 'warning' });
    files = [];
    expected = [];
    for (let i = 0; i < 40; i++) {
      const f = path.join(dir, `t${i}.md`);
      // Sizes vary so batches split at different places; accents and emoji decode as UTF-8.
      const text = `# ${i} señora 👋\n` + 'I: words {{coded}}{#c}\n'.repeat(i * 7);
      writeFileSync(f, text);
      files.push(f);
      expected.push(text);
    }
    // A BOM dropped, as editors show the file.
    writeFileSync(path.join(dir, 'bom.md'), '\ufeffP: with a BOM\n');
    files.splice(3, 0, path.join(dir, 'bom.md'));
    expected.splice(3, 0, 'P: with a BOM\n');
    // Unreadable: missing, a folder, a dangling link.
    mkdirSync(path.join(dir, 'folder.md'));
    symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'dangling.md'));
    for (const [at, name] of [[0, 'missing.md'], [10, 'folder.md'], [25, 'dangling.md']] as const) {
      files.splice(at, 0, path.join(dir, name));
      expected.splice(at, 0, undefined);
    }
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    if (savedEnv === undefined) delete process.env.AXIAL_READ_WORKER;
    else process.env.AXIAL_READ_WORKER = savedEnv;
  });

  beforeEach(() => {
    process.env.AXIAL_READ_WORKER = '1';
  });

  describe('readBatches (the worker thread\'s loop)', () => {
    it('posts every file in order, in batches of about the size asked, unreadable as null and without the BOM', () => {
      const batches: ReadBatch[] = [];
      readBatches(files, (b) => batches.push(b), false, 2000);
      assert.ok(batches.length > 5, `${batches.length} batches`);
      let next = 0;
      for (const b of batches) {
        assert.equal(b.start, next, 'each batch starts where the previous one ended');
        next += b.texts.length;
        // A batch closes as soon as it holds the size asked: only its last file takes it past.
        const chars = b.texts.slice(0, -1).reduce((n, t) => n + (t?.length ?? 0), 0);
        assert.ok(chars < 2000);
      }
      assert.deepEqual(batches.flatMap((b) => b.texts).map((t) => t ?? undefined), expected);
    });

    it('keeps the BOM when asked', () => {
      const batches: ReadBatch[] = [];
      readBatches([path.join(dir, 'bom.md')], (b) => batches.push(b), true);
      assert.deepEqual(batches, [{ start: 0, texts: ['\ufeffP: with a BOM\n'] }]);
    });

    it('posts nothing for no files', () => {
      const batches: ReadBatch[] = [];
      readBatches([], (b) => batches.push(b));
      assert.deepEqual(batches, []);
    });
  });

  describe('useReadWorker (when a thread reads)', () => {
    const quiet = { cores: 2, load: 0.5 };
    it('from MIN_FILES_FOR_READ_WORKER files, with a core free and the bundle there', () => {
      delete process.env.AXIAL_READ_WORKER;
      assert.equal(useReadWorker(MIN_FILES_FOR_READ_WORKER - 1, workerFile, quiet), false, 'too few files');
      assert.equal(useReadWorker(MIN_FILES_FOR_READ_WORKER, workerFile, quiet), true);
      assert.equal(useReadWorker(1000, workerFile, { cores: 2, load: 2 }), false, 'every core busy');
      assert.equal(useReadWorker(1000, workerFile, { cores: 1, load: 0 }), false, 'one core');
      assert.equal(useReadWorker(1000, undefined, quiet), false, 'no bundle (running from the sources)');
    });

    it('AXIAL_READ_WORKER=0 never, =1 always when there is a bundle', () => {
      process.env.AXIAL_READ_WORKER = '0';
      assert.equal(useReadWorker(1000, workerFile, quiet), false);
      process.env.AXIAL_READ_WORKER = '1';
      assert.equal(useReadWorker(1, workerFile, { cores: 1, load: 9 }), true);
      assert.equal(useReadWorker(1, undefined, quiet), false);
    });
  });

  describe('readTextsOffThread (the main thread\'s side)', () => {
    it('yields every file in order from the thread, counts each read, and the thread ends with the list', async () => {
      let reads = 0;
      fileProgress.read = () => reads++;
      try {
        const got: { file: string; text: string | undefined }[] = [];
        for await (const r of readTextsOffThread(files, { workerFile })) got.push(r);
        assert.deepEqual(got.map((r) => r.file), files);
        assert.deepEqual(got.map((r) => r.text), expected);
        assert.equal(reads, files.length);
      } finally {
        fileProgress.read = undefined;
      }
      assert.equal(runningReadWorkers(), 0);
    });

    it('ends the thread when the consumer stops early', async () => {
      const got: string[] = [];
      const threads: boolean[] = [];
      // Whether the thread is still reading when the consumer stops depends on how
      // fast each side runs on a busy machine; either way none may be left running.
      for await (const r of readTextsOffThread(files, { workerFile, onThread: (t) => threads.push(t) })) {
        got.push(r.file);
        if (got.length === 2) break;
      }
      assert.deepEqual(threads, [true], 'read on a thread');
      assert.deepEqual(got, files.slice(0, 2));
      assert.equal(runningReadWorkers(), 0);
    });

    it('keeps the BOM when asked', async () => {
      const got: (string | undefined)[] = [];
      for await (const r of readTextsOffThread([path.join(dir, 'bom.md')], { workerFile, keepBom: true })) got.push(r.text);
      assert.deepEqual(got, ['\ufeffP: with a BOM\n']);
    });

    it('reads on this thread, with the same result, when the thread cannot start or is turned off', async () => {
      for (const [env, worker] of [['1', path.join(dir, 'no-such-worker.js')], ['0', workerFile]]) {
        process.env.AXIAL_READ_WORKER = env;
        const got: (string | undefined)[] = [];
        for await (const r of readTextsOffThread(files, { workerFile: worker })) got.push(r.text);
        assert.deepEqual(got, expected, `AXIAL_READ_WORKER=${env}, ${path.basename(worker)}`);
        assert.equal(runningReadWorkers(), 0);
      }
    });

    it('yields nothing for no files', async () => {
      const got: unknown[] = [];
      for await (const r of readTextsOffThread([], { workerFile })) got.push(r);
      assert.deepEqual(got, []);
    });
  });
});
