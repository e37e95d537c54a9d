/**
 * The text of a Word document (.docx), through mammoth (a maintained .docx
 * reader), for both ways one comes in: a REFI-QDA project's `.docx` sources and
 * an interview imported with `axial import`. mammoth is loaded on first use, so
 * the other CLI commands do not pay for it at start-up.
 */
import { wordText, type WordBlock, type WordComment } from '../core/importing';
import { docxComments } from './docxComments';
import { isZip, type FileText } from './fileBytes';

/** An element of mammoth's document model, as far as the interview reader looks at it. */
interface MammothElement {
  type: string;
  value?: string;
  children?: MammothElement[];
}

/** mammoth's raw text with `\n` line ends (every paragraph ends with a blank line), or undefined when it cannot read the bytes. */
async function rawText(data: Uint8Array): Promise<string | undefined> {
  try {
    const { default: mammoth } = await import('mammoth');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(data) });
    return value.replace(/\r\n?/g, '\n');
  } catch {
    return undefined;
  }
}

/**
 * A REFI-QDA source's text: one line per paragraph (an empty paragraph stays an
 * empty line), as the QDA tools' own plain-text copies of a document have it, so
 * that their character positions hold; undefined when the bytes are not a .docx
 * mammoth can read.
 */
export async function docxText(data: Uint8Array): Promise<string | undefined> {
  const raw = await rawText(data);
  return raw?.replace(/\n\n/g, '\n').replace(/\n+$/, '');
}

/**
 * An interview's text: paragraphs on lines of their own, empty paragraphs and
 * leading blank lines dropped (turns are found line by line), each table row a
 * line (core/importing/wordText.ts: speaker | text rows become turns); and the
 * document's comments. A one-line reason when the file is not a Word document.
 */
export async function interviewDocxText(bytes: Buffer): Promise<FileText & { comments?: WordComment[] }> {
  if (!isZip(bytes)) return { ok: false, error: 'not a Word document (.docx): it is not a zip archive' };
  const body = await bodyBlocks(bytes);
  if (body === undefined) return { ok: false, error: 'not a Word document (.docx): the archive has no readable word/document.xml' };
  const comments = await docxComments(bytes);
  return { ok: true, text: wordText(body), ...(comments.length ? { comments } : {}) };
}

/** The body's paragraphs and tables from mammoth's document model (taken as mammoth hands it to `transformDocument`), or undefined when mammoth cannot read the bytes. */
async function bodyBlocks(data: Uint8Array): Promise<WordBlock[] | undefined> {
  let document: MammothElement | undefined;
  try {
    const { default: mammoth } = await import('mammoth');
    await mammoth.convertToHtml(
      { buffer: Buffer.from(data) },
      {
        transformDocument: (d: MammothElement) => {
          document = d;
          return d;
        },
      } as Parameters<typeof mammoth.convertToHtml>[1],
    );
  } catch {
    return undefined;
  }
  if (!document) return undefined;
  const blocks: WordBlock[] = [];
  const walk = (el: MammothElement) => {
    for (const child of el.children ?? []) {
      if (child.type === 'paragraph') blocks.push({ kind: 'paragraph', text: elementText(child) });
      else if (child.type === 'table') blocks.push({ kind: 'table', rows: tableRows(child) });
      else walk(child);
    }
  };
  walk(document);
  return blocks;
}

/** A table's rows of cell texts; a cell's paragraphs (and any table inside it) joined by spaces. */
function tableRows(table: MammothElement): string[][] {
  const rows: string[][] = [];
  const collect = (el: MammothElement) => {
    for (const child of el.children ?? []) {
      if (child.type === 'tableRow') rows.push((child.children ?? []).filter((c) => c.type === 'tableCell').map(cellText));
      else collect(child);
    }
  };
  collect(table);
  return rows;
}

function cellText(cell: MammothElement): string {
  const parts: string[] = [];
  const walk = (el: MammothElement) => {
    for (const child of el.children ?? []) {
      if (child.type === 'paragraph') parts.push(elementText(child).trim());
      else if (child.type === 'table') parts.push(...tableRows(child).map((r) => r.join(' ')));
      else walk(child);
    }
  };
  walk(cell);
  return parts.filter((p) => p !== '').join(' ');
}

/** mammoth's raw text of an element (its convertElementToRawText): text runs and tabs, nothing else. */
function elementText(el: MammothElement): string {
  if (el.type === 'text') return el.value ?? '';
  if (el.type === 'tab') return '\t';
  return (el.children ?? []).map(elementText).join('');
}
