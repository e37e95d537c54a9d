/**
 * Runs the fuzzer: cases from a run seed, checked one at a time in a worker
 * thread (memory-limited, watched by a per-case timeout), with counts per
 * property, the slowest call per operation, and every failure written to
 * `outDir` as a reproducible JSON file (seed, mutations, minimised input).
 * Used by the short run in the unit tests and by `npm run fuzz`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { generateCase, type FracEdit, type FuzzCase } from './cases';
import { KNOWN_FAILURES, knownBug, type KnownFailure } from './known';
import { PROPERTIES, type Failure, type PropertyName } from './properties';
import type { WorkerReply, WorkerRequest } from './protocol';
import { caseSeed } from './random';

export interface RunOptions {
  /** The run seed: case i has seed caseSeed(seed, i). */
  seed: number;
  /** Stop after this many cases… */
  cases?: number;
  /** …or at this time (ms since the epoch), whichever comes first. */
  until?: number;
  /** Size of the big mutations (1 = 10 MB lines, 50,000-deep nesting, 100,000 spans). */
  scale: number;
  /** Most CPU time a single call may take (ms of the checking thread's CPU time; see cpuClock.ts). */
  boundMs: number;
  /** Most CPU time a whole case may take (ms); none when undefined. */
  caseBoundMs?: number;
  /** A case still running after this long on the wall clock is stopped and reported (ms): a hang guard. */
  caseTimeoutMs: number;
  /** Heap limit of the worker (MB): more is reported as an out-of-memory failure. */
  memoryMb: number;
  /** Where failure files go. */
  outDir: string;
  /** Shrink the inputs of failure files: of every failure, of new ones only (not known bugs), or none. */
  minimise: 'all' | 'new' | 'none';
  known?: readonly KnownFailure[];
  /** Progress lines (every `progressMs`). */
  log?: (line: string) => void;
  progressMs?: number;
}

/** One failure as the run reports it. */
export interface RunFailure extends Failure {
  seed: number;
  mutations: string[];
  /** The known bug it stands for; undefined for a new failure. */
  known?: string;
  /** The file holding the input (minimised when it could be). */
  file?: string;
}

export interface RunStats {
  tried: number;
  ms: number;
  /** Per property: checks made, cases failing it as a new failure, cases failing it as a known bug. */
  properties: Record<PropertyName, { checks: number; failures: number; known: number }>;
  /** Per mutation: how many cases used it. */
  mutations: Record<string, number>;
  failures: RunFailure[];
  /** Slowest call per operation (CPU ms) and the input size it had. */
  slowest: Record<string, { ms: number; size: number; seed: number }>;
  /** The case that took the most CPU time: its CPU and wall-clock ms. */
  slowestCase?: { cpuMs: number; wallMs: number; size: number; seed: number };
  /** Largest input checked (characters). */
  largest: number;
  /** Known-failure entries that matched nothing in this run. */
  unusedKnown: string[];
}

/** Failure files written per property and known/new kind, at most. */
const FILES_PER_KIND = 4;

