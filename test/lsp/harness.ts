import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type RequestType,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

export const REPO = path.join(__dirname, '..', '..');
export const SERVER = path.join(REPO, 'dist', 'server.js');

/** Copies a fixture folder to a fresh temporary folder so tests may change files on disk. */
export function copyFixture(src: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'axial-lsp-'));
  cpSync(src, dir, { recursive: true });
  return dir;
}

export const uriOf = (file: string) => URI.file(file).toString();

/**
 * A minimal LSP client that starts the real bundled server over stdio and speaks
 * the protocol to it, recording every diagnostics and status notification.
 */
export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly statuses: unknown[] = [];
  /** Every `window/workDoneProgress/create` request's token, and every `$/progress`, in order of arrival. */
  readonly progress: ({ create: string | number } | { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } })[] = [];
  private readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  private readonly waiters: (() => void)[] = [];
  stderr = '';

  /** Every `window/logMessage`'s text, in order. */
  readonly logs: string[] = [];
  /** Resolves with the server's exit code (null when killed by a signal) once its process ends. */
  readonly exited: Promise<number | null>;

  /**
   * `nodeArgs` go to Node before the server's script (e.g. `--cpu-prof` for benchmarks);
   * `env` is added to this process's environment for the server.
   */
  constructor(readonly root: string, nodeArgs: string[] = [], env: Record<string, string> = {}) {
    this.proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
    this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    this.conn.onNotification('axial/status', (p: unknown) => {
      this.statuses.push(p);
      this.wake();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.progress.push({ create: p.token });
      this.wake();
      return null;
    });
    this.conn.onNotification('$/progress', (p: { token: string | number; value: { kind: string } }) => {
      this.progress.push(p);
      this.wake();
    });
    this.conn.onRequest('workspace/configuration', () => []);
    this.conn.listen();
  }

  /**
   * initialize + initialized, announcing dynamic watcher registration like VS Code;
   * `capabilities` adds or replaces top-level capabilities (e.g. `window: { workDoneProgress: true }`).
   */
  async start(opts: { capabilities?: Record<string, unknown>; initializationOptions?: unknown } = {}): Promise<unknown> {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(this.root),
      workspaceFolders: [{ uri: uriOf(this.root), name: 'test' }],
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: false } } },
        ...opts.capabilities,
      },
      initializationOptions: opts.initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(file: string, text: string, languageId = 'axial-transcript', version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId, version, text } });
  }

  change(file: string, version: number, text: string): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(file), version }, contentChanges: [{ text }] });
  }

  /** A request by name (standard LSP messages), or one declared in common/protocol.ts (`X.type`, type-checked). */
  request<R>(method: string, params: unknown): Promise<R>;
  request<P, R>(type: RequestType<P, R, void>, params: NoInfer<P>): Promise<R>;
  request(method: string | RequestType<unknown, unknown, void>, params: unknown): Promise<unknown> {
    return typeof method === 'string' ? this.conn.sendRequest(method, params) : this.conn.sendRequest(method, params);
  }

  /** Resolves when `cond` holds, re-checked on every notification; rejects after `ms`. */
  async waitFor<T>(what: string, cond: () => T | undefined | false, ms = 10000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = cond();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}\nserver stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for diagnostics of a file that satisfy `pred`. */
  waitForDiagnostics(file: string, pred: (ds: Diagnostic[]) => boolean, ms?: number): Promise<Diagnostic[]> {
    const uri = uriOf(file);
    return this.waitFor(`diagnostics of ${path.basename(file)} matching`, () => {
      const ds = this.diagnostics.get(uri);
      return ds && pred(ds) ? ds : undefined;
    }, ms);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      /* the server may already be gone */
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 3000);
      this.proc.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
