import type * as vscode from 'vscode';
import type { StatusParams } from '../../common/protocol';
import type { Requester } from '../requests';

/** What coding in the editor needs of the language server connection (client/extension.ts provides it). */
export interface CodingServer {
  /** A request to the running server; undefined when no server runs. */
  request: Requester;
  /** Every status the server sends. */
  onDidReceiveStatus: vscode.Event<StatusParams>;
  log(line: string): void;
}
