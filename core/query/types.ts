/**
 * Code queries: boolean expressions over codes, evaluated over coded spans or
 * speaker turns ("which passages carry trust but not expertise"). The syntax is
 * in docs/queries.md; this file holds the tree a query parses to and what it
 * answers.
 */

/** Where something stands in the query text: UTF-16 offsets, end exclusive. */
export interface QueryRange {
  start: number;
  end: number;
}

/** The properties a filter term can test. `attr` tests a front matter attribute. */
export type FilterKey = 'case' | 'participant' | 'speaker' | 'coder' | 'attr';

/** A parsed query. */
export type QueryNode =
  | { kind: 'code'; id: string; range: QueryRange }
  | { kind: 'filter'; key: FilterKey; name?: string; value: string; range: QueryRange }
  | { kind: 'not'; operand: QueryNode; range: QueryRange }
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode; range: QueryRange }
  | { kind: 'near'; distance: number; left: QueryNode; right: QueryNode; range: QueryRange }
  | { kind: 'within'; left: QueryNode; right: QueryNode; range: QueryRange };

/** A query that could not be read or does not fit the codebook: a message and where. */
export interface QueryError {
  message: string;
  range: QueryRange;
}

/** What a query runs over: every coded span, or every speaker turn. */
export type QueryUnit = 'span' | 'turn';

/** The query units, the default first. */
export const QUERY_UNITS: readonly QueryUnit[] = ['span', 'turn'];

/** Options of a query run. */
export interface QueryOptions {
  unit?: QueryUnit;
  /** Only the blocks of these coders count (ids without `@`); empty or absent: every coder. */
  coders?: string[];
}

/** One passage a query found. */
export interface QueryHit {
  uri: string;
  /** Path relative to the project folder, with `/`. */
  file: string;
  /** 1-based lines of the passage's first and last character in the source. */
  line: number;
  endLine: number;
  /** Source offsets of the passage (a span's opener to its closer; a turn's range). */
  start: number;
  end: number;
  case: string;
  participant: string;
  speaker: string;
  /** The codes applied on the passage (for a turn: on spans overlapping it), sorted. */
  codes: string[];
  /** The coders of those codes, sorted. */
  coders: string[];
  /** The passage as spoken (stripped, trimmed). */
  quote: string;
}

/** The answer to a query: the passages in file and text order, or the error. */
export type QueryResult = { ok: true; unit: QueryUnit; hits: QueryHit[]; transcripts: number; skipped: { file: string; reason: string }[] } | { ok: false; error: QueryError };
