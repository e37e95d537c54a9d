import type { Connection, InitializeParams, WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { normalizeUri, type ProjectIndex } from '../core';
import { SKIPPED_FOLDERS } from '../host/nodeFiles';
import type { DiskSync } from './documentSync';
import type { Health } from './health';
import type { IndexingProgress } from './indexingProgress';
import type { CodebookGate } from './codebookGate';
import type { StatusReporter } from './status';

/** How often the status bar hears the scan's progress: often enough to move, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 250;

/**
 * The workspace folders: which files the server reads from disk, and the scans
 * when folders come and go (workspace/didChangeWorkspaceFolders).
 *
 * An added folder is scanned and its files' diagnostics published. A removed
 * folder's files leave the index and their diagnostics are cleared, unless another
 * folder still holds them or the editor has them open: an open document is still
 * checked, as any document opened outside the workspace is. The folders of one
 * change (or of start-up) are scanned at once, so one's reads overlap another's
 * parsing; changes run one at a time, in the order they arrived; status reports
 * indexing until all are done.
 */
export class WorkspaceFolders {
  private roots: string[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private clientSendsChanges = false;

  constructor(
    private readonly connection: Connection,
    private readonly index: ProjectIndex,
    private readonly sync: DiskSync,
    private readonly health: Health,
    private readonly status: StatusReporter,
    /** Publishes diagnostics (codebooks at once) and tells the views about changed files. */
    private readonly publish: (uris: string[]) => void,
    /** The scan as LSP work-done progress, for editors that show it. */
    private readonly progress: IndexingProgress,
    /** Holds requests about a folder's files until the scan has read its codebooks. */
    private readonly gate: CodebookGate,
  ) {}

  /** Takes the folders from initialize (or its root URI, or its older root path, from clients without folders). */
  initialize(params: InitializeParams): void {
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders.push(params.rootUri);
    // Deprecated in LSP 3 but still in it, and all some clients send.
    else if (folders.length === 0 && typeof params.rootPath === 'string' && params.rootPath !== '') folders.push(URI.file(params.rootPath).toString());
    this.roots = folders.map(normalizeUri);
    this.clientSendsChanges = !!params.capabilities.workspace?.workspaceFolders;
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
    // From now on, not from when the scan's turn comes: a request sent right after
    // initialized waits for the codebooks instead of finding no project.
    const roots = [...this.roots];
    for (const root of roots) this.gate.hold(root);
    return this.enqueue('workspace scan', async () => {
      const started = Date.now();
      let files = 0;
      // Every folder's files count toward one "n of N" as each folder is listed.
      const step = this.countFiles();
      // All folders at once: one folder's reads overlap another's parsing.
      const counts = await allDone(roots.map((root) => this.loadFolder(root, step)));
      for (const c of counts) files += c.files;
      const threads = counts.filter((c) => c.onThread).length;
      const where = threads === 0 ? '' : ` (read on ${threads === 1 ? 'a worker thread' : `${threads} worker threads`})`;
      this.connection.console.log(`Axial: indexed ${files} files in ${Date.now() - started} ms${where}`);
      return files;
    }, 0);
  }

  /** Subscribes to folder changes, when the client can send them (after initialize). */
  listen(): void {
    if (!this.clientSendsChanges) return;
    this.connection.workspace.onDidChangeWorkspaceFolders((e) => void this.change(e));
  }

  /** Applies one folder change: the set of folders at once, the disk work in turn. */
  change(event: WorkspaceFoldersChangeEvent): Promise<void> {
    const removed = event.removed.map((f) => normalizeUri(f.uri));
    const added = event.added.map((f) => normalizeUri(f.uri));
    this.roots = [...this.roots.filter((r) => !removed.includes(r)), ...added.filter((r) => !this.roots.includes(r))];
    for (const folder of added) this.gate.hold(folder);
    return this.enqueue('workspace folders', async () => {
      const changed: string[] = [];
      for (const folder of removed) {
        for (const uri of this.index.filesUnder(folder)) {
          if (this.contains(uri)) continue; // another folder holds it too
          // refresh() drops what is no longer in the workspace and keeps open documents.
          changed.push(uri, ...(await this.sync.refresh(uri)));
        }
      }
      const step = added.length > 0 ? this.countFiles() : { onFiles: () => undefined, onRead: () => undefined };
      const scans = added.map((folder) => {
        if (this.roots.includes(folder)) return this.loadFolder(folder, step);
        this.gate.release(folder); // removed again before its turn came
        return { files: 0, changed: [], onThread: false };
      });
      for (const scan of await allDone(scans)) changed.push(...scan.changed);
      this.publish(changed);
    }, undefined);
  }

  /** Scans one folder into the index, releasing the requests held for it once its codebooks are read (or it fails). */
  private async loadFolder(folder: string, step: { onFiles: (n: number) => void; onRead: () => void }): ReturnType<DiskSync['loadFolder']> {
    try {
      return await this.sync.loadFolder(folder, { ...step, onCodebooks: () => this.gate.release(folder) });
    } finally {
      this.gate.release(folder);
    }
  }

  /**
   * Counts files found and read for one "n of N": the status's `progress` (debounced
   * by the status) and the work-done progress (throttled by itself).
   */
  private countFiles(): { onFiles: (n: number) => void; onRead: () => void } {
    const counts = { done: 0, total: 0 };
    this.status.progress = counts;
    const tell = () => {
      this.status.schedule(PROGRESS_EVERY_MS);
      this.progress.update(counts.done, counts.total);
    };
    return {
      onFiles: (n) => {
        counts.total += n;
        tell();
      },
      onRead: () => {
        counts.done++;
        tell();
      },
    };
  }

  private enqueue<T>(what: string, work: () => Promise<T>, fallback: T): Promise<T> {
    this.pending++;
    this.status.indexing = true;
    this.progress.start();
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
    if (!this.status.indexing) {
      this.status.progress = undefined;
      this.progress.finish();
      // Whatever became of the scans, no request waits any longer.
      this.gate.releaseAll();
    }
    // The end of indexing goes out at once (the client waits for it); progress is debounced.
    this.status.schedule(this.status.indexing ? undefined : 0);
  }
}

/**
 * Promise.all that waits for every scan to end even when one fails, then fails
 * with the first failure: indexing is not reported over while a scan still runs.
 */
async function allDone<T>(work: (T | Promise<T>)[]): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}
