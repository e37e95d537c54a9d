/**
 * The csv tables of a report, RFC 4180: fields separated by commas, records by
 * CRLF, a field quoted (with its quotes doubled) when it holds a comma, a quote,
 * a line break or leading/trailing white space; a header row first. UTF-8 with
 * no BOM: R's read.csv(encoding = "UTF-8") and pandas' read_csv load them as is.
 *
 * Each table is a generator of records (csvRecords), so a host writes a table
 * of 100,000 rows as it is made; the string forms join the same records.
 */
import type { CaseCounts, CooccurrenceCounts } from '../analysis';
import type { ReportCoding, ReportData } from './types';

const SPECIAL = /[",\r\n]/;
const QUOTES = /"/g;
/** White space a csv reader may trim at a field's ends (tab, space, and the other Unicode spaces). */
const SPACE = /\s/;

/** One field, quoted when RFC 4180 requires it (or white space at its ends would be lost). */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  if (value === '') return value;
  return SPECIAL.test(value) || SPACE.test(value[0]) || SPACE.test(value[value.length - 1]) ? `"${value.replace(QUOTES, '""')}"` : value;
}

/** A table: a header and rows, each record ended by CRLF. */
export function csvTable(header: string[], rows: Iterable<(string | number)[]>): string {
  return [...csvRecords(header, rows)].join('');
}

/** A table's records one at a time, each with its CRLF: the header, then the rows. */
export function* csvRecords(header: string[], rows: Iterable<(string | number)[]>): Generator<string> {
  yield csvLine(header);
  for (const r of rows) yield csvLine(r);
}

/** One record with its CRLF. */
export function csvLine(r: (string | number)[]): string {
  let line = '';
  for (let i = 0; i < r.length; i++) line += (i > 0 ? ',' : '') + csvField(r[i]);
  return line + '\r\n';
}

/** The header of quotes.csv. */
export const QUOTES_HEADER = ['code', 'code_path', 'quote', 'case', 'participant', 'speaker', 'coder', 'file', 'line'];

/** quotes.csv's records: one row per coding. */
export function* quotesRecords(codings: Iterable<ReportCoding>): Generator<string> {
  yield csvLine(QUOTES_HEADER);
  for (const c of codings) yield quoteRecord(c);
}

/** One coding's record of quotes.csv, with its CRLF. */
export function quoteRecord(c: ReportCoding): string {
  return csvLine([c.code, c.codePath, c.quote, c.case, c.participant, c.speaker, c.coder, c.file, c.line]);
}

/** quotes.csv: one row per coding. */
export function quotesCsv(data: ReportData): string {
  return [...quotesRecords(data.codings)].join('');
}

/**
 * code-by-case.csv's records: a row per code and category (tree order), a column
 * per case: the distinct quotes of the node's subtree in that case, or 1/0 with
 * `presence`. `pathOf` gives a node's code path.
 */
export function* codeByCaseRecords(m: CaseCounts, pathOf: (id: string) => string, presence = false): Generator<string> {
  yield csvLine(['code', 'code_path', 'kind', ...m.cases.map((c) => c.label)]);
  for (const r of m.rows) {
    const row: (string | number)[] = [r.id, pathOf(r.id), r.kind];
    for (const n of r.counts) row.push(presence ? (n > 0 ? 1 : 0) : n);
    yield csvLine(row);
  }
}

/** code-by-case.csv, from a report's data. */
export function codeByCaseCsv(data: ReportData, presence = false): string {
  const m = data.matrix;
  const pathOf = new Map<string, string>();
  for (const c of data.codes) if (!pathOf.has(c.id)) pathOf.set(c.id, c.codePath);
  const counts: CaseCounts = { cases: m.cases, rows: m.rows.map((r) => ({ id: r.id, kind: r.kind, counts: Uint32Array.from(r.cells, (c) => c.count) })) };
  return [...codeByCaseRecords(counts, (id) => pathOf.get(id) ?? id, presence)].join('');
}

/** cooccurrence.csv's records: code × code, symmetric; the diagonal holds each code's own quotes (the heat map's rule). */
export function* cooccurrenceRecords(co: CooccurrenceCounts): Generator<string> {
  const ids = co.codes;
  yield csvLine(['code', ...ids]);
  for (let i = 0; i < ids.length; i++) {
    const row: (string | number)[] = [ids[i]];
    for (let j = 0; j < ids.length; j++) row.push(co.count(i, j));
    yield csvLine(row);
  }
}

/** cooccurrence.csv, from a report's data. */
export function cooccurrenceCsv(data: ReportData): string {
  const co = data.cooccurrence;
  const ids = co.codes.map((c) => c.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const count = new Map<string, number>();
  for (const c of co.cells) {
    count.set(`${index.get(c.a)},${index.get(c.b)}`, c.count);
    count.set(`${index.get(c.b)},${index.get(c.a)}`, c.count);
  }
  return [...cooccurrenceRecords({ codes: ids, count: (i, j) => count.get(`${i},${j}`) ?? 0 })].join('');
}
