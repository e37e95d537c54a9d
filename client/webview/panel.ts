/**
 * What Axial's webview panels (Compare Coders, Coding Changes, the report, the
 * pictures) do alike when they open: the panel's options, a fresh nonce per page,
 * the project to show when no URI is given, and what the user is told when the
 * server has no answer.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * A webview panel for one of Axial's pages: no command URIs, no local resources,
 * the find widget on; scripts only when the page has its own (a report has none,
 * and a page made from the project's text must not run any).
 */
export function createPagePanel(viewType: string, title: string, column: vscode.ViewColumn, scripts: boolean): vscode.WebviewPanel {
  return vscode.window.createWebviewPanel(viewType, title, column, {
    enableScripts: scripts,
    enableCommandUris: false,
    enableFindWidget: true,
    localResourceRoots: [],
  });
}

/** A fresh nonce for a page: the page always reloads (and reports ready), and no nonce is reused. */
export function pageNonce(): string {
  return randomBytes(18).toString('base64');
}

/** The file or folder whose project a panel shows: the active editor's file, else the first workspace folder. */
export function activeProjectUri(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && vscode.workspace.getWorkspaceFolder(active)) return active.toString();
  return vscode.workspace.workspaceFolders?.[0]?.uri.toString();
}

/**
 * Whether the server answered a project request; if not, says why: undefined is a
 * server that is not running, null a URI in no project.
 */
export function serverAnswered<T>(result: T | null | undefined): result is T {
  if (result === undefined) {
    void vscode.window.showWarningMessage('Axial: the language server is not running.');
    return false;
  }
  if (result === null) {
    void vscode.window.showErrorMessage('Axial: this file is in no Axial project (a folder with a codebook.yaml).');
    return false;
  }
  return true;
}

/** A shown page: its panel, the html it was given, and whether its script has reported ready since. */
interface PageShown {
  panel: vscode.WebviewPanel;
  html: string;
  ready: boolean;
}

/** Gives the panel a new page; the page reloads, so it is not ready until its script says so again. */
export function setPage(s: PageShown, html: string): void {
  s.html = html;
  s.ready = false;
  s.panel.webview.html = html;
}

/** A message from a page's script as a record, or undefined when it is not an object. */
export function pageMessage(m: unknown): Record<string, unknown> | undefined {
  return m && typeof m === 'object' ? (m as Record<string, unknown>) : undefined;
}

/**
 * The one panel of a kind, reused: `show` reveals the page already shown, or
 * makes one (`make`) and keeps it until the user closes it; each message of its
 * page that is an object goes to `onMessage`.
 */
export class ReusedPanel<S extends { panel: vscode.WebviewPanel }> implements vscode.Disposable {
  /** The page shown, undefined when there is none (never opened, or closed). */
  current: S | undefined;

  constructor(private readonly onMessage?: (s: S, msg: Record<string, unknown>) => void) {}

  show(make: () => S): S {
    if (this.current) {
      this.current.panel.reveal(undefined, false);
      return this.current;
    }
    const s = make();
    this.current = s;
    s.panel.onDidDispose(() => {
      if (this.current === s) this.current = undefined;
    });
    const onMessage = this.onMessage;
    if (onMessage) {
      s.panel.webview.onDidReceiveMessage((m: unknown) => {
        const msg = pageMessage(m);
        if (msg) onMessage(s, msg);
      });
    }
    return s;
  }

  dispose(): void {
    this.current?.panel.dispose();
  }
}
