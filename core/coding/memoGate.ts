/**
 * The gate's rule for memo files (memos/*.md): their text is the researcher's prose,
 * so an offered edit may change only what names codes. That is the front matter
 * (`codes:`, `transcripts:`), or, in the body, exactly the characters of one code
 * mention (`#id`, `` `id` ``, as core/memos/mentions.ts reads it in the memo as it
 * is now) replaced by a valid code id: what renaming or merging a code does.
 */
import { isValidId, normalizeId } from '../codebook/ids';
import type { TextEdit } from '../edits/types';
import type { MemoMention } from '../memos/mentions';
import type { MemoEntry } from '../project/types';
import { lowerBoundBy } from '../text/search';

/**
 * An id as written (before NFC), in the characters a tag's id is read with: so the
 * new id is read whole after a `#` as the old one was, up to the same character.
 */
const TAG_ID = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}_.-]*$/u;

/**
 * Whether `edits` (offsets into the memo's text) change only the memo's front
 * matter and whole mentions in its body, each into a valid code id that reads back
 * as that id in the same place.
 *
 * Why no second reading of the edited memo is needed: ids hold no `#`, backtick or
 * line break, so the inline code spans stay as they were, and the characters around
 * a mention are untouched. After a `#` the new id's characters are all ones a tag
 * takes in, so the tag still ends where it did, and is read as the new id unless
 * that ends in `.` or `-` (a tag's final `.` or `-` is punctuation: refused). The
 * character before any later `#` is an id character before and after, so no tag
 * appears or disappears; an inline code span holding an id still holds one. The
 * property test over generated memos (test/unit/memoMentionRename.test.ts) reads
 * the edited memos back to check this.
 */
export function memoEditsAllowed(entry: MemoEntry, edits: readonly TextEdit[]): boolean {
  const text = entry.lines.text;
  const { frontMatter, mentions } = entry.memo;
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let at = 0;
  for (const e of sorted) {
    const { start, end } = e.range ?? {};
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end < start || end > text.length || typeof e.newText !== 'string') return false;
    at = end;
    if (frontMatter && start >= frontMatter.start && end <= frontMatter.end) continue;
    // Mentions are in text order and never overlap: the one starting here, if any.
    const mention: MemoMention | undefined = mentions[lowerBoundBy(mentions, start, (m) => m.range.start)];
    // `start < at` above refuses a second edit of the same mention (mentions are never empty).
    if (mention?.range.start !== start || mention.range.end !== end || !TAG_ID.test(e.newText) || !isValidId(normalizeId(e.newText))) return false;
    if (text[start - 1] === '#' && /[.-]$/.test(e.newText)) return false;
  }
  return true;
}
