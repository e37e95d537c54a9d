import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit } from 'vscode-languageserver/node';
import { keepsStrippedText, quickFixes, type FileEdit, type LineIndex, type ProjectIndex } from '../core';
import { toDiagnostic } from './convert';
import { suggestProvider } from './suggestActions';

/** Finds the line index of a file the index knows. */
export type LinesOf = (uri: string) => LineIndex | undefined;

/**
 * One source of code actions (quick fixes, suggestions, refactorings). Each gets
 * the document's offsets for the requested range and returns finished actions;
 * the handler concatenates them in this list's order.
 */
export type CodeActionProvider = (index: ProjectIndex, uri: string, range: { start: number; end: number }, linesOf: LinesOf) => CodeAction[];

/**
 * Turns core's offset edits into an LSP WorkspaceEdit: the one way an edit leaves
 * the server, so it passes the one gate (core's keepsStrippedText) here. Undefined
 * when the edits would change the spoken text of a transcript (or touch a file
 * the index does not know): such an edit is never offered.
 */
export function toWorkspaceEdit(index: ProjectIndex, edits: FileEdit[], linesOf: LinesOf): { changes: Record<string, TextEdit[]> } | undefined {
  if (!keepsStrippedText(index, edits)) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  // A rename may touch thousands of tags in one file: look each file's lines up once.
  const lines = new Map<string, LineIndex | undefined>();
  for (const e of edits) {
    let l = lines.get(e.uri);
    if (l === undefined && !lines.has(e.uri)) lines.set(e.uri, (l = linesOf(e.uri)));
    if (l) (changes[e.uri] ??= []).push({ range: l.range(e.range), newText: e.newText });
  }
  return { changes };
}

const quickFixProvider: CodeActionProvider = (index, uri, range, linesOf) => {
  const lines = linesOf(uri)!;
  const out: CodeAction[] = [];
  for (const fix of quickFixes(index, uri, range)) {
    const edit = toWorkspaceEdit(index, fix.edits, linesOf);
    if (!edit) continue;
    out.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toDiagnostic(fix.diagnostic, lines)],
      isPreferred: fix.preferred,
      edit,
    });
  }
  return out;
};

/** Every code action provider, in the order their actions are listed. */
export const providers: CodeActionProvider[] = [quickFixProvider, suggestProvider];

/** The `textDocument/codeAction` handler. */
export function codeActions(index: ProjectIndex, params: CodeActionParams, linesOf: LinesOf): CodeAction[] {
  const lines = linesOf(params.textDocument.uri);
  if (!lines) return [];
  const range = { start: lines.offsetAt(params.range.start), end: lines.offsetAt(params.range.end) };
  const only = params.context.only;
  const out: CodeAction[] = [];
  for (const provide of providers) {
    for (const action of provide(index, params.textDocument.uri, range, linesOf)) {
      if (!only || only.some((k) => action.kind === k || action.kind?.startsWith(k + '.'))) out.push(action);
    }
  }
  return out;
}
