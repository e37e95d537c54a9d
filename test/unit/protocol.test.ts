import * as assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { NotificationListener, Requester } from '../../client/requests';
import * as protocol from '../../common/protocol';
import {
  CodebookRequest,
  MergeCodeCommand,
  ServerCommandRequest,
  StatusNotification,
  StatusRequest,
  TreeChangedNotification,
  TreeChildrenRequest,
  type CodebookResult,
  type TreeNode,
} from '../../common/protocol';

/**
 * Type-level checks of the typed protocol. This function never runs: `npm run
 * typecheck` compiles it, and every `@ts-expect-error` line must fail to compile
 * (an unused one is itself an error), so a request sent or handled with the wrong
 * parameters or result is caught on both sides.
 */
export function typeChecks(connection: Connection, client: LanguageClient, request: Requester, onNotification: NotificationListener): void {
  // The client's requester (client/requests.ts), as the tree, coding and pictures use it.
  void request(CodebookRequest.type, { uri: 'file:///p/codebook.yaml' });
  // @ts-expect-error params of another request
  void request(CodebookRequest.type, { id: 'c|x' });
  // @ts-expect-error missing params
  void request(CodebookRequest.type, {});
  // @ts-expect-error a wrongly typed field
  void request(TreeChildrenRequest.type, { parentId: 3 });
  const answer: Promise<CodebookResult | null | undefined> = request(CodebookRequest.type, { uri: 'u' });
  // @ts-expect-error the answer is the declared result, not another one
  const wrong: Promise<TreeNode[] | undefined> = request(CodebookRequest.type, { uri: 'u' });
  void answer;
  void wrong;

  // Server commands: the argument is checked against the command.
  void request(ServerCommandRequest.type, { command: MergeCodeCommand, arguments: [{ uri: 'u', from: 'a', to: 'b', mode: 'delete' }] });
  // @ts-expect-error a merge needs `mode`
  void request(ServerCommandRequest.type, { command: MergeCodeCommand, arguments: [{ uri: 'u', from: 'a', to: 'b' }] });

  // The LanguageClient directly (client/extension.ts).
  void client.sendRequest(StatusRequest.type);
  // @ts-expect-error params of another request
  void client.sendRequest(CodebookRequest.type, { parentId: 'x' });
  onNotification(TreeChangedNotification.type, (p) => p.roots.length);
  // @ts-expect-error the notification carries TreeChangedParams
  onNotification(TreeChangedNotification.type, (p: { uri: string }) => p.uri);

  // The server's handlers.
  connection.onRequest(CodebookRequest.type, (p) => (p.uri ? null : null));
  // @ts-expect-error a handler that answers something else
  connection.onRequest(CodebookRequest.type, () => 'text');
  // @ts-expect-error a handler that expects other params
  connection.onRequest(CodebookRequest.type, (p: { id: number }) => (p.id ? null : null));
  // @ts-expect-error a status answer without `projects`
  connection.onRequest(StatusRequest.type, () => ({ health: 'ok' as const }));
  // @ts-expect-error a notification with the wrong params
  void connection.sendNotification(StatusNotification.type, { roots: [] });
}

describe('typed protocol', () => {
  const messages = Object.entries(protocol as Record<string, unknown>).filter(
    (e): e is [string, { method: string; type: { method: string } }] => typeof e[1] === 'object' && e[1] !== null && 'method' in e[1] && 'type' in e[1],
  );

  it('declares every custom request and notification with a method and a type of the same name', () => {
    assert.ok(messages.length >= 16, `found ${messages.length}`);
    for (const [name, m] of messages) {
      assert.equal(m.type.method, m.method, name);
      assert.match(name, /(Request|Notification)$/, name);
    }
  });

  it('gives every message its own method, in the axial/ namespace (except the standard executeCommand)', () => {
    const methods = messages.map(([, m]) => m.method);
    assert.equal(new Set(methods).size, methods.length);
    for (const [name, m] of messages) {
      if (name === 'ServerCommandRequest') assert.equal(m.method, 'workspace/executeCommand');
      else assert.match(m.method, /^axial\//, name);
    }
  });
});
