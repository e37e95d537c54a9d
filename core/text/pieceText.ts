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

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    const k = this.pieceAt(index);
    return this.pieces[k].charCodeAt(index - this.starts[k]);
  }

  slice(start: number, end: number = this.length): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    if (from === to) return '';
    const k = this.pieceAt(from);
    const s = this.starts[k];
    if (to <= this.starts[k + 1]) return this.pieces[k].slice(from - s, to - s);
    const parts: string[] = [this.pieces[k].slice(from - s)];
    for (let i = k + 1; i < this.pieces.length && this.starts[i] < to; i++) {
      parts.push(to >= this.starts[i + 1] ? this.pieces[i] : this.pieces[i].slice(0, to - this.starts[i]));
    }
    return parts.join('');
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

  /** The text with [start, end) replaced by `insert` (offsets clamped); this one is unchanged. */
  edit(start: number, end: number, insert: string): PieceText {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    const out: string[] = [];
    for (let i = 0; i < this.pieces.length && this.starts[i] < from; i++) {
      const p = this.pieces[i];
      out.push(this.starts[i + 1] <= from ? p : p.slice(0, from - this.starts[i]));
    }
    if (insert.length > 0) out.push(insert);
    for (let i = to > 0 ? this.pieceAt(to - 1) : 0; i < this.pieces.length; i++) {
      if (this.starts[i + 1] <= to) continue;
      const p = this.pieces[i];
      out.push(this.starts[i] >= to ? p : p.slice(to - this.starts[i]));
    }
    // Without a \r before and none typed there is none after; with one, it may have been deleted.
    const cr = this.cr === false && insert.indexOf('\r') < 0 ? false : undefined;
    if (out.length > MAX_PIECES) return new PieceText([out.join('')], cr);
    return new PieceText(out, cr);
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
