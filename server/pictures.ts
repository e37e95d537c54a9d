import type { Connection } from 'vscode-languageserver/node';
import {
  AnalysisCooccurrenceRequest,
  AnalysisMatrixRequest,
  AnalysisModelRequest,
  type AnalysisParams,
  type AnalysisQuote,
  type AxialModelResult,
  type CaseMatrixResult,
  type CooccurrenceResult,
} from '../common/protocol';
import { axialModel, codeCaseMatrix, codeCooccurrence, limitPictureQuotes, projectFor, type AnalysisQuote as CoreQuote, type ProjectIndex } from '../core';
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

  connection.onRequest(AnalysisModelRequest.type, (params: AnalysisParams): AxialModelResult | null =>
    health.guard('axial model', null, () => {
      const project = projectFor(index, params.uri);
      if (!project) return null;
      const model = limitPictureQuotes(axialModel(project, optionsOf(params)));
      return { ...model, quotes: toQuotes(model.quotes) };
    }),
  );

  connection.onRequest(AnalysisCooccurrenceRequest.type, (params: AnalysisParams): CooccurrenceResult | null =>
    health.guard('code co-occurrence', null, () => {
      const project = projectFor(index, params.uri);
      if (!project) return null;
      const data = limitPictureQuotes(codeCooccurrence(project, optionsOf(params)));
      return { ...data, quotes: toQuotes(data.quotes) };
    }),
  );

  connection.onRequest(AnalysisMatrixRequest.type, (params: AnalysisParams): CaseMatrixResult | null =>
    health.guard('code × case matrix', null, () => {
      const project = projectFor(index, params.uri);
      if (!project) return null;
      const data = limitPictureQuotes(codeCaseMatrix(project, optionsOf(params)));
      return { ...data, quotes: toQuotes(data.quotes) };
    }),
  );
}

/** The coder filter of a request, ignoring anything that is not a list of strings. */
function optionsOf(params: AnalysisParams): { coders?: string[] } {
  const coders = Array.isArray(params.coders) ? params.coders.filter((c): c is string => typeof c === 'string') : undefined;
  return { coders };
}
