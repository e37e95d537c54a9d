/**
 * Converts between UTF-16 offsets (JavaScript string indices, which are also what
 * LSP positions count) and zero-based line/character positions.
 *
 * Lines break where LSP (and vscode-languageserver-textdocument) break them: at
 * `\r\n`, `\n` and a lone `\r`. Any other rule puts positions on the wrong line in
 * the client, and an edit meant for coding markup would land in spoken text.
 */
import type { TextReader } from './pieceText';
import { findLastAtOrBefore } from './search';

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
  /** Offset at which each line starts: 0 and the offset after every `\r\n`, `\n` and lone `\r`. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lineStarts = lineStartsOf(text);
  }

  /**
   * A line index of `text` from its line starts, found elsewhere (the re-parse splices
   * them), reading `text` through `reader` (pieceText.ts), so that converting positions
   * does not make V8 copy a text that is a rope into one string.
   */
  static of(text: string, lineStarts: number[], reader: TextReader = text): LineIndex {
    const lines = new LineIndex('');
    (lines as { text: string }).text = text;
    (lines as { lineStarts: number[] }).lineStarts = lineStarts;
    if (reader !== text) readers.set(lines, reader);
    return lines;
  }

  /** Reads the text's characters (see `of`). */
  private charCodeAt(i: number): number {
    const reader = readers.get(this);
    return reader ? reader.charCodeAt(i) : this.text.charCodeAt(i);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of a UTF-16 offset; offsets past the end clamp to the end. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    // lineStarts[0] is 0 and o ≥ 0, so some line starts at or before o.
    const lo = findLastAtOrBefore(this.lineStarts, o);
    const start = this.lineStarts[lo];
    // Between the \r and \n of a CRLF: the position before the break, as TextDocument gives.
    const at = o > start && this.charCodeAt(o - 1) === CR ? o - 1 : o;
    return { line: lo, character: at - start };
  }

  /** The UTF-16 offset of a position; positions past a line's end clamp to its end. */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + pos.character, end));
  }

  /** Offset of the end of a line's content, before its `\r\n`, `\n` or `\r`. */
  lineEnd(line: number): number {
    const start = this.lineStarts[line];
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    const next = this.lineStarts[line + 1];
    return next - 2 >= start && this.charCodeAt(next - 2) === CR && this.charCodeAt(next - 1) === LF ? next - 2 : next - 1;
  }

  /** The LSP range of an offset range. */
  range(r: OffsetRange): Range {
    return { start: this.positionAt(r.start), end: this.positionAt(r.end) };
  }
}

const LF = 10;
const CR = 13;

/**
 * How to read a transcript's text a few characters at a time: through the editor's
 * pieces when the re-parse had them (LineIndex.of), else the text itself. Features
 * that read a little of a transcript's text (a quick fix, an outline entry) read it
 * so, and do not make V8 copy a whole text that is a rope into one string.
 */
export function textReaderOf(t: { text: string; lines?: LineIndex }): TextReader {
  const reader = t.lines ? readers.get(t.lines) : undefined;
  return reader && t.lines!.text === t.text ? reader : t.text;
}

/** Line indexes that read their text through another reader (LineIndex.of); kept aside so they compare as plain ones. */
const readers = new WeakMap<LineIndex, TextReader>();

/**
 * The line starts of `text`: 0, then the offset after each line break (`\r\n`,
 * `\n`, lone `\r`). Found with indexOf, so a text without `\r` costs one extra scan.
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (nl !== -1 || cr !== -1) {
    if (cr !== -1 && (nl === -1 || cr < nl)) {
      // A \r: with its \n it is one break (the \n is handled next); alone it is a break.
      if (cr + 1 !== nl) starts.push(cr + 1);
      cr = text.indexOf('\r', cr + 1);
    } else {
      starts.push(nl + 1);
      nl = text.indexOf('\n', nl + 1);
    }
  }
  return starts;
}

/** True when a line starts at `offset` of `text` (0, or just after a line break). */
export function isLineStart(text: TextReader, offset: number): boolean {
  if (offset <= 0) return offset === 0;
  if (offset > text.length) return false;
  const c = text.charCodeAt(offset - 1);
  return c === LF || (c === CR && text.charCodeAt(offset) !== LF);
}

/** True when text[i] ends a line: a `\n`, or a `\r` not followed by `\n`. */
export function isLineBreakEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === LF || (c === CR && text.charCodeAt(i + 1) !== LF);
}

/**
 * `src` with each lone `\r` replaced by `\n`: same length, so offsets stay right.
 * YAML breaks lines at a lone `\r` as LSP does, the yaml package only at `\n` and `\r\n`.
 */
export function lfForLoneCr(src: string): string {
  return src.indexOf('\r') < 0 ? src : src.replace(/\r(?!\n)/g, '\n');
}