export async function runFuzz(options: RunOptions): Promise<RunStats> {
  const known = options.known ?? KNOWN_FAILURES;
  const stats: RunStats = {
    tried: 0,
    ms: 0,
    properties: Object.fromEntries(PROPERTIES.map((p) => [p, { checks: 0, failures: 0, known: 0 }])) as RunStats['properties'],
    mutations: {},
    failures: [],
    slowest: {},
    largest: 0,
    unusedKnown: [],
  };
  const usedKnown = new Set<string>();
  const filesPerKind = new Map<string, number>();
  fs.mkdirSync(options.outDir, { recursive: true });
  const started = Date.now();
  let lastProgress = started;
  const progressMs = options.progressMs ?? 30_000;
  const workerFile = path.join(__dirname, 'worker.cjs');

  let worker: Worker | undefined;
  const spawn = () => new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } });

  const record = async (c: FuzzCase, f: Failure) => {
    const bug = knownBug(c, f, known);
    if (bug) usedKnown.add(bug.bug);
    const p = stats.properties[f.property];
    if (bug) p.known++;
    else p.failures++;
    const failure: RunFailure = { ...f, seed: c.seed, mutations: c.mutations, known: bug?.bug };
    const kind = `${f.property}|${bug?.bug ?? 'new'}`;
    const n = filesPerKind.get(kind) ?? 0;
    if (n < FILES_PER_KIND) {
      filesPerKind.set(kind, n + 1);
      const shrink = n === 0 && (options.minimise === 'all' || (options.minimise === 'new' && !bug));
      const small = c.input.transcript.length + c.input.codebook.length <= 300_000;
      // Slow inputs do not shrink into slow ones, and big ones take too long to shrink.
      let minimised: Minimised | undefined;
      if (shrink && small && f.property !== 'bounded-time') {
        worker ??= spawn();
        const got = await ask(worker, { kind: 'minimise', seed: c.seed, scale: options.scale, boundMs: options.boundMs, property: f.property }, 60_000);
        if (got.kind === 'reply' && got.reply.kind === 'minimised') minimised = { codebook: got.reply.codebook, transcript: got.reply.transcript, edits: got.reply.edits };
        else {
          await worker.terminate().catch(() => undefined);
          worker = undefined;
        }
      }
      failure.file = writeFailure(options, c, f, bug, minimised);
    }
    stats.failures.push(failure);
  };

  for (let i = 0; ; i++) {
    if (options.cases !== undefined && i >= options.cases) break;
    if (options.until !== undefined && Date.now() >= options.until) break;
    const seed = caseSeed(options.seed, i);
    worker ??= spawn();
    const outcome = await ask(worker, { kind: 'check', seed, scale: options.scale, boundMs: options.boundMs, caseBoundMs: options.caseBoundMs }, options.caseTimeoutMs);
    stats.tried++;
    if (outcome.kind === 'reply' && outcome.reply.kind === 'done') {
      const { reply } = outcome;
      const c = generateCaseLazily(seed, options.scale, reply.mutations);
      for (const m of reply.mutations) stats.mutations[m] = (stats.mutations[m] ?? 0) + 1;
      for (const p of PROPERTIES) stats.properties[p].checks += reply.report.checks[p];
      stats.largest = Math.max(stats.largest, reply.report.size);
      if (reply.report.cpuMs > (stats.slowestCase?.cpuMs ?? -1)) stats.slowestCase = { cpuMs: reply.report.cpuMs, wallMs: reply.report.wallMs, size: reply.report.size, seed };
      for (const [op, ms] of Object.entries(reply.report.times)) {
        if (ms > (stats.slowest[op]?.ms ?? -1)) stats.slowest[op] = { ms, size: reply.report.size, seed };
      }
      if (reply.report.failures.length) {
        const full = c();
        for (const f of reply.report.failures) await record(full, f);
      }
    } else {
      // The worker is stuck or dead: stop it, report the case, start a fresh one.
      await worker.terminate().catch(() => undefined);
      worker = undefined;
      const c = generateCase(seed, options.scale);
      for (const m of c.mutations) stats.mutations[m] = (stats.mutations[m] ?? 0) + 1;
      const message =
        outcome.kind === 'timeout'
          ? `the case did not finish within ${options.caseTimeoutMs} ms (stopped)`
          : `the case ran out of memory or crashed (heap limit ${options.memoryMb} MB): ${outcome.kind === "died" ? outcome.error : "unexpected reply"}`;
      await record(c, { property: 'bounded-time', message });
    }
    if (options.log && Date.now() - lastProgress >= progressMs) {
      lastProgress = Date.now();
      const fails = PROPERTIES.map((p) => stats.properties[p]).reduce((s, p) => s + p.failures, 0);
      const knownCount = PROPERTIES.map((p) => stats.properties[p]).reduce((s, p) => s + p.known, 0);
      options.log(`${((Date.now() - started) / 60000).toFixed(1)} min: ${stats.tried} inputs, ${fails} new failures, ${knownCount} known`);
    }
  }
  await worker?.terminate();
  stats.ms = Date.now() - started;
  stats.unusedKnown = known.map((k) => k.bug).filter((b) => !usedKnown.has(b));
  return stats;
}

/**
 * Checks saved cases (e.g. the minimal inputs of known bugs) in a worker: each call
 * within `boundMs` and the whole case within `caseBoundMs` of CPU time, and within
 * `timeoutMs` on the wall clock (a hang guard): a case that hangs or runs out of
 * memory is a bounded-time failure. Returns each case's failures.
 */
export async function checkSavedCases(cases: FuzzCase[], options: { boundMs: number; caseBoundMs?: number; timeoutMs: number; memoryMb: number }): Promise<Failure[][]> {
  const spawn = () => new Worker(path.join(__dirname, 'worker.cjs'), { resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } });
  let worker: Worker | undefined;
  const out: Failure[][] = [];
  for (const c of cases) {
    worker ??= spawn();
    const got = await ask(worker, { kind: 'checkCase', case: c, boundMs: options.boundMs, caseBoundMs: options.caseBoundMs }, options.timeoutMs);
    if (got.kind === 'reply' && got.reply.kind === 'done') out.push(got.reply.report.failures);
    else {
      await worker.terminate().catch(() => undefined);
      worker = undefined;
      out.push([{ property: 'bounded-time', message: got.kind === 'timeout' ? `the case did not finish within ${options.timeoutMs} ms (stopped)` : `the case crashed: ${got.kind === 'died' ? got.error : ''}` }]);
    }
  }
  await worker?.terminate();
  return out;
}

