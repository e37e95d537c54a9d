/**
 * The real bundled server (dist/server.js) over stdio, as an editor starts it,
 * for benchmarks: cold indexing time, resident memory, and request round trips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

/** The completion capabilities VS Code's client declares that change what the server answers. */
export const VSCODE_COMPLETION_CAPABILITIES = {
  textDocument: {
    completion: {
      completionItem: { resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] } },
      completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
    },
  },
};

/** Server status as `axial/status` sends it (only what benchmarks read). */
interface Status {
  indexing?: boolean;
  progress?: { done: number; total: number };
}

/** One server process and its connection. */
export class StdioServer {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  private stopping = false;
  private diagnosticsWaiters = new Map<string, () => void>();
  private indexed: Promise<void>;
  private markIndexed: () => void = () => {};
  /** Every status notification, in order of arrival. */
  readonly statuses: Status[] = [];

  /**
   * `nodeArgs` go to Node before the script (e.g. `--cpu-prof`, for profiles of the server;
   * `--trace-gc`, whose lines go to stderr). `onStderr` hears the server's stderr (for
   * lining up its lines with requests); without it stderr is the benchmark's.
   */
  constructor(repo: string, nodeArgs: string[] = [], onStderr?: (chunk: string) => void) {
    this.proc = spawn(process.execPath, [...nodeArgs, path.join(repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', onStderr ? 'pipe' : 'inherit'] });
    if (onStderr) this.proc.stderr!.setEncoding('utf8').on('data', onStderr);
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    // A server that dies would leave the benchmark waiting on nothing: fail loudly instead.
    this.proc.on('exit', (code) => {
      if (this.stopping) return;
      console.error(`bench: the server exited early (code ${code})`);
      process.exit(1);
    });
    this.indexed = new Promise((r) => (this.markIndexed = r));
    this.conn.onNotification('axial/status', (s: Status) => {
      this.statuses.push(s);
      if (!s.indexing) this.markIndexed();
    });
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
      const w = this.diagnosticsWaiters.get(p.uri);
      this.diagnosticsWaiters.delete(p.uri);
      w?.();
    });
    this.conn.onNotification(() => {});
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('$/progress', () => {});
    this.conn.listen();
  }

  /**
   * initialize → initialized → the first `axial/status` with `indexing: false`:
   * the cold index as an editor opening the folder waits for it, in ms.
   * `capabilities` adds to the client's (which declares work-done progress).
   */
  async indexFolder(dir: string | readonly string[], capabilities: object = {}): Promise<number> {
    // Several folders: a multi-root workspace, the first one its root.
    const roots = (typeof dir === 'string' ? [dir] : dir).map((d) => URI.file(d).toString());
    const t0 = performance.now();
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: roots[0],
      capabilities: { window: { workDoneProgress: true }, ...capabilities },
      workspaceFolders: roots.map((uri, i) => ({ uri, name: `bench${i}` })),
    });
    await this.conn.sendNotification('initialized', {});
    await this.indexed;
    return performance.now() - t0;
  }

  /** The server's resident set size now, in bytes (Linux /proc; undefined elsewhere). */
  rss(): number | undefined {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** CPU time the server has used so far (user + system), in ms (Linux /proc; undefined elsewhere). */
  cpuMs(): number | undefined {
    try {
      const fields = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      // After the command name: utime (14) and stime (15) are at 11 and 12, in clock ticks of 10 ms.
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  }

  /**
   * Opens a transcript as an editor does (didOpen with `text`, by default the file's
   * content) and returns its URI and text. Sent without waiting for the server.
   */
  async openTranscript(file: string, text = readFileSync(file, 'utf8')): Promise<{ uri: string; text: string }> {
    const uri = URI.file(file).toString();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'axial-transcript', version: 1, text } });
    return { uri, text };
  }

  /** Resolves on the next publishDiagnostics for `uri`. */
  nextDiagnostics(uri: string): Promise<void> {
    return new Promise((r) => this.diagnosticsWaiters.set(uri, r));
  }

  /** Time of one request's round trip, in ms; a request the server has no handler for is answered with an error, which counts too. */
  async time(method: string, params: unknown): Promise<{ ms: number; result: unknown }> {
    const t0 = performance.now();
    let result: unknown;
    try {
      result = await this.conn.sendRequest(method, params);
    } catch (e) {
      result = e;
    }
    return { ms: performance.now() - t0, result };
  }

  /** Asks the server to shut down and exit, and resolves when it has exited by itself (profiles are written then). */
  async exit(): Promise<void> {
    this.stopping = true;
    const exited = new Promise((r) => this.proc.once('exit', r));
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    await exited;
    this.conn.dispose();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } finally {
      this.conn.dispose();
      this.proc.kill();
    }
  }
}
