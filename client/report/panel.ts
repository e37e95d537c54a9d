/**
 * "Axial: Open Report": the project's html report (the server's `axial/report`,
 * core/report as `axial report --format html` writes it) in a webview with scripts
 * off (the page is self-contained: embedded CSS and SVG, no script), and
 * "Axial: Save Report…" (the panel's title bar button) writing that page to a file
 * chosen in a save dialog, or to the URI the command is given. One panel, reused.
 */
import * as vscode from 'vscode';
import { ReportRequest, type ReportResult } from '../../common/protocol';
import { slugOf } from '../../core/text';
import type { Requester } from '../requests';
import { activeProjectUri, createPagePanel, ReusedPanel, serverAnswered } from '../webview/panel';

export const OPEN_REPORT_COMMAND = 'axial.openReport';
export const SAVE_REPORT_COMMAND = 'axial.saveReport';
const VIEW_TYPE = 'axial.report';

/** What the extension-host tests can see of the panel (through the API `activate` returns). */
export interface ReportState {
  uri: string;
  result: ReportResult;
  /** The webview's html as set (the report's page). */
  html: string;
  scriptsEnabled: boolean;
  visible: boolean;
}

export interface ReportApi {
  state(): ReportState | undefined;
}

interface Shown {
  panel: vscode.WebviewPanel;
  uri: string;
  result: ReportResult;
}

/** A file name for the report from its title: `the-study-report.html`. */
export function reportFileName(title: string): string {
  return `${slugOf(title) || 'axial'}-report.html`;
}

export class ReportPanel implements vscode.Disposable {
  private readonly page = new ReusedPanel<Shown>();
  private get shown(): Shown | undefined {
    return this.page.current;
  }
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly request: Requester) {
    this.disposables.push(
      vscode.commands.registerCommand(OPEN_REPORT_COMMAND, (arg?: unknown) => this.show(arg)),
      vscode.commands.registerCommand(SAVE_REPORT_COMMAND, (target?: unknown) => this.save(target)),
    );
  }

  readonly api: ReportApi = {
    state: () => {
      const s = this.shown;
      return s && { uri: s.uri, result: s.result, html: s.panel.webview.html, scriptsEnabled: s.panel.webview.options.enableScripts === true, visible: s.panel.visible };
    },
  };

  /**
   * The report of a project: `arg` is a file or folder URI of it (or `{ uri }`);
   * default the active file's project. The page is bounded (core/report/htmlBounds.ts),
   * so even a large project's report is made without asking: about a second of the
   * server's time for 1,000 transcripts (docs/reports.md), while its features wait.
   */
  private async fetch(arg?: unknown): Promise<{ uri: string; result: ReportResult } | undefined> {
    const given = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg as { uri?: unknown }).uri : arg;
    const uri = typeof given === 'string' ? given : given instanceof vscode.Uri ? given.toString() : activeProjectUri();
    if (!uri) {
      void vscode.window.showErrorMessage('Axial: open a folder with a codebook.yaml to see its report.');
      return undefined;
    }
    const result = await this.request(ReportRequest.type, { uri });
    if (!serverAnswered(result)) return undefined;
    return { uri, result };
  }

  /** Shows (or refreshes) the report; returns whether it is shown. */
  async show(arg?: unknown): Promise<boolean> {
    const got = await this.fetch(arg ?? this.shown?.uri);
    if (!got) return false;
    // Scripts off: the report holds none, and a page from the project's text must not run any.
    const s = this.page.show(() => ({ panel: createPagePanel(VIEW_TYPE, 'Report', vscode.ViewColumn.Active, false), ...got }));
    Object.assign(s, got);
    s.panel.title = `Report: ${got.result.title}`;
    s.panel.webview.html = got.result.html;
    if (got.result.skipped.length > 0) {
      const n = got.result.skipped.length;
      void vscode.window.showWarningMessage(`Axial: ${n} transcript${n === 1 ? ' has' : 's have'} errors and ${n === 1 ? 'is' : 'are'} left out of the report (listed at its top).`);
    }
    return true;
  }

  /**
   * Writes the report shown (else the active project's) as an html file: to `target`
   * (a URI or its string) when given, else where the save dialog says. Returns the
   * URI written, or undefined when cancelled or failed (said).
   */
  async save(target?: unknown): Promise<vscode.Uri | undefined> {
    const got = this.shown ? { uri: this.shown.uri, result: this.shown.result } : await this.fetch();
    if (!got) return undefined;
    let to = target instanceof vscode.Uri ? target : typeof target === 'string' && target !== '' ? vscode.Uri.parse(target) : undefined;
    // A title bar button may hand over the panel's own (unwritable) resource: that is no target.
    if (to && vscode.workspace.fs.isWritableFileSystem(to.scheme) !== true) to = undefined;
    if (!to) {
      const folder = vscode.Uri.parse(got.result.root);
      to = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(folder, reportFileName(got.result.title)),
        filters: { 'HTML page': ['html', 'htm'] },
        saveLabel: 'Save Report',
        title: 'Save the Axial report',
      });
      if (!to) return undefined;
    }
    try {
      await vscode.workspace.fs.writeFile(to, new TextEncoder().encode(got.result.html));
    } catch (err) {
      void vscode.window.showErrorMessage(`Axial: could not save the report: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    void vscode.window.showInformationMessage(`Axial: saved the report to ${to.scheme === 'file' ? to.fsPath : to.toString()}.`);
    return to;
  }

  dispose(): void {
    this.page.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
