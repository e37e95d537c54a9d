import type * as vscode from 'vscode';
import type { StatusParams } from '../../common/protocol';
import type { NotificationListener, Requester } from '../requests';

/** What the tree needs of the language server connection (client/extension.ts provides it). */
export interface TreeServer {
  /** A request to the running server; undefined when no server runs. */
  request: Requester;
  /** Handles a server notification, also after the server restarts. */
  onNotification: NotificationListener;
  /** Every status the server sends. */
  onDidReceiveStatus: vscode.Event<StatusParams>;
  log(line: string): void;
}
