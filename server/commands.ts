import type { Connection } from 'vscode-languageserver/node';
import type { RefactorCommandResult } from '../common/protocol';
import type { Health } from './health';

/**
 * The server's `workspace/executeCommand` commands. A connection takes one
 * executeCommand handler, so features register their commands here and
 * `listenForCommands` installs the one handler that dispatches to them; main.ts
 * announces `serverCommandIds()` in `executeCommandProvider`. Register before the
 * client initializes (that is, when the server module loads).
 */
export type ServerCommand = (args: unknown[]) => unknown | Promise<unknown>;

const commands = new Map<string, ServerCommand>();

export function registerServerCommand(id: string, run: ServerCommand): void {
  if (commands.has(id)) throw new Error(`Server command '${id}' is registered twice.`);
  commands.set(id, run);
}

export function serverCommandIds(): string[] {
  return [...commands.keys()];
}

/**
 * Installs the one executeCommand handler. Each command guards its own work (with
 * a message fitting it); this guard catches what escapes one, so a failing command
 * answers instead of failing the request.
 */
export function listenForCommands(connection: Connection, health: Health): void {
  connection.onExecuteCommand(({ command, arguments: args }) =>
    health.guardAsync<unknown>(`command ${command}`, { applied: false, error: `'${command}' failed; see the Axial output.` } satisfies RefactorCommandResult, async () => {
      const run = commands.get(command);
      if (!run) return { applied: false, error: `Unknown command '${command}'.` } satisfies RefactorCommandResult;
      return run(args ?? []);
    }),
  );
}
