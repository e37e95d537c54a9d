/**
 * Axial's VS Code client: starts the language server (`dist/server.js`, over IPC),
 * shows its status in the status bar, gives the transcript language to files the
 * server recognises, and offers "Axial: Restart Language Server" / "Axial: Show Output".
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, State, type NotificationType, type RequestType } from 'vscode-languageclient/node';
import {
  StatusNotification,
  StatusRequest,
  TranscriptUrisRequest,
  type StatusParams,
  type TranscriptUrisParams,
  type TranscriptUrisResult,
} from '../common/protocol';
import {
  CLIENT_ID,
  CLIENT_NAME,
  createClientOptions,
  createServerOptions,
  SERVER_MODULE,
  WATCHED_GLOBS,
} from './serverOptions';
import { AxialStatusBar, SHOW_OUTPUT_COMMAND } from './statusBar';
import { TranscriptLanguage } from './transcriptLanguage';
import { registerAxialTree, type AxialTreeApi } from './tree';
import { registerQuery, type QueryApi } from './query';
import { registerCoding, type CodingApi } from './coding';
import { registerNewProject } from './project/newProject';
import { registerNewMemo } from './memos/newMemo';
import { PicturePanels, type PicturesApi } from './pictures/panel';
import { CodingChangesPanel, type CodingChangesApi } from './changes/panel';
import { CoderAgreementPanel, type AgreementApi } from './agreement/panel';
import { ReportPanel, type ReportApi } from './report/panel';
import { registerImportExport } from './importExport';

export const RESTART_COMMAND = 'axial.restartServer';

/** How long a restart waits for a start in progress before stopping the client anyway. */
const STOP_WAIT_MS = 10_000;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A signature of the projects' shape; when it changes, open documents are asked about again. */
function projectsSignature(status: StatusParams): string {
  return (status.projects ?? []).map((p) => `${p.root}\u0000${p.transcripts}`).join('\u0001');
}

/** Owns the current LanguageClient; a restart replaces it with a fresh one. */
class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private clientDisposables: vscode.Disposable[] = [];
  private signature = '';
  private disposed = false;
  private restarting: Promise<void> | undefined;
  /** Handlers of server notifications (other than the status) by method, kept across restarts: each subscribes a client. */
  private readonly handlers = new Map<string, (client: LanguageClient) => vscode.Disposable>();
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  /** Fires with every status the server sends. */
  readonly onDidReceiveStatus = this.statusEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly statusBar: AxialStatusBar,
    private readonly onProjectsChanged: () => void,
  ) {}

  get running(): LanguageClient | undefined {
    return this.client && this.client.state === State.Running ? this.client : undefined;
  }

  async start(): Promise<void> {
    if (this.disposed) return;
    const serverModule = this.context.asAbsolutePath(SERVER_MODULE);
    if (!fs.existsSync(serverModule)) {
      this.output.appendLine(`[axial] The server bundle ${serverModule} is missing; run \`npm run build\`.`);
      this.statusBar.setStopped();
      return;
    }
    const watchers = WATCHED_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    const client = new LanguageClient(
      CLIENT_ID,
      CLIENT_NAME,
      createServerOptions(serverModule),
      createClientOptions(this.output, watchers),
    );
    this.client = client;
    this.signature = '';
    this.clientDisposables = [
      ...watchers,
      client.onDidChangeState((e) => {
        if (this.client !== client) return; // an old client shutting down during a restart
        this.onState(client, e.newState);
      }),
      client.onNotification(StatusNotification.type, (params) => this.onStatus(params)),
      ...[...this.handlers.values()].map((listen) => listen(client)),
    ];
    this.statusBar.setStarting();
    try {
      await client.start();
    } catch (err) {
      this.output.appendLine(`[axial] The language server failed to start: ${message(err)}`);
      if (this.client === client) this.statusBar.setStopped();
      return;
    }
  }

  /** Asks for the status once the server is up (it also pushes `axial/status` on its own). */
  private async fetchStatus(client: LanguageClient): Promise<void> {
    if (this.client !== client || client.state !== State.Running) return;
    try {
      const status = await client.sendRequest(StatusRequest.type);
      if (status && this.client === client) this.onStatus(status);
    } catch (err) {
      // A server that only pushes the notification is fine too.
      this.output.appendLine(`[axial] ${StatusRequest.method} failed: ${message(err)}`);
    }
  }

  /** Restarts with a fresh client; a restart requested while one runs joins it. */
  restart(): Promise<void> {
    if (!this.restarting) {
      this.output.appendLine('[axial] Restarting the language server…');
      this.restarting = (async () => {
        await this.stopCurrent();
        await this.start();
      })().finally(() => {
        this.restarting = undefined;
      });
    }
    return this.restarting;
  }

  async transcriptUris(params: TranscriptUrisParams): Promise<TranscriptUrisResult | undefined> {
    const client = this.running;
    if (!client) return undefined;
    return client.sendRequest(TranscriptUrisRequest.type, params);
  }

  private onState(client: LanguageClient, state: State): void {
    switch (state) {
      case State.Starting:
        this.statusBar.setStarting();
        break;
      case State.Running:
        // Also after an automatic restart (the client restarts a crashed server).
        this.statusBar.setRunning();
        this.onProjectsChanged();
        // Running is set before `initialized` is sent; ask once that has gone out.
        setTimeout(() => void this.fetchStatus(client), 0);
        break;
      case State.Stopped:
        this.statusBar.setStopped();
        break;
    }
  }

  /** Handles a server notification, on this client and on the ones restarts bring. */
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): void {
    const listen = (client: LanguageClient) => client.onNotification(type, handler);
    this.handlers.set(type.method, listen);
    if (this.client) this.clientDisposables.push(listen(this.client));
  }

  /** A request to the running server; undefined when none runs. */
  async request<P, R>(type: RequestType<P, R, void>, params: NoInfer<P>): Promise<R | undefined> {
    const client = this.running;
    return client ? client.sendRequest(type, params) : undefined;
  }

  private onStatus(status: StatusParams): void {
    this.statusBar.update(status);
    this.statusEmitter.fire(status);
    const signature = projectsSignature(status);
    if (signature !== this.signature) {
      this.signature = signature;
      this.onProjectsChanged();
    }
  }

  private async stopCurrent(): Promise<void> {
    const client = this.client;
    const disposables = this.clientDisposables;
    this.client = undefined;
    this.clientDisposables = [];
    for (const d of disposables) d.dispose();
    if (!client) return;
    if (client.state === State.Starting) {
      // A starting client cannot be stopped; let the start settle (or give up waiting) first.
      await Promise.race([client.start().catch(() => undefined), new Promise((r) => setTimeout(r, STOP_WAIT_MS))]);
    }
    try {
      await client.dispose(2000);
    } catch (err) {
      this.output.appendLine(`[axial] Stopping the language server: ${message(err)}`);
    }
  }

  async shutdown(): Promise<void> {
    this.disposed = true;
    await this.stopCurrent();
  }

  dispose(): void {
    this.statusEmitter.dispose();
    void this.shutdown();
  }
}

