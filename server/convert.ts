import {
  DiagnosticSeverity,
  DiagnosticTag,
  SymbolKind,
  type Diagnostic,
  type DocumentSymbol,
  type TextEdit,
} from 'vscode-languageserver/node';
import { keepsStrippedText, normalizeUri, type AxialDiagnostic, type FileEdit, type LineIndex, type ProjectIndex, type SymbolEntry } from '../core';

/**
 * Conversions from core's plain data (UTF-16 offsets) to LSP types. Offsets and
 * LSP characters both count UTF-16 code units, so only lines need computing.
 */

/** The line index of a file the index knows: a project's codebook.yaml or one of its transcripts. */
export function fileLines(index: ProjectIndex, uri: string): LineIndex | undefined {
  const project = index.projectOf(uri);
  if (!project) return index.memoProjectOf(uri)?.memos.get(normalizeUri(uri))?.lines;
  if (project.codebookUri === normalizeUri(uri)) return project.codebook.lines;
  return project.transcripts.get(normalizeUri(uri))?.transcript.lines;
}

const severities = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export function toDiagnostic(d: AxialDiagnostic, lines: LineIndex): Diagnostic {
  return {
    range: lines.range(d.range),
    severity: severities[d.severity],
    code: d.code,
    source: 'axial',
    message: d.message,
    data: d.data,
    tags: d.code === 'code.deprecated' ? [DiagnosticTag.Deprecated] : undefined,
  };
}

const symbolKinds = {
  turn: SymbolKind.Namespace,
  span: SymbolKind.String,
  category: SymbolKind.Class,
  code: SymbolKind.EnumMember,
} as const;

export function toDocumentSymbol(s: SymbolEntry, lines: LineIndex): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: symbolKinds[s.kind],
    range: lines.range(s.range),
    selectionRange: lines.range(s.selectionRange),
    children: s.children.map((c) => toDocumentSymbol(c, lines)),
  };
}

/** Finds the line index of a file the index knows. */
export type LinesOf = (uri: string) => LineIndex | undefined;

/** The line lookup of an index: fileLines bound to it, what handlers pass to toWorkspaceEdit. */
export function linesOfIndex(index: ProjectIndex): LinesOf {
  return (uri) => fileLines(index, uri);
}

/**
 * Turns core's offset edits into an LSP WorkspaceEdit: the one way an edit leaves
 * the server, so it passes the one gate (core's keepsStrippedText) here. Undefined
 * when the edits would change the spoken text of a transcript (or touch a file
 * the index does not know): such an edit is never offered. `scanned` counts the
 * characters the gate scanned (see codeActions.ts).
 */
export function toWorkspaceEdit(index: ProjectIndex, edits: FileEdit[], linesOf: LinesOf, scanned?: { chars: number }): { changes: Record<string, TextEdit[]> } | undefined {
  if (!keepsStrippedText(index, edits, scanned)) return undefined;
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
