/**
 * The fuzzer over stdio (`npm run fuzz -- --stdio --minutes 10`): the same seeded
 * cases sent to the real bundled server (dist/server.js) as an editor would, the
 * codebook and a transcript opened with the mutated text, then changed along the
 * case's edits, with hover, completion, definition, references, symbols, code
 * actions, prepareRename and the tree requested at the probe points. Properties:
 *  - answers: every request gets a response within the timeout, and the server lives;
 *  - no-internal-errors: no request is answered with an internal error.
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
  /** A request unanswered after this long is a failure (ms). */
  timeoutMs: number;
  outDir: string;
  log?: (line: string) => void;
}

export interface StdioStats {
  tried: number;
  requests: number;
  /** Slowest answer per method (ms). */
  slowest: Record<string, number>;
  failures: { property: 'answers' | 'no-internal-errors'; seed: number; mutations: string[]; message: string; file: string }[];
  restarts: number;
}

class Server {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  exited = false;
  stderr = '';
  private versions = new Map<string, number>();

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
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
}

type Answer = { ok: true; ms: number } | { ok: false; why: 'timeout' | 'exited' | 'internal'; message: string; ms: number };

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
  const stats: StdioStats = { tried: 0, requests: 0, slowest: {}, failures: [], restarts: 0 };
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
      const c = generateCase(options.seeds ? options.seeds[i] : caseSeed(options.seed, i), options.scale);
      stats.tried++;
      const failure = await runCase(server, c, cbUri, tUri, options, stats);
      if (failure) {
        const file = path.join(options.outDir, `stdio-${failure.property}-${c.seed}.json`);
        writeFileSync(file, JSON.stringify({ ...failure, seed: c.seed, scale: options.scale, mutations: c.mutations, codebook: c.input.codebook, transcript: c.input.transcript, edits: c.edits, probes: c.probes }, null, 1));
        stats.failures.push({ ...failure, seed: c.seed, mutations: c.mutations, file });
        server.stop();
        server = undefined;
      }
      if (options.log && Date.now() - lastLog > 60_000) {
        lastLog = Date.now();
        options.log(`stdio: ${stats.tried} inputs, ${stats.requests} requests, ${stats.failures.length} failures`);
      }
    }
  } finally {
    server?.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return stats;
}

async function runCase(s: Server, c: FuzzCase, cbUri: string, tUri: string, options: StdioOptions, stats: StdioStats): Promise<{ property: 'answers' | 'no-internal-errors'; message: string } | undefined> {
  await s.set(cbUri, 'yaml', c.input.codebook);
  const texts = [c.input.transcript, ...editedTexts(c.input.transcript, c.edits)];
  for (const text of texts) {
    await s.set(tUri, 'axial-transcript', text);
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
    // Sent together, as an editor does while the user types.
    const answers = await Promise.all(asks.map(([m, p]) => request(s, m, p, options.timeoutMs).then((a) => [m, a] as const)));
    for (const [m, a] of answers) {
      stats.requests++;
      stats.slowest[m] = Math.max(stats.slowest[m] ?? 0, a.ms);
      if (!a.ok) return { property: a.why === 'internal' ? 'no-internal-errors' : 'answers', message: a.message };
    }
  }
  return undefined;
}
