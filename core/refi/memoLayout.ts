/**
 * How a memo file (`memos/*.md`) is written, for the `Axial` note: REFI-QDA
 * carries a memo's text as a Note, and the importer writes a front matter of
 * its own (the codes and transcripts that reference the Note) above it. A memo
 * whose front matter is written otherwise (list style, comments, key order, a
 * BOM), or whose text has CRLF line ends or other trailing white space than one
 * line end, keeps its head (everything before the text, verbatim) and, when the
 * text itself differs, the CR of each CRLF as markup (markupLayout.ts) with a
 * fingerprint of the text (codingsCheck.ts). The importer uses the head only
 * when it names the same codes and transcripts as the file's references, and
 * the markup only when the Note's text is the one it was taken from; otherwise
 * it writes the memo as it always does. A memo already in the importer's form
 * costs nothing.
 */
import { stringify } from 'yaml';
import { parseMemo } from '../memos/parse';
import type { FileLayout } from './axialNote';
import { codingsCheck } from './codingsCheck';
import { restoreBody } from './markupLayout';
import { xmlText } from './xmlText';

/** What a memo Note is about, as the importer finds it from the references to it. */
export interface MemoAbout {
  codes?: string[];
  transcripts?: string[];
}

/** The head the importer writes: a front matter naming the codes and transcripts (when any), then a blank line. */
export function importedMemoHead(about: MemoAbout): string {
  const front: Record<string, string[]> = {};
  if (about.codes?.length) front.codes = [...new Set(about.codes)];
  if (about.transcripts?.length) front.transcripts = [...new Set(about.transcripts)];
  return Object.keys(front).length ? `---\n${stringify(front, { lineWidth: 0 })}---\n\n` : '';
}

/** The text the importer writes under the head: the Note's text without trailing white space, one LF at the end. */
function importedMemoBody(text: string): string {
  return text.replace(/\s+$/, '') + '\n';
}

/**
 * What to keep of the memo file `file` whose text after the front matter is
 * `body` (parseMemo) and whose front matter names `codes` and `transcripts`;
 * undefined when the importer writes it back as it is. A memo naming several
 * codes or transcripts keeps its head even in the importer's form: the importer
 * lists them in the order of the codebook and the sources, not the file's.
 */
export function memoLayout(file: string, body: string, codes: readonly string[], transcripts: readonly string[]): FileLayout | undefined {
  // The Note's text as the importer reads it (the export writes it through xmlText).
  const noteText = xmlText(body);
  const head = file.slice(0, file.length - body.length);
  const canonicalBody = importedMemoBody(noteText) === body;
  if (canonicalBody && codes.length <= 1 && transcripts.length <= 1 && importedMemoHead({ codes: [...codes], transcripts: [...transcripts] }) === head) return undefined;
  const out: FileLayout = { head };
  // The body comes back by putting back the CR of each CRLF; a lone CR or a character XML cannot carry
  // changed the text otherwise, and such a body is written as the importer writes it.
  if (!canonicalBody && body.replace(/\r\n/g, '\n') === noteText) {
    const crs: number[] = [];
    let removed = 0;
    for (let i = body.indexOf('\r\n'); i >= 0; i = body.indexOf('\r\n', i + 2)) crs.push(i - removed++);
    let lfs = 0;
    for (let i = noteText.indexOf('\n'); i >= 0; i = noteText.indexOf('\n', i + 1)) lfs++;
    const crlf = crs.length > 0 && crs.length === lfs;
    const markup: (number | string)[] = [];
    if (!crlf) crs.forEach((at, k) => markup.push(at - (k ? crs[k - 1] : 0), '\r'));
    out.markupJson = JSON.stringify(markup);
    if (crlf) out.crlf = true;
    out.check = codingsCheck(noteText, [], []);
  }
  return out;
}

/**
 * The memo file the importer writes for a Note with text `text` (LF line ends)
 * about `about`: with the kept head when it reads as naming the same codes and
 * transcripts (in any order), with the kept body when the text is the one it
 * was taken from; each part otherwise as the importer writes it.
 */
export function importedMemoText(about: MemoAbout, text: string, layout?: FileLayout): { text: string; exact: boolean } {
  let head: string | undefined;
  let body: string | undefined;
  if (layout) {
    const kept = parseMemo(layout.head);
    if (kept.diagnostics.length === 0 && kept.body === '' && sameSet(kept.codes.map((r) => r.value), about.codes) && sameSet(kept.transcripts.map((r) => r.value), about.transcripts)) head = layout.head;
    if (layout.markup && layout.check === codingsCheck(text, [], [])) body = restoreBody(text, layout.markup, layout.crlf === true);
  }
  const exact = head !== undefined && (body !== undefined || !layout?.markup);
  return { text: (head ?? importedMemoHead(about)) + (body ?? importedMemoBody(text)), exact };
}

function sameSet(a: readonly string[], b: readonly string[] = []): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}
