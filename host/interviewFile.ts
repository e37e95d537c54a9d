/**
 * Reads an interview file for import as text: Word documents (.docx) through
 * mammoth's raw-text extraction (one paragraph a line), captions and plain text
 * as UTF-8. Every failure is a one-line reason, never an exception: a file that
 * is not a Word document, an empty file, bytes that are not UTF-8 text.
 */
import { promises as fs } from 'node:fs';

/** The text of an interview file, or why there is none. */
export type InterviewText = { ok: true; text: string } | { ok: false; error: string };

/** Reads `file` (by its extension: `.docx` is unpacked, the rest is UTF-8 text). */
export async function readInterviewFile(file: string): Promise<InterviewText> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (err) {
    return { ok: false, error: `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (bytes.length === 0) return { ok: false, error: 'the file is empty' };
  return /\.docx$/i.test(file) ? docxText(bytes) : utf8Text(bytes);
}

/** The raw text of a .docx, paragraphs on lines of their own. */
export async function docxText(bytes: Buffer): Promise<InterviewText> {
  // A .docx is a zip; anything else (an old .doc, a renamed file) is named as such
  // before mammoth is asked, so its message never reaches the user.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return { ok: false, error: 'not a Word document (.docx): it is not a zip archive' };
  try {
    // Loaded on first use, so the other CLI commands do not pay for it at start-up.
    const { default: mammoth } = await import('mammoth');
    const result = await mammoth.extractRawText({ buffer: bytes });
    // mammoth ends every paragraph with a blank line; a paragraph is a line here.
    const text = result.value.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n').replace(/^\n+/, '');
    return { ok: true, text };
  } catch {
    return { ok: false, error: 'not a Word document (.docx): the archive has no readable word/document.xml' };
  }
}

/** Bytes as UTF-8 text; a NUL byte or invalid UTF-8 means the file is not text. */
export function utf8Text(bytes: Buffer): InterviewText {
  if (bytes.includes(0)) return { ok: false, error: 'the file is binary, not text' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: 'the file is not UTF-8 text' };
  }
}
