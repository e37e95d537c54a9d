import type * as vscode from 'vscode';
import type { StatusParams } from '../../common/protocol';

/** What the tree needs of the language server connection (client/extension.ts provides it). */
export interface TreeServer {
  /** A request to the running server; undefined when no server runs. */
  request<R>(method: string, params: unknown): Promise<R | undefined>;
  /** Handles a server notification, also after the server restarts. */
  onNotification(method: string, handler: (params: unknown) => void): void;
  /** Every status the server sends. */
  onDidReceiveStatus: vscode.Event<StatusParams>;
  log(line: string): void;
}
