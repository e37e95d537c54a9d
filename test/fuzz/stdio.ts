/**
 * The fuzzer over stdio (`npm run fuzz -- --stdio --minutes 10`): the same seeded
 * cases sent to the real bundled server (dist/server.js) as an editor would, the
 * codebook and a transcript opened with the mutated text, then changed along the
 * case's edits, with hover, completion, definition, references, symbols, code
 * actions, prepareRename and the tree requested at the probe points. Properties:
 *  - answers: every request gets a response (the wall clock only guards against
 *    a hang: `timeoutMs`), and the server lives;
 *  - no-internal-errors: no request is answered with an internal error;
 *  - bounded-time: the server spends at most `boundMs` of CPU time on each request
 *    and on each change of a document (its main thread's CPU time, read from /proc:
 *    processClock.ts), whatever the machine's load;
 *  - bounded-memory: the server's peak resident memory stays under `memoryMb`.
 * A failure restarts the server and writes the case to the output folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { at, editedTexts, generateCase, type FuzzCase } from './cases';
import { peakRssMb, processClock } from './processClock';
import { caseSeed } from './random';

const REPO = path.join(__dirname, '..', '..');
const SERVER = path.join(REPO, 'dist', 'server.js');
const EXAMPLE = path.join(REPO, 'examples', 'therapeutic-relationship');

export interface StdioOptions {
  seed: number;
  /** Replay these case seeds instead of the run's. */
  seeds?: number[];
  cases?: number;
  until?: number;
  scale: number;
  /** Most server CPU time one request (or one change of a document) may take (ms). */
  boundMs: number;
  /** A request unanswered after this long on the wall clock is a hang (ms). */
  timeoutMs: number;
  /** Most resident memory the server may reach (MB). */
  memoryMb: number;
  outDir: string;
  log?: (line: string) => void;
}

/** The properties checked over stdio. */
export const STDIO_PROPERTIES = ['answers', 'no-internal-errors', 'bounded-time', 'bounded-memory'] as const;
export type StdioProperty = (typeof STDIO_PROPERTIES)[number];

export interface StdioStats {
  tried: number;
  requests: number;
  /** Whether time is the server's CPU time (Linux) or, without /proc, the wall clock. */
  clock: 'server CPU' | 'wall clock';
  /** Checks made and cases failing, per property. */
  properties: Record<StdioProperty, { checks: number; failures: number }>;
  /** Slowest answer per method: server CPU ms (or wall ms without a CPU clock), wall ms, input size, seed. */
  slowest: Record<string, { ms: number; wallMs: number; size: number; seed: number }>;
  /** The server's peak resident memory over the run (MB). */
  peakRssMb: number;
  /** Largest transcript sent (characters). */
  largest: number;
  failures: { property: StdioProperty; seed: number; mutations: string[]; message: string; file: string }[];
  restarts: number;
}

class Server {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  exited = false;
  stderr = '';
  /** The server's CPU time in ms (main thread), undefined without /proc. */
  readonly cpu: (() => number) | undefined;
  private versions = new Map<string, number>();

  constructor() {
    const prof = process.env.AXIAL_FUZZ_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.AXIAL_FUZZ_PROF] : process.env.AXIAL_FUZZ_TICKS ? ['--prof', '--no-logfile-per-isolate', '--logfile=' + process.env.AXIAL_FUZZ_TICKS] : [];
    this.proc = spawn(process.execPath, [...prof, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.setMaxListeners(0); // one exit listener per request in flight
    this.proc.on('exit', () => (this.exited = true));
    this.proc.stderr!.on('data', (d) => (this.stderr = (this.stderr + String(d)).slice(-4000)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification(() => {});
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/configuration', () => []);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onError(() => {});
    this.conn.listen();
    this.cpu = this.proc.pid === undefined ? undefined : processClock(this.proc.pid);
  }

  async start(root: string): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(root).toString(),
      workspaceFolders: [{ uri: URI.file(root).toString(), name: 'fuzz' }],
      capabilities: { workspace: { workspaceFolders: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    });
    await this.conn.sendNotification('initialized', {});
  }

  /** Opens the document, or replaces its whole text when open. */
  async set(uri: string, languageId: string, text: string): Promise<void> {
    const v = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, v);
    if (v === 1) await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: v, text } });
    else await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  }

  stop(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
    this.conn.dispose();
  }

  /** Asks the server to shut down and exit (so that `--cpu-prof` writes its profile), then waits for it. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    await this.conn.sendRequest('shutdown').catch(() => undefined);
    await this.conn.sendNotification('exit').catch(() => undefined);
    await exited;
    this.conn.dispose();
  }
}

type Answer = { ok: true; ms: number } | { ok: false; why: 'timeout' | 'exited' | 'internal'; message: string; ms: number };

/** A request no handler answers: the server replies "method not found" once everything sent before it is handled. */
const SYNC = 'axial/fuzz/sync';

