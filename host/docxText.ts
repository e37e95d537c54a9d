/**
 * The plain text of a Word document, through mammoth (a maintained .docx
 * reader): one line per paragraph, as the QDA tools' own plain-text copies of a
 * document have it.
 */
import mammoth from 'mammoth';

/** The document's text, or undefined when the bytes are not a .docx mammoth can read. */
export async function docxText(data: Uint8Array): Promise<string | undefined> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(data) });
    // mammoth ends every paragraph with a blank line.
    return value.replace(/\r\n?/g, '\n').replace(/\n\n/g, '\n').replace(/\n+$/, '');
  } catch {
    return undefined;
  }
}
