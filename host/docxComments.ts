/**
 * The comments of a Word document (.docx), read from its XML: each comment's
 * author and text (word/comments.xml) and the passage it is on, the text
 * between its `commentRangeStart` and `commentRangeEnd` in word/document.xml
 * (mammoth reads comment references but not these ranges). Deleted text and
 * field codes are not text (they are other elements than `w:t`). Never throws:
 * a document whose comments cannot be read has none.
 */
import { type WordComment } from '../core/importing';
import { parseXml, type XmlElement } from '../core/refi';
import { readZip } from './readZip';

/** The comments in `bytes` (a .docx), in the order of comments.xml. */
export async function docxComments(bytes: Uint8Array): Promise<WordComment[]> {
  let entries: Map<string, Uint8Array>;
  try {
    entries = await readZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 256 * 1024 * 1024);
  } catch {
    return [];
  }
  const commentsXml = entries.get('word/comments.xml');
  if (!commentsXml) return [];
  const comments = parseXml(new TextDecoder().decode(commentsXml));
  if (!comments.ok) return [];
  const documentXml = entries.get('word/document.xml');
  const parsedDocument = documentXml ? parseXml(new TextDecoder().decode(documentXml)) : undefined;
  const quotes = parsedDocument?.ok ? commentedPassages(parsedDocument.root) : new Map<string, string>();
  return comments.root.children
    .filter((c) => c.name === 'comment')
    .map((c) => {
      const comment: WordComment = { text: paragraphsText(c) };
      if (c.attrs.author) comment.author = c.attrs.author;
      const quote = quotes.get(c.attrs.id ?? '');
      if (quote !== undefined) comment.quote = quote;
      return comment;
    })
    .filter((c) => c.text.trim() !== '' || c.quote !== undefined);
}

/** An element's text: `w:t` runs, tabs, and a line break between paragraphs. */
function paragraphsText(el: XmlElement): string {
  const paragraphs: string[] = [];
  let current = '';
  const walk = (e: XmlElement) => {
    for (const child of e.children) {
      if (child.name === 't') current += child.text;
      else if (child.name === 'tab') current += '\t';
      else if (child.name === 'p') {
        walk(child);
        paragraphs.push(current);
        current = '';
      } else walk(child);
    }
  };
  walk(el);
  if (current !== '') paragraphs.push(current);
  return paragraphs.join('\n').trim();
}

/** Each comment's passage by comment id: the text between its range start and end, paragraphs on lines of their own. */
function commentedPassages(root: XmlElement): Map<string, string> {
  const open = new Map<string, string>();
  const done = new Map<string, string>();
  const add = (s: string) => {
    for (const [id, text] of open) open.set(id, text + s);
  };
  const walk = (e: XmlElement) => {
    for (const child of e.children) {
      if (child.name === 'commentRangeStart') open.set(child.attrs.id ?? '', '');
      else if (child.name === 'commentRangeEnd') {
        const id = child.attrs.id ?? '';
        if (open.has(id)) done.set(id, open.get(id)!.trim());
        open.delete(id);
      } else if (child.name === 't') add(child.text);
      else if (child.name === 'tab') add('\t');
      else if (child.name === 'p') {
        walk(child);
        if (open.size) add('\n');
      } else if (child.name === 'tc') {
        walk(child);
        if (open.size) add(' ');
      } else walk(child);
    }
  };
  walk(root);
  return done;
}
