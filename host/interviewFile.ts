/**
 * Reads an interview file for import as text: Word documents (.docx) through
 * host/docxText.ts (one paragraph a line), captions and plain text as UTF-8.
 * Every failure is a one-line reason, never an exception: a file that is not a
 * Word document, an empty file, bytes that are not UTF-8 text.
 */
import type { WordComment } from '../core/importing';
import { interviewDocxText } from './docxText';
import { readNonEmptyFile, utf8Text, type FileText } from './fileBytes';

/** The text of an interview file (and a Word document's comments), or why there is none. */
export type InterviewText = FileText & { comments?: WordComment[] };

/** Reads `file` (by its extension: `.docx` is unpacked, the rest is UTF-8 text). */
export async function readInterviewFile(file: string): Promise<InterviewText> {
  const read = await readNonEmptyFile(file);
  if (!read.ok) return read;
  return /\.docx$/i.test(file) ? interviewDocxText(read.bytes) : utf8Text(read.bytes);
}
