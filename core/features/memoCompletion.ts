/**
 * Where code completion applies in a memo's text: where the id typed so far would be
 * read as a code mention (core/memos/mentions.ts), after a `#` or inside a pair of
 * backticks. The proposals are the codebook's, as after `#` in a transcript.
 */
import { inlineCodeSpans, tagMayStartAt } from '../memos/mentions';
import type { OffsetRange } from '../text/lineIndex';

/** Characters of an id as typed (combining marks too: mentions take them in). */
const ID_CHAR = /[\p{L}\p{N}\p{M}_.-]/u;
/** An id starts with a letter or a digit. */
const ID_START = /[\p{L}\p{N}]/u;

/**
 * The id typed so far at `offset` of a memo's text, when it stands where a mention
 * is read: after a `#` that starts a tag, or after the opening backtick of an inline
 * code span (closed on the line by a backtick after the id, or not closed yet).
 * `bodyStart` is where the memo's text starts (after its front matter). Undefined
 * elsewhere, and after a lone `#` opening a line, which starts a Markdown heading.
 */
export function memoCompletionRange(text: string, bodyStart: number, offset: number): OffsetRange | undefined {
  if (offset <= bodyStart || offset > text.length) return undefined;
  let start = offset;
  while (start > bodyStart && ID_CHAR.test(text[start - 1])) start--;
  if (start <= bodyStart || (start < offset && !ID_START.test(text[start]))) return undefined;
  const range = { start, end: offset };
  const sigil = start - 1;
  if (text[sigil] === '#') {
    if (!tagMayStartAt(text, sigil)) return undefined;
    // `#` and nothing yet at the start of a line (up to three spaces in) is how a heading begins.
    const lineStart = lineStartOf(text, sigil);
    if (start === offset && /^ {0,3}$/.test(text.slice(lineStart, sigil))) return undefined;
    return range;
  }
  if (text[sigil] === '`') return inCodeSpan(text, sigil, offset) ? range : undefined;
  return undefined;
}

/**
 * Whether the backtick at `open` opens an inline code span holding an id that the
 * cursor at `offset` is typing: the spans of the line are read as the mentions read
 * them, with a stand-in for the id so an empty pair `` ` ` `` counts.
 */
function inCodeSpan(text: string, open: number, offset: number): boolean {
  const lineStart = lineStartOf(text, open);
  let lineEnd = offset;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const line = text.slice(lineStart, offset) + 'x' + text.slice(offset, lineEnd);
  const at = open - lineStart;
  const cursor = offset - lineStart;
  const spans = inlineCodeSpans(line);
  const own = spans.find((s) => s.open === at);
  if (own) {
    // What follows the cursor up to the closing backtick is the rest of the id.
    for (let i = cursor + 1; i < own.close; i++) if (!ID_CHAR.test(line[i])) return false;
    return true;
  }
  // Not closed yet: the backtick is no other span's, and none follows on the line.
  if (line[at - 1] === '`' || line[at + 1] === '`') return false;
  if (spans.some((s) => s.open <= at && at <= s.close)) return false;
  return !line.includes('`', cursor + 1);
}

function lineStartOf(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
