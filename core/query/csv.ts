/**
 * A query's passages as a csv table (RFC 4180, the report's writer), one row per
 * passage, for R's read.csv and pandas' read_csv.
 */
import { csvTable } from '../report/csv';
import type { QueryHit } from './types';

/** The columns of `axial query --format csv`. */
export const QUERY_CSV_HEADER = ['file', 'line', 'end_line', 'case', 'participant', 'speaker', 'codes', 'coders', 'quote'];

/** The hits as csv; codes and coders are joined by spaces. */
export function queryCsv(hits: QueryHit[]): string {
  return csvTable(
    QUERY_CSV_HEADER,
    hits.map((h) => [h.file, h.line, h.endLine, h.case, h.participant, h.speaker, h.codes.join(' '), h.coders.join(' '), h.quote]),
  );
}
