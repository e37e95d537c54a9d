/**
 * `axial check` on several cores: worker threads check transcripts beside the
 * main thread, each reading, parsing and checking one file after another
 * (cli/checkFiles.ts) and sending back only the diagnostics. The workers run a
 * bundle of their own (dist/cli/checkWorker.js, from cli/checkWorker.ts) that
 * holds only what checking a file needs.
 *
 * Two things keep every thread busy until the end. The workers start as soon as
 * the number of files is known, so that loading their bundle overlaps the main
 * thread's own start (reading the codebooks, sorting the files); they are handed
 * the job when it is ready. And no thread is given a fixed share: each claims the
 * next file from a counter in shared memory, so a thread that starts late, runs
 * slower (another process on its core) or meets larger files simply takes fewer,
 * and all finish within about one file of each other.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseCodebook, type Codebook } from '../core';
import { fileProgress } from '../host/nodeFiles';
import { checkClaimed, checkFiles, type CheckedFile, type CheckJob } from './checkFiles';

const WORKER_KIND = 'axial-check';

/** The worker bundle's file name, beside this code's chunk in dist/cli/. */
export const WORKER_FILE = 'checkWorker.js';

/** Below this many files, starting a thread (which loads its bundle) costs more than it saves. */
export const MIN_FILES_FOR_THREADS = 64;

/** At most this many threads: reading and parsing stop scaling past a few cores. */
const MAX_THREADS = 4;

/**
 * How many threads to use for `files` files (this one included): one per two
 * idle logical CPUs, at most MAX_THREADS, and one per MIN_FILES_FOR_THREADS / 2
 * files. Two logical CPUs are often one physical core (SMT siblings, or a cloud
 * machine's pair of vCPUs), and checking, bound by memory and the core's caches,
 * gets no faster on a core's second hardware thread: on a 2-vCPU machine, two
 * processes each checking 500 of 1,000 transcripts took as long as one checking
 * all 1,000, and `axial check` on two threads took more CPU and more time than on
 * one at every load measured (docs/benchmarks.md). `AXIAL_THREADS` (a number, 1
 * for none) overrides it.
 */
export function threadCount(files: number, machine: { cores: number; load: number } = thisMachine()): number {
  const asked = Number.parseInt(process.env.AXIAL_THREADS ?? '', 10);
  if (Number.isInteger(asked) && asked >= 1) return asked;
  if (files < MIN_FILES_FOR_THREADS) return 1;
  const idlePairs = Math.round((machine.cores - machine.load) / 2);
  return Math.max(1, Math.min(idlePairs, MAX_THREADS, Math.ceil(files / (MIN_FILES_FOR_THREADS / 2))));
}

/** Atomics.waitAsync (Node 16 and later), which the ES2022 library types lack. */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { value: string | Promise<string> } }).waitAsync;

function thisMachine(): { cores: number; load: number } {
  return { cores: os.availableParallelism?.() ?? os.cpus().length, load: os.loadavg()[0] };
}

/**
 * Where each counter sits in the shared Int32Array: the next file to claim, the
 * files the workers have checked (for the progress bar), how many workers have
 * taken their first file (read with AXIAL_CHECK_WORKERS_FIRST), then one state per
 * worker: IDLE until the worker takes part (IN) or is shut out (OUT). Exported for
 * tests that stand in for a worker.
 */
export const SHARED = { next: 0, checkedByWorkers: 1, startedWorkers: 2, firstWorker: 3, idle: 0, in: 1, out: 2 } as const;
const { next: NEXT, checkedByWorkers: CHECKED_BY_WORKERS, startedWorkers: STARTED_WORKERS, firstWorker: FIRST_WORKER, idle: IDLE, in: IN, out: OUT } = SHARED;

/** What the main thread posts to a worker once the job is known. */
interface JobMessage {
  job: CheckJob;
  shared: SharedArrayBuffer;
  /** The index of this worker's state in `shared`. */
  slot: number;
}

/** What a worker posts back: each file it checked, by index in the job. */
type ResultsMessage = [number, CheckedFile][];

/** A worker started ahead of its job, its answer, and why it failed once it has. */
interface Started {
  worker: Worker;
  results: Promise<ResultsMessage>;
  failure?: unknown;
}

/**
 * Worker threads for one check, started before the job is known. `close` ends
 * any still running; call it when the check ends, however it ends.
 */
export class CheckThreads {
  private constructor(private readonly started: Started[]) {}

  /**
   * Starts the workers for a project of about `files` files (threadCount); none
   * when it would not pay or when this code does not run from the bundle (tests
   * from the TypeScript sources). A worker that cannot start is no reason to fail.
   */
  static start(files: number): CheckThreads {
    const started: Started[] = [];
    // Every chunk of the CLI bundle, this code's included, sits beside the worker's (esbuild.js).
    if (!__filename.endsWith('.js')) return new CheckThreads(started);
    for (let k = 1; k < threadCount(files); k++) {
      try {
        started.push(startWorker());
      } catch {
        break;
      }
    }
    return new CheckThreads(started);
  }

