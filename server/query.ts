import type { Connection } from 'vscode-languageserver/node';
import { QUERY_HIT_LIMIT, QueryRequest, type QueryAnswer, type QueryParams } from '../common/protocol';
import { projectFor, type ProjectIndex } from '../core';
import { queryCsv, runQuery } from '../core/query';
import { fileLines } from './convert';
import type { Health } from './health';

/**
 * `axial/query`: find the project of the file, run core/query on the index (open
 * documents win over disk, as everywhere), and give each hit its LSP range.
 * A query that does not parse or names an unknown code is an answer with
 * `error`, not a failed request.
 */
export function registerQuery(connection: Connection, index: ProjectIndex, health: Health): void {
  connection.onRequest(QueryRequest.type, (p: QueryParams): QueryAnswer | null =>
    health.guard('query', null, () => {
      const project = projectFor(index, p.uri);
      if (!project) return null;
      const coders = Array.isArray(p.coders) ? p.coders.filter((c): c is string => typeof c === 'string') : undefined;
      const result = runQuery(project, typeof p.query === 'string' ? p.query : '', { unit: p.unit === 'turn' ? 'turn' : 'span', coders });
      if (!result.ok) return result;
      const limit = typeof p.limit === 'number' && p.limit >= 0 ? Math.floor(p.limit) : QUERY_HIT_LIMIT;
      const hits = result.hits.slice(0, limit).map((h) => {
        const lines = fileLines(index, h.uri);
        const range = lines ? lines.range({ start: h.start, end: h.end }) : { start: { line: h.line - 1, character: 0 }, end: { line: h.endLine - 1, character: 0 } };
        return { ...h, range };
      });
      return { ok: true, unit: result.unit, hits, total: result.hits.length, transcripts: result.transcripts, skipped: result.skipped, csv: queryCsv(result.hits) };
    }),
  );
}
