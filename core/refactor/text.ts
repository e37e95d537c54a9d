/**
 * Small text helpers for computing minimal edits: line ends, line bounds and
 * indentation, and YAML scalars and ids. Everything counts UTF-16 offsets. The
 * edit types and `applyEdits` are in core/edits/.
 */
import type { OffsetRange } from '../text/lineIndex';

// Lines break at `\r\n`, `\n` and a lone `\r`, as LSP and core/text/lineIndex.ts count them.

/** The line end a file uses: that of its first line break (CRLF, LF or a lone CR), LF when it has none. */
export function eolOf(text: string): '\n' | '\r\n' | '\r' {
  const i = firstBreak(text, 0);
  if (i < 0 || text.charCodeAt(i) === 10) return '\n';
  return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
}

/** Offset of the first `\n` or `\r` at or after `from`, or -1. */
function firstBreak(text: string, from: number): number {
  const n = text.indexOf('\n', from);
  const r = text.indexOf('\r', from);
  return n < 0 ? r : r < 0 ? n : Math.min(n, r);
}

/** Offset of the start of the line holding `offset`. */
export function lineStartAt(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    // The \r of a \r\n is no break of its own: the \n just after it is.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) return i + 1;
  }
  return 0;
}

/** Offset of the end of the content of the line holding `offset` (before its `\r\n`, `\n` or `\r`). */
export function lineContentEndAt(text: string, offset: number): number {
  const i = firstBreak(text, offset);
  return i < 0 ? text.length : Math.max(i, offset);
}

/** Offset of the start of the next line after the one holding `offset` (the text's length on the last line). */
export function nextLineStartAt(text: string, offset: number): number {
  const i = firstBreak(text, offset);
  if (i < 0) return text.length;
  return text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
}

/** Number of spaces and tabs at the start of the line starting at `lineStart`. */
export function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - lineStart;
}

/** True when the line starting at `lineStart` holds only spaces and tabs. */
export function isBlankLine(text: string, lineStart: number): boolean {
  const end = lineContentEndAt(text, lineStart);
  return indentAt(text, lineStart) >= end - lineStart;
}

/**
 * The end of a YAML block that starts on the line of `from` and whose key is at
 * column `column`: the content end of the last non-blank line after it that is
 * indented deeper than `column` (continuation lines, nested fields, comments),
 * or the content end of the first line when none is. Blank lines at the end are
 * not part of the block, so the gap before the next entry is kept.
 */
export function blockEnd(text: string, from: number, column: number): number {
  let end = lineContentEndAt(text, from);
  let line = nextLineStartAt(text, from);
  while (line < text.length) {
    if (!isBlankLine(text, line)) {
      if (indentAt(text, line) <= column) break;
      end = lineContentEndAt(text, line);
    }
    const next = nextLineStartAt(text, line);
    if (next === line) break;
    line = next;
  }
  return end;
}

/** The offset just after the line break that ends the line whose content ends at `contentEnd` (or the text's end). */
export function afterLineBreak(text: string, contentEnd: number): number {
  if (text.charCodeAt(contentEnd) === 13 && text.charCodeAt(contentEnd + 1) === 10) return contentEnd + 2;
  if (text.charCodeAt(contentEnd) === 10 || text.charCodeAt(contentEnd) === 13) return contentEnd + 1;
  return contentEnd;
}

/**
 * Where a YAML scalar's text sits inside its range: the inside of the quotes for
 * a quoted scalar, the whole range for a plain one. Replacing this range keeps
 * the value's quoting style.
 */
export function scalarInner(text: string, range: OffsetRange): OffsetRange {
  const first = text.charCodeAt(range.start);
  const last = text.charCodeAt(range.end - 1);
  if (range.end - range.start >= 2 && (first === 34 || first === 39) && last === first) {
    return { start: range.start + 1, end: range.end - 1 };
  }
  return range;
}

/** Whether the scalar at `range` is written in quotes. */
export function isQuoted(text: string, range: OffsetRange): boolean {
  const inner = scalarInner(text, range);
  return inner.start !== range.start;
}

/**
 * An id written as a YAML value. Ids are plain-safe (a letter or digit, then
 * letters, digits, `_`, `.`, `-`); only the words YAML reads as null lose their
 * text when plain, so those are quoted.
 */
export function yamlId(id: string): string {
  return /^(?:null|Null|NULL)$/.test(id) ? `"${id}"` : id;
}
