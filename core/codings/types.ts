/**
 * Codings as FORMAT.md section 6 defines them: what a transcript's markup means,
 * independent of how it is written. Diff, merge, agreement and REFI-QDA all work
 * on these, never on raw lines.
 *
 * Offsets are UTF-16 offsets into the transcript's stripped text (the body as
 * spoken, front matter excluded), end exclusive. A span's range is where its
 * opener and closer stand in the stripped text (not trimmed), so rendering a
 * coding back puts the markup exactly where it was.
 */

/** One code applied by one coder to one stripped range. */
export interface Coding {
  start: number;
  end: number;
  /** The block's coder (`@XX`), else the front matter's `coder`, else '' (unknown). */
  coder: string;
  code: string;
}

/** One memo written by one coder on one stripped range. */
export interface MemoCoding {
  start: number;
  end: number;
  coder: string;
  memo: string;
}

/** Everything a transcript's markup says, in stripped-text terms. */
export interface TranscriptCodings {
  /** The stripped text the offsets point into. */
  stripped: string;
  codings: Coding[];
  memos: MemoCoding[];
}
