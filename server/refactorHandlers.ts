import { LSPErrorCodes, ResponseError, type Connection, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import {
  MergeCodeCommand,
  MoveCodeCommand,
  RenameCodeCommand,
  type MergeCodeArgs,
  type MoveCodeArgs,
  type RefactorCommandResult,
  type RenameCodeArgs,
} from '../common/protocol';
import { mergeCode, moveCode, projectFor, renameCode, renameSpotAt, UNSAFE, type Project, type ProjectIndex, type RefactorResult } from '../core';
import { applyOrPreview, registerServerCommand } from './commands';
import { linesOfIndex, toWorkspaceEdit } from './convert';
import type { Health } from './health';

/**
 * Refactoring: rename (F2, `textDocument/prepareRename` + `textDocument/rename`)
 * and the server commands of common/protocol.ts (rename, merge, move a code).
 * Each is one core call (core/refactor/) plus conversion; a refusal (invalid id,
 * id taken, cycle) goes back to the user as a message, and never marks the
 * server degraded: only an unexpected failure does, through Health.guard.
 */
export function registerRefactoring(connection: Connection, index: ProjectIndex, health: Health): void {
  const linesOf = linesOfIndex(index);
  const refuse = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);

  connection.onPrepareRename(({ textDocument, position }) => {
    const answer = health.guard<{ range: Range; placeholder: string } | { error: string } | null>('prepare rename', null, () => {
      const lines = linesOf(textDocument.uri);
      const spot = lines && renameSpotAt(index, textDocument.uri, lines.offsetAt(position));
      if (!spot) return null;
      return spot.ok ? { range: lines.range(spot.range), placeholder: spot.id } : { error: spot.message };
    });
    if (answer && 'error' in answer) throw refuse(answer.error);
    return answer;
  });

  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const answer = health.guard<WorkspaceEdit | { error: string } | null>('rename', null, () => {
      const lines = linesOf(textDocument.uri);
      const spot = lines && renameSpotAt(index, textDocument.uri, lines.offsetAt(position));
      if (!spot) return null;
      if (!spot.ok) return { error: spot.message };
      const result = renameCode(spot.project, spot.id, newName);
      if (!result.ok) return { error: result.message };
      return toWorkspaceEdit(index, result.edits, linesOf) ?? { error: UNSAFE };
    });
    if (answer && 'error' in answer) throw refuse(answer.error);
    return answer;
  });

  /** Runs one refactoring command: resolve the project, compute, apply (unless a dry run), report. */
  const command = (label: string, refactor: (project: Project, arg: CommandArg) => RefactorResult) => (args: unknown[]) => {
    const arg = (args[0] ?? {}) as CommandArg;
    return health.guardAsync<RefactorCommandResult>(label, { applied: false, error: `${label} failed; see the Axial output.` }, async () => {
      const uri = arg.uri ?? arg.codebookUri;
      const project = typeof uri === 'string' ? projectFor(index, uri) : undefined;
      if (!project) return { applied: false, error: 'No Axial project (folder with codebook.yaml) holds this file.' };
      const result = refactor(project, arg);
      return applyOrPreview(connection, index, result, arg.dryRun, linesOf);
    });
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  registerServerCommand(RenameCodeCommand, command('rename code', (p, a) => renameCode(p, text(a.from), text(a.to))));
  registerServerCommand(MergeCodeCommand, command('merge codes', (p, a) => mergeCode(p, text(a.from), text(a.to), a.mode ?? 'delete')));
  registerServerCommand(
    MoveCodeCommand,
    command('move code', (p, a) => moveCode(p, text(a.id), a.parent === undefined || a.parent === null || a.parent === '' ? null : text(a.parent))),
  );
}

type CommandArg = Partial<RenameCodeArgs & MergeCodeArgs & MoveCodeArgs> & { codebookUri?: string };
