/**
 * "Axial: Show Coding Changes…": pick a revision (default HEAD), and a webview lists
 * the coding changes from it to the working tree; a click on a change opens the
 * transcript with its span selected, and a button filters the Axial view to the
 * changed spans. One panel, reused; its Refresh button asks again.
 */
import * as vscode from 'vscode';
import type { CodingChangesResult } from '../../common/protocol';
import { changesHtml } from './html';
import { openBeside } from '../webview/openBeside';
import { createPagePanel, pageNonce, ReusedPanel, setPage } from '../webview/panel';
import { MessageWaiters, pageMessages } from '../webview/waiters';
import { fetchChanges, pickRevision, repositoryFolder, type Requester } from './revisions';

export const SHOW_CODING_CHANGES_COMMAND = 'axial.showCodingChanges';
/** The tree's "changed since" filter (client/tree), run with `{ revision, folder }`. */
export const FILTER_CHANGED_SINCE_COMMAND = 'axial.tree.filterChangedSince';
const VIEW_TYPE = 'axial.codingChanges';

/** What the extension-host tests can see of the panel (through the API `activate` returns). */
export interface CodingChangesState {
  revision: string;
  folder: string;
  result: CodingChangesResult;
  html: string;
  /** The webview's script ran and reported what it shows. */
  ready: boolean;
  /** Each listed change's text, as the page shows it. */
  changes: string[];
  textChanges: number;
  visible: boolean;
}

export interface CodingChangesApi {
  state(): CodingChangesState | undefined;
  /** The last git problem shown as an error message (not a git repository, unknown revision). */
  lastError(): string | undefined;
  /** Posts a message to the webview (e.g. `{ type: 'click', selector }`). */
  post(message: unknown): Promise<boolean>;
  /** The next message of `type` the webview sends. */
  nextMessage(type: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

interface Shown extends Omit<CodingChangesState, 'visible'> {
  panel: vscode.WebviewPanel;
  nonce: string;
  waiters: MessageWaiters;
}

export class CodingChangesPanel implements vscode.Disposable {
  private readonly page = new ReusedPanel<Shown>((s, msg) => this.onMessage(s, msg));
  private get shown(): Shown | undefined {
    return this.page.current;
  }
  private error: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly request: Requester) {
    this.disposables.push(vscode.commands.registerCommand(SHOW_CODING_CHANGES_COMMAND, (arg?: unknown) => this.show(arg)));
  }

  readonly api: CodingChangesApi = {
    state: () => {
      const s = this.shown;
      return s && { revision: s.revision, folder: s.folder, result: s.result, html: s.html, ready: s.ready, changes: s.changes, textChanges: s.textChanges, visible: s.panel.visible };
    },
    lastError: () => this.error,
    ...pageMessages(() => this.shown, 'Coding Changes'),
  };

  /**
   * Shows the changes since a revision: `arg` is the revision, or `{ revision, folder }`;
   * without one the user picks it. Returns whether the panel shows them.
   */
  async show(arg?: unknown): Promise<boolean> {
    const given = typeof arg === 'string' ? { revision: arg } : arg && typeof arg === 'object' ? (arg as { revision?: unknown; folder?: unknown }) : {};
    const folder = typeof given.folder === 'string' ? given.folder : repositoryFolder();
    if (!folder) {
      void vscode.window.showErrorMessage('Axial: open a folder (a git repository) to see its coding changes.');
      return false;
    }
    const onError = (message: string) => (this.error = message);
    const revision = typeof given.revision === 'string' && given.revision.trim() ? given.revision.trim() : await pickRevision(this.request, folder, undefined, onError);
    if (!revision) return false;
    const result = await fetchChanges(this.request, folder, revision, onError);
    if (!result) return false;
    this.error = undefined;
    this.render(folder, revision, result);
    return true;
  }

  private render(folder: string, revision: string, result: CodingChangesResult): void {
    const s = this.page.show(() => ({
      panel: createPagePanel(VIEW_TYPE, 'Coding Changes', vscode.ViewColumn.Active, true),
      nonce: pageNonce(), revision, folder, result, html: '', ready: false, changes: [], textChanges: 0, waiters: new MessageWaiters(),
    }));
    s.revision = revision;
    s.folder = folder;
    s.result = result;
    s.panel.title = `Coding Changes since ${revision}`;
    s.nonce = pageNonce();
    setPage(s, changesHtml({ result, nonce: s.nonce }));
  }

  private onMessage(s: Shown, msg: Record<string, unknown>): void {
    switch (msg.type) {
      case 'ready':
        s.ready = true;
        s.changes = Array.isArray(msg.changes) ? msg.changes.map(String) : [];
        s.textChanges = Number(msg.textChanges) || 0;
        break;
      case 'open':
        void this.open(s, Number(msg.file), Number(msg.change));
        break;
      case 'filter':
        void vscode.commands.executeCommand(FILTER_CHANGED_SINCE_COMMAND, { revision: s.revision, folder: s.folder });
        break;
      case 'refresh':
        void this.show({ revision: s.revision, folder: s.folder });
        break;
    }
    s.waiters.deliver(msg);
  }

  /** Opens a change's transcript with its span selected, beside the panel. */
  private async open(s: Shown, fi: number, ci: number): Promise<void> {
    const file = s.result.files[fi];
    const change = file?.changes[ci];
    if (!file || !change) return;
    if (file.status === 'deleted') {
      void vscode.window.showInformationMessage(`Axial: ${file.path} was deleted since ${s.revision}.`);
      return;
    }
    const r = change.range ?? { start: { line: change.line - 1, character: 0 }, end: { line: change.line - 1, character: 0 } };
    await openBeside(s.panel, file.uri, file.path, r);
  }

  dispose(): void {
    this.page.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
