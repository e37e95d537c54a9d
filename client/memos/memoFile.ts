/**
 * The text and file name of a new memo (FORMAT.md section 4): front matter naming
 * its code and transcript, a title, and the selected passage as a quote. Plain
 * strings, no editor API, so unit tests read the result with Axial's memo reader.
 */
import { slugOf } from '../../core/text';

/** What a new memo is linked to, and what it starts with. */
export interface NewMemo {
  title: string;
  codes: string[];
  /** Project-relative transcript paths. */
  transcripts: string[];
  /** A selected passage, with where it stands (`transcripts/a.md:12`). */
  quote?: { text: string; where: string };
}

/** A file name for a title: lower case, words joined by `-`, at most 60 characters; `memo` when nothing is left. */
export function memoSlug(title: string): string {
  // Cut at 60 characters, a slug may end in a dash: a file name does not.
  const slug = slugOf(title).replace(/-+$/, '');
  return slug || 'memo';
}

/** A YAML flow-list item: plain when it is safe, else double-quoted. */
function item(value: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(value) ? value : JSON.stringify(value);
}

/** The memo's Markdown. */
export function memoText(memo: NewMemo): string {
  const lines = ['---'];
  if (memo.codes.length) lines.push(`codes: [${memo.codes.map(item).join(', ')}]`);
  if (memo.transcripts.length) lines.push(`transcripts: [${memo.transcripts.map(item).join(', ')}]`);
  lines.push('---', `# ${memo.title.replace(/\s+/g, ' ').trim()}`, '');
  if (memo.quote) {
    lines.push(...memo.quote.text.trim().split(/\r\n|\n|\r/).map((l) => `> ${l}`.trimEnd()), `>`, `> — ${memo.quote.where}`, '');
  }
  lines.push('');
  return lines.join('\n');
}
