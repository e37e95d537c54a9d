import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, uriOf } from './harness';

/**
 * Document and workspace lifecycle messages the harness does not send itself:
 * closes, watched-file events, workspace folder changes, and a start with
 * several workspace folders. Shared by the document sync, workspace folder and
 * stress tests.
 */

/** LSP FileChangeType. */
export const CREATED = 1;
export const CHANGED = 2;
export const DELETED = 3;

export function close(client: LspClient, file: string): void {
  void client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(file) } });
}

/** Sends one workspace/didChangeWatchedFiles notification. */
export function watched(client: LspClient, changes: [file: string, type: number][]): void {
  void client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([f, type]) => ({ uri: uriOf(f), type })) });
}

/** Sends workspace/didChangeWorkspaceFolders. */
export function changeFolders(client: LspClient, added: string[], removed: string[]): void {
  const folder = (f: string) => ({ uri: uriOf(f), name: path.basename(f) });
  void client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: added.map(folder), removed: removed.map(folder) } });
}

/** initialize + initialized with the given workspace folders (the harness's start() gives one). */
export async function startWithFolders(client: LspClient, folders: string[]): Promise<{ capabilities: Record<string, any> }> {
  const result = await client.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folders.length ? uriOf(folders[0]) : null,
    workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
    capabilities: {
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: { hover: { contentFormat: ['markdown'] } },
    },
  });
  await client.conn.sendNotification('initialized', {});
  return result as { capabilities: Record<string, any> };
}

/** Waits until the server says it is no longer reading the workspace (asked with axial/getStatus). */
export async function scanned(client: LspClient, ms = 20000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const status = await client.request<{ indexing?: boolean }>('axial/getStatus', {});
    if (!status.indexing) return;
    if (Date.now() > deadline) throw new Error(`the server still reports indexing after ${ms} ms\n${client.stderr}`);
    await client.waitFor('a status notification', () => false, 100).catch(() => undefined);
  }
}

/**
 * A barrier after the server's pending disk reads: changes `marker` on disk, tells the
 * server, and waits for the diagnostics that text gives. Disk reads queue in order
 * behind earlier ones, so reads started before the barrier are done when it passes
 * (in practice: the tests that rely on this must pass with any order of completion
 * once the bug is fixed, and only their failure before the fix depends on it).
 */
export async function diskBarrier(client: LspClient, marker: string, n: number): Promise<void> {
  writeFileSync(marker, `P: {{barrier ${n}}}{#barrier-${n}}\n`);
  watched(client, [[marker, CHANGED]]);
  await client.waitForDiagnostics(marker, (ds) => ds.some((d) => d.message.includes(`barrier-${n}`)));
}

/** The codes of a diagnostics list, for compact comparisons. */
export const codesOf = (ds: Diagnostic[] | undefined) => (ds ?? []).map((d) => `${d.code}:${d.range.start.line}:${d.range.start.character}`);
