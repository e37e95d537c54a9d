/**
 * The text of a Word document (.docx), through mammoth (a maintained .docx
 * reader), for both ways one comes in: a REFI-QDA project's `.docx` sources and
 * an interview imported with `axial import`. mammoth is loaded on first use, so
 * the other CLI commands do not pay for it at start-up.
 */
import { isZip, type FileText } from './fileBytes';

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
 * leading blank lines dropped (turns are found line by line); a one-line reason
 * when the file is not a Word document.
 */
export async function interviewDocxText(bytes: Buffer): Promise<FileText> {
  if (!isZip(bytes)) return { ok: false, error: 'not a Word document (.docx): it is not a zip archive' };
  const raw = await rawText(bytes);
  if (raw === undefined) return { ok: false, error: 'not a Word document (.docx): the archive has no readable word/document.xml' };
  return { ok: true, text: raw.replace(/\n{2,}/g, '\n').replace(/^\n+/, '') };
}