type Minimised = { codebook: string; transcript: string; edits: FracEdit[] };
type Outcome = { kind: 'reply'; reply: WorkerReply } | { kind: 'timeout' } | { kind: 'died'; error: string };

/** Sends one request to the worker and waits for its reply, its death or the timeout. */
function ask(w: Worker, req: WorkerRequest, timeoutMs: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const timer = setTimeout(() => {
      cleanup();
      resolve({ kind: 'timeout' });
    }, timeoutMs);
    const onMessage = (m: WorkerReply) => {
      cleanup();
      resolve({ kind: 'reply', reply: m });
    };
    const onError = (e: Error) => {
      cleanup();
      resolve({ kind: 'died', error: `${(e as NodeJS.ErrnoException).code ?? e.name}: ${e.message}` });
    };
    const onExit = (code: number) => {
      cleanup();
      resolve({ kind: 'died', error: `worker exited with code ${code}` });
    };
    const cleanup = () => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(req);
  });
}

/** The case of a seed, generated again only when a failure needs its input. */
function generateCaseLazily(seed: number, scale: number, mutations: string[]): () => FuzzCase {
  let c: FuzzCase | undefined;
  return () => (c ??= { ...generateCase(seed, scale), mutations });
}

function writeFailure(
  options: RunOptions,
  c: FuzzCase,
  f: Failure,
  bug: KnownFailure | undefined,
  minimised: Minimised | undefined,
): string {
  const base = path.join(options.outDir, `${f.property}-${c.seed}`);
  const input = minimised ?? { codebook: c.input.codebook, transcript: c.input.transcript, edits: c.edits };
  const big = input.transcript.length + input.codebook.length > 2_000_000;
  const data = {
    property: f.property,
    message: f.message,
    known: bug?.bug,
    seed: c.seed,
    scale: options.scale,
    mutations: c.mutations,
    minimised: !!minimised,
    replay: big ? `npm run fuzz -- --case ${c.seed} --scale ${options.scale}` : `npm run fuzz -- --replay ${base}.json`,
    // Inputs of megabytes are left out: the seed and scale regenerate them.
    ...(big ? { sizes: { codebook: input.codebook.length, transcript: input.transcript.length } } : { codebook: input.codebook, transcript: input.transcript }),
    edits: input.edits,
    probes: c.probes,
  };
  fs.writeFileSync(`${base}.json`, JSON.stringify(data, null, 1));
  if (!big) fs.writeFileSync(`${base}.transcript.md`, input.transcript);
  return `${base}.json`;
}

/** The summary of a run as printed lines. */
export function formatStats(stats: RunStats): string[] {
  const lines: string[] = [];
  lines.push(`${stats.tried} inputs tried in ${(stats.ms / 1000).toFixed(1)} s (largest ${stats.largest.toLocaleString('en')} characters)`);
  lines.push('property               checks   new failures   known bugs');
  for (const p of PROPERTIES) {
    const s = stats.properties[p];
    lines.push(`${p.padEnd(22)} ${String(s.checks).padStart(9)} ${String(s.failures).padStart(14)} ${String(s.known).padStart(12)}`);
  }
  lines.push(`mutations: ${Object.entries(stats.mutations).sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', ')}`);
  const slow = Object.entries(stats.slowest).sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
  if (stats.slowestCase) {
    const s = stats.slowestCase;
    lines.push(`slowest case: ${(s.cpuMs / 1000).toFixed(1)} s of CPU, ${(s.wallMs / 1000).toFixed(1)} s wall clock (${s.size.toLocaleString('en')} chars, seed ${s.seed})`);
  }
  lines.push(`slowest calls (CPU time): ${slow.map(([op, s]) => `${op} ${s.ms.toFixed(0)} ms (${s.size.toLocaleString('en')} chars, seed ${s.seed})`).join('; ')}`);
  const news = stats.failures.filter((f) => !f.known);
  const knowns = stats.failures.filter((f) => f.known);
  for (const f of news) lines.push(`FAIL ${f.property} seed ${f.seed} [${f.mutations.join(', ')}]: ${f.message}${f.file ? ` → ${f.file}` : ''}`);
  const byBug = new Map<string, RunFailure[]>();
  for (const f of knowns) byBug.set(f.known!, [...(byBug.get(f.known!) ?? []), f]);
  for (const [bug, list] of byBug) lines.push(`known (${bug}): ${list.length} cases, e.g. seed ${list[0].seed}: ${list[0].message}${list[0].file ? ` → ${list[0].file}` : ''}`);
  for (const b of stats.unusedKnown) lines.push(`known-failure entry matched nothing in this run: ${b}`);
  return lines;
}
