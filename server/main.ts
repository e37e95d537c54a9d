import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { TRANSCRIPT_LANGUAGE_ID } from '../common/protocol';
import { normalizeUri, ProjectIndex } from '../core';
import { loadFolder, readText } from '../host/nodeFiles';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { registerFeatures } from './features';
import { registerRefactoring } from './refactorHandlers';
import { registerTree } from './tree';
import { registerCoding } from './codingHandlers';
import { listenForCommands, serverCommandIds } from './commands';
import { Health } from './health';
import { StatusReporter } from './status';

/**
 * The Axial language server: wiring only. It keeps a ProjectIndex fed with the
 * workspace's files (open documents win over disk), publishes diagnostics and
 * status, and hands each LSP request to a core feature.
 */
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const index = new ProjectIndex();
const health = new Health(connection);
const status = new StatusReporter(connection, index, health);
const publisher = new DiagnosticsPublisher(connection, index, (uri) => {
  const doc = documents.get(uri);
  return doc && doc.languageId === TRANSCRIPT_LANGUAGE_ID ? doc.getText() : undefined;
});
let workspaceRoots: string[] = [];
let canWatchDynamically = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  workspaceRoots = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceRoots.length === 0 && params.rootUri) workspaceRoots = [params.rootUri];
  const options = (params.initializationOptions ?? {}) as { clientWatchesFiles?: boolean };
  canWatchDynamically = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration && !options.clientWatchesFiles;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['#', '@'], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
      renameProvider: { prepareProvider: true },
      executeCommandProvider: { commands: serverCommandIds() },
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'axial', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (canWatchDynamically) {
    // Clients that do not register their own watchers (editors other than VS Code)
    // still tell us about files changed outside the editor.
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/codebook.yaml' }, { globPattern: '**/*.{md,txt}' }],
    });
  }
  await health.guardAsync('workspace scan', undefined, async () => {
    const started = Date.now();
    let files = 0;
    for (const root of workspaceRoots) {
      files += await loadFolder(index, URI.parse(root).fsPath, (f) => URI.file(f).toString());
    }
    // Open documents are newer than the disk.
    for (const doc of documents.all()) index.setFile(doc.uri, doc.getText());
    connection.console.log(`Axial: indexed ${files} files in ${Date.now() - started} ms`);
  });
  // Even a failed scan ends indexing: the status bar then shows what was read, and degraded.
  status.indexing = false;
  publishAll();
});

/** Publishes every project's diagnostics (after the scan, and after bulk changes). */
function publishAll(): void {
  const uris: string[] = [];
  for (const p of index.projects()) uris.push(p.codebookUri, ...p.transcripts.keys());
  publisher.publish(uris, true);
  tree.changed(uris);
  status.schedule();
}

function update(uris: string[]): void {
  publisher.publish(uris);
  tree.changed(uris);
  status.schedule();
}

documents.onDidChangeContent((e) =>
  health.guard('diagnostics', undefined, () => update([normalizeUri(e.document.uri), ...index.setFile(e.document.uri, e.document.getText())])),
);

documents.onDidClose((e) =>
  health.guardAsync('close', undefined, async () => {
    // The editor may close a document without saving: the disk is the truth again.
    const text = await readText(URI.parse(e.document.uri).fsPath);
    update([normalizeUri(e.document.uri), ...(text === undefined ? index.deleteFile(e.document.uri) : index.setFile(e.document.uri, text))]);
  }),
);

connection.onDidChangeWatchedFiles((params) =>
  health.guardAsync('watched files', undefined, async () => {
    const changed: string[] = [];
    for (const change of params.changes) {
      if (documents.get(change.uri)) continue; // the open document's text wins
      if (change.type === FileChangeType.Deleted) {
        changed.push(...index.deleteFile(change.uri));
        continue;
      }
      const text = await readText(URI.parse(change.uri).fsPath);
      changed.push(...(text === undefined ? index.deleteFile(change.uri) : index.setFile(change.uri, text)));
    }
    update(changed);
  }),
);

registerFeatures(connection, index, health, status);
registerRefactoring(connection, index, health);
const tree = registerTree(connection, index, health);
registerCoding(connection, index, health);
listenForCommands(connection, health);
documents.listen(connection);
connection.listen();
