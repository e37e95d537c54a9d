/**
 * The csv tables of a report, RFC 4180: fields separated by commas, records by
 * CRLF, a field quoted (with its quotes doubled) when it holds a comma, a quote,
 * a line break or leading/trailing white space; a header row first. UTF-8 with
 * no BOM: R's read.csv(encoding = "UTF-8") and pandas' read_csv load them as is.
 */
import type { ReportData } from './types';

const SPECIAL = /[",\r\n]/;
const QUOTES = /"/g;

/** White space a csv reader may trim at a field's ends (tab, space, and the other Unicode spaces). */
const isSpace = (s: string, i: number) => /\s/.test(s.charAt(i));

/** One field, quoted when RFC 4180 requires it (or white space at its ends would be lost). */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  if (value === '') return value;
  return SPECIAL.test(value) || isSpace(value, 0) || isSpace(value, value.length - 1) ? `"${value.replace(QUOTES, '""')}"` : value;
}

/** A table: a header and rows, each record ended by CRLF. */
export function csvTable(header: string[], rows: Iterable<(string | number)[]>): string {
  const out: string[] = [csvLine(header)];
  for (const r of rows) out.push(csvLine(r));
  return out.join('');
}

/** One record with its CRLF. */
function csvLine(r: (string | number)[]): string {
  let line = '';
  for (let i = 0; i < r.length; i++) line += (i > 0 ? ',' : '') + csvField(r[i]);
  return line + '\r\n';
}

/** quotes.csv: one row per coding. */
export function quotesCsv(data: ReportData): string {
  return csvTable(
    ['code', 'code_path', 'quote', 'case', 'participant', 'speaker', 'coder', 'file', 'line'],
    // A row at a time: no array of 100,000 rows alongside the text.
    (function* () {
      for (const c of data.codings) yield [c.code, c.codePath, c.quote, c.case, c.participant, c.speaker, c.coder, c.file, c.line];
    })(),
  );
}

/**
 * code-by-case.csv: a row per code and category (tree order), a column per case:
 * the distinct quotes of the node's subtree in that case, or 1/0 with `presence`.
 */
export function codeByCaseCsv(data: ReportData, presence = false): string {
  const m = data.matrix;
  const pathOf = new Map<string, string>();
  for (const c of data.codes) if (!pathOf.has(c.id)) pathOf.set(c.id, c.codePath);
  return csvTable(
    ['code', 'code_path', 'kind', ...m.cases.map((c) => c.label)],
    m.rows.map((r) => [r.id, pathOf.get(r.id) ?? r.id, r.kind, ...r.cells.map((c) => (presence ? (c.count > 0 ? 1 : 0) : c.count))]),
  );
}

/** cooccurrence.csv: code × code, symmetric; the diagonal holds each code's own quotes (the heat map's rule). */
export function cooccurrenceCsv(data: ReportData): string {
  const co = data.cooccurrence;
  const ids = co.codes.map((c) => c.id);
  const count = new Map(co.cells.flatMap((c) => [[`${c.a}\u0000${c.b}`, c.count] as const, [`${c.b}\u0000${c.a}`, c.count] as const]));
  return csvTable(['code', ...ids], ids.map((a) => [a, ...ids.map((b) => count.get(`${a}\u0000${b}`) ?? 0)]));
}
