/**
 * `axial check` on both cores: a large project's transcripts are split between
 * worker threads, each of which reads, parses and checks its share
 * (cli/checkFiles.ts) and sends back only the diagnostics. The workers run a
 * bundle of their own (dist/cli/checkWorker.js, from cli/checkWorker.ts) that
 * holds only what checking a file needs, so each starts as fast as it can.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkFiles, type CheckedFile, type CheckJob } from './checkFiles';

const WORKER_KIND = 'axial-check';

/** The worker bundle's file name, beside this code's chunk in dist/cli/. */
export const WORKER_FILE = 'checkWorker.js';

/** Below this many transcripts, starting threads (each loads the bundle) costs more than it saves. */
export const MIN_FILES_FOR_THREADS = 64;

/** At most this many threads: reading and parsing stop scaling past a few cores. */
const MAX_THREADS = 4;

/**
 * How many threads to use (this one included): the idle cores, at most
 * MAX_THREADS. On a machine whose cores are all busy (load average at or above
 * their number) another thread only adds its start-up, so none is started.
 * `AXIAL_THREADS` (a number, 1 for none) overrides it, for tests.
 */
export function threadCount(): number {
  const asked = Number.parseInt(process.env.AXIAL_THREADS ?? '', 10);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const idle = Math.round(cores - os.loadavg()[0]);
  return Math.max(1, Math.min(cores, idle, MAX_THREADS));
}

/** Checks a job's files, in worker threads when it pays; results in the job's order. */
export async function checkInThreads(job: CheckJob): Promise<CheckedFile[]> {
  const threads = Math.min(threadCount(), Math.ceil(job.files.length / (MIN_FILES_FOR_THREADS / 2)));
  // Workers run the worker bundle; from TypeScript sources (tests under tsx) there is none to run.
  if (threads < 2 || !__filename.endsWith('.js')) return checkFiles(job);
  // Every thread takes every n-th file, so each gets a fair share of large and small ones.
  const parts = Array.from({ length: threads }, (_, k) => job.files.filter((_, i) => i % threads === k));
  let results: CheckedFile[][];
  try {
    // This thread takes the first share itself: it needs no start-up, and would only wait.
    results = await Promise.all(parts.map((files, k) => (k === 0 ? checkFiles({ ...job, files }) : inWorker({ ...job, files }))));
  } catch (err) {
    // A thread that cannot start (a host short of memory, say) is no reason to fail the check.
    process.stderr.write(`axial check: checking on one thread (a worker thread failed: ${err instanceof Error ? err.message : String(err)})\n`);
    return checkFiles(job);
  }
  return job.files.map((_, i) => results[i % threads][Math.floor(i / threads)]);
}

function inWorker(job: CheckJob): Promise<CheckedFile[]> {
  return new Promise((resolve, reject) => {
    // Every chunk of the CLI bundle, this code's included, sits beside the worker's (esbuild.js).
    const worker = new Worker(path.join(__dirname, WORKER_FILE), { workerData: { kind: WORKER_KIND, job } });
    worker.once('message', (r: CheckedFile[]) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`check worker exited with code ${code}`)));
  });
}

/** In a thread started by checkInThreads, runs its job and sends the results back; false anywhere else. */
export function runCheckWorker(): boolean {
  if (isMainThread || (workerData as { kind?: string } | null)?.kind !== WORKER_KIND) return false;
  void checkFiles((workerData as { job: CheckJob }).job).then((r) => parentPort!.postMessage(r));
  return true;
}