function request(s: Server, method: string, params: unknown, timeoutMs: number): Promise<Answer> {
  const started = Date.now();
  return new Promise<Answer>((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, why: 'timeout', message: `${method} unanswered after ${timeoutMs} ms${s.stderr ? `; server stderr: ${s.stderr.split('\n').slice(-5).join(' ')}` : ''}`, ms: Date.now() - started }), timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve({ ok: false, why: 'exited', message: `the server exited during ${method}: ${s.stderr.split('\n').slice(-5).join(' ')}`, ms: Date.now() - started });
    };
    s.proc.once('exit', onExit);
    s.conn.sendRequest(method, params).then(
      () => {
        clearTimeout(timer);
        s.proc.off('exit', onExit);
        resolve({ ok: true, ms: Date.now() - started });
      },
      (e: unknown) => {
        clearTimeout(timer);
        s.proc.off('exit', onExit);
        const internal = e instanceof ResponseError && e.code === -32603;
        resolve(internal ? { ok: false, why: 'internal', message: `${method} answered with an internal error: ${e.message}`, ms: Date.now() - started } : { ok: true, ms: Date.now() - started });
      },
    );
  });
}

/** Runs cases against the bundled server until the count or the time is reached. */
export async function runStdioFuzz(options: StdioOptions): Promise<StdioStats> {
  const stats: StdioStats = {
    tried: 0,
    requests: 0,
    clock: 'server CPU',
    properties: Object.fromEntries(STDIO_PROPERTIES.map((p) => [p, { checks: 0, failures: 0 }])) as StdioStats['properties'],
    slowest: {},
    peakRssMb: 0,
    largest: 0,
    failures: [],
    restarts: 0,
  };
  const root = mkdtempSync(path.join(os.tmpdir(), 'axial-fuzz-stdio-'));
  cpSync(EXAMPLE, root, { recursive: true });
  mkdirSync(options.outDir, { recursive: true });
  const cbUri = URI.file(path.join(root, 'codebook.yaml')).toString();
  const tUri = URI.file(path.join(root, 'transcripts', 'fuzzed.md')).toString();
  let server: Server | undefined;
  let lastLog = Date.now();
  try {
    for (let i = 0; ; i++) {
      if (options.cases !== undefined && i >= options.cases) break;
      if (options.seeds && i >= options.seeds.length) break;
      if (options.until !== undefined && Date.now() >= options.until) break;
      if (!server || server.exited) {
        server?.stop();
        server = new Server();
        if (i > 0) stats.restarts++;
        await server.start(root);
      }
      if (!server.cpu) stats.clock = 'wall clock';
      const c = generateCase(options.seeds ? options.seeds[i] : caseSeed(options.seed, i), options.scale);
      stats.tried++;
      stats.largest = Math.max(stats.largest, c.input.transcript.length);
      const found = await runCase(server, c, cbUri, tUri, options, stats);
      const rss = server.proc.pid === undefined ? undefined : peakRssMb(server.proc.pid);
      if (rss !== undefined) {
        stats.peakRssMb = Math.max(stats.peakRssMb, rss);
        stats.properties['bounded-memory'].checks++;
        if (rss > options.memoryMb && !server.exited) found.push({ property: 'bounded-memory', message: `the server's resident memory reached ${rss.toFixed(0)} MB (bound ${options.memoryMb} MB)` });
      }
      const seen = new Set<StdioProperty>();
      for (const failure of found) {
        // A case counts once per property; the first failure of each is written.
        if (seen.has(failure.property)) continue;
        seen.add(failure.property);
        stats.properties[failure.property].failures++;
        const file = path.join(options.outDir, `stdio-${failure.property}-${c.seed}.json`);
        writeFileSync(file, JSON.stringify({ ...failure, seed: c.seed, scale: options.scale, mutations: c.mutations, codebook: c.input.codebook, transcript: c.input.transcript, edits: c.edits, probes: c.probes }, null, 1));
        stats.failures.push({ ...failure, seed: c.seed, mutations: c.mutations, file });
      }
      // A fresh server after a failure, and after a case that grew its memory: the next case is judged alone.
      if (found.length > 0) {
        server.stop();
        server = undefined;
      }
      if (options.log && Date.now() - lastLog > 60_000) {
        lastLog = Date.now();
        options.log(`stdio: ${stats.tried} inputs, ${stats.requests} requests, ${stats.failures.length} failures`);
      }
    }
    await server?.close();
  } finally {
    server?.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return stats;
}

type Found = { property: StdioProperty; message: string };

/**
 * Sends one case: the codebook, then the transcript and each edited text, each
 * followed by the requests an editor makes. Requests go one at a time, so the
 * server's CPU time from a request to its answer is that request's alone (a change
 * of a document is timed up to the answer of a request no handler takes). Returns
 * what failed; stops at the first request unanswered or the server's exit.
 */
async function runCase(s: Server, c: FuzzCase, cbUri: string, tUri: string, options: StdioOptions, stats: StdioStats): Promise<Found[]> {
  const found: Found[] = [];
  const size = c.input.transcript.length;
  /** Sends one request and checks it: answered, no internal error, within the CPU bound. False when the server is lost. */
  const ask = async (label: string, method: string, params: unknown): Promise<boolean> => {
    const before = s.cpu?.();
    const a = await request(s, method, params, options.timeoutMs);
    const after = s.cpu?.();
    stats.requests++;
    stats.properties.answers.checks++;
    if (!a.ok && a.why !== 'internal') {
      found.push({ property: 'answers', message: a.message });
      return false;
    }
    stats.properties['no-internal-errors'].checks++;
    if (!a.ok) found.push({ property: 'no-internal-errors', message: a.message });
    const cpu = before !== undefined && after !== undefined && Number.isFinite(after - before) ? after - before : undefined;
    const ms = cpu ?? a.ms;
    stats.properties['bounded-time'].checks++;
    if (ms > options.boundMs) found.push({ property: 'bounded-time', message: `${label} took ${ms.toFixed(0)} ms of ${cpu === undefined ? 'wall-clock time' : 'server CPU'} (bound ${options.boundMs} ms; ${a.ms} ms wall clock), ${size.toLocaleString('en')} characters` });
    const slow = stats.slowest[label];
    if (!slow || ms > slow.ms) stats.slowest[label] = { ms, wallMs: a.ms, size, seed: c.seed };
    return true;
  };

  await s.set(cbUri, 'yaml', c.input.codebook);
  if (!(await ask('codebook change', SYNC, {}))) return found;
  const texts = [c.input.transcript, ...editedTexts(c.input.transcript, c.edits)];
  for (const text of texts) {
    await s.set(tUri, 'axial-transcript', text);
    if (!(await ask('transcript change', SYNC, {}))) return found;
    const doc = TextDocument.create(tUri, 'axial-transcript', 0, text);
    const pos = (frac: number) => doc.positionAt(at(frac, text.length));
    const td = { uri: tUri };
    const asks: [string, unknown][] = [
      ['textDocument/documentSymbol', { textDocument: td }],
      ['textDocument/codeAction', { textDocument: td, range: { start: pos(0), end: pos(1) }, context: { diagnostics: [] } }],
      ['axial/tree/children', {}],
    ];
    for (const p of c.probes.slice(0, 3)) {
      const position = pos(p);
      asks.push(['textDocument/hover', { textDocument: td, position }]);
      asks.push(['textDocument/completion', { textDocument: td, position }]);
      asks.push(['textDocument/definition', { textDocument: td, position }]);
      asks.push(['textDocument/references', { textDocument: td, position, context: { includeDeclaration: true } }]);
      asks.push(['textDocument/prepareRename', { textDocument: td, position }]);
      asks.push(['textDocument/codeAction', { textDocument: td, range: { start: position, end: pos(Math.min(1, p + 0.01)) }, context: { diagnostics: [] } }]);
    }
    asks.push(['textDocument/hover', { textDocument: { uri: cbUri }, position: { line: 20, character: 4 } }]);
    asks.push(['textDocument/documentSymbol', { textDocument: { uri: cbUri } }]);
    for (const [m, p] of asks) if (!(await ask(m, m, p))) return found;
  }
  return found;
}

/** The run's summary: inputs, checks and failures per property, the slowest answers, peak memory, and each failure. */
export function formatStdioStats(s: StdioStats): string[] {
  const lines = [`${s.tried} inputs sent (the largest ${s.largest.toLocaleString('en')} characters), ${s.requests} requests, ${s.failures.length} failures, ${s.restarts} server restarts`];
  lines.push('property             checks   failures');
  for (const p of STDIO_PROPERTIES) lines.push(`${p.padEnd(20)} ${String(s.properties[p].checks).padStart(7)}   ${s.properties[p].failures}`);
  const slow = Object.entries(s.slowest).sort((a, b) => b[1].ms - a[1].ms);
  lines.push(`slowest answers (${s.clock}): ${slow.map(([m, x]) => `${m} ${x.ms.toFixed(0)} ms (${x.wallMs} ms wall clock, ${x.size.toLocaleString('en')} chars, seed ${x.seed})`).join('; ')}`);
  lines.push(`server peak resident memory: ${s.peakRssMb.toFixed(0)} MB`);
  for (const f of s.failures) lines.push(`FAIL ${f.property} seed ${f.seed} [${f.mutations.join(', ')}]: ${f.message} → ${f.file}`);
  return lines;
}