let controller: ServerController | undefined;

/**
 * What `activate()` returns (`vscode.extensions.getExtension('axial.axial-qda').exports`):
 * the extension-host tests read the status bar through it, since the workbench does
 * not expose a status bar item's text through the API.
 */
export interface AxialApi {
  /** The status bar item's current text, e.g. `$(symbol-class) 31 codes · 7 transcripts · 59 spans`. */
  statusText(): string;
  /** The Axial view's tree (client/tree): its nodes, expanded ids, filter, reveal. */
  tree: AxialTreeApi;
  /** The pictures' webview panels (client/pictures): what each shows, and messages to and from them. */
  pictures: PicturesApi;
  /** Coding in the editor (client/coding): span tints as applied, and the code picker's items. */
  coding: CodingApi;
  /** "Show Coding Changes…" (client/changes): what its webview shows, and messages to and from it. */
  changes: CodingChangesApi;
  /** "Axial: Query…" (client/query): run a query, read the Query view's nodes. */
  query: QueryApi;
  /** "Compare Coders" (client/agreement): what its webview shows, and messages to and from it. */
  agreement: AgreementApi;
  /** "Open Report" (client/report): the report shown. */
  report: ReportApi;
}

export async function activate(context: vscode.ExtensionContext): Promise<AxialApi> {
  const output = vscode.window.createOutputChannel('Axial');
  const statusBar = new AxialStatusBar();
  context.subscriptions.push(output, statusBar);

  let transcripts: TranscriptLanguage | undefined;
  const ctrl = new ServerController(context, output, statusBar, () => transcripts?.recheckOpenDocuments());
  controller = ctrl;
  transcripts = new TranscriptLanguage({
    transcriptUris: (params) => ctrl.transcriptUris(params),
    log: (line) => output.appendLine(`[axial] ${line}`),
  });
  context.subscriptions.push(
    transcripts,
    ctrl,
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => output.show(true)),
    vscode.commands.registerCommand(RESTART_COMMAND, () => ctrl.restart()),
    registerNewProject(),
  );

  const tree = registerAxialTree(context, {
    request: (type, params) => ctrl.request(type, params),
    onNotification: (type, handler) => ctrl.onNotification(type, handler),
    onDidReceiveStatus: ctrl.onDidReceiveStatus,
    log: (line) => output.appendLine(`[axial] ${line}`),
  });

  context.subscriptions.push(registerNewMemo((type, params) => ctrl.request(type, params)));

  const pictures = new PicturePanels((type, params) => ctrl.request(type, params), (line) => output.appendLine(`[axial] ${line}`));
  context.subscriptions.push(pictures);

  const changes = new CodingChangesPanel((type, params) => ctrl.request(type, params));
  context.subscriptions.push(changes);

  const agreement = new CoderAgreementPanel((type, params) => ctrl.request(type, params));
  const report = new ReportPanel((type, params) => ctrl.request(type, params));
  context.subscriptions.push(agreement, report);

  const coding = registerCoding(context, {
    request: (type, params) => ctrl.request(type, params),
    onDidReceiveStatus: ctrl.onDidReceiveStatus,
    log: (line) => output.appendLine(`[axial] ${line}`),
  });

  const query = registerQuery(context, (type, params) => ctrl.request(type, params));
  registerImportExport(context, { request: (type, params) => ctrl.request(type, params), onDidReceiveStatus: ctrl.onDidReceiveStatus });

  await ctrl.start();
  return { statusText: () => statusBar.text, tree, pictures: pictures.api, coding, changes: changes.api, query, agreement: agreement.api, report: report.api };
}

export async function deactivate(): Promise<void> {
  const ctrl = controller;
  controller = undefined;
  await ctrl?.shutdown();
}
