/**
 * Word comments as an Axial memo file. A comment is a note on a passage, like a
 * memo, but a span's memo needs a code (FORMAT.md: a block with no code is an
 * error), and a comment has none; so the comments of a document go into one
 * memo file, `memos/<name>-comments.md`, linked to the transcript by its front
 * matter, each with the passage it is on quoted above it and its author. The
 * transcript's words stay as the document has them (the REFI-QDA import keeps
 * notes on selections with no coding the same way).
 */
import { stringify } from 'yaml';

/** A comment as read from the document: its author, its text, and the passage it is on (when the document marks one). */
export interface WordComment {
  author?: string;
  text: string;
  quote?: string;
}

/** The memo file's text: front matter naming the transcript, a heading, then each comment under its quote. */
export function commentsMemo(comments: WordComment[], transcript: string, source: string): string {
  const front = stringify({ transcripts: [transcript] }, { lineWidth: 0 }).trimEnd();
  const parts = comments.map((c) => {
    const quote = c.quote?.trim() ? `${c.quote.trim().split('\n').map((l) => `> ${l}`.trimEnd()).join('\n')}\n\n` : '';
    const who = c.author?.trim() ? `${c.author.trim()}: ` : '';
    return `${quote}${who}${c.text.trim()}`;
  });
  return `---\n${front}\n---\n\n# Comments in ${source}\n\n${parts.join('\n\n')}\n`;
}
