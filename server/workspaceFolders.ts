import type { Connection, InitializeParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { normalizeUri } from '../core';
import { SKIPPED_FOLDERS } from '../host/nodeFiles';
import type { DiskSync } from './documentSync';
import type { Health } from './health';
import type { StatusReporter } from './status';

/**
 * The workspace folders: which files the server reads from disk, and their
 * scan. Scans run one at a time; status reports indexing until all are done.
 */
export class WorkspaceFolders {
  private roots: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly connection: Connection,
    private readonly sync: DiskSync,
    private readonly health: Health,
    private readonly status: StatusReporter,
  ) {}

  /** Takes the folders from initialize (or its root URI, from clients without folders). */
  initialize(params: InitializeParams): void {
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders.push(params.rootUri);
    this.roots = folders.map(normalizeUri);
  }

  /** True when a file lies inside a workspace folder and not in a folder scans skip. */
  contains(uri: string): boolean {
    const u = URI.parse(uri);
    if (u.scheme !== 'file') return false;
    const path = u.path;
    return this.roots.some((root) => {
      const rootPath = URI.parse(root).path.replace(/\/+$/, '');
      if (!path.startsWith(rootPath + '/')) return false;
      return !path.slice(rootPath.length + 1).split('/').slice(0, -1).some((seg) => SKIPPED_FOLDERS.has(seg));
    });
  }

  /** Scans every folder at start-up; resolves with the number of files found. */
  scanAll(): Promise<number> {
    return this.enqueue('workspace scan', async () => {
      const started = Date.now();
      let files = 0;
      for (const root of this.roots) files += (await this.sync.loadFolder(root)).files;
      this.connection.console.log(`Axial: indexed ${files} files in ${Date.now() - started} ms`);
      return files;
    }, 0);
  }

  private enqueue<T>(what: string, work: () => Promise<T>, fallback: T): Promise<T> {
    this.pending++;
    this.status.indexing = true;
    const run = this.queue.then(() => this.health.guardAsync(what, fallback, work)).finally(() => this.done());
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private done(): void {
    this.pending--;
    // Even a failed scan ends indexing: the status bar then shows what was read, and degraded.
    this.status.indexing = this.pending > 0;
    this.status.schedule();
  }
}
