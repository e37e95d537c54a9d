import { CodeActionKind, type CodeAction, type Connection, type Location, type TextEdit } from 'vscode-languageserver/node';
import { StatusRequest, TranscriptUrisRequest, type TranscriptUrisParams, type TranscriptUrisResult } from '../common/protocol';
import { complete, definition, quickFixes, documentSymbols, hover, normalizeUri, references, type LineIndex, type ProjectIndex } from '../core';
import { toCompletionItem, toDiagnostic, toDocumentSymbol } from './convert';
import type { Health } from './health';
import type { StatusReporter } from './status';

/**
 * Registers the request handlers. Each finds the file in the index, converts the
 * position to an offset, calls one core feature and converts the answer back.
 */
export function registerFeatures(
  connection: Connection,
  index: ProjectIndex,
  health: Health,
  status: StatusReporter,
): void {
  /** The line index of a file the index knows (transcript or codebook). */
  const linesOf = (uri: string): LineIndex | undefined => {
    const project = index.projectOf(uri);
    if (!project) return undefined;
    if (project.codebookUri === normalizeUri(uri)) return project.codebook.lines;
    return project.transcripts.get(normalizeUri(uri))?.transcript.lines;
  };
  const toLocation = (loc: { uri: string; range: { start: number; end: number } }): Location | undefined => {
    const lines = linesOf(loc.uri);
    return lines ? { uri: loc.uri, range: lines.range(loc.range) } : undefined;
  };

  connection.onHover(({ textDocument, position }) =>
    health.guard('hover', null, () => {
      const lines = linesOf(textDocument.uri);
      const result = lines && hover(index, textDocument.uri, lines.offsetAt(position));
      return result ? { contents: { kind: 'markdown', value: result.markdown }, range: lines.range(result.range) } : null;
    }),
  );

  connection.onCompletion(({ textDocument, position }) =>
    health.guard('completion', [], () => {
      const lines = linesOf(textDocument.uri);
      if (!lines) return [];
      return complete(index, textDocument.uri, lines.offsetAt(position)).map((e) => toCompletionItem(e, lines));
    }),
  );

  connection.onDefinition(({ textDocument, position }) =>
    health.guard('definition', null, () => {
      const lines = linesOf(textDocument.uri);
      const loc = lines && definition(index, textDocument.uri, lines.offsetAt(position));
      return (loc && toLocation(loc)) ?? null;
    }),
  );

  connection.onReferences(({ textDocument, position, context }) =>
    health.guard('references', [], () => {
      const lines = linesOf(textDocument.uri);
      if (!lines) return [];
      return references(index, textDocument.uri, lines.offsetAt(position), context.includeDeclaration)
        .map(toLocation)
        .filter((l): l is Location => l !== undefined);
    }),
  );

  connection.onDocumentSymbol(({ textDocument }) =>
    health.guard('document symbols', [], () => {
      const lines = linesOf(textDocument.uri);
      return lines ? documentSymbols(index, textDocument.uri).map((s) => toDocumentSymbol(s, lines)) : [];
    }),
  );

  connection.onCodeAction(({ textDocument, range }) =>
    health.guard('code actions', [], () => {
      const lines = linesOf(textDocument.uri);
      if (!lines) return [];
      const span = { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
      return quickFixes(index, textDocument.uri, span).map((fix) => {
        const changes: Record<string, TextEdit[]> = {};
        for (const e of fix.edits) {
          const l = linesOf(e.uri);
          if (l) (changes[e.uri] ??= []).push({ range: l.range(e.range), newText: e.newText });
        }
        const action: CodeAction = {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toDiagnostic(fix.diagnostic, lines)],
          isPreferred: fix.preferred,
          edit: { changes },
        };
        return action;
      });
    }),
  );

  connection.onRequest(TranscriptUrisRequest, (params: TranscriptUrisParams): TranscriptUrisResult =>
    health.guard('transcript uris', { transcripts: [] }, () => ({
      transcripts: params.uris.filter((u) => {
        const p = index.projectOf(u);
        return p !== undefined && p.transcripts.has(normalizeUri(u));
      }),
    })),
  );

  connection.onRequest(StatusRequest, () => status.current());
}
