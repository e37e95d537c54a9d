/**
 * Reads a spreadsheet of codes as rows of cells: CSV through csv-parse (comma,
 * semicolon or tab, as spreadsheet programs write them in different locales;
 * a byte-order mark is skipped) and the first sheet of an .xlsx through
 * read-excel-file. Failures are one-line reasons.
 */
import { isZip, readNonEmptyFile, utf8Text } from './fileBytes';

/** The rows of a sheet (the first is the header), or why there are none. */
export type SheetRows = { ok: true; rows: unknown[][] } | { ok: false; error: string };

/** Reads `file` by its extension: `.xlsx` or CSV text. */
export async function readCodesSheet(file: string): Promise<SheetRows> {
  const read = await readNonEmptyFile(file);
  if (!read.ok) return read;
  return /\.xlsx$/i.test(file) ? xlsxRows(read.bytes) : csvRows(read.bytes);
}

/** The first sheet of an .xlsx workbook. */
export async function xlsxRows(bytes: Buffer): Promise<SheetRows> {
  if (!isZip(bytes)) return { ok: false, error: 'not an Excel workbook (.xlsx): it is not a zip archive' };
  try {
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const sheets = await readXlsxFile(bytes);
    return { ok: true, rows: (sheets[0]?.data ?? []) as unknown[][] };
  } catch (err) {
    return { ok: false, error: `not a readable Excel workbook (.xlsx)${err instanceof Error && err.message ? `: ${err.message.split('\n')[0]}` : ''}` };
  }
}

/** CSV with the delimiter its header line uses most. */
export async function csvRows(bytes: Buffer): Promise<SheetRows> {
  const decoded = utf8Text(bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text.replace(/^\ufeff/, '');
  const head = text.split(/\r\n|\r|\n/, 1)[0];
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: head.split(d).length })).sort((a, b) => b.n - a.n)[0].d;
  try {
    const { parse } = await import('csv-parse/sync');
    return { ok: true, rows: parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as unknown[][] };
  } catch (err) {
    return { ok: false, error: `not readable CSV (${err instanceof Error ? err.message.split('\n')[0] : 'error'})` };
  }
}
