import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { quickFixes, type ProjectIndex } from '../core';
import { toDiagnostic, toWorkspaceEdit, type LinesOf } from './convert';
import { suggestProvider } from './suggestActions';

/**
 * One source of code actions (quick fixes, suggestions, refactorings). Each gets
 * the document's offsets for the requested range and returns finished actions;
 * the handler concatenates them in this list's order.
 */
export type CodeActionProvider = (index: ProjectIndex, uri: string, range: { start: number; end: number }, linesOf: LinesOf) => CodeAction[];

/**
 * The most characters the gate may scan again for one request's quick fixes. A fix
 * is usually checked on a few characters around it, but on a line with no plain
 * text between its markup (100,000 labelled closers) on the whole line; 100 fixes
 * on such a line took 7 s. Past this the remaining fixes are not offered for this
 * range; asked for at one diagnostic (as an editor does at the cursor), each is.
 */
export const QUICK_FIX_GATE_CHARS = 4_000_000;

const quickFixProvider: CodeActionProvider = (index, uri, range, linesOf) => {
  const lines = linesOf(uri)!;
  const out: CodeAction[] = [];
  const scanned = { chars: 0 };
  for (const fix of quickFixes(index, uri, range)) {
    if (scanned.chars > QUICK_FIX_GATE_CHARS) break;
    const edit = toWorkspaceEdit(index, fix.edits, linesOf, scanned);
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
