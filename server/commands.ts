import type { Connection } from 'vscode-languageserver/node';

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

export function listenForCommands(connection: Connection): void {
  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    const run = commands.get(command);
    if (!run) return { applied: false, error: `Unknown command '${command}'.` };
    return run(args ?? []);
  });
}
