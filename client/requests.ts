/**
 * The typed ways client features talk to the language server (client/extension.ts
 * provides them). A request's parameters and answer come from its declaration in
 * common/protocol.ts, so a call that does not match fails the type check.
 */
import type { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/**
 * Sends a request declared in common/protocol.ts (`X.type`) to the running server;
 * undefined when no server runs. `params` is checked against the declaration, not
 * inferred from the call.
 */
export type Requester = <P, R>(type: RequestType<P, R, void>, params: NoInfer<P>) => Promise<R | undefined>;

/** Handles a server notification declared in common/protocol.ts, also after the server restarts. */
export type NotificationListener = <P>(type: NotificationType<P>, handler: (params: P) => void) => void;
