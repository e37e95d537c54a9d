/**
 * A text kept as the pieces an editor's changes left, read without joining them.
 *
 * An editor's document changes by a keystroke at a time. Made the usual way, as
 * `before.slice(0, s) + typed + before.slice(e)`, each version is a rope that V8
 * copies into one flat string the first time anything reads a character of it: for
 * a 2.6 MB transcript that is a fresh 5 MB allocation (and its page faults), about
 * 3 ms, on every keystroke, and every copy lives until the next keystroke, so old
 * space grows by 5 MB a keystroke until a full collection. Here a version is a list
 * of flat pieces (slices of earlier flat strings, which V8 does not copy, and the
 * typed text): characters and short slices are read from the pieces, and `text`,
 * their concatenation, is only copied flat if some feature reads it as a string.
 * Past MAX_PIECES pieces they are joined once (one copy every few dozen keystrokes).
 * The re-parse keeps each transcript's stripped text the same way (reparse.ts).
 */

/** What reading a text needs: a string is one, and so is a PieceText. */
export interface TextReader {
  readonly length: number;
  charCodeAt(index: number): number;
  /** As String.prototype.slice, for 0 ≤ start ≤ end. */
  slice(start: number, end?: number): string;
}

/** Pieces kept before they are joined into one; a keystroke adds at most two. */
const MAX_PIECES = 64;

export class PieceText implements TextReader {
  /** The pieces concatenated: the text as a string (a rope until someone reads it). */
  readonly text: string;
  readonly length: number;
  /** starts[i]: where pieces[i] starts; starts[pieces.length] is the length. */
  private readonly starts: number[];
  /** The piece the last read found: reads come in runs over nearby offsets. */
  private at = 0;
  /** Whether the text holds a `\r` (undefined: not known yet). */
  private cr: boolean | undefined;

  private constructor(
    private readonly pieces: readonly string[],
    cr?: boolean,
  ) {
    const starts = new Array<number>(pieces.length + 1);
    let text = '';
    let n = 0;
    for (let i = 0; i < pieces.length; i++) {
      starts[i] = n;
      n += pieces[i].length;
      text += pieces[i];
    }
    starts[pieces.length] = n;
    this.starts = starts;
    this.text = text;
    this.length = n;
    this.cr = cr;
  }

  /** A text of one piece: `text` itself, which should be flat (as a file read or a message parsed is). */
  static of(text: string): PieceText {
    return new PieceText(text.length > 0 ? [text] : []);
  }

  /** How many pieces the text is in (for tests). */
  get pieceCount(): number {
    return this.pieces.length;
  }

  /** As String.prototype.charCodeAt. */
  charCodeAt(index: number): number {
    const i = Math.trunc(index) || 0;
    if (!(i >= 0 && i < this.length)) return NaN;
    const k = this.pieceAt(i);
    return this.pieces[k].charCodeAt(i - this.starts[k]);
  }

  /** As String.prototype.slice. */
  slice(start: number, end?: number): string {
    const n = this.length;
    const s = Math.trunc(start) || 0;
    const e = end === undefined ? n : Math.trunc(end) || 0;
    const from = s < 0 ? Math.max(n + s, 0) : Math.min(s, n);
    const to = e < 0 ? Math.max(n + e, 0) : Math.min(e, n);
    return from < to ? this.piecesIn(from, to).join('') : '';
  }

  /**
   * [from, to) as a concatenation of slices of the pieces (0 ≤ from ≤ to ≤ length):
   * nothing is copied until the result is read, and V8 can slice within one piece of
   * it without copying the rest. For a long stretch read in parts (slice joins).
   */
  rope(from: number, to: number): string {
    let text = '';
    for (const p of this.piecesIn(from, to)) text += p;
    return text;
  }

  /** As String.prototype.substring. */
  substring(start: number, end?: number): string {
    const a = this.clamp(start);
    const b = end === undefined ? this.length : this.clamp(end);
    return this.slice(Math.min(a, b), Math.max(a, b));
  }

  /** True when the text holds a `\r` (read once, then carried through edits when it can be). */
  hasCR(): boolean {
    if (this.cr === undefined) {
      this.cr = false;
      for (const p of this.pieces) {
        if (p.indexOf('\r') >= 0) {
          this.cr = true;
          break;
        }
      }
    }
    return this.cr;
  }

  /**
   * `substring(0, start) + insert + substring(end)`, as an editor's document makes its
   * next version (offsets clamped as substring clamps them); this one is unchanged.
   */
  edit(start: number, end: number, insert: string): PieceText {
    // substring(0, undefined) runs to the end (a document's offset past its lines can be undefined).
    const from = start === undefined ? this.length : this.clamp(start);
    const to = this.clamp(end);
    const out = this.piecesIn(0, from);
    if (insert.length > 0) out.push(insert);
    for (const p of this.piecesIn(to, this.length)) out.push(p);
    // Without a \r before and none typed there is none after; with one, it may have been deleted.
    const cr = this.cr === false && insert.indexOf('\r') < 0 ? false : undefined;
    if (out.length > MAX_PIECES) return new PieceText([out.join('')], cr);
    return new PieceText(out, cr);
  }

  /** An offset as substring reads it: an integer in [0, length] (NaN is 0). */
  private clamp(x: number): number {
    return Math.max(0, Math.min(Math.trunc(x) || 0, this.length));
  }

  /** The pieces covering [from, to) (0 ≤ from ≤ to ≤ length), the outer ones cut: slices, never copies. */
  private piecesIn(from: number, to: number): string[] {
    const out: string[] = [];
    if (from >= to) return out;
    for (let i = this.pieceAt(from); i < this.pieces.length && this.starts[i] < to; i++) {
      const p = this.pieces[i];
      const s = this.starts[i];
      out.push(s >= from && this.starts[i + 1] <= to ? p : p.slice(Math.max(from, s) - s, Math.min(to, this.starts[i + 1]) - s));
    }
    return out;
  }

  /** The index of the piece holding offset `index` (0 ≤ index < length). */
  private pieceAt(index: number): number {
    const starts = this.starts;
    const k = this.at;
    if (k < this.pieces.length && starts[k] <= index && index < starts[k + 1]) return k;
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    this.at = lo;
    return lo;
  }
}
