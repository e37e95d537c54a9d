/**
 * Code mentions in a memo's Markdown body (FORMAT.md section 4): a tag `#id`, as in
 * a transcript's blocks, or an inline code span holding only an id, `` `id` ``, as
 * memos usually name codes in prose. These are candidates: whether one names a code
 * depends on the codebook, so the features keep only those whose id is a code.
 */
import { isValidId, normalizeId } from '../codebook/ids';
import type { OffsetRange } from '../text/lineIndex';

/** A candidate mention: the id (normalised as codebook ids are) and the range of its characters as written (without `#` or backticks). */
export interface MemoMention {
  value: string;
  range: OffsetRange;
}

/**
 * `#id` not glued to a word, a URL path or another `#` (so `page#part`, `a/#b` and
 * `##` headings stay prose). `{#id @CA}` copied from a transcript counts. Combining
 * marks are taken in: an id typed with a decomposed accent is the same id after NFC.
 */
const TAG = /(?<![\p{L}\p{N}\p{M}_&/#.\-])#([\p{L}\p{N}][\p{L}\p{N}\p{M}_.-]*)/gu;
/** A `#` that may start a tag: TAG's start alone (sticky, tried at one offset). */
const TAG_START = /(?<![\p{L}\p{N}\p{M}_&/#.\-])#/uy;
/** An inline code span of one backtick on each side, on one line. */
const INLINE_CODE = /(?<!`)`([^`\r\n]+)`(?!`)/g;

/** The inline code spans of `text` as the mentions read them: the offsets of each one's opening and closing backtick. */
export function inlineCodeSpans(text: string): { open: number; close: number }[] {
  return [...text.matchAll(INLINE_CODE)].map((m) => ({ open: m.index!, close: m.index! + m[0].length - 1 }));
}

/** Whether the `#` at `at` of `text` starts a tag when an id follows it (not glued to a word, a path or another `#`). */
export function tagMayStartAt(text: string, at: number): boolean {
  TAG_START.lastIndex = at;
  return TAG_START.test(text);
}

/** The candidate mentions in `text` from offset `from` on, in text order. */
export function scanMentions(text: string, from: number): MemoMention[] {
  const body = text.slice(from);
  const out: MemoMention[] = [];
  for (const m of body.matchAll(TAG)) {
    // A sentence may end right after a tag: "… as #trust." names `trust`.
    const raw = m[1].replace(/[.-]+$/, '');
    const start = from + m.index! + 1;
    out.push({ value: normalizeId(raw), range: { start, end: start + raw.length } });
  }
  for (const m of body.matchAll(INLINE_CODE)) {
    const raw = m[1].trim();
    if (!isValidId(normalizeId(raw))) continue;
    const start = from + m.index! + 1 + m[1].indexOf(raw);
    out.push({ value: normalizeId(raw), range: { start, end: start + raw.length } });
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}
