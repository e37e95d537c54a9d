/**
 * The Axial view's "Changed since…" filter: the spans coded or recoded since a
 * revision, as the server's git diff finds them (against the files on disk),
 * asked again after a save, since a saved file changes what changed.
 */
import * as vscode from 'vscode';
import type { TreeFilter } from '../../common/protocol';
import { changedSpans } from '../../core/diff';
import { fetchChanges, pickRevision, repositoryFolder } from '../changes/revisions';
import type { TreeView } from './view';

export class ChangedSinceFilter implements vscode.Disposable {
  /** The repository folder of the last filter set. */
  private folder: string | undefined;
  private resave: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly tree: TreeView) {}

  /** Sets the filter (asking for the revision unless given); undefined when cancelled or git failed (said). */
  async filter(arg?: { revision?: string; folder?: string }): Promise<TreeFilter | undefined> {
    const { server, provider } = this.tree;
    const folder = arg?.folder ?? repositoryFolder();
    if (!folder) {
      void vscode.window.showErrorMessage('Axial: open a folder (a git repository) to filter by what changed.');
      return undefined;
    }
    const revision = arg?.revision ?? (await pickRevision((t, q) => server.request(t, q), folder, 'Filter the Axial tree: changed since…'));
    if (!revision) return undefined;
    const result = await fetchChanges((t, q) => server.request(t, q), folder, revision);
    if (!result) return undefined;
    this.folder = folder;
    const next = { ...provider.filter, changedSince: { revision, spans: changedSpans(result.files) } };
    await this.tree.applyFilter(next);
    return next;
  }

  /** After a save, asks the server again (debounced) while the same filter is shown. */
  onSave(): void {
    const { server, provider } = this.tree;
    const since = provider.filter.changedSince;
    if (!since) return;
    if (this.resave) clearTimeout(this.resave);
    this.resave = setTimeout(() => {
      this.resave = undefined;
      const folder = this.folder ?? repositoryFolder();
      if (!folder || provider.filter.changedSince !== since) return;
      void fetchChanges((t, q) => server.request(t, q), folder, since.revision).then((result) => {
        if (result && provider.filter.changedSince === since) void this.tree.applyFilter({ ...provider.filter, changedSince: { revision: since.revision, spans: changedSpans(result.files) } });
      });
    }, 500);
  }

  dispose(): void {
    if (this.resave) clearTimeout(this.resave);
  }
}
