import { normalizeUri } from '../core';

/**
 * Holds requests about files in a folder whose codebooks the scan has not read yet.
 *
 * A scan reads a folder's codebooks first and its transcripts after. Until the
 * codebooks are in, a transcript belongs to no project, so an editor that opens one
 * as it starts (VS Code restoring its editors asks for the outline, diagnostics and
 * more at once) would be answered "nothing here" and not ask again. The wait is the
 * folder's listing and the codebooks' read, a small part of the scan: once they are
 * in, every file answers, from the files read so far, while the rest is read.
 */
export class CodebookGate {
  /** Folder URI (no trailing slash) → the wait, and what ends it. */
  private readonly held = new Map<string, { until: Promise<void>; release: () => void }>();

  /** A scan of `folder` is about to start: its files' requests wait from now on. */
  hold(folder: string): void {
    const key = folderKey(folder);
    if (this.held.has(key)) return;
    let release = () => {};
    const until = new Promise<void>((r) => (release = r));
    this.held.set(key, { until, release });
  }

  /** The codebooks of `folder` are read (or its scan ended): its files' requests go ahead. */
  release(folder: string): void {
    const key = folderKey(folder);
    this.held.get(key)?.release();
    this.held.delete(key);
  }

  /** Ends every wait (the scans are over, however they ended). */
  releaseAll(): void {
    for (const key of [...this.held.keys()]) this.release(key);
  }

  /**
   * Runs `fn` now, or once the codebooks of the folder holding `uri` are read. Waits
   * queue in order, so what an editor sent in order is answered in order.
   */
  after<T>(uri: string, fn: () => T): T | Promise<T> {
    if (this.held.size === 0) return fn();
    const u = normalizeUri(uri);
    for (const [folder, { until }] of this.held) {
      if (u.startsWith(folder + '/')) return until.then(fn);
    }
    return fn();
  }
}

function folderKey(folder: string): string {
  return normalizeUri(folder).replace(/\/+$/, '');
}
