/**
 * A Word document's body as the lines of an interview: each paragraph a line,
 * and each table row a line whose cells are read the way a transcript reads
 * them. Interview transcripts are often typed as tables: speaker | text (a
 * turn per row), or time | speaker | text; such rows become `Speaker: text`
 * and `[time] Speaker: text` lines, which the plain-text reader then takes as
 * turns. Other tables keep their cells in order on one line, separated by
 * ` | `. The words are the document's: cells are trimmed, never reworded.
 * Reading the .docx (mammoth) is host/docxText.ts's.
 */
import { looksLikeName } from './nameColon';
import { parseTime } from './turns';

/** A block of a Word body: a paragraph's text, or a table's rows of cell texts. */
export type WordBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };

/** The interview text of a Word body: a line per paragraph and per table row, empty ones dropped. */
export function wordText(blocks: WordBlock[]): string {
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') lines.push(b.text);
    else lines.push(...tableLines(b.rows));
  }
  return lines.filter((l) => l !== '').join('\n');
}

/** A table's rows as lines: turns when one column names speakers, else the cells joined. */
export function tableLines(rows: string[][]): string[] {
  const cells = rows.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
  const width = Math.max(0, ...cells.map((r) => r.length));
  const layout = speakerLayout(cells, width);
  if (!layout) return cells.map((r) => r.filter((c) => c !== '').join(' | '));
  return cells.map((r, i) => {
    const name = r[layout.name] ?? '';
    const text = r.filter((_, c) => c !== layout.name && c !== layout.time).filter((c) => c !== '').join(' | ');
    const time = layout.time === undefined ? '' : (r[layout.time] ?? '');
    // A header row ("Speaker | Text") stays as it is, a line that starts no turn.
    if (i === 0 && layout.header) return r.filter((c) => c !== '').join(' | ');
    // A row without a name continues the turn above it.
    const turn = name === '' ? text : text === '' ? name : `${name}: ${text}`;
    return time !== '' && parseTime(unbracket(time)) !== undefined ? `[${unbracket(time)}] ${turn}` : time !== '' ? `${time} ${turn}` : turn;
  });
}

const HEADER_NAME = /^(speaker|name|who|person|participant|role|sprecher(in)?|hablante|interlocutor)$/iu;

/**
 * Which column holds speakers' names (and which the times), when the table is
 * a transcript: two or three columns, the text last; most rows (the header
 * aside) start with a short name, and names repeat.
 */
function speakerLayout(rows: string[][], width: number): { name: number; time?: number; header: boolean } | undefined {
  if (width < 2 || width > 3 || rows.length < 2) return undefined;
  const isTime = (c: string) => c !== '' && parseTime(unbracket(c)) !== undefined;
  let time: number | undefined;
  if (width === 3) {
    time = [0, 1].find((col) => rows.slice(1).every((r) => (r[col] ?? '') === '' || isTime(r[col])) && rows.slice(1).some((r) => isTime(r[col] ?? '')));
    if (time === undefined) return undefined;
  }
  const name = [0, 1].find((c) => c !== time && c < width - 1);
  if (name === undefined) return undefined;
  const header = HEADER_NAME.test(rows[0][name] ?? '');
  const body = header ? rows.slice(1) : rows;
  const named = body.map((r) => r[name] ?? '').filter((n) => n !== '');
  if (named.length === 0 || !named.every((n) => n.length <= 40 && looksLikeName(n))) return undefined;
  // A list of distinct labels (a glossary, a form) is not a conversation: someone speaks twice, unless a time column says it is one.
  if (time === undefined && new Set(named).size === named.length && named.length > 1) return undefined;
  return { name, time, header };
}

function unbracket(c: string): string {
  return c.replace(/^\[(.*)\]$/, '$1').trim();
}
