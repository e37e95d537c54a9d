import type { Connection, Location } from 'vscode-languageserver/node';
import { CodebookRequest, StatusRequest, type CodebookParams, type CodebookResult, TranscriptUrisRequest, type TranscriptUrisParams, type TranscriptUrisResult } from '../common/protocol';
import { codeUsage, subtreeQuoteCounts, isValidId, definition, documentSymbols, hover, normalizeUri, projectFor, references, type ProjectIndex } from '../core';
import { codeActions } from './codeActions';
import { linesOfIndex, toDocumentSymbol } from './convert';
import type { Health } from './health';
import { registerPictureRequests } from './pictures';
import type { StatusReporter } from './status';
import type { CodebookGate } from './codebookGate';

/**
 * Registers the request handlers. Each finds the file in the index, converts the
 * position to an offset, calls one core feature and converts the answer back. They
 * answer while the workspace is being indexed, from the files read so far (after
 * the file's codebook: see CodebookGate).
 */
export function registerFeatures(
  connection: Connection,
  index: ProjectIndex,
  health: Health,
  status: StatusReporter,
  /** Requests about a file wait while the scan has not read its folder's codebooks. */
  gate: CodebookGate,
): void {
  /** The line index of a file the index knows (transcript or codebook). */
  const linesOf = linesOfIndex(index);
  const toLocation = (loc: { uri: string; range: { start: number; end: number } }): Location | undefined => {
    const lines = linesOf(loc.uri);
    return lines ? { uri: loc.uri, range: lines.range(loc.range) } : undefined;
  };

  connection.onHover(({ textDocument, position }) =>
    gate.after(textDocument.uri, () => health.guard('hover', null, () => {
      const lines = linesOf(textDocument.uri);
      const result = lines && hover(index, textDocument.uri, lines.offsetAt(position));
      return result ? { contents: { kind: 'markdown', value: result.markdown }, range: lines.range(result.range) } : null;
    })),
  );

  connection.onDefinition(({ textDocument, position }) =>
    gate.after(textDocument.uri, () => health.guard('definition', null, () => {
      const lines = linesOf(textDocument.uri);
      const loc = lines && definition(index, textDocument.uri, lines.offsetAt(position));
      return (loc && toLocation(loc)) ?? null;
    })),
  );

  connection.onReferences(({ textDocument, position, context }) =>
    gate.after(textDocument.uri, () => health.guard('references', [], () => {
      const lines = linesOf(textDocument.uri);
      if (!lines) return [];
      return references(index, textDocument.uri, lines.offsetAt(position), context.includeDeclaration)
        .map(toLocation)
        .filter((l): l is Location => l !== undefined);
    })),
  );

  connection.onDocumentSymbol(({ textDocument }) =>
    gate.after(textDocument.uri, () => health.guard('document symbols', [], () => {
      const lines = linesOf(textDocument.uri);
      return lines ? documentSymbols(index, textDocument.uri).map((s) => toDocumentSymbol(s, lines)) : [];
    })),
  );

  connection.onCodeAction((params) => gate.after(params.textDocument.uri, () => health.guard('code actions', [], () => codeActions(index, params, linesOf))));

  connection.onRequest(TranscriptUrisRequest.type, (params: TranscriptUrisParams): TranscriptUrisResult =>
    health.guard('transcript uris', { transcripts: [] }, () => ({
      transcripts: params.uris.filter((u) => {
        const p = index.projectOf(u);
        return p !== undefined && p.transcripts.has(normalizeUri(u));
      }),
    })),
  );

  connection.onRequest(CodebookRequest.type, (params: CodebookParams): CodebookResult | null =>
    health.guard('codebook', null, () => {
      const project = projectFor(index, params.uri);
      if (!project) return null;
      const cb = project.codebook;
      const subtreeCounts = subtreeQuoteCounts(project);
      return {
        root: project.root,
        codebookUri: project.codebookUri,
        title: cb.title,
        // Pickers offer only ids that can be written as tags (the codebook reports the others).
        coders: [...(cb.coders?.values() ?? [])].filter((c) => isValidId(c.id)).map((c) => ({ id: c.id, name: c.name })),
        codes: [...cb.codes.values()].filter((c) => isValidId(c.id)).map((c) => {
          const usage = codeUsage(project, c.id);
          const subtree = subtreeCounts.get(c.id) ?? 0;
          return {
            id: c.id,
            name: c.name,
            kind: c.kind,
            parent: c.parent?.value,
            definition: c.definition,
            aliases: c.aliases,
            status: c.status,
            replacedBy: c.replacedBy?.value,
            color: c.color,
            quotes: usage.quotes,
            cases: usage.cases,
            subtreeQuotes: subtree,
          };
        }),
      };
    }),
  );

  // answer() guards its counting (a degraded status with lastError); this guard is
  // the handler's own, as every handler has one.
  connection.onRequest(StatusRequest.type, () => health.guard('status', { health: 'degraded', projects: [] }, () => status.answer()));

  registerPictureRequests(connection, index, health);
}
