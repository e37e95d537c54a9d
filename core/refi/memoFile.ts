/**
 * A memo file (`memos/*.md`, FORMAT.md section 4) as the export sees it: its
 * text and the codes and transcripts its front matter names, read by the one memo
 * reader (core/memos), and how it is written when the import would not write
 * it back so (memoLayout.ts). Never throws: a front matter that does not parse
 * names nothing and stays in the text.
 */
import { parseMemo } from '../memos/parse';
import { memoLayout } from './memoLayout';
import type { RefiMemo } from './types';

/** The memo file at project-relative `path` with content `text` (a BOM, if any, included). */
export function refiMemo(path: string, text: string): RefiMemo {
  const memo = parseMemo(text);
  const codes = memo.codes.map((r) => r.value);
  const transcripts = memo.transcripts.map((r) => r.value);
  const out: RefiMemo = { path, text: memo.body, codes, transcripts };
  const layout = memoLayout(text, memo.body, codes, transcripts);
  if (layout) out.layout = layout;
  return out;
}
