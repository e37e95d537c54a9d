import type { Connection, FileOperationRegistrationOptions } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { isCodebookUri, isTextUri, normalizeUri, type ProjectIndex } from '../core';
import { codebooksFirst, findProjectFiles, readText } from '../host/nodeFiles';
import { readTextsOffThread } from '../host/readWorker';
import type { Health } from './health';

/** The longest the scan parses files in a row before letting waiting requests in. */
const YIELD_EVERY_MS = 10;

/**
 * Keeps the index's copy of every closed file in step with the disk, so that
 * the index always holds: the open documents' text, and the disk's text of every
 * other project file inside the workspace folders. Which is also what a fresh
 * server would read.
 *
 * A close or a file event is only a hint to look at the disk: whatever the event
 * says, the disk decides (a Deleted event for a file that exists keeps it; a
 * Created event for one that does not drops it). Reads are asynchronous, so each
 * is stamped when it starts and its result is dropped if, when it completes, the
 * document is open (an open document always wins over the disk, even when its
 * didOpen arrived after the event) or a newer read of the same file started.
 */
export class DiskSync {
  private stamps = 0;
  /** URI → stamp of the newest read in flight. */
  private readonly latest = new Map<string, number>();

  constructor(
    private readonly index: ProjectIndex,
    /** True when the editor holds the document open (by normalised URI). */
    private readonly isOpen: (uri: string) => boolean,
    /** True when the file lies inside a workspace folder (by normalised URI). */
    private readonly inWorkspace: (uri: string) => boolean,
  ) {}

  /**
   * Makes the index hold what the disk holds for a closed file (or nothing, when the
   * file is gone or outside the workspace). Returns the URIs whose diagnostics may
   * have changed; nothing when the document is open or the read was overtaken.
   */
  async refresh(uri: string): Promise<string[]> {
    uri = normalizeUri(uri);
    if (this.isOpen(uri)) return [];
    const stamp = this.stamp(uri);
    const text = this.inWorkspace(uri) ? await readText(URI.parse(uri).fsPath) : undefined;
    return this.settle(uri, stamp, text);
  }

  /** Marks a read of `uri` as the newest; its result counts only while no newer one starts. */
  private stamp(uri: string): number {
    const stamp = ++this.stamps;
    this.latest.set(uri, stamp);
    return stamp;
  }

  /** Applies the result of the read stamped `stamp` (undefined: no such file), unless overtaken. */
  private settle(uri: string, stamp: number, text: string | undefined): string[] {
    if (this.latest.get(uri) !== stamp) return [];
    this.latest.delete(uri);
    // Both may have changed while the file was read: a didOpen, or the folder leaving the workspace.
    if (this.isOpen(uri)) return [];
    if (text === undefined || !this.inWorkspace(uri)) return this.index.deleteFile(uri);
    return this.index.setFile(uri, text);
  }

  /**
   * Handles file events (workspace/didChangeWatchedFiles) by looking at the disk. An
   * event for a folder (some watchers report only the folder when it is deleted or
   * moved in) re-checks what the index holds under it and what the disk now has there.
   */
  async fileEvents(uris: string[]): Promise<string[]> {
    const files = new Set<string>();
    for (const raw of uris) {
      const uri = normalizeUri(raw);
      if (isCodebookUri(uri) || isTextUri(uri)) {
        files.add(uri);
        continue;
      }
      for (const u of this.index.filesUnder(uri)) files.add(u);
      if (URI.parse(uri).scheme === 'file' && this.inWorkspace(uri)) {
        for (const f of await findProjectFiles(URI.parse(uri).fsPath)) files.add(URI.file(f).toString());
      }
    }
    // One read at a time: a folder event may name thousands of files, and a read that
    // fails for want of file handles would look like a deleted file.
    const changed: string[] = [];
    for (const u of files) changed.push(...(await this.refresh(u)));
    return changed;
  }

  /**
   * Reads every project file under a folder into the index (open documents are kept).
   * `onFiles` hears how many files were found, then `onRead` each one read, for the
   * status bar's "n of N files"; `onCodebooks` hears when every codebook is read.
   * `onThread` in the result: a worker thread read every file (host/readWorker.ts).
   */
  async loadFolder(
    folder: string,
    progress: { onFiles?: (total: number) => void; onRead?: () => void; onCodebooks?: () => void } = {},
  ): Promise<{ files: number; changed: string[]; onThread: boolean }> {
    // Codebooks first, so transcripts find their project when they arrive.
    const files = codebooksFirst(await findProjectFiles(URI.parse(folder).fsPath));
    progress.onFiles?.(files.length);
    const codebooks = files.filter((f) => isCodebookUri(URI.file(f).toString())).length;
    if (codebooks === 0) progress.onCodebooks?.();
    const uris = files.map((f) => normalizeUri(URI.file(f).toString()));
    // Every read is stamped before any starts, so a file event that arrives during the
    // scan starts a newer read and wins, as it does against refresh().
    const stamps = uris.map((uri) => this.stamp(uri));
    const changed: string[] = [];
    let i = 0;
    let since = performance.now();
    // Read on a worker thread (host/readWorker.ts) while this one parses, applied in order as they arrive.
    let onThread = false;
    for await (const { text } of readTextsOffThread(files, { onThread: (t) => (onThread = t) })) {
      // Reads that are already done chain without a turn of the event loop: tens of
      // files parsed in a row kept requests waiting up to 100 ms. Let them in now and then.
      if (performance.now() - since > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
      changed.push(...this.settle(uris[i], stamps[i], text));
      i++;
      progress.onRead?.();
      if (i === codebooks) progress.onCodebooks?.();
    }
    return { files: files.length, changed, onThread };
  }
}

/**
 * The file operations the server asks the editor about (workspace.fileOperations):
 * files Axial reads, and folders, which may hold them.
 */
export const FILE_OPERATIONS: FileOperationRegistrationOptions = {
  filters: [
    { scheme: 'file', pattern: { glob: '**/*.{md,txt,yaml}', matches: 'file' } },
    { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
  ],
};

/**
 * Files created, renamed and deleted in the editor (workspace/didCreateFiles,
 * didRenameFiles, didDeleteFiles): hints to look at the disk, like file events,
 * for clients that report these but watch no files, and for a renamed folder, which
 * watchers report as one event for the folder or none.
 */
export function listenForFileOperations(connection: Connection, sync: DiskSync, health: Health, update: (uris: string[]) => void): void {
  const look = (what: string, uris: string[]) => health.guardAsync(what, undefined, async () => update(await sync.fileEvents(uris)));
  connection.workspace.onDidCreateFiles((p) => void look('created files', p.files.map((f) => f.uri)));
  connection.workspace.onDidRenameFiles((p) => void look('renamed files', p.files.flatMap((f) => [f.oldUri, f.newUri])));
  connection.workspace.onDidDeleteFiles((p) => void look('deleted files', p.files.map((f) => f.uri)));
}
