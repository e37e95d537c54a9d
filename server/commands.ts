import type { Connection } from 'vscode-languageserver/node';
import type { RefactorCommandResult } from '../common/protocol';
import { UNSAFE, type ProjectIndex, type RefactorResult } from '../core';
import { toWorkspaceEdit, type LinesOf } from './convert';
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

/**
 * The end of every edit command: a refusal becomes an answer with `error`; a dry
 * run (or an empty change) returns the edit without applying it; otherwise the
 * edit goes to the editor with `workspace/applyEdit`, and the answer says whether
 * the editor applied it.
 */
export async function applyOrPreview(connection: Connection, index: ProjectIndex, result: RefactorResult, dryRun: boolean | undefined, linesOf: LinesOf): Promise<RefactorCommandResult> {
  if (!result.ok) return { applied: false, error: result.message };
  const edit = toWorkspaceEdit(index, result.edits, linesOf);
  if (!edit) return { applied: false, error: UNSAFE };
  if (dryRun || result.edits.length === 0) return { applied: false, summary: result.summary, edit };
  const response = await connection.workspace.applyEdit({ label: result.summary, edit });
  return response.applied
    ? { applied: true, summary: result.summary, edit }
    : { applied: false, summary: result.summary, edit, error: `The editor did not apply the change${response.failureReason ? `: ${response.failureReason}` : '.'}` };
}