  /**
   * Checks a job's files on this thread and the workers; results in the job's
   * order. `codebooks` are this thread's parses of `job.codebooks` (the workers
   * parse their own). Files a failed worker took are checked here again.
   */
  async check(job: CheckJob, codebooks: readonly Codebook[]): Promise<CheckedFile[]> {
    const started = this.started;
    if (started.length === 0) return checkFiles(job, codebooks);
    const shared = new Int32Array(new SharedArrayBuffer(4 * (FIRST_WORKER + started.length)));
    started.forEach((s, k) => s.worker.postMessage({ job, shared: shared.buffer as SharedArrayBuffer, slot: FIRST_WORKER + k } satisfies JobMessage));
    if (process.env.AXIAL_CHECK_WORKERS_FIRST === '1') await workersFirst(shared, started);
    const results: (CheckedFile | undefined)[] = new Array<CheckedFile | undefined>(job.files.length);
    // The progress bar counts the workers' files too, as this thread goes.
    let reported = 0;
    const report = () => {
      for (const n = Atomics.load(shared, CHECKED_BY_WORKERS); reported < n; reported++) fileProgress.read?.();
    };
    checkClaimed(job, codebooks, () => Atomics.add(shared, NEXT, 1), (i, r) => {
      results[i] = r;
      report();
    });
    // Every file is taken. A worker still starting up is shut out (it took none); the others are waited for.
    const answers = await Promise.allSettled(
      started.map((s, k) => (Atomics.compareExchange(shared, FIRST_WORKER + k, IDLE, OUT) === IDLE ? Promise.resolve([]) : s.results)),
    );
    answers.forEach((a, k) => {
      if (a.status === 'fulfilled') for (const [i, r] of a.value) results[i] = r;
      const failure = a.status === 'rejected' ? a.reason : started[k].failure;
      if (failure !== undefined) process.stderr.write(`axial check: a worker thread failed (${failure instanceof Error ? failure.message : String(failure)}); this thread checks its files\n`);
    });
    report();
    this.close();
    // (A loop, not flatMap: the array has holes, which flatMap skips.)
    const missing: number[] = [];
    for (let i = 0; i < results.length; i++) if (results[i] === undefined) missing.push(i);
    let m = 0;
    checkClaimed(job, codebooks, () => missing[m++] ?? job.files.length, (i, r) => (results[i] = r));
    return results as CheckedFile[];
  }

  /** Ends the workers (those done have ended already). */
  close(): void {
    for (const s of this.started) void s.worker.terminate();
  }
}

function startWorker(): Started {
  const worker = new Worker(path.join(__dirname, WORKER_FILE), { workerData: { kind: WORKER_KIND } });
  const results = new Promise<ResultsMessage>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`check worker exited with code ${code}`)));
  });
  const started: Started = { worker, results };
  // Awaited only when the worker takes part; a worker shut out or closed may end any way it likes.
  results.catch((err: unknown) => (started.failure = err));
  return started;
}

/**
 * For tests (AXIAL_CHECK_WORKERS_FIRST=1): waits until every worker has taken a
 * file or failed, so that each surely checks some of a small project, which this
 * thread would otherwise check alone before a worker has even started.
 */
async function workersFirst(shared: Int32Array, started: Started[]): Promise<void> {
  const failed = Promise.race(started.map((s) => s.results.then(() => new Promise<void>(() => undefined), () => undefined)));
  for (let n = Atomics.load(shared, STARTED_WORKERS); n < started.length; n = Atomics.load(shared, STARTED_WORKERS)) {
    if ((await Promise.race([waitAsync(shared, STARTED_WORKERS, n).value, failed.then(() => 'failed')])) === 'failed') return;
  }
}

/**
 * In a thread started by CheckThreads: waits for the job, then (unless shut out
 * because the other threads took every file first) checks files until none is
 * left and sends the results back. False anywhere else.
 */
export function runCheckWorker(): boolean {
  if (isMainThread || (workerData as { kind?: string } | null)?.kind !== WORKER_KIND) return false;
  parentPort!.once('message', ({ job, shared, slot }: JobMessage) => {
    const state = new Int32Array(shared);
    if (Atomics.compareExchange(state, slot, IDLE, IN) !== IDLE) return;
    const codebooks = job.codebooks.map((text) => parseCodebook(text));
    const out: ResultsMessage = [];
    let first = true;
    const claim = () => {
      const i = Atomics.add(state, NEXT, 1);
      if (first) {
        first = false;
        Atomics.add(state, STARTED_WORKERS, 1);
        Atomics.notify(state, STARTED_WORKERS);
      }
      return i;
    };
    checkClaimed(job, codebooks, claim, (i, r) => {
      out.push([i, r]);
      Atomics.add(state, CHECKED_BY_WORKERS, 1);
    });
    parentPort!.postMessage(out);
  });
  return true;
}
