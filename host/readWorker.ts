/**
 * The server's start-up scan reads files on a worker thread: the thread reads and
 * decodes them (host/readWorkerMain.ts) and posts them in batches, and the main
 * thread parses each batch as it arrives. Reading then overlaps with parsing on
 * another core, and the main thread no longer pays for opening, reading and
 * decoding every file (about a fifth of a cold index of 1,000 transcripts).
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileProgress, readTexts } from './nodeFiles';
import type { ReadBatch } from './readBatches';

/** The worker's bundle, beside the server's (esbuild.js). */
export const READ_WORKER_FILE = 'readWorker.js';

/**
 * Below this many files the reads stay on the main thread: starting the thread
 * (about 30 ms) costs more than reading them there.
 */
export const MIN_FILES_FOR_READ_WORKER = 100;

/** Threads still reading, ended by `stopReadWorkers`. */
const running = new Set<Worker>();
let stopped = false;

/**
 * Whether a list of files is read on a worker thread: when it is long enough, a
 * core is free for the thread, and the worker's bundle is there (it is not when
 * running from the TypeScript sources). On a machine whose cores are all busy
 * (load average at or above their number) the thread only takes turns with the
 * main one, and the reads in libuv's pool got the files in sooner (measured at
 * load 13 on 2 cores: 300 transcripts indexed in 1.9–2.1 s against 2.3–2.9 s).
 * `AXIAL_READ_WORKER=0` never, `=1` always (when it can): for tests and for
 * comparing the two.
 */
export function useReadWorker(files: number, workerFile = bundledWorkerFile(), machine: { cores: number; load: number } = thisMachine()): workerFile is string {
  if (workerFile === undefined) return false;
  const forced = process.env.AXIAL_READ_WORKER;
  if (forced === '0') return false;
  if (forced === '1') return true;
  return files >= MIN_FILES_FOR_READ_WORKER && machine.cores > 1 && machine.load < machine.cores;
}

/** This machine's cores and its load average over the last minute. */
function thisMachine(): { cores: number; load: number } {
  return { cores: os.availableParallelism?.() ?? os.cpus().length, load: os.loadavg()[0] };
}

/** The bundled worker's path, or undefined when this code does not run from the bundle. */
export function bundledWorkerFile(): string | undefined {
  const file = path.join(__dirname, READ_WORKER_FILE);
  return __filename.endsWith('.js') && existsSync(file) ? file : undefined;
}

/**
 * Reads files as `readTexts` (host/nodeFiles.ts) does and yields them in the order
 * given (undefined when unreadable, the BOM dropped unless `keepBom`), reading
 * on a worker thread when `useReadWorker` says so. The thread reads ahead of the
 * consumer; it ends when every file is yielded, when the consumer stops, or on
 * `stopReadWorkers`. Should it fail to start or die, the files it has not
 * delivered are read here instead, so a caller always gets every file.
 * `onThread` hears where the reads go: true for the thread, false for this one
 * (again false when the thread failed and this one takes over).
 */
export async function* readTextsOffThread(
  files: readonly string[],
  opts: { keepBom?: boolean; workerFile?: string; onThread?: (thread: boolean) => void } = {},
): AsyncGenerator<{ file: string; text: string | undefined }> {
  const keepBom = opts.keepBom ?? false;
  const workerFile = opts.workerFile ?? bundledWorkerFile();
  const here = () => {
    opts.onThread?.(false);
    return readTexts(files, undefined, keepBom);
  };
  if (!useReadWorker(files.length, workerFile) || stopped) {
    yield* here();
    return;
  }
  let worker: Worker;
  try {
    worker = new Worker(workerFile, { workerData: { files, keepBom } });
  } catch {
    yield* here();
    return;
  }
  opts.onThread?.(true);
  running.add(worker);
  const batches: ReadBatch[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (batch: ReadBatch) => {
    batches.push(batch);
    notify();
  });
  // An error is followed by 'exit'; either way no more batches come.
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    ended = true;
    running.delete(worker);
    notify();
  });
  let next = 0;
  try {
    while (next < files.length) {
      const batch = batches.shift();
      if (!batch) {
        if (ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (batch.start !== next) break; // never expected: read the rest here rather than misplace a text
      for (const text of batch.texts) {
        fileProgress.read?.();
        yield { file: files[next], text: text ?? undefined };
        next++;
      }
    }
  } finally {
    // The consumer stopped early, or every file is in: either way the thread has nothing left to do.
    running.delete(worker);
    if (!ended) void worker.terminate();
  }
  if (next < files.length && !stopped) {
    opts.onThread?.(false);
    yield* readTexts(files.slice(next), undefined, keepBom);
  }
}

/** How many reading threads are running: none once every scan has ended (for tests). */
export function runningReadWorkers(): number {
  return running.size;
}

/**
 * Ends every reading thread at once and reads nothing more off the main thread:
 * for a server shutting down, whose scan then ends with what it has read.
 */
export function stopReadWorkers(): void {
  stopped = true;
  for (const worker of running) void worker.terminate();
  running.clear();
}
