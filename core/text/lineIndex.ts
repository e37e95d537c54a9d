/**
 * Converts between UTF-16 offsets (JavaScript string indices, which are also what
 * LSP positions count) and zero-based line/character positions.
 */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range of UTF-16 offsets into one text: [start, end). */
export interface OffsetRange {
  start: number;
  end: number;
}

/** A zero-based line/character range in UTF-16 code units, as LSP counts them. */
export interface Range {
  start: Position;
  end: Position;
}

/** Line starts of a text, computed once; lookups are binary searches. */
export class LineIndex {
  /** Offset at which each line starts; a line ends at its \n (a \r before it stays in the line). */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of a UTF-16 offset; offsets past the end clamp to the end. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  /** The UTF-16 offset of a position; positions past a line's end clamp to its end. */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + pos.character, end));
  }

  /** Offset of the end of a line's content, before its \r\n or \n. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return next > this.lineStarts[line] && this.text.charCodeAt(next - 1) === 13 && next < this.text.length ? next - 1 : next;
  }

  range(r: OffsetRange): Range {
    return { start: this.positionAt(r.start), end: this.positionAt(r.end) };
  }
}
