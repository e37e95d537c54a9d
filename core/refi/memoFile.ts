/**
 * A memo file (`memos/*.md`, FORMAT.md section 4) as the export sees it: its
 * text and the codes and transcripts its front matter names, read by the one memo
 * reader (core/memos). Never throws: a front matter that does not parse names
 * nothing and stays in the text.
 */
import { parseMemo } from '../memos/parse';
import type { RefiMemo } from './types';

/** The memo file at project-relative `path` with content `text`. */
export function refiMemo(path: string, text: string): RefiMemo {
  const memo = parseMemo(text);
  return { path, text: memo.body, codes: memo.codes.map((r) => r.value), transcripts: memo.transcripts.map((r) => r.value) };
}
