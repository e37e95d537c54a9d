/**
 * The gate's rule for memo files (memos/*.md): their text is the researcher's prose,
 * so an offered edit may change only what names codes. That is the front matter
 * (`codes:`, `transcripts:`), or, in the body, exactly the characters of one code
 * mention (`#id`, `` `id` ``, as core/memos/mentions.ts reads it in the memo as it
 * is now) replaced by a valid code id: what renaming or merging a code does.
 */
import { isValidId, normalizeId } from '../codebook/ids';
import { applyEdits } from '../edits/apply';
import type { TextEdit } from '../edits/types';
import { parseMemo } from '../memos/parse';
import type { MemoMention } from '../memos/mentions';
import type { MemoEntry } from '../project/types';

/**
 * Whether `edits` (offsets into the memo's text) change only the memo's front
 * matter and whole mentions in its body, each mention into a valid code id; and,
 * when the body changes, whether the edited memo reads back with the same
 * mentions in the same places (the renamed ones with their new ids), so no
 * mention appears, disappears or runs into the text around it.
 */
export function memoEditsAllowed(entry: MemoEntry, edits: readonly TextEdit[]): boolean {
  const text = entry.lines.text;
  const { frontMatter, mentions } = entry.memo;
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  const byStart = new Map<number, MemoMention>();
  for (const m of mentions) byStart.set(m.range.start, m);
  /** The renamed mentions' new text, by their start in the old text. */
  const renamed = new Map<number, string>();
  let at = 0;
  for (const e of sorted) {
    const { start, end } = e.range ?? {};
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end < start || end > text.length || typeof e.newText !== 'string') return false;
    at = end;
    if (frontMatter && start >= frontMatter.start && end <= frontMatter.end) continue;
    const mention = byStart.get(start);
    if (!mention || mention.range.end !== end || renamed.has(start)) return false;
    if (!isValidId(normalizeId(e.newText))) return false;
    renamed.set(start, e.newText);
  }
  if (renamed.size === 0) return true;
  let after: MemoMention[];
  try {
    after = parseMemo(applyEdits(text, sorted)).mentions;
  } catch {
    return false;
  }
  return sameMentions(expectedMentions(mentions, sorted, renamed), after);
}

/** The old mentions moved by the edits before them, renamed ones with their new ids and lengths. */
function expectedMentions(mentions: readonly MemoMention[], sorted: readonly TextEdit[], renamed: ReadonlyMap<number, string>): MemoMention[] {
  const out: MemoMention[] = [];
  let shift = 0;
  let k = 0;
  for (const m of mentions) {
    // Mentions are never empty, so an edit of this mention itself does not end before it.
    while (k < sorted.length && sorted[k].range.end <= m.range.start) {
      shift += sorted[k].newText.length - (sorted[k].range.end - sorted[k].range.start);
      k++;
    }
    const written = renamed.get(m.range.start);
    const start = m.range.start + shift;
    out.push(written === undefined ? { value: m.value, range: { start, end: m.range.end + shift } } : { value: normalizeId(written), range: { start, end: start + written.length } });
  }
  return out;
}

function sameMentions(a: readonly MemoMention[], b: readonly MemoMention[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].value !== b[i].value || a[i].range.start !== b[i].range.start || a[i].range.end !== b[i].range.end) return false;
  }
  return true;
}
