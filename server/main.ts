import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TRANSCRIPT_LANGUAGE_ID } from '../common/protocol';
import { normalizeUri, ProjectIndex } from '../core';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { registerFeatures } from './features';
import { registerRefactoring } from './refactorHandlers';
import { registerTree } from './tree';
import { registerCoding } from './codingHandlers';
import { registerCodingChanges } from './codingChanges';
import { registerQuery } from './query';
import { registerAgreement } from './agreement';
import { registerReport } from './report';
import { registerImportExport } from './importExport';
import { listenForCommands, serverCommandIds } from './commands';
import { Health } from './health';
import { StatusReporter } from './status';
import { IndexingProgress } from './indexingProgress';
import { CodebookGate } from './codebookGate';
import { Completion } from './completion';
import { createServerConnection } from './connection';
import { DiskSync, FILE_OPERATIONS, listenForFileOperations } from './documentSync';
import { WorkspaceFolders } from './workspaceFolders';
import { KnownEdits } from './knownEdits';
import { stopReadWorkers } from '../host/readWorker';

/**
 * The Axial language server: wiring only. It keeps a ProjectIndex fed with the
 * workspace's files (open documents win over disk), publishes diagnostics and
 * status, and hands each LSP request to a core feature.
 */
const connection = createServerConnection();
// Open documents remember where each change was, so a keystroke's re-parse knows it.
const knownEdits = new KnownEdits();
const documents = new TextDocuments(knownEdits.config);
const index = new ProjectIndex();
const health = new Health(connection);
const status = new StatusReporter(connection, index, health);
const indexingProgress = new IndexingProgress(connection);
const gate = new CodebookGate();
const completion = new Completion();
const publisher = new DiagnosticsPublisher(connection, index, (uri) => {
  const doc = documents.get(uri);
  return doc && doc.languageId === TRANSCRIPT_LANGUAGE_ID ? doc.getText() : undefined;
});
const isOpen = (uri: string) => documents.keys().some((k) => normalizeUri(k) === uri);
const sync: DiskSync = new DiskSync(index, isOpen, (uri): boolean => folders.contains(uri));
const folders: WorkspaceFolders = new WorkspaceFolders(connection, index, sync, health, status, (uris) => update(uris, true), indexingProgress, gate);
let canWatchDynamically = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  // Reading the client's folders and options is guarded like every handler; the
  // capabilities are answered whatever happened, so a client never fails to start.
  health.guard('initialize', undefined, () => {
    folders.initialize(params);
    const options = (params.initializationOptions ?? {}) as { clientWatchesFiles?: boolean; indexingProgress?: boolean };
    canWatchDynamically = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration && !options.clientWatchesFiles;
    indexingProgress.initialize(params.capabilities.window?.workDoneProgress === true, options);
    completion.initialize(params.capabilities);
  });
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      // A backtick starts a code mention in a memo's text, as `#` does anywhere.
      completionProvider: { triggerCharacters: ['#', '@', '`'], resolveProvider: true },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      renameProvider: { prepareProvider: true },
      executeCommandProvider: { commands: serverCommandIds() },
      workspace: {
        workspaceFolders: { supported: true, changeNotifications: true },
        fileOperations: { didCreate: FILE_OPERATIONS, didRename: FILE_OPERATIONS, didDelete: FILE_OPERATIONS },
      },
    },
    serverInfo: { name: 'axial', version: '0.1.0' },
  };
});

connection.onInitialized(() =>
  health.guardAsync('initialized', undefined, async () => {
    if (canWatchDynamically) {
      // Clients that do not register their own watchers (editors other than VS Code)
      // still tell us about files changed outside the editor.
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/codebook.yaml' }, { globPattern: '**/*.{md,txt}' }],
      }).catch(() => undefined);
    }
    folders.listen();
    // The scan keeps open documents' text (they are newer than the disk) and ends indexing.
    await folders.scanAll();
    publishAll();
  }),
);

/** Publishes every project's diagnostics (after the scan, and after bulk changes). */
function publishAll(): void {
  const uris: string[] = [];
  for (const p of index.projects()) uris.push(p.codebookUri, ...p.transcripts.keys(), ...p.memos.keys());
  publisher.publish(uris, true);
  tree.changed(uris);
  status.schedule();
}

function update(uris: string[], codebooksNow = false): void {
  publisher.publish(uris, codebooksNow);
  tree.changed(uris);
  status.schedule();
}

documents.onDidChangeContent((e) => {
  const changed = health.guard('diagnostics', [], () => [normalizeUri(e.document.uri), ...index.setFile(e.document.uri, e.document.getText(), knownEdits.of(e.document))]);
  // Published once the file's codebook is read: before that it belongs to no project yet.
  void gate.after(e.document.uri, () => health.guard('diagnostics', undefined, () => update(changed)));
});

documents.onDidClose((e) =>
  // The editor may close a document without saving: the disk is the truth again.
  health.guardAsync('close', undefined, async () => update([normalizeUri(e.document.uri), ...(await sync.refresh(e.document.uri))])),
);

connection.onDidChangeWatchedFiles((params) =>
  // Whatever the event says, the disk decides; open documents win (see DiskSync).
  health.guardAsync('watched files', undefined, async () => update(await sync.fileEvents(params.changes.map((c) => c.uri)))),
);

listenForFileOperations(connection, sync, health, update);

// A scan still running stops reading: nothing keeps the process from exiting.
connection.onShutdown(() => stopReadWorkers());

registerFeatures(connection, index, health, status, gate);
completion.register(connection, index, health, gate);
registerRefactoring(connection, index, health);
const tree = registerTree(connection, index, health);
registerCoding(connection, index, health);
registerCodingChanges(connection, index, health);
registerQuery(connection, index, health);
registerAgreement(connection, index, health);
registerReport(connection, index, health);
registerImportExport(connection, health);
listenForCommands(connection, health);
documents.listen(connection);
connection.listen();
