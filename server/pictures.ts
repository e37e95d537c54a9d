import type { Connection } from 'vscode-languageserver/node';
import {
  AnalysisCooccurrenceRequest,
  AnalysisMatrixRequest,
  AnalysisModelRequest,
  type AnalysisParams,
  type AnalysisQuote,
} from '../common/protocol';
import { axialModel, codeCaseMatrix, codeCooccurrence, limitPictureQuotes, projectFor, type AnalysisQuote as CoreQuote, type Project, type ProjectIndex } from '../core';
import { fileLines } from './convert';
import type { Health } from './health';

/**
 * The pictures' requests: find the project of the file, call core/analysis, cap its
 * quote lists (limitPictureQuotes: a few megabytes at most, whatever the project),
 * and convert the quotes' offsets to LSP ranges.
 */
export function registerPictureRequests(connection: Connection, index: ProjectIndex, health: Health): void {
  const toQuotes = (quotes: CoreQuote[]): AnalysisQuote[] =>
    quotes.map((q) => {
      const lines = fileLines(index, q.uri);
      const range = lines ? lines.range(q.range) : { start: { line: q.line, character: 0 }, end: { line: q.line, character: 0 } };
      return { ...q, range };
    });

  /** One picture's request: its data for the URI's project, with the quotes' LSP ranges; null without a project. */
  const picture = <D extends { quotes: CoreQuote[] }>(label: string, compute: (project: Project, options: { coders?: string[] }) => D) => (params: AnalysisParams) =>
    health.guard(label, null, () => {
      const project = projectFor(index, params.uri);
      if (!project) return null;
      const data = limitPictureQuotes(compute(project, optionsOf(params)));
      return { ...data, quotes: toQuotes(data.quotes) };
    });
  connection.onRequest(AnalysisModelRequest.type, picture('axial model', axialModel));
  connection.onRequest(AnalysisCooccurrenceRequest.type, picture('code co-occurrence', codeCooccurrence));
  connection.onRequest(AnalysisMatrixRequest.type, picture('code × case matrix', codeCaseMatrix));
}

/** The coder filter of a request, ignoring anything that is not a list of strings. */
function optionsOf(params: AnalysisParams): { coders?: string[] } {
  const coders = Array.isArray(params.coders) ? params.coders.filter((c): c is string => typeof c === 'string') : undefined;
  return { coders };
}
