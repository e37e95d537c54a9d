/**
 * How the Axial client starts and talks to the language server: the server bundle
 * (`dist/server.js`) is forked as a Node module and spoken to over stdio, the
 * transport every other client (Neovim, the benchmarks, the tests) uses too. On
 * stdio the server writes its answers itself, reusing the JSON it keeps for answers
 * sent again and again (the completion list: server/encodedJson.ts); over Node IPC
 * every answer would be encoded anew. The server sends `console` output to the
 * client's log, never into the protocol's stream (server/connection.ts).
 */
import * as vscode from 'vscode';
import { LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { TRANSCRIPT_LANGUAGE_ID } from '../common/protocol';

/** Client id: the client library reads `axial.trace.server` because of it. */
export const CLIENT_ID = 'axial';
export const CLIENT_NAME = 'Axial Language Server';

/** Inspector port of the server when the extension runs in debug mode. */
export const DEBUG_PORT = 6009;

/** Server bundle path, relative to the extension folder. */
export const SERVER_MODULE = 'dist/server.js';

export function createServerOptions(serverModule: string): ServerOptions {
  return {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: {
      module: serverModule,
      transport: TransportKind.stdio,
      options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] },
    },
  };
}

/** The documents the server is told about. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: TRANSCRIPT_LANGUAGE_ID },
  { scheme: 'untitled', language: TRANSCRIPT_LANGUAGE_ID },
  { scheme: 'file', pattern: '**/codebook.yaml' },
  // Memo files: their codes and transcripts are checked and renamed with the code.
  { scheme: 'file', pattern: '**/memos/**/*.md' },
];

/**
 * Globs whose changes on disk (also outside the editor: git checkout, another tool)
 * reach the server as `workspace/didChangeWatchedFiles`.
 */
export const WATCHED_GLOBS = ['**/codebook.yaml', '**/*.{md,txt}'];

export function createClientOptions(
  outputChannel: vscode.OutputChannel,
  watchers: vscode.FileSystemWatcher[],
): LanguageClientOptions {
  return {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      fileEvents: watchers,
      // Also pushes `workspace/didChangeConfiguration` with the `axial` section when
      // a setting changes; a server that pulls `workspace/configuration` may ignore it.
      configurationSection: 'axial',
    },
    // The watchers above already report files changed on disk; tell the server so it
    // does not register its own and receive every change twice. The status bar shows
    // indexing ("n of N files") from axial/status: no second indicator from work-done progress.
    initializationOptions: { clientWatchesFiles: true, indexingProgress: false },
    outputChannel,
    diagnosticCollectionName: 'axial',
    markdown: { isTrusted: false, supportHtml: false },
  };
}
